"""The ``workbench`` command line: a thin layer over the operations layer."""
