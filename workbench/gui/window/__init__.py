"""The main window that composes the families: its menus, jobs, settings, document list, backups and the watch on other programs' changes."""
