"""poster-gen preview: PNG previews of every built page and a labelled contact sheet."""
from __future__ import annotations

import argparse
from pathlib import Path

from .common import project_arg

HELP = "render PNG previews of the built PDFs and a contact sheet (output/previews/)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="the build's output folder (default: <project>/output)")
    p.add_argument("--dpi", type=float, default=36, help="resolution of the page previews (default 36)")
    p.add_argument("--sheet", type=Path, metavar="PNG", help="also write the contact sheet here (e.g. docs/)")
    p.add_argument("--sheet-width", type=int, default=2400, metavar="PX", help="contact sheet width (2400)")
    p.add_argument("--row", type=Path, metavar="PNG", help="also write the posters side by side at a 3 m view here")


def run(args: argparse.Namespace) -> int:
    from ..build.formats import BROCHURE, output_name
    from ..build.glyphs import prepare_layout_fonts, project_text
    from ..errors import InputError, Problem
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
            pages = rasterise(pdf, dpi=args.dpi)
            save_pages(pages, previews / lm.slug)
            posters.append(Rendered(f"{i:02d} {lm.name.zh} {lm.name.en}", pages))
    brochure = None
    pdf = out / output_name("print", BROCHURE)
    if pdf.is_file():
        pages = rasterise(pdf, dpi=args.dpi)
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
    print(f"{n} page preview(s) at {args.dpi:g} dpi in {previews}")
    return 0

