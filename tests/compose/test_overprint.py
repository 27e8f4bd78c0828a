"""Small black text overprints, unless overprinting would take the ink past the limit."""
from __future__ import annotations

from poster_gen.compose.overprint import knockouts, overprints
from poster_gen.page_model import CMYK, Box, Path, Rect, TextLine
from poster_gen.print_rules import MAX_INK, overprint_ink

BLACK = CMYK(0, 0, 0, 100)


def line(x: float = 20, y: float = 20, size: float = 8, colour: CMYK = BLACK) -> TextLine:
    return TextLine(x, y, "text", "regular", size, colour, width=20, ascent=2, descent=0.6)


def test_overprint_rule_is_small_near_black_text():
    assert overprints(line())
    assert overprints(line(colour=CMYK(20, 10, 10, 90)))
    assert not overprints(line(size=14))
    assert not overprints(line(colour=CMYK(0, 62, 92, 0)))
    assert not overprints(line(colour=CMYK(0, 0, 0, 100, spot="PANTONE Black 6 C")))


def test_black_text_on_a_heavy_ground_knocks_out():
    red = CMYK(8, 100, 100, 0)  # 208 %: K100 overprinting it would be 308 %
    assert overprint_ink(red.channels) > MAX_INK
    items = [Rect(Box(0, 0, 100, 50), fill=red), line()]
    out = knockouts(items)
    assert out[1].knockout and out[1].text == "text"
    assert out[0] is items[0]


def test_black_text_on_a_light_ground_or_beside_a_heavy_one_overprints():
    red = CMYK(8, 100, 100, 0)
    light = CMYK(0, 10, 5, 0)
    out = knockouts([Rect(Box(0, 0, 100, 50), fill=light), line()])
    assert not out[1].knockout
    out = knockouts([Rect(Box(60, 0, 40, 50), fill=red), line(x=5)])  # the red is to the right of it
    assert not out[1].knockout
    # a heavy ground painted after the text is not beneath it
    out = knockouts([line(), Rect(Box(0, 0, 100, 50), fill=red)])
    assert not out[0].knockout


def test_a_heavy_shape_is_beneath_only_inside_its_outline():
    red = CMYK(8, 100, 100, 0)
    # a triangle whose bounding box covers the text, but not where the text stands
    tri = Path((("M", 0, 0), ("L", 100, 0), ("L", 100, 10), ("Z",)), fill=red)
    assert not knockouts([tri, line(x=5, y=40)])[1].knockout
    square = Path((("M", 0, 0), ("L", 100, 0), ("L", 100, 60), ("L", 0, 60), ("Z",)), fill=red)
    assert knockouts([square, line(x=5, y=40)])[1].knockout


def test_a_spot_ground_never_makes_text_knock_out():
    spot = CMYK(8, 100, 100, 0, spot="PANTONE 485 C")  # its own plate: not in the four-colour total
    assert not knockouts([Rect(Box(0, 0, 100, 50), fill=spot), line()])[1].knockout
