"""Team work: merging project files, agreement, curation."""
