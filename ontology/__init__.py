"""The ontology and reference data, shipped as package data (see builder/resources.py)."""
