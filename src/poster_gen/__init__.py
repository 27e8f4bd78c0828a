"""poster-gen: print-ready bilingual posters and a brochure from YAML."""

__version__ = "0.1.0"
