"""Where a full build's time goes, stage by stage, in one process (warm caches).

    python benchmarks/stages.py [--project DIR] [--runs 3]

Each run is a fresh process (so imports are counted as a build pays them); the medians
are printed. The brochure is made first, as `--jobs 1` does, so it also pays the first
font registration. Feeds the "Where the time goes now" table of NOTES.md.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r'''
import io, json, sys, tempfile, time
T = [time.perf_counter()]
laps = {}
def lap(name):
    t = time.perf_counter(); laps[name] = laps.get(name, 0.0) + t - T[0]; T[0] = t
from pathlib import Path
from poster_gen import builder
from poster_gen.load.project import load_project
lap("imports (poster-gen, models)")
proj = load_project(Path(sys.argv[1]))
lap("load and validate")
text = builder.project_text(proj)
fonts = {n: builder.prepare_layout_fonts(proj, n, text) for n in proj.layouts}
lap("fonts (cached) and glyph coverage")
from poster_gen.compose.document import compose_brochure, compose_poster
from poster_gen.finish.marks import add_marks
from poster_gen.finish.pdfx import DocInfo, finish_pdfx
from poster_gen.preflight import PreflightOptions, preflight_pdf
from poster_gen.render.pdf import font_files, render_document
import pikepdf
lap("imports (ReportLab, pikepdf, compose, preflight)")
out = Path(tempfile.mkdtemp()) / "stage.pdf"
for target in ["brochure"] + [lm.slug for lm in proj.landmarks]:
    name = "brochure" if target == "brochure" else "poster"
    layout = proj.layouts[name]
    metrics = {r: p.metrics for r, p in fonts[name].items()}
    files = font_files(fonts[name])
    T[0] = time.perf_counter()
    if target == "brochure":
        doc = compose_brochure(proj, metrics, langs=("zh", "en"), layout=layout)
    else:
        doc = compose_poster(proj, proj.landmark(target), metrics, 1.0, target, None, ("zh", "en"), name, layout)
    lap(f"{name}: compose")
    add_marks(doc, layout.print, True)
    info = DocInfo(doc.title, doc.author, doc.subject, doc.keywords, doc.lang)
    buf = io.BytesIO()
    render_document(doc, buf, files, finish=lambda c: finish_pdfx(c, info, layout.print.output_intent, proj.root))
    out.write_bytes(buf.getvalue())
    lap(f"{name}: render and finish")
    assert all(r.ok for r in preflight_pdf(out, PreflightOptions(), shown=target))
    lap(f"{name}: preflight")
out.unlink()
print(json.dumps(laps))
'''


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--project", default=str(ROOT))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = [json.loads(subprocess.run([sys.executable, "-c", CHILD, args.project], env=env, check=True,
                                      capture_output=True, text=True).stdout) for _ in range(args.runs)]
    print(f"| stage | seconds (median of {args.runs}) |\n|---|---|")
    for key in runs[0]:
        print(f"| {key} | {statistics.median(r[key] for r in runs):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
