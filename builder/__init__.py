"""Plangraph builder: turns inspection action plans into an RDF knowledge graph."""
