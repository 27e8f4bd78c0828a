"""The translation round trip: Japanese and Korean from a translation agency, in and out
of the data files as XLIFF 2.0 (``poster-gen translate export`` / ``import``).

Ranks with the release stage, after the build: the export gives each unit the number
of characters its frame holds, read from the composed poster and brochure, so this
package composes pages (``capacity``). It writes no YAML itself: the command hands the
merged data to the studio's round-trip writer (``studio.yamlsave``), the one writer
that keeps the files' comments and order.

- ``fields``: the translatable fields of a data file (every ``Text`` and ``Unit``) and
  their unit ids;
- ``capacity``: how many characters each field's frame holds;
- ``inline``: a text's line breaks as XLIFF placeholders, and back;
- ``xliff``: the XLIFF 2.0 file, written and read with translate-toolkit;
- ``merge``: an agency's files checked against the data and merged into it;
- ``write``: the data files replaced all together or not at all.
"""
