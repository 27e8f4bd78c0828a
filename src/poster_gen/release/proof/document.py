"""The proof PDF, drawn with ReportLab in the project's prepared fonts (the poster
layout's, prepared for the proof's text as a build prepares them, and registered
the way the renderer registers them), so every Chinese character shows.

A screen sheet (``style.sheet`` in ``proof.yaml``, A4 landscape). The first pages: the
title, which release is compared with now, a headline of what changed, the changed
facts (each in Chinese and English, with the outputs that show it) beside the
outputs (changed, new and removed first, then the unchanged). Then one page per
changed page of a print file: the released page and the page now side by side, the
changed regions outlined in one strong colour on both, and beside them the changed
facts the file is made from. Positions here are millimetres from the sheet's top left.
"""
from __future__ import annotations

import io
import re

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .facts import LANGS, say, words
from .gather import OutputDiff, PageDiff, Proof

LEADING = 1.38
ORDER = ("changed", "new", "gone", "unchanged")
_BREAK_AFTER = re.compile(r"[A-Za-z0-9][^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]*\s*|\s+|.", re.S)
_NO_START = set("，。、：；！？）」』】》〉")


class Pen:
    """Text and shapes on the canvas in millimetres from the top left, in the proof's fonts."""

    def __init__(self, canvas: Canvas, fonts: dict[str, str], height: float):
        self.c, self.fonts, self.h = canvas, fonts, height
        self.style = words()["style"]

    def colour(self, key: str):
        value = self.style["status"].get(key) if key in self.style["status"] else self.style[key]
        return HexColor(value)

    def font(self, lang: str, bold: bool) -> str:
        return self.fonts[("bold" if bold else "regular") + (":zh" if lang == "zh" else "")]

    def width(self, text: str, lang: str, size: float, bold: bool = False) -> float:
        return stringWidth(text, self.font(lang, bold), size) / mm

    def wrap(self, text: str, lang: str, size: float, width: float, bold: bool = False) -> list[str]:
        """Lines of ``text`` no wider than ``width`` mm: English between words, Chinese
        between characters (never before closing punctuation), a long name anywhere."""
        pieces = re.findall(r"\S+\s*", text) if lang == "en" else _BREAK_AFTER.findall(text)
        lines, line = [], ""
        for piece in pieces:
            if line and piece[0] not in _NO_START and self.width((line + piece).rstrip(), lang, size, bold) > width:
                lines.append(line.rstrip())
                line = ""
            while self.width(piece.rstrip(), lang, size, bold) > width and len(piece) > 1:  # a long path
                k = len(piece)
                while k > 1 and self.width(piece[:k], lang, size, bold) > width:
                    k -= 1
                lines.append(piece[:k])
                piece = piece[k:]
            line += piece
        return [*lines, line.rstrip()] if line.strip() else lines or [""]

    def text(self, x: float, y: float, text: str, lang: str, size: float, bold: bool = False,
             colour: str = "ink", align: str = "left") -> float:
        """One line with its baseline at ``y``; the x where it ends."""
        self.c.setFillColor(self.colour(colour))
        self.c.setFont(self.font(lang, bold), size)
        w = self.width(text, lang, size, bold)
        x0 = x - w if align == "right" else x - w / 2 if align == "center" else x
        self.c.drawString(x0 * mm, (self.h - y) * mm, text)
        return x0 + w

    def block(self, x: float, y: float, lines: list[str], lang: str, size: float, **kw) -> float:
        """Lines from the top ``y``; the y below them."""
        step = size * LEADING / 72 * 25.4
        for line in lines:
            y += step
            self.text(x, y - step * 0.28, line, lang, size, **kw)
        return y

    def rect(self, x: float, y: float, w: float, h: float, fill: str | None = None, stroke: str | None = None,
             width: float = 0.5, radius: float = 0) -> None:
        c = self.c
        if fill:
            c.setFillColor(self.colour(fill))
        if stroke:
            c.setStrokeColor(self.colour(stroke))
            c.setLineWidth(width)
        args = (x * mm, (self.h - y - h) * mm, w * mm, h * mm)
        if radius:
            c.roundRect(*args, radius * mm, stroke=1 if stroke else 0, fill=1 if fill else 0)
        else:
            c.rect(*args, stroke=1 if stroke else 0, fill=1 if fill else 0)


def draw(proof: Proof, fonts: dict[str, str]) -> bytes:
    """The proof as PDF bytes; ``fonts`` maps regular, bold (and their ``:zh``) to
    registered font names."""
    style = words()["style"]
    sheet_w, sheet_h = style["sheet"]
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(sheet_w * mm, sheet_h * mm), pageCompression=1,
               initialFontName=fonts["regular"])
    c.setTitle(f"{say('title', 'en')} · {proof.series['en']}")
    c.setAuthor("poster-gen")
    c.setSubject(_versus(proof, "en"))
    pen = Pen(c, fonts, sheet_h)
    sheets = _summary(pen, proof, sheet_w, sheet_h)
    for out in _ordered(proof.outputs):
        if out.kind == "print":
            for page in out.pages:
                sheets += 1
                _compare_page(pen, proof, out, page, sheet_w, sheet_h)
                _footer(pen, proof, sheets, sheet_w, sheet_h)
                c.showPage()
    c.save()
    return buf.getvalue()


def _ordered(outputs: list[OutputDiff]) -> list[OutputDiff]:
    return sorted(outputs, key=lambda o: ORDER.index(o.status))


def _versus(proof: Proof, lang: str) -> str:
    now = proof.now.strftime("%Y-%m-%d %H:%M")
    if proof.release is None:
        return say("first", lang, now=now)
    date = str(proof.record.get("date", proof.release.date))[:16].replace("T", " ")
    return say("versus", lang, n=proof.release.number, date=date, now=now)


def _footer(pen: Pen, proof: Proof, n: int, w: float, h: float) -> None:
    m = pen.style["margin"]
    size = pen.style["size"]["small"]
    pen.text(m, h - m / 2, f"{say('footer', 'en', project=proof.root.name)} · {_versus(proof, 'en')}", "en", size,
             colour="muted")
    pen.text(w - m, h - m / 2, str(n), "en", size, colour="muted", align="right")


def _pair(pen: Pen, x: float, y: float, zh: str, en: str, size: float, bold: bool = True,
          colour: str = "ink") -> float:
    """Chinese, then its English in a lighter weight, on one baseline."""
    end = pen.text(x, y, zh, "zh", size, bold=bold, colour=colour)
    return pen.text(end + size * 0.25, y, en, "en", size, colour="muted" if colour == "ink" else colour)


# --- the summary -------------------------------------------------------------------------------

def _summary(pen: Pen, proof: Proof, w: float, h: float) -> int:
    """The summary sheets (as many as the lists need); how many."""
    s, m = pen.style["size"], pen.style["margin"]
    split = m + (w - 2 * m) * 0.58
    left, right = (m, split - m - 8), (split, w - m - split)
    facts = [_fact_block(pen, proof, k, f, left[1]) for k, f in enumerate(proof.facts, 1)]
    if not facts:
        facts = [_note_block(pen, say("no_facts", "zh"), say("no_facts", "en"), left[1])]
    grouped = ("unchanged",) if proof.release is not None else ("unchanged", "new")
    rows = [_output_block(pen, proof, o, right[1]) for o in _ordered(proof.outputs) if o.status not in grouped]
    for status in grouped:
        group = [o for o in proof.outputs if o.status == status]
        if group:
            rows.append(_group_block(pen, proof, status, group, right[1]))
    top = _summary_head(pen, proof, w, m, s)
    sheets = 0
    while facts or rows or not sheets:
        sheets += 1
        y0 = top if sheets == 1 else m + 4
        for (x, width), blocks, key in ((left, facts, "facts"), (right, rows, "outputs")):
            if not blocks:
                continue
            y = y0 + 6
            _pair(pen, x, y, say(key, "zh"), say(key, "en"), s["heading"])
            pen.rect(x, y + 2, width, 0.3, fill="rule")
            y += 6
            while blocks and (y + blocks[0][0] <= h - m - 4 or y == y0 + 12):
                height, paint = blocks.pop(0)
                paint(x, y)
                y += height
        _footer(pen, proof, sheets, w, h)
        pen.c.showPage()
    return sheets


def _summary_head(pen: Pen, proof: Proof, w: float, m: float, s: dict) -> float:
    y = m + 4
    pen.text(m, y, f"{proof.series['zh']} · {proof.series['en']}", "zh", s["body"], colour="muted")
    y += 10
    _pair(pen, m, y, say("title", "zh"), say("title", "en"), s["title"])
    y += 7
    for lang in LANGS:
        who = [say(k, lang, **{k: proof.record[k]}) for k in ("by", "note") if proof.record and proof.record.get(k)]
        pen.text(m, y, " · ".join([_versus(proof, lang), *who]), lang, s["body"] + 1,
                 colour="ink" if lang == "zh" else "muted")
        y += 5
    y -= 5
    total = len(proof.outputs)
    changed = sum(1 for o in proof.outputs if o.status != "unchanged")
    if proof.release is None:
        head = [say("headline_first", lang, total=total) for lang in LANGS]
    else:
        head = [say("headline", lang, total=total, changed=changed, facts=len(proof.facts)) for lang in LANGS]
    pen.rect(m, y + 4, w - 2 * m, 17, fill="band")
    tone = "changed" if changed and proof.release is not None else "ink"
    pen.rect(m, y + 4, 2.2, 17, fill=tone if tone != "ink" else "muted")
    pen.text(m + 6, y + 12.5, head[0], "zh", s["headline"], bold=True, colour=tone)
    pen.text(m + 6, y + 18.5, head[1], "en", s["body"] + 1.5, colour=tone if tone != "ink" else "muted")
    return y + 21


def _step(size: float) -> float:
    return size * LEADING / 72 * 25.4


def _fact_block(pen: Pen, proof: Proof, k: int, fact, width: float):
    s = pen.style["size"]
    indent = 7
    zh = pen.wrap(fact.zh, "zh", s["body"], width - indent, bold=True)
    en = pen.wrap(fact.en, "en", s["body"] - 0.5, width - indent)
    shown = proof.shown_in(fact)
    where = [say("in_outputs", lang, outputs=_targets(proof, shown, lang)) for lang in LANGS] if shown else \
        [say("no_regions", lang) for lang in LANGS]
    place = pen.wrap(f"{where[0]} · {where[1]}", "zh", s["small"], width - indent)
    height = (len(zh) * _step(s["body"]) + len(en) * _step(s["body"] - 0.5) + len(place) * _step(s["small"]) + 3.2)

    def paint(x: float, y: float) -> None:
        r = 2.3
        pen.c.setFillColor(pen.colour("changed"))
        pen.c.circle((x + r) * mm, (pen.h - y - r - 0.6) * mm, r * mm, stroke=0, fill=1)
        pen.text(x + r, y + r + 1.6, str(k), "en", s["small"], bold=True, colour="halo", align="center")
        y = pen.block(x + indent, y, zh, "zh", s["body"], bold=True)
        y = pen.block(x + indent, y, en, "en", s["body"] - 0.5, colour="muted")
        pen.block(x + indent, y, place, "zh", s["small"], colour="muted")

    return height, paint


def _targets(proof: Proof, names: list[str], lang: str) -> str:
    """The posters and the brochure among ``names`` (outputs), by name, each once."""
    targets = {o.target: None for o in proof.outputs if o.name in names}
    return ("、" if lang == "zh" else ", ").join(proof.names.get(t, {}).get(lang) or t for t in targets)


def _note_block(pen: Pen, zh: str, en: str, width: float):
    s = pen.style["size"]

    def paint(x: float, y: float) -> None:
        pen.text(x, y + 5, zh, "zh", s["body"])
        pen.text(x, y + 10, en, "en", s["body"], colour="muted")

    return 14, paint


def _output_block(pen: Pen, proof: Proof, out: OutputDiff, width: float):
    s = pen.style["size"]
    chip = 25
    detail = [f"{proof.names.get(out.target, {}).get(lang) or out.target} · {words()['kinds'][out.kind][lang]}"
              + _page_note(out, lang) for lang in LANGS]
    lines = pen.wrap(f"{detail[0]} · {detail[1]}", "zh", s["small"], width - chip - 3)
    height = 4.6 + len(lines) * _step(s["small"]) + 1.6

    def paint(x: float, y: float) -> None:
        quiet = out.status == "unchanged"
        pen.rect(x, y + 0.6, chip, 4.4, fill=out.status, radius=1.1)
        word = f"{say(out.status, 'zh')} {say(out.status, 'en')}"
        pen.text(x + chip / 2, y + 3.8, word, "zh", s["small"], bold=True, colour="halo", align="center")
        pen.text(x + chip + 3, y + 4, out.name, "en", s["body"] - 0.5, bold=not quiet,
                 colour="muted" if quiet else "ink")
        pen.block(x + chip + 3, y + 4.6, lines, "zh", s["small"], colour="muted")

    return height, paint


def _group_block(pen: Pen, proof: Proof, status: str, outputs: list[OutputDiff], width: float):
    """Outputs of one status in a few lines, a line per poster (and the brochure) with
    its kinds of file: the unchanged ones (and, before any release, the new ones) need
    no row each."""
    s = pen.style["size"]
    chip = 25
    kinds = words()["kinds"]
    lines = []
    for target in dict.fromkeys(o.target for o in outputs):
        mine = [o.kind for o in outputs if o.target == target]
        have = [f"{kinds[k]['zh']} {kinds[k]['en']}" + (f" ×{mine.count(k)}" if mine.count(k) > 1 else "")
                for k in dict.fromkeys(mine)]
        name = proof.names.get(target, {})
        lines += pen.wrap(f"{name.get('zh') or target} {name.get('en') or ''} · {', '.join(have)}", "zh",
                          s["small"] + 0.6, width - chip - 3)
    height = len(lines) * _step(s["small"] + 0.6) + 4

    def paint(x: float, y: float) -> None:
        pen.rect(x, y + 0.6, chip, 4.4, fill=status, radius=1.1)
        word = f"{say(status, 'zh')} {say(status, 'en')}"
        pen.text(x + chip / 2, y + 3.8, word, "zh", s["small"], bold=True, colour="halo", align="center")
        pen.block(x + chip + 3, y + 0.4, lines, "zh", s["small"] + 0.6, colour="muted")

    return height, paint


def _page_note(out: OutputDiff, lang: str) -> str:
    if out.status != "changed" or out.count <= 1:
        return ""
    numbers = [p.number for p in out.pages]
    listed = ", ".join(map(str, numbers[:8])) + ("…" if len(numbers) > 8 else "")
    return " · " + say("pages_changed", lang, pages=listed, of=out.count)


# --- a changed page, side by side -------------------------------------------------------------

def _compare_page(pen: Pen, proof: Proof, out: OutputDiff, page: PageDiff, w: float, h: float) -> None:
    st, s, m = pen.style, pen.style["size"], pen.style["margin"]
    name = proof.names.get(out.target, {})
    y = m + 6
    _pair(pen, m, y, name.get("zh") or out.target, name.get("en") or "", s["heading"] + 3)
    where = [say("page_of", lang, page=page.number, of=max(out.count, page.number)) for lang in LANGS]
    pen.text(m, y + 6, f"{out.name} · {words()['kinds'][out.kind]['zh']} {words()['kinds'][out.kind]['en']} · "
             f"{where[0]} · {where[1]}", "zh", s["body"], colour="muted")
    count = [say("regions", lang, n=len(page.regions)) if page.regions else "" for lang in LANGS]
    if page.regions:
        pen.text(w - m, y, count[0], "zh", s["heading"], bold=True, colour="changed", align="right")
        pen.text(w - m, y + 6, count[1], "en", s["body"], colour="changed", align="right")
    column = st["column"]
    area_w = w - 2 * m - column - 8
    top, bottom = y + 16, h - m - 6
    cell = (area_w - 6) / 2
    ref = page.new or page.old
    scale = min(cell / ref.width, (bottom - top) / ref.height)
    iw, ih = ref.width * scale, ref.height * scale
    then = [say("old", lang, n=proof.release.number) if proof.release else say("old", lang, n="–") for lang in LANGS]
    sides = ((m, page.old, then), (m + cell + 6, page.new, [say("now", lang) for lang in LANGS]))
    for x, img, label in sides:
        _pair(pen, x, top - 2, label[0], label[1], s["body"] + 0.5)
        if img is None:
            pen.rect(x, top, iw, ih, fill="band", stroke="rule")
            pen.text(x + iw / 2, top + ih / 2, say("no_page", "zh"), "zh", s["body"], colour="muted", align="center")
            pen.text(x + iw / 2, top + ih / 2 + 5, say("no_page", "en"), "en", s["body"], colour="muted",
                     align="center")
            continue
        _image(pen, img, x, top, iw, ih)
        for k, region in enumerate(page.regions, 1):
            _outline(pen, region, k, x, top, iw, ih)
    _page_facts(pen, out, m + area_w + 8, top - 2, column, bottom)


def _image(pen: Pen, img, x: float, y: float, w: float, h: float) -> None:
    data = io.BytesIO()
    img.convert("RGB").save(data, "JPEG", quality=pen.style["jpeg_quality"], optimize=True)
    data.seek(0)
    pen.c.drawImage(ImageReader(data), x * mm, (pen.h - y - h) * mm, w * mm, h * mm)
    pen.rect(x, y, w, h, stroke="rule", width=0.4)


def _outline(pen: Pen, region, k: int, x: float, y: float, w: float, h: float) -> None:
    """A changed region: a strong outline on a white halo, a little larger than the change
    (never smaller than a fingertip), and its number."""
    pad, least = 2.0, 6.0
    x0, y0, x1, y1 = region.scaled(w, h)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    bw, bh = max(x1 - x0 + 2 * pad, least), max(y1 - y0 + 2 * pad, least)
    bx, by = max(x, x + cx - bw / 2), max(y, y + cy - bh / 2)
    bw, bh = min(bw, x + w - bx), min(bh, y + h - by)
    width = pen.style["outline_pt"]
    pen.rect(bx, by, bw, bh, stroke="halo", width=width + 2.2, radius=0.8)
    pen.rect(bx, by, bw, bh, stroke="outline", width=width, radius=0.8)
    r = 2.1
    pen.c.setFillColor(pen.colour("outline"))
    pen.c.setStrokeColor(pen.colour("halo"))
    pen.c.setLineWidth(0.8)
    cx, cy = bx - r * 0.5, by - r * 0.5  # on the corner, outside the box as far as may be
    pen.c.circle(cx * mm, (pen.h - cy) * mm, r * mm, stroke=1, fill=1)
    pen.text(cx, cy + 1.1, str(k), "en", pen.style["size"]["small"], bold=True, colour="halo", align="center")


def _page_facts(pen: Pen, out: OutputDiff, x: float, y: float, width: float, bottom: float) -> None:
    s = pen.style["size"]
    _pair(pen, x, y, say("fields", "zh"), say("fields", "en"), s["heading"])
    pen.rect(x, y + 2, width, 0.3, fill="rule")
    y += 4
    if not out.facts:
        key = "new" if out.status == "new" else "no_facts"
        for lang in LANGS:
            y = pen.block(x, y + 1.5, pen.wrap(say(key, lang), lang, s["body"], width), lang, s["body"],
                          colour="ink" if lang == "zh" else "muted")
        return
    for k, fact in enumerate(out.facts):
        zh = pen.wrap(fact.zh, "zh", s["body"], width, bold=True)
        en = pen.wrap(fact.en, "en", s["body"] - 0.5, width)
        need = len(zh) * _step(s["body"]) + len(en) * _step(s["body"] - 0.5) + 2.5
        if y + need > bottom - 10 and k < len(out.facts):
            rest = len(out.facts) - k
            y = pen.block(x, y, pen.wrap(say("more_facts", "zh", n=rest), "zh", s["small"], width), "zh", s["small"],
                          colour="muted")
            pen.block(x, y, pen.wrap(say("more_facts", "en", n=rest), "en", s["small"], width), "en", s["small"],
                      colour="muted")
            return
        y = pen.block(x, y + 1.5, zh, "zh", s["body"], bold=True)
        y = pen.block(x, y, en, "en", s["body"] - 0.5, colour="muted") + 1
