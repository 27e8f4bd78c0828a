"""The output formats, one row each (in the manner of WeasyPrint's ``VARIANTS``).

A row says where its files go and how they are named, which layout composes them,
their colour model, whether they carry bleed and printer's marks, how they are
preflighted and which renderer makes them. ``output_name`` is the one place a file
name is made: the build, its no-op fast path, ``impose`` and the studio all call it,
so they cannot disagree. A new format is a new row.

Standard library only, without dataclasses: the no-op fast path imports this module.
"""
from __future__ import annotations

#: The target of the combined brochure (the other targets are landmark slugs).
BROCHURE = "brochure"


class Format:
    """One output format. ``poster``/``brochure``: the file name templates of a
    landmark's output and of the brochure (None: the format makes none), with
    ``{slug}``, ``{size}`` (``-A1`` when --size is given) and ``{ed}`` (the edition:
    empty for the bilingual one, else ``.zh``/``.en``)."""

    __slots__ = ("name", "poster", "brochure", "layout", "colour", "bleed", "marks", "preflight", "renderer")

    def __init__(self, name: str, poster: str | None, brochure: str | None, layout: str | None,
                 colour: str, bleed: bool, marks: bool, preflight: str | None, renderer: str):
        self.name = name
        self.poster, self.brochure = poster, brochure
        self.layout = layout  # None: the poster and brochure layouts; else this layout for every landmark
        self.colour = colour  # cmyk | rgb
        self.bleed, self.marks = bleed, marks
        self.preflight = preflight  # pdfx: the full press preflight; None: none
        self.renderer = renderer  # pdf | screen | social | impose

    def template(self, target: str) -> str | None:
        return self.brochure if target == BROCHURE else self.poster

    def layout_for(self, target: str) -> str:
        return self.layout or ("brochure" if target == BROCHURE else "poster")


FORMATS: dict[str, Format] = {f.name: f for f in (
    #      name               poster                             brochure                       layout
    Format("print", "posters/{slug}{size}{ed}.pdf", "brochure{ed}.pdf", None,
           "cmyk", True, True, "pdfx", "pdf"),
    Format("screen", "screen/posters/{slug}{ed}.pdf", "screen/brochure{ed}.pdf", None,
           "rgb", False, False, None, "screen"),
    Format("social-portrait", "social/{slug}{ed}-portrait.png", None, "social-portrait",
           "rgb", False, False, None, "social"),
    Format("social-story", "social/{slug}{ed}-story.png", None, "social-story",
           "rgb", False, False, None, "social"),
    # not built by `build`: the saddle-stitch spreads `impose` makes of the print brochure
    Format("imposed", None, "brochure{ed}-imposed.pdf", None,
           "cmyk", True, True, None, "impose"),
)}

#: What ``--format`` offers, and the rows each choice builds.
CHOICES: dict[str, tuple[str, ...]] = {
    "print": ("print",),
    "screen": ("screen",),
    "social": ("social-portrait", "social-story"),
    "all": ("print", "screen", "social-portrait", "social-story"),
}


def output_name(fmt: str, target: str, edition: str = "", size: str | None = None) -> str | None:
    """The file a format makes for ``target`` (a landmark slug or ``BROCHURE``), relative
    to the output folder; None when the format makes nothing for it. ``size``: the
    --size asked for (it names the posters it scales, whatever the layout's own size,
    so the name depends on the options alone)."""
    template = FORMATS[fmt].template(target)
    if template is None:
        return None
    return template.format(slug=target, size=f"-{size}" if size else "", ed=edition)
