"""Reproducible, incremental and parallel builds."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT, copy_project, run_cli

pytestmark = pytest.mark.slow  # whole builds: left out of the inner loop


def pdfs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.pdf"))}


def statuses(stdout: str) -> dict[str, str]:
    rows = {}
    for line in stdout.splitlines():
        m = re.match(r"^(\S+\.pdf)\s+(written|up to date|not written|failed)\s", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


def test_same_inputs_give_the_same_bytes(tmp_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out, jobs in ((a, "1"), (b, "2")):  # one process or two: the same files
        r = run_cli("build", "--project", str(ROOT), "--out", str(out), "--jobs", jobs)
        assert r.returncode == 0, r.stderr
    assert pdfs(a) == pdfs(b) and len(pdfs(a)) == 6
    for out in (a, b):
        r = run_cli("preview", "--project", str(ROOT), "--out", str(out), "--dpi", "20")
        assert r.returncode == 0, r.stderr
    pngs = lambda d: {p.name: p.read_bytes() for p in sorted((d / "previews").glob("*.png"))}  # noqa: E731
    assert pngs(a) == pngs(b) and len(pngs(a)) > 6


def test_source_date_epoch_sets_the_dates(tmp_path: Path):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    r = subprocess.run([sys.executable, "-m", "poster_gen", "build", "--project", str(ROOT), "--out",
                        str(tmp_path), "--only", "integrated-circuits"], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    with pikepdf.open(tmp_path / "posters" / "integrated-circuits.pdf") as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == "D:20231114221320Z"
        assert pdf.open_metadata()["xmp:CreateDate"] == "2023-11-14T22:13:20Z"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    proj = copy_project(tmp_path / "p")
    r = run_cli("build", "--project", str(proj))
    assert r.returncode == 0, r.stderr
    assert (proj / "output" / ".poster-gen-manifest.json").is_file()
    return proj


def test_nothing_changed_builds_nothing_and_imports_no_reportlab(project: Path):
    before = pdfs(project / "output")
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "poster_gen", "build", "--project", str(project)],
                       capture_output=True, text=True, env=dict(os.environ))
    assert r.returncode == 0, r.stderr
    assert "nothing to do" in r.stdout
    assert set(statuses(r.stdout).values()) == {"up to date"}
    imported = {line.split("|")[-1].strip() for line in r.stderr.splitlines() if line.startswith("import time")}
    assert not any(m.startswith(("reportlab", "yaml", "PIL", "pikepdf", "fontTools")) for m in imported)
    # nor the heavier parts of the standard library a cache or type hints would bring
    assert not imported & {"typing", "pickle", "secrets", "dataclasses"}, imported & {"typing", "pickle", "secrets"}
    assert pdfs(project / "output") == before


def test_editor_swap_files_and_yml_names_are_data_files_or_not_alike_everywhere(project: Path):
    """The loader, the manifest and the no-op fast path agree on which files are data:
    a hidden swap file is none (nothing rebuilds), a .yml landmark is one (it builds)."""
    folder = project / "data" / "landmarks"
    (folder / ".integrated-circuits.yaml.swp.yaml").write_text("not: [yaml", encoding="utf-8")
    r = run_cli("build", "--project", str(project))
    assert r.returncode == 0, r.stderr
    assert "nothing to do" in r.stdout
    (folder / "integrated-circuits.yaml").rename(folder / "integrated-circuits.yml")
    r = run_cli("build", "--project", str(project))
    assert r.returncode == 0, r.stderr
    assert statuses(r.stdout)["posters/integrated-circuits.pdf"] == "written"
    r = run_cli("build", "--project", str(project))
    assert "nothing to do" in r.stdout, r.stdout + r.stderr


def test_editing_one_landmark_rebuilds_its_poster_and_the_brochure(project: Path):
    before = pdfs(project / "output")
    lm = project / "data" / "landmarks" / "integrated-circuits.yaml"
    lm.write_text(lm.read_text(encoding="utf-8").replace('- value: "200+"', '- value: "210+"'), encoding="utf-8")
    r = run_cli("build", "--project", str(project))
    assert r.returncode == 0, r.stderr
    st = statuses(r.stdout)
    assert st["posters/integrated-circuits.pdf"] == "written" and st["brochure.pdf"] == "written"
    assert [k for k, v in st.items() if v == "written"] == ["posters/integrated-circuits.pdf", "brochure.pdf"]
    after = pdfs(project / "output")
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {"posters/integrated-circuits.pdf", "brochure.pdf"}
    assert "5 up to date" not in r.stdout and "4 up to date, skipped" in r.stdout


def test_editing_a_theme_rebuilds_what_uses_it(project: Path):
    theme = project / "layouts" / "themes" / "artificial-intelligence.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("cmyk: [92, 35, 0, 0]", "cmyk: [90, 38, 0, 0]"),
                     encoding="utf-8")
    r = run_cli("build", "--project", str(project))
    assert r.returncode == 0, r.stderr
    written = sorted(k for k, v in statuses(r.stdout).items() if v == "written")
    assert written == ["brochure.pdf", "posters/artificial-intelligence.pdf"]


def test_a_deleted_or_hand_changed_output_is_made_again(project: Path):
    out = project / "output"
    good = pdfs(out)
    (out / "posters" / "software-information-services.pdf").unlink()
    data = bytearray((out / "posters" / "new-energy-vehicles.pdf").read_bytes())
    data[-200] ^= 0xFF
    (out / "posters" / "new-energy-vehicles.pdf").write_bytes(bytes(data))
    r = run_cli("build", "--project", str(project))
    assert r.returncode == 0, r.stderr
    written = sorted(k for k, v in statuses(r.stdout).items() if v == "written")
    assert written == ["posters/new-energy-vehicles.pdf", "posters/software-information-services.pdf"]
    assert pdfs(out) == good  # made again, byte for byte as before


def test_force_rebuilds_everything(project: Path):
    r = run_cli("build", "--project", str(project), "--force")
    assert r.returncode == 0, r.stderr
    assert set(statuses(r.stdout).values()) == {"written"}


def test_a_new_landmark_renumbers_the_series(project: Path):
    src = project / "data" / "landmarks" / "artificial-intelligence.yaml"
    (project / "data" / "landmarks" / "smart-manufacturing.yaml").write_text(
        src.read_text(encoding="utf-8").replace("order: 3", "order: 6"), encoding="utf-8")
    r = run_cli("build", "--project", str(project))
    assert r.returncode == 0, r.stderr
    st = statuses(r.stdout)
    assert st["posters/smart-manufacturing.pdf"] == "written"
    # every poster shows "0n / 06" now, so all are made again
    assert set(st.values()) == {"written"}


def test_watch_previews_skip_social_images(tmp_path: Path):
    """`watch --format social --previews`: rebuilt PNGs are pictures already, not PDFs to render."""
    from types import SimpleNamespace

    from PIL import Image

    from poster_gen.commands.watch import _previews

    png = tmp_path / "social" / "integrated-circuits-story.png"
    png.parent.mkdir()
    Image.new("RGB", (10, 10)).save(png)
    _previews(tmp_path, tmp_path, [SimpleNamespace(path=png, name="social/integrated-circuits-story.png")])
    assert list((tmp_path / "previews").iterdir()) == []
