"""Affine matrices and rectangles in PDF user space (points), and page boxes.

Matrices are 6-tuples ``(a, b, c, d, e, f)`` composed the PDF way: ``mul(m, ctm)``
applies ``m`` first, as the ``cm`` operator does.
"""
from __future__ import annotations

import math
from typing import Any

Matrix = tuple[float, float, float, float, float, float]
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 with x0 <= x1, y0 <= y1

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def mul(m1: Matrix, m2: Matrix) -> Matrix:
    """``m1 × m2``: transform by ``m1``, then by ``m2``."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2,
            c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def x_scale(m: Matrix) -> float:
    """Length of the unit x vector after ``m`` (an image's placed width, in pt)."""
    return math.hypot(m[0], m[1])


def y_scale(m: Matrix) -> float:
    """Length of the unit y vector after ``m`` (a glyph's height, an image's height)."""
    return math.hypot(m[2], m[3])


def transform_rect(m: Matrix, r: Rect) -> Rect:
    """Bounding box of a rectangle after ``m``."""
    pts = [apply(m, x, y) for x in (r[0], r[2]) for y in (r[1], r[3])]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def fit_matrix(matrix: Matrix, bbox: Rect, rect: Rect) -> Matrix:
    """The matrix that maps an appearance stream's transformed /BBox onto the
    annotation's /Rect (PDF 12.5.5, algorithm "A"); the stream's own /Matrix is
    applied on top of it by the form walk."""
    box = transform_rect(matrix, bbox)
    w, h = box[2] - box[0], box[3] - box[1]
    sx = (rect[2] - rect[0]) / w if w else 1.0
    sy = (rect[3] - rect[1]) / h if h else 1.0
    return (sx, 0.0, 0.0, sy, rect[0] - box[0] * sx, rect[1] - box[1] * sy)


def overlaps(a: Rect, b: Rect, eps: float = 0.01) -> bool:
    """True when the rectangles share an area (touching edges do not count)."""
    return min(a[2], b[2]) - max(a[0], b[0]) > eps and min(a[3], b[3]) - max(a[1], b[1]) > eps


def intersect(a: Rect | None, b: Rect) -> Rect:
    """The common part of two rectangles (``a`` None: all of the page); an empty result
    keeps zero width or height, so nothing overlaps it."""
    if a is None:
        return b
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    return x0, y0, max(x0, min(a[2], b[2])), max(y0, min(a[3], b[3]))


def inside(inner: Rect, outer: Rect, eps: float = 0.01) -> bool:
    return (inner[0] >= outer[0] - eps and inner[1] >= outer[1] - eps
            and inner[2] <= outer[2] + eps and inner[3] <= outer[3] + eps)


def upright(m: Matrix) -> bool:
    """Whether ``m`` keeps a rectangle's sides along the page's axes (a quarter turn included)."""
    return (abs(m[1]) < 1e-9 and abs(m[2]) < 1e-9) or (abs(m[0]) < 1e-9 and abs(m[3]) < 1e-9)


def upright_rectangle(subpath: tuple[list, list], ctm: Matrix) -> bool:
    """A subpath (its x and y coordinates) that is, on the page, a rectangle with sides
    along the axes: ``re`` (two corners), or four corners (a fifth closing one) on two x
    and two y values."""
    xs, ys = subpath
    if not upright(ctm):
        return False
    if len(xs) == 2:
        return True
    return len(xs) in (4, 5) and len(set(xs)) == 2 and len(set(ys)) == 2


def as_matrix(obj: Any) -> Matrix:
    """A /Matrix entry (or the identity when absent or malformed)."""
    try:
        values = tuple(float(v) for v in obj)
    except (TypeError, ValueError):
        return IDENTITY
    return values if len(values) == 6 else IDENTITY  # type: ignore[return-value]


def as_rect(obj: Any) -> Rect | None:
    """A rectangle entry, normalised; None when absent or malformed."""
    if obj is None:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in obj)
    except (TypeError, ValueError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def inherited(page: Any, key: str) -> Any:
    """A page attribute that may be inherited from the page tree (MediaBox, CropBox,
    Resources, Rotate): the page's own value or the nearest ancestor's."""
    node, depth = page, 0
    while node is not None and depth < 64:
        value = node.get(key)
        if value is not None:
            return value
        node, depth = node.get("/Parent"), depth + 1
    return None


def bleed_box(page: Any) -> Rect | None:
    """The page's BleedBox, defaulting (as the PDF spec does) to CropBox, then MediaBox."""
    for key in ("/BleedBox", "/CropBox", "/MediaBox"):
        value = page.get(key) if key == "/BleedBox" else inherited(page, key)
        rect = as_rect(value)
        if rect is not None:
            return rect
    return None
