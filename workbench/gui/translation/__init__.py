"""Translation: the translation pane, the models dialogs and the download dialog."""
