"""Offline machine translation with Argos Translate model packages.

``packages`` finds, validates, installs and removes packages in the standard Argos folder;
``index`` lists and downloads them when a network is there; ``scripts`` decides which
model reads which part of a sentence; ``translator`` runs a package's CTranslate2 model
and tokenizer directly, batched by length. The job that translates a project is
:class:`workbench.ops.translating.TranslateJob`. Nothing here imports a heavy library at
module level, so ``workbench --help`` stays fast.
"""
