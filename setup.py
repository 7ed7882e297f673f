"""The code's packages are found by setuptools; the top-level ontology/ and shapes/ folders are
shipped as two data packages (found through importlib.resources wherever the wheel is installed)."""
from setuptools import find_packages, setup

DATA_PACKAGES = {"plangraph_ontology": "ontology", "plangraph_shapes": "shapes"}

setup(packages=find_packages(include=["builder", "builder.*", "webapp", "webapp.*"]) + list(DATA_PACKAGES),
      package_dir=DATA_PACKAGES)
