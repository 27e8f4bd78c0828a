"""poster-gen proof: output/proof.pdf, what changed since a release. The changed facts
come from the data models (named in both languages), the changed regions from the
rendered pages; checked against the composed page (where the figure is), against the
build record (which outputs use a theme), and as a PDF (it opens, its fonts are
embedded, its text is the facts)."""
from __future__ import annotations

import dataclasses
import subprocess
import typing
from pathlib import Path

import pikepdf
import pypdfium2
from PIL import Image, ImageDraw

from conftest import ROOT, copy_project
from poster_gen.build import manifest as inc
from poster_gen.cli import main
from poster_gen.compose.document import compose_poster
from poster_gen.load.models import Campaign, Landmark
from poster_gen.load.project import load_project
from poster_gen.load.theme_models import Theme
from poster_gen.page_model import TextLine
from poster_gen.release.proof.facts import compare, words
from poster_gen.release.proof.gather import gather
from poster_gen.release.proof.regions import changed
from release_fixtures import built_project, proj, stderr_lines  # noqa: F401 (fixtures)

IC = "data/landmarks/integrated-circuits.yaml"
IC_THEME = "layouts/themes/integrated-circuits.yaml"


def _edit(proj: Path, rel: str, old: str, new: str) -> None:
    path = proj / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _release_edit_build(proj: Path, rel: str, old: str, new: str) -> None:
    assert main(["release", "--project", str(proj), "--by", "Wang Li"]) == 0
    _edit(proj, rel, old, new)
    assert main(["build", "--project", str(proj), "--format", "all"]) == 0


def _pdf_text(path: Path) -> list[str]:
    doc = pypdfium2.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _outputs(proof) -> dict:
    return {o.name: o for o in proof.outputs}


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_one_changed_figure_is_that_field_in_both_languages_outlined_over_the_figure_alone(proj: Path, metrics,
                                                                                          capsys):
    _release_edit_build(proj, IC, 'value: "200+"', 'value: "250+"')
    capsys.readouterr()
    assert main(["proof", "--project", str(proj)]) == 0
    assert "release 1" in capsys.readouterr().out
    proof = gather(proj, proj / "output")
    assert [(f.file, f.path, f.zh, f.en) for f in proof.facts] == [
        (IC, ("key_figures", 0, "value"), "集成电路 · 关键数字 1 · 数值：200+ → 250+",
         "Integrated Circuits · Key figure 1 · Value: 200+ → 250+")]
    text = _squeezed("".join(_pdf_text(proj / "output" / "proof.pdf")))
    assert _squeezed(proof.facts[0].zh) in text and _squeezed(proof.facts[0].en) in text

    outputs = _outputs(proof)
    poster = outputs["posters/integrated-circuits.pdf"]
    assert poster.status == "changed" and [p.number for p in poster.pages] == [1]
    assert {n for n, o in outputs.items() if o.status == "changed"} <= {
        n for n, o in outputs.items() if "integrated-circuits" in n or "brochure" in n}
    assert outputs["posters/artificial-intelligence.pdf"].status == "unchanged"

    project = load_project(proj)
    (page,) = compose_poster(project, project.landmark("integrated-circuits"), metrics["poster"]).pages
    lines = [t for t in page.items if isinstance(t, TextLine) and t.text.strip()]
    figure = [t for t in lines if t.role == "figures" and t.style.startswith("figure") and t.text == "250+"]
    assert len(figure) == 1, [t.text for t in lines if t.role == "figures"]
    regions = [tuple(v * s for v, s in zip((r.x0, r.y0, r.x1, r.y1), (page.width, page.height) * 2))
               for r in poster.pages[0].regions]
    box = figure[0].bounds()
    fig = (box.x, box.y, box.right, box.bottom)
    assert any(_overlap(r, fig) for r in regions), (regions, fig)
    for r in regions:  # no other text block (a pixel of anti-aliasing to spare)
        inner = (r[0] + 0.5, r[1] + 0.5, r[2] - 0.5, r[3] - 0.5)
        others = [t.text for t in lines if t is not figure[0] and _overlap(inner, _box(t))]
        assert not others, (r, others)


def _box(t: TextLine) -> tuple:
    b = t.bounds()
    return (b.x, b.y, b.right, b.bottom)


def test_a_changed_theme_colour_is_a_change_of_every_output_and_page_that_uses_the_theme(proj: Path):
    _release_edit_build(proj, IC_THEME, "cmyk: [62, 85, 0, 0]", "cmyk: [20, 85, 0, 0]")
    proof = gather(proj, proj / "output")
    assert [(f.file, f.path) for f in proof.facts] == [(IC_THEME, ("colours", "primary", "cmyk"))]
    fact = proof.facts[0]
    assert fact.zh == "配色主题 靛紫金 · 主色 紫罗兰 · CMYK：C62 M85 Y0 K0 → C20 M85 Y0 K0"
    assert fact.en == "Theme Indigo and gold · Primary (Violet) · CMYK: C62 M85 Y0 K0 → C20 M85 Y0 K0"
    record = inc.load(proj / "output")
    using = {name for name, e in record.outputs.items() if IC_THEME in e.inputs}
    assert {"posters/integrated-circuits.pdf", "brochure.pdf"} <= using
    outputs = _outputs(proof)
    assert {n for n, o in outputs.items() if fact in o.facts} == using
    assert {n for n, o in outputs.items() if o.status == "changed"} == using  # each shows it, no other
    assert set(proof.shown_in(fact)) == using
    poster = outputs["posters/integrated-circuits.pdf"]
    assert poster.pages and all(p.regions for p in poster.pages)


def test_with_no_release_every_output_is_new(proj: Path, capsys):
    assert main(["proof", "--project", str(proj)]) == 0
    assert "no release yet: everything is new" in capsys.readouterr().out
    proof = gather(proj, proj / "output")
    assert proof.release is None and proof.facts == []
    assert {o.status for o in proof.outputs} == {"new"} and len(proof.outputs) == 22
    brochure = _outputs(proof)["brochure.pdf"]
    assert [p.number for p in brochure.pages] == list(range(1, 17))
    assert all(p.old is None and p.new is not None for p in brochure.pages)
    pages = _pdf_text(proj / "output" / "proof.pdf")
    assert "尚无发布" in pages[0] and "No release yet" in pages[0]
    assert len(pages) == 1 + 5 + 16  # the summary, then every print page as new


def test_unchanged_outputs_are_listed_as_unchanged(proj: Path):
    assert main(["release", "--project", str(proj)]) == 0
    assert main(["proof", "--project", str(proj)]) == 0
    proof = gather(proj, proj / "output")
    assert proof.facts == [] and {o.status for o in proof.outputs} == {"unchanged"}
    pages = _pdf_text(proj / "output" / "proof.pdf")
    assert len(pages) == 1  # nothing to put side by side
    summary = _squeezed(pages[0])
    assert "无改动unchanged" in summary and "内容无改动" in summary and "Nofactchanged" in summary
    for name in ("人工智能", "ArtificialIntelligence", "画册", "Brochure"):
        assert name in summary


def test_a_release_that_does_not_exist_or_a_stale_build_is_one_line_and_exit_2(proj: Path, capsys):
    assert main(["proof", "--project", str(proj), "--since", "1"]) == 2
    assert stderr_lines(capsys.readouterr().err) == [
        "error: releases: no release 1; there are no releases yet (poster-gen release makes the first)"]
    assert main(["release", "--project", str(proj)]) == 0
    capsys.readouterr()
    assert main(["proof", "--project", str(proj), "--since", "7"]) == 2
    assert stderr_lines(capsys.readouterr().err) == ["error: releases: no release 7; the releases are 1"]
    _edit(proj, IC, 'value: "200+"', 'value: "250+"')
    assert main(["proof", "--project", str(proj)]) == 2
    (line,) = stderr_lines(capsys.readouterr().err)
    assert line.startswith("error: output/posters/integrated-circuits.pdf: not up to date") and \
        line.endswith("run poster-gen build, then proof")
    assert not (proj / "output" / "proof.pdf").exists()


def test_the_proof_opens_and_embeds_its_fonts(proj: Path):
    assert main(["proof", "--project", str(proj)]) == 0
    path = proj / "output" / "proof.pdf"
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) >= 2 and "Proof for sign-off" in str(pdf.docinfo.get("/Title"))
    listed = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = listed.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), listed  # emb
    assert "签样校样" in _pdf_text(path)[0]  # Chinese as text, not tofu


def test_a_moved_comma_is_named_with_the_words_around_it(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    _edit(proj, IC, "landmarks Nanjing has chosen", "landmarks, Nanjing has chosen")
    (fact,) = compare(load_project(ROOT), load_project(proj))
    assert fact.path == ("summary", "en")
    assert fact.zh.startswith("集成电路 · 简介（英文）：") and fact.en.startswith("Integrated Circuits · Summary (English): ")
    assert "landmarks Nanjing has chosen" in fact.en and "landmarks, Nanjing has chosen" in fact.en


def _fields(cls, seen: set) -> typing.Iterator[str]:
    if cls in seen:
        return
    seen.add(cls)
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal") or not f.metadata.get("printed", True):
            continue
        yield f.name
        for inner in _classes(hints[f.name]):
            yield from _fields(inner, seen)


def _classes(hint) -> typing.Iterator[type]:
    if dataclasses.is_dataclass(hint):
        yield hint
    for arg in typing.get_args(hint):
        yield from _classes(arg)


def test_every_data_field_has_a_name_in_both_languages():
    table = words()["fields"]
    for model in (Landmark, Campaign, Theme):
        for name in _fields(model, set()):
            assert name in table and table[name]["zh"] and table[name]["en"], (model.__name__, name)


def test_changed_pixels_are_grouped_into_a_box_per_change():
    old = Image.new("RGB", (400, 560), "white")
    draw = ImageDraw.Draw(old)
    draw.rectangle((40, 40, 120, 60), fill="navy")
    new = old.copy()
    ImageDraw.Draw(new).rectangle((40, 40, 130, 60), fill="navy")  # a longer line
    ImageDraw.Draw(new).text((300, 500), "250+", fill="black")  # a new figure, far away
    assert changed(old, old.copy()) == []
    boxes = [(r.x0 * 400, r.y0 * 560, r.x1 * 400, r.y1 * 560) for r in changed(old, new)]
    assert len(boxes) == 2
    assert _overlap(boxes[0], (120, 40, 131, 61)) and boxes[0][0] >= 119 and boxes[0][2] <= 132
    assert _overlap(boxes[1], (300, 500, 330, 515)) and boxes[1][1] >= 495


def test_the_default_preflight_judges_the_print_files_not_the_proof_or_the_screen_editions(proj: Path, capsys):
    """The proof (and a screen PDF) is for the screen: `poster-gen preflight` with no file
    named checks the print set beside it and passes."""
    assert main(["build", "--project", str(proj), "--format", "all"]) == 0
    assert main(["proof", "--project", str(proj)]) == 0
    assert (proj / "output" / "proof.pdf").is_file() and any((proj / "output" / "screen").rglob("*.pdf"))
    capsys.readouterr()
    assert main(["preflight", "--project", str(proj)]) == 0, capsys.readouterr()
    said = capsys.readouterr().out
    assert "proof.pdf" not in said and "screen/" not in said and "brochure.pdf" in said
