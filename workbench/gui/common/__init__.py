"""What every family of the window shares: the application and its fonts, plain-text dialogs, worker threads, the status line."""
