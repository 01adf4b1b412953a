"""The workbench test suite (a package, so ``tests.support`` wins over the stray
``tests`` package that argos-translate-lt installs into site-packages)."""
