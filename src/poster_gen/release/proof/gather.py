"""What the proof shows, gathered: the release compared with (``--since N``, default the
last) and the outputs now built, each output's status (changed, unchanged, new,
removed), the changed pages with their changed regions, and the changed facts.

The outputs now built must be up to date (``release.built``, the rule a release
follows: a proof of stale files would approve what is not printed), and the release
intact (its checksums hold). A file byte for byte the released one is unchanged
without being rendered; another is rendered and compared page by page, and is
changed only when a page looks different (a new poster-gen may write the same page
with other bytes). The print files' changed pages are kept, with their pictures, for
the side-by-side pages; the screen and social files are only listed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PIL import Image

from ..store import SNAPSHOT, Refusal, Release, find, listing, shown
from .facts import Fact, compare, touches, words
from .regions import Region, changed, pages


@dataclass
class PageDiff:
    number: int  # from 1
    old: Image.Image | None  # None: no such page then (or no release)
    new: Image.Image | None  # None: no such page now
    regions: list[Region] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.old is None or self.new is None or bool(self.regions)


@dataclass
class OutputDiff:
    name: str  # output-relative path
    kind: str  # print, screen, social
    target: str  # a landmark's slug, or "brochure"
    status: str  # changed, unchanged, new, gone
    count: int = 0  # its pages (now; then, when gone)
    pages: list[PageDiff] = field(default_factory=list)  # the changed pages (pictures: print files')
    facts: list[Fact] = field(default_factory=list)  # the changed facts it is made from


@dataclass
class Proof:
    root: Path
    release: Release | None
    record: dict | None
    now: datetime
    outputs: list[OutputDiff]
    facts: list[Fact]
    names: dict[str, dict[str, str]]  # target -> its name by language
    series: dict[str, str]  # the campaign's series name by language
    project: object = None  # the project now (loaded)

    def shown_in(self, fact: Fact) -> list[str]:
        """The changed outputs that show ``fact``."""
        return [o.name for o in self.outputs if o.status != "unchanged" and fact in o.facts]


def gather(root: Path, out: Path, since: int | None = None) -> Proof:
    from ...build.lock import output_lock
    from ...load.project import load_project
    from ..built import current_set
    from ..reprint import parse_options
    from ..sums import intact

    root, out = Path(root).resolve(), Path(out).resolve()
    release = find(root, since) if since is not None else (listing(root) or [None])[-1]
    record = intact(release, root) if release is not None else None
    edition, size = "", None
    if record is not None:
        try:
            options = parse_options(str(record.get("options", "")))
        except ValueError:
            raise Refusal(shown(release.path / "release.json", root),
                          f"options: {record.get('options')!r} are not print options this poster-gen knows") from None
        edition, size = ("" if options.lang == "zh-en" else f".{options.lang}"), options.size
    if not out.is_dir():
        raise Refusal(shown(out, root), "nothing is built here yet; run poster-gen build, then proof")
    with output_lock(out):  # no build changes the outputs while they are compared
        try:
            items, _ = current_set(root, out, edition, size)
        except Refusal as exc:  # the release's words: what to run, then proof
            raise Refusal(exc.where, exc.message.replace(", then release", ", then proof")) from None
        now_project = load_project(root)
        then_project = _load_snapshot(release, root) if release is not None else None
        facts = compare(then_project, now_project)
        style = words()["style"]
        released = {f["path"]: f for f in record["files"]} if record else {}
        outputs = []
        for item in items:
            width = style["image_width"] if item.kind == "print" else style["other_width"]
            diff = _compare(item.name, item.kind, item.target, out / item.name, released.get(item.name),
                            release, width, keep=item.kind == "print")
            diff.facts = [f for f in facts if touches(f, item.entry.inputs)]
            outputs.append(diff)
        current = {i.name for i in items}
        for name, f in released.items():
            if name not in current:
                target = Path(name).stem if "/" in name else "brochure"
                outputs.append(OutputDiff(name, f.get("kind", "print"), target, "gone", int(f.get("pages") or 0)))
    names = {lm.slug: {lang: lm.name.get(lang) for lang in ("zh", "en")} for lm in now_project.landmarks}
    names["brochure"] = dict(words()["fields"]["brochure"])
    series = {lang: now_project.campaign.series.get(lang) for lang in ("zh", "en")}
    return Proof(root, release, record, datetime.now().astimezone().replace(microsecond=0), outputs, facts,
                 names, series, now_project)


def _load_snapshot(release: Release, root: Path):
    from ...errors import InputError
    from ...load.project import load_project

    snap = release.path / SNAPSHOT
    if not snap.is_dir():
        raise Refusal(shown(release.path, root), f"has no {SNAPSHOT}/ folder, so its facts cannot be compared")
    try:
        return load_project(snap)
    except InputError as exc:
        raise Refusal(shown(snap, root), f"cannot be loaded by this poster-gen ({exc.problems[0]})") from None


def _compare(name: str, kind: str, target: str, path: Path, released: dict | None, release: Release | None,
             width: int, keep: bool) -> OutputDiff:
    data = path.read_bytes()
    if released is None:
        new = pages(data, width) if keep else []
        count = len(new) if keep else _count(data)
        return OutputDiff(name, kind, target, "new", count,
                          [PageDiff(n, None, img) for n, img in enumerate(new, 1)])
    then = (release.path / "files" / name).read_bytes()
    if data == then:
        return OutputDiff(name, kind, target, "unchanged", _count(data))
    old, new = pages(then, width), pages(data, width)
    diffs = []
    for n in range(1, max(len(old), len(new)) + 1):
        a = old[n - 1] if n <= len(old) else None
        b = new[n - 1] if n <= len(new) else None
        page = PageDiff(n, a, b, changed(a, b) if a is not None and b is not None else [])
        if page.changed:
            diffs.append(page)
    status = "changed" if diffs else "unchanged"
    return OutputDiff(name, kind, target, status, len(new), diffs)


def _count(data: bytes) -> int:
    """Pages of a PDF (a picture has one)."""
    if data[:4] != b"%PDF":
        return 1
    from ...render.pdfium_lock import pdfium as open_pdfium

    with open_pdfium() as pdfium:
        doc = pdfium.PdfDocument(data)
        try:
            return len(doc)
        finally:
            doc.close()
