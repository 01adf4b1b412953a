"""Annotating: the tagger (keys, selections, mentions, events), its undo commands, the label palette and the schema editor."""
