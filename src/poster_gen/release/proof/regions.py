"""The changed regions of a page: the released page and the current one, rendered by the
project's one rasteriser at the same size, compared pixel by pixel, and the changed
pixels grouped into a few boxes (Pillow only).

The grouping: the mask of changed pixels is reduced to a grid of cells (a cell is
changed when any of its pixels is), dilated by a cell so the lines of one paragraph
join, and cut into connected components; each component's box is the box of its
changed pixels (not of the dilation), so a box holds what changed and no more. Boxes
that overlap are merged, then the closest are merged until at most ``MOST`` remain.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

THRESHOLD = 12  # a channel must differ by more than this (of 255): anti-aliasing is not a change
CELLS = 160  # grid cells across the page
MOST = 8  # boxes on a page at most: more are merged with their nearest


@dataclass(frozen=True)
class Region:
    """A changed area as fractions of the page (0-1), from its top-left corner."""

    x0: float
    y0: float
    x1: float
    y1: float

    def scaled(self, w: float, h: float) -> tuple[float, float, float, float]:
        return (self.x0 * w, self.y0 * h, self.x1 * w, self.y1 * h)


def pages(source: Path | bytes, width: int) -> list[Image.Image]:
    """The pages of a PDF, or a PNG (one page), ``width`` pixels across."""
    data = source.read_bytes() if isinstance(source, Path) else source
    if data[:4] == b"%PDF":
        from ...render.raster import rasterise

        return rasterise(data, width=width)
    import io

    with Image.open(io.BytesIO(data)) as img:
        img = img.convert("RGB")
        return [img.resize((width, max(1, round(img.height * width / img.width))), Image.LANCZOS)]


def changed(old: Image.Image, new: Image.Image) -> list[Region]:
    """The boxes where ``new`` differs from ``old`` (resized to ``new``'s size if need be)."""
    if old.size != new.size:
        old = old.resize(new.size, Image.LANCZOS)
    w, h = new.size
    diff = ImageChops.difference(old.convert("RGB"), new.convert("RGB"))
    r, g, b = diff.split()
    mask = ImageChops.lighter(ImageChops.lighter(r, g), b).point(lambda v: 255 if v > THRESHOLD else 0)
    if mask.getbbox() is None:
        return []
    cell = max(2, w // CELLS)
    gw, gh = -(-w // cell), -(-h // cell)
    # a cell is changed when any of its pixels is (its mean is then at least 255 / cell², > 0)
    grid = mask.resize((gw, gh), Image.BOX).point(lambda v: 255 if v > 0 else 0)
    joined = grid.filter(ImageFilter.MaxFilter(3))
    boxes = [_tight(mask, (x0 * cell, y0 * cell, min(w, (x1 + 1) * cell), min(h, (y1 + 1) * cell)))
             for x0, y0, x1, y1 in _components(joined)]
    boxes = _merge([b for b in boxes if b is not None])
    return [Region(x0 / w, y0 / h, x1 / w, y1 / h) for x0, y0, x1, y1 in boxes]


def _tight(mask: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    got = mask.crop(box).getbbox()
    if got is None:
        return None
    return (box[0] + got[0], box[1] + got[1], box[0] + got[2], box[1] + got[3])


def _components(grid: Image.Image) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (in cells, inclusive) of the 8-connected groups of set cells."""
    w, h = grid.size
    cells = bytearray(grid.tobytes())
    found = []
    for start in range(w * h):
        if not cells[start]:
            continue
        cells[start] = 0
        stack = [start]
        x0, y0, x1, y1 = w, h, -1, -1
        while stack:
            i = stack.pop()
            y, x = divmod(i, w)
            x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
            for dy in (-1, 0, 1):
                ny = y + dy
                if 0 <= ny < h:
                    for dx in (-1, 0, 1):
                        nx = x + dx
                        j = ny * w + nx
                        if 0 <= nx < w and cells[j]:
                            cells[j] = 0
                            stack.append(j)
        found.append((x0, y0, x1, y1))
    return found


def _merge(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Overlapping boxes as one; then the pair whose union grows least, until ``MOST`` remain."""
    boxes = list(boxes)
    while True:
        pair = next(((i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
                     if _overlap(boxes[i], boxes[j])), None)
        if pair is None and len(boxes) <= MOST:
            return sorted(boxes, key=lambda b: (b[1], b[0]))
        if pair is None:
            pair = min(((i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))),
                       key=lambda p: _area(_union(boxes[p[0]], boxes[p[1]])) - _area(boxes[p[0]]) - _area(boxes[p[1]]))
        i, j = pair
        merged = _union(boxes[i], boxes[j])
        boxes = [b for k, b in enumerate(boxes) if k not in (i, j)] + [merged]


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _union(a, b):
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _area(a) -> int:
    return (a[2] - a[0]) * (a[3] - a[1])
