"""The SHACL shapes, shipped as package data (see builder/resources.py)."""
