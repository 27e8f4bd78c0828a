"""The layout lint: the designer's rules checked on every composed page
(``page.lint_page``) and on the brochure's spreads (``spread``), one module per rule
family (``contrast``, ``ink``, ``clreq``, ``type_scale``, ``space``) sharing ``kit``."""
