"""Print standards, spot inks and finishing plates, from the YAML a user edits to the PDF
the press gets: PDF/X-1a or PDF/X-4 (``--standard``, ``print.standard``), a theme colour
printed as a named spot ink, and a foil plate on the brochure's cover title."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from conftest import copy_project, run_cli
from pdfcheck import cmyk_output_profile
from poster_gen.preflight import PreflightOptions, preflight_pdf

SPOT = "PANTONE 7621 C"
FOIL = "Foil gold"


GS_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


def _profile() -> bytes:
    """A real CMYK output profile where Ghostscript brings one (readers then convert
    through it), else a CMYK output ('prtr') profile header: what the output intent embeds."""
    return GS_PROFILE.read_bytes() if GS_PROFILE.is_file() else cmyk_output_profile()


def _primary_with(proj: Path, theme: str, extra: str) -> None:
    """Add ``extra`` (e.g. ``spot: "PANTONE 7621 C"``) to a theme's primary colour."""
    path = proj / "layouts" / "themes" / f"{theme}.yaml"
    text, n = re.subn(r"(  primary: +\{name: [^,]+, cmyk: \[[^\]]+\])\}", rf"\1, {extra}}}",
                      path.read_text(encoding="utf-8"), count=1)
    assert n == 1, path
    path.write_text(text, encoding="utf-8")


def _with_profile(proj: Path) -> Path:
    (proj / "assets" / "icc").mkdir(parents=True, exist_ok=True)
    (proj / "assets" / "icc" / "press.icc").write_bytes(_profile())
    for name in ("poster", "brochure"):
        lay = proj / "layouts" / f"{name}.yaml"
        text = lay.read_text(encoding="utf-8")
        text = text.replace("    registry: http://www.color.org\n",
                            "    registry: http://www.color.org\n    profile: assets/icc/press.icc\n", 1)
        # the loader judges the series' colours through the profile; Ghostscript's generic
        # one (not a press's) puts two of them 16.8 apart: not what these tests are about
        lay.write_text(text.replace("hue_separation: 20", "hue_separation: 15"), encoding="utf-8")
    return proj


def _failed(path: Path, standard: str | None) -> dict[str, str]:
    return {r.check: r.detail for r in preflight_pdf(path, PreflightOptions(standard=standard)) if not r.ok}


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> dict[str, Path]:
    """The NEV poster built to each standard from the same project."""
    proj = _with_profile(copy_project(tmp_path_factory.mktemp("std") / "p"))
    out = {}
    for std in ("x1a", "x4"):
        r = run_cli("build", "--project", str(proj), "--out", str(proj / f"out-{std}"), "--standard", std,
                    "--only", "new-energy-vehicles")
        assert r.returncode == 0, r.stderr
        out[std] = proj / f"out-{std}" / "posters" / "new-energy-vehicles.pdf"
    return out


def test_x4_is_written_as_x4(both):
    with pikepdf.open(both["x4"]) as pdf:
        assert pdf.pdf_version == "1.6"
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-4"
        assert "/GTS_PDFXConformance" not in pdf.docinfo
        meta = pdf.open_metadata()
        assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert meta["xmpMM:VersionID"] and meta["xmpMM:RenditionClass"] == "default"
        (oi,) = list(pdf.Root.OutputIntents)
        assert oi.DestOutputProfile.read_bytes() == _profile()
        # the motifs keep live transparency: drawn in their own colour at their opacity
        assert min(_alphas(pdf.pages[0].Resources)) < 1
    with pikepdf.open(both["x1a"]) as pdf:
        assert pdf.pdf_version == "1.4"
        assert min(_alphas(pdf.pages[0].Resources), default=1.0) == 1.0
        assert not [x for x in _forms(pdf.pages[0].Resources) if "/Group" in x]


def _forms(resources) -> list:
    out = []
    for x in resources.get("/XObject", {}).values():
        if str(x.get("/Subtype")) == "/Form":
            out += [x, *_forms(x.get("/Resources", {}))]
    return out


def _alphas(resources) -> list[float]:
    out = []
    for res in [resources] + [f.get("/Resources", {}) for f in _forms(resources)]:
        for g in res.get("/ExtGState", {}).values():
            out += [float(g[k]) for k in ("/ca", "/CA") if k in g]
    return out


def test_each_file_passes_its_own_standard_and_fails_the_other(both):
    assert _failed(both["x4"], "x4") == {}
    assert _failed(both["x4"], None) == {}  # judged by what it claims
    assert _failed(both["x1a"], "x1a") == {}
    assert _failed(both["x1a"], None) == {}
    wrong = _failed(both["x4"], "x1a")
    assert "transparency" in wrong and "version" in wrong
    assert "pdfx" in _failed(both["x1a"], "x4")


def test_x4_and_x1a_look_the_same(both):
    """Live transparency composites to what PDF/X-1a prints flattened."""
    from PIL import Image, ImageChops, ImageStat

    from poster_gen.render.raster import rasterise

    (a,), (b,) = rasterise(both["x1a"], dpi=30), rasterise(both["x4"], dpi=30)  # PDFium (Chrome's viewer)
    diff = ImageChops.difference(a, b)
    assert max(ImageStat.Stat(diff).mean) < 0.5, ImageStat.Stat(diff).mean
    gs = shutil.which("gs")
    if gs is None:
        pytest.skip("Ghostscript (gs) is not installed; .ci/run installs it when run as root")
    planes = []
    for std in ("x1a", "x4"):  # and as a RIP separates it, in CMYK
        out = both[std].with_suffix(".tif")
        subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", "-r30", "-dUseBleedBox",
                        f"-sOutputFile={out}", str(both[std])], check=True, timeout=300)
        planes.append(Image.open(out))
    diff = ImageChops.difference(*planes)
    assert max(ImageStat.Stat(diff).mean) < 0.5, ImageStat.Stat(diff).mean


def test_x4_without_a_profile_is_refused_before_anything_is_written(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    r = run_cli("build", "--project", str(proj), "--standard", "x4")
    assert r.returncode == 2
    line = r.stderr.strip().splitlines()[0].removeprefix("error: ")
    assert line.startswith("layouts/") and "print.output_intent" in line and "ICC profile" in line, line
    assert not (proj / "output").exists() or not list((proj / "output").rglob("*.pdf"))
    # the layout may ask for it too
    lay = proj / "layouts" / "poster.yaml"
    lay.write_text(lay.read_text(encoding="utf-8").replace("  output_intent:\n", "  standard: x4\n  output_intent:\n", 1),
                   encoding="utf-8")
    r = run_cli("build", "--project", str(proj), "--only", "integrated-circuits")
    assert r.returncode == 2 and "print.standard x4" in r.stderr
    lay.write_text(lay.read_text(encoding="utf-8").replace("standard: x4", "standard: x5"), encoding="utf-8")
    r = run_cli("check", "--project", str(proj))
    assert r.returncode == 2 and "print.standard" in r.stderr and "x1a" in r.stderr


# --- spot inks and finishing plates ---------------------------------------------------------

@pytest.fixture(scope="module")
def spot_project(tmp_path_factory) -> Path:
    """The campaign's primary colour as a spot ink; the brochure cover's title in foil."""
    proj = copy_project(tmp_path_factory.mktemp("spot") / "p")
    _primary_with(proj, "campaign", f'spot: "{SPOT}"')
    lay = proj / "layouts" / "brochure.yaml"
    lay.write_text(lay.read_text(encoding="utf-8").replace(
        "  output_intent:\n",
        f'  finishes:\n    - {{kind: foil, name: "{FOIL}", cmyk: [0, 20, 60, 20], elements: [cover.title]}}\n'
        "  output_intent:\n", 1), encoding="utf-8")
    r = run_cli("build", "--project", str(proj), "--format", "all")
    assert r.returncode == 0, r.stderr
    return proj


def _separations(pdf_path: Path) -> dict[str, list]:
    found: dict[str, list] = {}
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for cs in page.Resources.get("/ColorSpace", {}).values():
                if str(cs[0]) == "/Separation":
                    found.setdefault(str(cs[1])[1:], []).append(str(cs[2]))
    return found


def test_a_spot_colour_is_a_separation_with_its_cmyk_alternate(spot_project: Path):
    seps = _separations(spot_project / "output" / "brochure.pdf")
    assert SPOT in seps and set(seps[SPOT]) == {"/DeviceCMYK"}
    assert _separations(spot_project / "output" / "screen" / "brochure.pdf") == {}  # screens: the alternate


def test_the_foil_plate_overprints_the_cover_title_only(spot_project: Path):
    pdf_path = spot_project / "output" / "brochure.pdf"
    seps = _separations(pdf_path)
    assert FOIL in seps
    with pikepdf.open(pdf_path) as pdf:
        pages_with_foil = [n for n, p in enumerate(pdf.pages, 1)
                           if any(str(cs[1])[1:] == FOIL for cs in p.Resources.get("/ColorSpace", {}).values())]
        assert pages_with_foil == [1]
        ops = [(str(i.operator), i.operands) for i in pikepdf.parse_content_stream(pdf.pages[0])]
        gs = pdf.pages[0].Resources.ExtGState
        foil = next(k for k, cs in pdf.pages[0].Resources.ColorSpace.items() if str(cs[1])[1:] == FOIL)
        # whatever paints in the foil plate paints with overprint on (set within its q/Q)
        stack, state = [], {"op": False, "foil": False}
        painted = 0
        for op, args in ops:
            if op == "q":
                stack.append(dict(state))
            elif op == "Q":
                state = stack.pop()
            elif op == "gs" and "/op" in gs[str(args[0])]:
                state["op"] = bool(gs[str(args[0])]["/op"])
            elif op in ("cs", "k"):
                state["foil"] = op == "cs" and str(args[0]) == foil
            elif op in ("f", "f*", "B", "B*", "Tj", "TJ") and state["foil"]:
                assert state["op"], "the foil plate paints without overprint"
                painted += 1
        assert painted
        # the crop marks reach every plate there is, the foil's and the spot's too: Separation /All
        marks = next(x for k, x in pdf.pages[0].Resources.XObject.items() if "PrinterMarks" in k)
        (space,) = [cs for cs in marks.Resources.ColorSpace.values()]
        assert str(space[0]) == "/Separation" and str(space[1]) == "/All"
        assert b"/All CS 1 SCN" in marks.read_bytes()
    results = preflight_pdf(pdf_path, PreflightOptions(standard="x1a", separations=frozenset({SPOT, FOIL}),
                                                       finishes=frozenset({FOIL})))
    assert all(r.ok for r in results), [r for r in results if not r.ok]


def test_ghostscript_makes_a_plate_of_each_spot(spot_project: Path):
    if shutil.which("gs") is None:
        pytest.skip("Ghostscript (gs) is not installed; .ci/run installs it when run as root")
    from poster_gen.preflight.plates import peak_ink, separate

    (cover,) = separate(spot_project / "output" / "brochure.pdf", 20, pages=[1])
    assert list(cover.plates)[:4] == ["C", "M", "Y", "K"]
    assert set(cover.spots) == {SPOT, FOIL}, list(cover.plates)
    # the foil plate carries ink (the title); the spot plate too (the campaign colour)
    for name in (SPOT, FOIL):
        assert cover.plates[name].getextrema()[0] < 128, name
    assert peak_ink(cover)[0] <= 300.5  # spots are reported apart from the four-colour total


def test_the_job_ticket_names_every_ink(spot_project: Path):
    """A release's job ticket tells the print shop the plates: four process inks, the
    spot ink and the foil, which it names as a finishing plate."""
    import json

    r = run_cli("release", "--project", str(spot_project), "--by", "Test", "--note", "spot and foil")
    assert r.returncode == 0, r.stderr
    (ticket,) = (spot_project / "releases").glob("1-*/job.json")
    rows = {row["path"]: row for row in json.loads(ticket.read_text(encoding="utf-8"))["files"]}
    assert rows["brochure.pdf"]["inks"] == ["Cyan", "Magenta", "Yellow", "Black", SPOT, FOIL]
    assert rows["brochure.pdf"]["finishing_plates"] == [{"plate": FOIL, "kind": "foil"}]
    assert rows["posters/integrated-circuits.pdf"]["inks"] == ["Cyan", "Magenta", "Yellow", "Black"]


@pytest.mark.parametrize("edit, where, what", [
    ('spot: "Black"', "layouts/themes/campaign.yaml", "process or special plate"),
    ('spot: " "', "layouts/themes/campaign.yaml", "empty"),
])
def test_bad_spot_names_are_located(tmp_path: Path, edit: str, where: str, what: str):
    proj = copy_project(tmp_path / "p")
    _primary_with(proj, "campaign", edit)
    r = run_cli("check", "--project", str(proj))
    assert r.returncode == 2
    line = r.stderr.strip().splitlines()[0].removeprefix("error: ")
    assert line.startswith(where) and "spot" in line and what in line, line


def test_a_finish_naming_an_unknown_region_is_located(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    lay = proj / "layouts" / "brochure.yaml"
    lay.write_text(lay.read_text(encoding="utf-8").replace(
        "  output_intent:\n", "  finishes:\n    - {kind: foil, name: Foil, cmyk: [0, 20, 60, 20], elements: [titel]}\n"
        "  output_intent:\n", 1), encoding="utf-8")
    r = run_cli("check", "--project", str(proj))
    assert r.returncode == 2
    line = r.stderr.strip().splitlines()[0].removeprefix("error: ")
    assert line.startswith("layouts/brochure.yaml:") and "finishes" in line and "'titel'" in line
    assert "title" in line.split("'titel'")[1]  # a suggestion


# --- readers we did not write ------------------------------------------------------------------

READERS = {
    "qpdf": ["qpdf", "--check", "{pdf}"],
    "gs": ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", "{pdf}"],
    "pdftoppm": ["pdftoppm", "-r", "8", "-png", "{pdf}", "{out}"],
    "mutool": ["mutool", "draw", "-r", "8", "-o", "{out}-%d.png", "{pdf}"],
}
# what a reader says of itself whatever file it reads (Debian's mutool is built without littleCMS)
TOOL_NOTES = {"warning: ICC support is not available"}
PACKAGES = {"qpdf": "qpdf", "gs": "ghostscript", "pdftoppm": "poppler-utils", "mutool": "mupdf-tools"}


@pytest.mark.parametrize("reader", list(READERS))
def test_every_standard_and_plate_opens_cleanly_in_other_readers(reader: str, both, spot_project: Path,
                                                                 tmp_path: Path):
    """qpdf, Ghostscript, poppler and MuPDF read each kind of file without an error or a
    warning: PDF/X-1a, PDF/X-4 (live transparency), spot inks and a foil plate."""
    if shutil.which(reader) is None:
        pytest.skip(f"{reader} ({PACKAGES[reader]}) is not installed; .ci/run installs it when run as root")
    files = [both["x1a"], both["x4"], spot_project / "output" / "brochure.pdf"]
    for n, pdf in enumerate(files):
        cmd = [part.format(pdf=pdf, out=tmp_path / f"r{n}") for part in READERS[reader]]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        said = (r.stdout if reader != "qpdf" else "") + r.stderr
        assert r.returncode == 0, (reader, pdf.name, said)
        lines = [ln for ln in said.splitlines() if ln not in TOOL_NOTES]
        assert not [ln for ln in lines if re.search(r"error|warning", ln, re.I)], (reader, pdf.name, said)


def test_one_spot_ink_has_one_look_alike(tmp_path: Path):
    """The same ink named by two themes with different CMYK is refused at the second."""
    proj = copy_project(tmp_path / "p")
    for name in ("campaign", "integrated-circuits"):
        _primary_with(proj, name, f'spot: "{SPOT}"')
    r = run_cli("check", "--project", str(proj))
    assert r.returncode == 2
    line = r.stderr.splitlines()[0]
    assert "colours.primary.cmyk" in line and SPOT in line and "one ink has one process look-alike" in line, line
