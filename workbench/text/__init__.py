"""Text handling: canonical decoding, sentence segmentation, language and direction."""
