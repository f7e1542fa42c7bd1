"""checks: a linter and provenance checker for a corpus of seed documents."""

__version__ = "0.1.0"
