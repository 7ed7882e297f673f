"""Plangraph builder: turns inspection action plans into an RDF knowledge graph."""

__version__ = "0.1.0"
