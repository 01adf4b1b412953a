"""Entities and search: the knowledge-base link dialog, the Entities and Search panels, annotate all."""
