"""The operations layer: the only code that changes a project. CLI and GUI both call it."""
