"""poster-gen preview: PNG previews of every built page and a labelled contact sheet;
with ``--separations``, the plates instead: one greyscale PNG per ink per page, as the
press prints them (Ghostscript, overprint simulated; see poster_gen.preflight.plates).
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from .common import project_arg

HELP = ("render PNG previews of the built PDFs and a contact sheet (output/previews/), "
        "or with --separations their plates as printed")
PREVIEW_DPI = 36.0
SEPARATION_DPI = 50.0  # an A2 plate about 830 px wide: every hairline and knockout still shows
MAX_SEPARATION_DPI = 300.0  # plates for a screen; the press's RIP is the judge at full resolution
STRIP_HEIGHT = 600  # px: the tallest plate in an overview strip
SEPARATIONS = "separations"  # the folder under output/previews/


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="the build's output folder (default: <project>/output)")
    p.add_argument("--dpi", type=float, default=None,
                   help=f"resolution of the previews (default {PREVIEW_DPI:g}; "
                        f"{SEPARATION_DPI:g} with --separations)")
    p.add_argument("--sheet", type=Path, metavar="PNG", help="also write the contact sheet here (e.g. docs/)")
    p.add_argument("--sheet-width", type=int, default=2400, metavar="PX", help="contact sheet width (2400)")
    p.add_argument("--row", type=Path, metavar="PNG", help="also write the posters side by side at a 3 m view here")
    p.add_argument("--separations", action="store_true",
                   help="instead of the page previews: each page's plates (C, M, Y, K and each spot) as the "
                        "press prints them, one greyscale PNG each (white = no ink, black = 100%%), with each "
                        f"page's highest total ink, in previews/{SEPARATIONS}/ (needs Ghostscript)")


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError, Problem

    dpi = args.dpi if args.dpi is not None else SEPARATION_DPI if args.separations else PREVIEW_DPI
    if not 0 < dpi < float("inf"):
        raise InputError([Problem("--dpi", 0, 0, "", f"{dpi:g} is not a resolution (more than 0)")])
    if args.separations:
        return _separations(args, dpi)
    from ..build.formats import BROCHURE, output_name
    from ..build.glyphs import prepare_layout_fonts, project_text
    from ..load.project import load_project
    from ..render.raster import Rendered, contact_sheet, rasterise, save_pages, series_row

    project = load_project(args.project)
    out = (args.out or project.root / "output").resolve()
    fonts = prepare_layout_fonts(project, "poster", project_text(project))
    font_path = str(fonts["bold"].ttf_path)
    previews = out / "previews"
    previews.mkdir(parents=True, exist_ok=True)
    posters: list[Rendered] = []
    for i, lm in enumerate(project.landmarks, 1):
        pdf = out / output_name("print", lm.slug)
        if pdf.is_file():
            pages = rasterise(pdf, dpi=dpi)
            save_pages(pages, previews / lm.slug)
            posters.append(Rendered(f"{i:02d} {lm.name.zh} {lm.name.en}", pages))
    brochure = None
    pdf = out / output_name("print", BROCHURE)
    if pdf.is_file():
        pages = rasterise(pdf, dpi=dpi)
        save_pages(pages, previews / "brochure")
        b = project.campaign.brochure
        brochure = Rendered(f"{b.title.zh} · brochure", pages)
    if not posters and brochure is None:
        raise InputError([Problem(str(out), 0, 0, "", "no PDFs to preview; run `poster-gen build` first")])
    c = project.campaign
    sheet = contact_sheet(posters, brochure, font_path=font_path, width=args.sheet_width,
                          title=f"{c.series.zh}  {c.series.en}")
    targets = [previews / "contact-sheet.png"] + ([args.sheet] if args.sheet else [])
    for t in targets:
        t.parent.mkdir(parents=True, exist_ok=True)
        sheet.save(t, optimize=True)
        print(f"wrote {t}")
    if args.row and posters:
        args.row.parent.mkdir(parents=True, exist_ok=True)
        series_row(posters).save(args.row, optimize=True)
        print(f"wrote {args.row}")
    n = sum(len(r.pages) for r in posters) + (len(brochure.pages) if brochure else 0)
    print(f"{n} page preview(s) at {dpi:g} dpi in {previews}")
    return 0


def _separations(args: argparse.Namespace, dpi: float) -> int:
    """The plates of every built print PDF (the posters, then the brochure), trimmed like
    the page previews, an overview strip per page, and each page's highest total ink."""
    from ..build.formats import BROCHURE, output_name
    from ..build.glyphs import prepare_layout_fonts, project_text
    from ..errors import InputError, Problem
    from ..load.project import load_project
    from ..preflight.plates import ghostscript, iter_separate, peak_ink

    given = [flag for flag, value in (("--sheet", args.sheet), ("--row", args.row)) if value]
    if given:
        raise InputError([Problem(given[0], 0, 0, "", "belongs to the page previews, not to --separations; "
                                                      "run `poster-gen preview` for it")])
    if dpi > MAX_SEPARATION_DPI:
        raise InputError([Problem("--dpi", 0, 0, "", f"{dpi:g} dpi is more than plate previews need "
                                                     f"(at most {MAX_SEPARATION_DPI:g} with --separations)")])
    gs = ghostscript("preview --separations")
    project = load_project(args.project)
    out = (args.out or project.root / "output").resolve()
    targets = [(lm.slug, out / output_name("print", lm.slug)) for lm in project.landmarks]
    targets = [(stem, pdf) for stem, pdf in targets + [("brochure", out / output_name("print", BROCHURE))]
               if pdf.is_file()]
    if not targets:
        raise InputError([Problem(str(out), 0, 0, "", "no PDFs to preview; run `poster-gen build` first")])
    font_path = str(prepare_layout_fonts(project, "poster", project_text(project))["bold"].ttf_path)
    folder = out / "previews" / SEPARATIONS
    folder.mkdir(parents=True, exist_ok=True)
    _clear(folder)
    summary, files = [], 0
    for stem, pdf in targets:
        seen: dict[str, None] = {}
        pages = 0
        for page in iter_separate(pdf, dpi, gs=gs):  # a page's images at a time
            pages += 1
            plates = page.trimmed()
            names = _file_names(list(plates))
            for name, img in plates.items():
                img.save(folder / f"{stem}-p{page.page}-{names[name]}.png")
            _strip(plates, font_path).save(folder / f"{stem}-p{page.page}-plates.png", optimize=True)
            files += len(plates) + 1
            seen.update(dict.fromkeys(plates))
            summary.append(f"{stem} p{page.page}: {_peak_line(peak_ink(page))}; plates: {_listed(plates)}")
        print(f"separated {pdf.relative_to(out).as_posix()}: {pages} page(s), plates {_listed(seen)}")
    print("highest total ink as printed (C+M+Y+K, overprint simulated; at x, y mm from the top-left "
          "of the bleed):")
    for line in summary:
        print(f"  {line}")
    print(f"{files} separation PNG(s) of {len(summary)} page(s) at {dpi:g} dpi in {folder} "
          "(<name>-p<N>-<plate>.png; <name>-p<N>-plates.png: a page's plates side by side)")
    return 0


def _peak_line(peak) -> str:
    """"highest ink 235% (C15 M85 Y100 K35) at 212.9, 160.0 mm", with any spot there."""
    from ..preflight.plates import PROCESS_KEYS

    process = " ".join(f"{k}{peak.plates[k]:.0f}" for k in PROCESS_KEYS)
    spots = "".join(f" + {k} {v:.0f}%" for k, v in peak.plates.items() if k not in PROCESS_KEYS and v >= 0.5)
    x, y = peak.at_mm
    return f"highest ink {peak.percent:.0f}% ({process}){spots} at {x:.1f}, {y:.1f} mm"


def _listed(plates) -> str:
    """"C M Y K", then any spots after commas (their names may hold spaces)."""
    from ..preflight.plates import PROCESS_KEYS

    process = [name for name in plates if name in PROCESS_KEYS]
    return " ".join(process) + "".join(f", {name}" for name in plates if name not in PROCESS_KEYS)


def _file_names(plates: list[str]) -> dict[str, str]:
    """Each plate's part of its PNG name, file-safe and unique on the page ("plates" is
    the overview strip's)."""
    from ..preflight.plates import file_safe

    taken, out = {"plates"}, {}
    for name in plates:
        base = safe = file_safe(name)
        n = 2
        while safe.lower() in taken:
            safe, n = f"{base}-{n}", n + 1
        taken.add(safe.lower())
        out[name] = safe
    return out


def _clear(folder: Path) -> None:
    """Remove the plates of an earlier run: a spot colour taken out of the design must
    not leave its plate behind."""
    for old in folder.glob("*.png"):
        if re.search(r"-p\d+-[^/\\]+\.png$", old.name):
            old.unlink()


def _strip(plates: dict, font_path: str):
    """The page's plates side by side on grey, each named underneath (as the README shows)."""
    from PIL import Image, ImageDraw, ImageFont

    from ..preflight.plates import PROCESS

    first = next(iter(plates.values()))
    scale = min(1.0, STRIP_HEIGHT / first.height)
    w, h = max(1, round(first.width * scale)), max(1, round(first.height * scale))
    pad, size = max(8, w // 25), max(12, min(32, w // 12))
    try:
        font = ImageFont.truetype(font_path, size)
    except OSError:
        font = ImageFont.load_default()
    labels = {key: f"{key} {full}" for full, key in PROCESS.items()}
    strip = Image.new("L", (pad + len(plates) * (w + pad), pad + h + size * 2 + pad), 236)
    draw = ImageDraw.Draw(strip)
    for i, (name, img) in enumerate(plates.items()):
        x = pad + i * (w + pad)
        strip.paste(img.resize((w, h), Image.LANCZOS) if scale < 1 else img, (x, pad))
        draw.rectangle((x - 1, pad - 1, x + w, pad + h), outline=170)  # a white plate's edge
        label = labels.get(name, name)
        while label and draw.textlength(label, font=font) > w:
            label = label[:-1]
        draw.text((x, pad + h + size // 2), label, fill=40, font=font)
    return strip
