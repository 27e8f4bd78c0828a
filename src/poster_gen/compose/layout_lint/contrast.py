"""Whose fault a text that reads too faintly is: a theme's colour, or the layout's choice.

The lint (``lint._contrast``) finds a text and the colour printed behind it; both are
theme tokens (a token, or a screen tint of one). When the same pair of tokens reads well
enough in another theme, the theme is at fault, and the colour to change is the one
whose value in the other themes would bring the pair back (the one that was edited).
That problem is located at the colour's line in the theme file and worded by the pair
alone, so every region and every output that sets text in those colours gives the same
line: it is reported once per colour pair. When the pair fails in every theme, the
layout chose it: a style's colour on the page's background is located at the style's
colour line (``layout_blame``); any other pairing at the layout's region.
"""
from __future__ import annotations

from statistics import median
from typing import Mapping

from ...load.layout_models import Layout, LintSpec, Theme
from ...page_model import CMYK
from .kit import ContrastCause

TOL = 1e-6


def token_of(colour: CMYK, theme: Theme) -> tuple[str, float] | None:
    """The theme token ``colour`` is (factor 1) or a screen tint of (factor below 1)."""
    found = []
    for token, c in theme.colours.items():
        base = [float(v) for v in c.cmyk]
        top = max(base)
        if top <= TOL:
            f = 1.0 if max(colour.channels) <= TOL else None
        else:
            f = colour.channels[base.index(top)] / top
        if f is None or not TOL < f <= 1 + TOL or any(abs(a - f * b) > 1e-4 for a, b in zip(colour.channels, base)):
            continue
        name = c.name or token
        named = colour.name == name or colour.name.startswith(name + " ")
        found.append((not named, abs(f - 1) > TOL, token, min(f, 1.0)))
    return min(found)[2:] if found else None


def _colour(theme: Theme, token: str, f: float) -> CMYK:
    c = CMYK(*theme.colours[token].cmyk)
    return c if f >= 1 - TOL else c.tint(f)


def _describe(theme: Theme, token: str, f: float) -> str:
    name = theme.colours[token].name or token
    return f"{token} ({name})" if f >= 1 - TOL else f"{token} at {round(f * 100)}% ({name} {round(f * 100)}%)"


def theme_blame(cause: ContrastCause, themes: Mapping[str, Theme], spec: LintSpec) -> tuple[str, str, str] | None:
    """(theme, token, message) when a theme's colour is why the pair reads too faintly;
    None when the layout's choice of colours is (or the colours are not theme tokens)."""
    order = [cause.theme] * (cause.theme in themes) + sorted(n for n in themes if n != cause.theme)
    for name in order:
        theme = themes[name]
        fg, bg = token_of(cause.fg, theme), token_of(cause.bg, theme)
        if fg and bg:
            break
    else:
        return None
    others = [t for n, t in themes.items() if n != name and fg[0] in t.colours and bg[0] in t.colours]
    if others and all(_colour(o, *fg).contrast(_colour(o, *bg)) + TOL < cause.need for o in others):
        return None  # no theme makes this pair read: the layout chose it
    this_fg, this_bg = _colour(theme, *fg), _colour(theme, *bg)
    fg_fix = median(_colour(o, *fg).contrast(this_bg) for o in others) if others else 0.0
    bg_fix = median(this_fg.contrast(_colour(o, *bg)) for o in others) if others else 0.0
    (token, f), blamed, partner, fix = (bg, this_bg, this_fg, bg_fix) if bg_fix > fg_fix else \
        (fg, this_fg, this_bg, fg_fix)
    # towards the token's value in the other themes (where the pair reads), else away from its partner
    target = median(_colour(o, token, f).luminance() for o in others) if others else \
        (0.0 if blamed.luminance() < partner.luminance() else 1.0)
    way = "lighter" if target > blamed.luminance() else "darker"
    message = (f"{_describe(theme, *fg)} on {_describe(theme, *bg)} has a contrast of {cause.ratio:.2f}:1; "
               f"text in these colours needs {spec.contrast:g}:1 ({spec.contrast_large:g}:1 when large): "
               f"make {token} {way}")
    if others:
        message += f" (the {token} of the other themes gives {fix:.1f}:1 here)"
    return name, token, message


def layout_blame(cause: ContrastCause, themes: Mapping[str, Theme], layout: Layout,
                 template: str) -> tuple[tuple, str] | None:
    """(path in the layout file, message) when the layout set a style's colour on the page's
    ground and no theme makes the pair read: the style's colour line, worded by the tokens
    (the same line for every theme, region and page). None when the text or its ground has
    another colour than the style's own on the template's background (the region is then
    the place to look)."""
    style = layout.styles.get(cause.style)
    tpl = layout.templates.get(template)
    theme = themes.get(cause.theme)
    if style is None or tpl is None or theme is None:
        return None
    fg, bg = token_of(cause.fg, theme), token_of(cause.bg, theme)
    if not fg or not bg or fg != (style.colour, 1.0) or bg[0] != tpl.background:
        return None
    best = max((_colour(t, *fg).contrast(_colour(t, *bg)), n) for n, t in sorted(themes.items())
               if fg[0] in t.colours and bg[0] in t.colours)
    users = sorted({r.id for tp in layout.templates.values() for r in tp.regions if cause.style in r.styles.values()})
    where = f"region{'s' * (len(users) > 1)} {', '.join(repr(u) for u in users)}" if users else "its regions"
    return (("styles", cause.style, "colour"),
            f"{fg[0]} text on the {bg[0]} background has a contrast of {best[0]:.2f}:1 at best (theme {best[1]}); "
            f"text in this style ({where}) needs {cause.need:g}:1: give it a colour token that reads on {bg[0]}")
