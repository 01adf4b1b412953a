"""Domain values: documents, sentences, mentions, events and the label schema."""
