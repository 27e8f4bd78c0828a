"""Releases: the print set as it was approved, frozen, checkable and rebuildable.

``poster-gen release`` freezes the outputs now built (up to date by the build record
and passing preflight) as the next numbered release; ``release --verify N`` checks one
against its checksums, ``release --zip N`` writes the print shop's hand-off, and
``build --from-release N --out DIR`` rebuilds one from its snapshot and says whether
every file is byte for byte the one released.

The release folder is a contract (the proof and the studio read it):

    releases/<n>-<YYYY-MM-DD>/          at the project root; n counts from 1, never reused
        release.json                    {"number", "date" (ISO 8601 with time and offset),
                                         "by", "note", "tool": {"version", "digest"},
                                         "options" (the build record's print options),
                                         "files": [{"path" (output-relative, e.g.
                                         "posters/new-energy-vehicles.pdf"), "sha256",
                                         "size", "pages", "kind" (print/screen/social)}]}
        files/<output-relative path>    the outputs: print, and screen and social where built
        preflight.txt                   the print files' preflight, as ``poster-gen preflight`` prints it
        snapshot/<project-relative path>  every input the outputs were made from (data/,
                                        layouts/ with themes/, assets/): a project to rebuild from
        job.json                        the print shop's ticket: per print file its trim and
                                        bleed (mm, from the PDF's boxes), pages, colour
                                        standard, output intent, finishing, quantity
        SHA256SUMS                      "<sha256>  <relative path>" for every other file
                                        (``sha256sum -c SHA256SUMS`` accepts it)

A release is made in a temporary folder ``releases/.release-*.tmp`` and renamed into
place under an exclusive lock (``releases/.poster-gen.lock``), so two releases never
share a number and a killed one leaves only a temporary folder, swept by the next.
Nothing in ``releases/`` is ever changed once renamed into place.

Modules: ``store`` (the folder: list, find, lock, create), ``built`` (what is built
and whether it is up to date), ``snapshot``, ``report`` (preflight), ``ticket``
(job.json), ``sums`` (SHA256SUMS and --verify), ``create`` (a release), ``handoff``
(the ZIP), ``reprint`` (build --from-release); the package ``proof`` (``poster-gen
proof``: output/proof.pdf, what changed since a release, fact by fact and page by page).
"""
