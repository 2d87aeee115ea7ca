"""Exporters: each writes a KnowledgeGraph to one format (`name`, `suffixes`, `write`)."""
