"""How many characters of a translation fit each field's frame, from composed pages.

The composer records, page by page, about how many characters each text field could
hold in its frame as set (``Page.capacity``, what the studio's counters show):
"landmark.ambition.zh" -> 23. A Japanese or Korean translation is set in full-width
characters like the Chinese, so a field's limit is its Chinese capacity, the least of
every place it is printed: the landmark's poster and its spread in the brochure, and
for the campaign's texts every poster and every page of the brochure.

The pages are composed as a draft (``compose.overflow.drafting``): a text already too
long for its frame does not stop the export; its capacity is then what the frame
holds, which is less than the text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..load.fields import parse as parse_ref
from ..load.yamlsrc import PathKey

#: the language whose capacity a full-width translation takes
FULL_WIDTH = "zh"


@dataclass
class Capacities:
    """Field path -> characters that fit, per data file (a landmark's slug; None: the
    campaign); ``seconds``: how long composing took."""

    frames: dict[str | None, dict[PathKey, int]] = field(default_factory=dict)
    seconds: float = 0.0

    def of(self, key: str | None) -> dict[PathKey, int]:
        return self.frames.get(key, {})

    def note(self, key: str | None, path: PathKey, fits: int) -> None:
        mine = self.frames.setdefault(key, {})
        mine[path] = min(fits, mine.get(path, fits))


def capacities(project, lang: str = FULL_WIDTH) -> Capacities:
    """What each printed text field of ``project`` holds in ``lang``: every poster and
    the brochure composed as the build composes them (the series' type step, the
    brochure's copyfit), as drafts."""
    import time

    from ..build.glyphs import prepare_layout_fonts, project_text
    from ..compose.document import compose_brochure, compose_poster, plan_pages
    from ..compose.overflow import drafting
    from ..compose.series import series_step

    start = time.perf_counter()
    found = Capacities()
    text = project_text(project)
    landmarks = project.landmarks
    if "poster" in project.layouts and landmarks:
        metrics = {r: p.metrics for r, p in prepare_layout_fonts(project, "poster", text).items()}
        with drafting():
            step = series_step(project, metrics)
            for lm in landmarks:
                for page in compose_poster(project, lm, metrics, step=step).pages:
                    _take(found, page.capacity, lm.slug, landmarks, lang)
    if "brochure" in project.layouts:
        metrics = {r: p.metrics for r, p in prepare_layout_fonts(project, "brochure", text).items()}
        with drafting():
            doc = compose_brochure(project, metrics)
        planned = plan_pages(project, project.layouts["brochure"])
        for plan, page in zip(planned, doc.pages):
            _take(found, page.capacity, plan.landmark.slug if plan.landmark else None, landmarks, lang)
    found.seconds = time.perf_counter() - start
    return found


def _take(found: Capacities, capacity: dict[str, int], slug: str | None, landmarks, lang: str) -> None:
    """One page's capacities, by the data file each field is in: "landmark.x" is the
    page's landmark, "landmarks[i].x" the i-th of the series (the brochure's index),
    "campaign.x" and "labels.x" the campaign's."""
    for ref, fits in capacity.items():
        parts = parse_ref(ref)
        if not parts or len(parts) < 3 or parts[-1] != lang:
            continue
        root, rest = parts[0], tuple(parts[1:-1])
        if root == "landmark" and slug is not None:
            found.note(slug, rest, fits)
        elif root == "landmarks" and isinstance(rest[0], int) and rest[0] < len(landmarks):
            found.note(landmarks[rest[0]].slug, rest[1:], fits)
        elif root == "campaign":
            found.note(None, rest, fits)
        elif root == "labels":
            found.note(None, ("labels", *rest), fits)
