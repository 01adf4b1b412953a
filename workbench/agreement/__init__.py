"""Inter-annotator agreement: span matching, F-scores, Cohen's kappa, Krippendorff's alpha.

Pure Python over the project file (read only); no Qt. The README's "Team work" section
defines every measure.
"""
