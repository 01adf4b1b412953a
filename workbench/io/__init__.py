"""Reading and writing documents in JSONL formats (ours, doccano, spaCy/Prodigy)."""
