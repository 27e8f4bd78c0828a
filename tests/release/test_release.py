"""poster-gen release, releases, release --verify, release --zip and build --from-release,
on a real built project: what a release holds, that it checks, hands off and rebuilds
byte for byte, and what it refuses."""
from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT
from poster_gen.cli import main
from release_fixtures import built_project, proj, release_folder, stderr_lines  # noqa: F401 (fixtures)

MM = 72 / 25.4


def _release(proj: Path, *extra: str) -> int:
    return main(["release", "--project", str(proj), *extra])


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_release_holds_the_outputs_their_inputs_and_checksums_and_verifies_clean(proj: Path, capsys):
    assert _release(proj, "--note", "June fair", "--by", "Wang Li") == 0
    out, err = capsys.readouterr()
    assert stderr_lines(err) == ["warning: data/campaign.yaml: quantities.new-energy-vehicle names no landmark "
                                 "and not the brochure; the job ticket leaves it out"]
    folder = release_folder(proj, 1)
    assert re.fullmatch(r"1-\d{4}-\d{2}-\d{2}", folder.name) and "release 1" in out
    record = json.loads((folder / "release.json").read_text(encoding="utf-8"))
    assert (record["number"], record["by"], record["note"]) == (1, "Wang Li", "June fair")
    when = datetime.fromisoformat(record["date"])
    assert when.tzinfo is not None and folder.name.endswith(when.date().isoformat())
    assert record["tool"]["version"] and len(record["tool"]["digest"]) == 64
    assert "bleed=None" in record["options"]
    built = {p.relative_to(proj / "output").as_posix(): p for p in (proj / "output").rglob("*")
             if p.is_file() and not p.name.startswith(".")}
    assert {f["path"] for f in record["files"]} == set(built)  # print, screen and social
    for f in record["files"]:
        data = (folder / "files" / f["path"]).read_bytes()
        assert data == built[f["path"]].read_bytes()
        assert (f["sha256"], f["size"]) == (_sha(data), len(data))
        assert f["kind"] == ("print" if not f["path"].startswith(("screen/", "social/")) else f["path"].split("/")[0])
        assert f["pages"] == (16 if f["path"].endswith("brochure.pdf") else 1)
    for rel in ("data/campaign.yaml", "data/landmarks/integrated-circuits.yaml", "layouts/brochure.yaml",
                "layouts/themes/campaign.yaml", "layouts/social-story.yaml"):
        assert (folder / "snapshot" / rel).read_bytes() == (proj / rel).read_bytes()
    report = (folder / "preflight.txt").read_text(encoding="utf-8")
    assert report.endswith("6 passed, 0 failed\n") and "PASS  brochure.pdf  pdfx:" in report
    sums = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = {line.split("  ", 1)[1] for line in sums}
    every = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert listed == every - {"SHA256SUMS"}
    if shutil.which("sha256sum"):
        r = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=folder, capture_output=True)
        assert r.returncode == 0, r.stdout + r.stderr
    assert main(["release", "--project", str(proj), "--verify", "1"]) == 0
    assert "release 1 is intact" in capsys.readouterr().out
    assert not list((proj / "releases").glob(".release-*"))


def test_one_altered_byte_of_a_released_pdf_is_caught(proj: Path, capsys):
    assert _release(proj) == 0
    pdf = release_folder(proj, 1) / "files" / "posters" / "integrated-circuits.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    (release_folder(proj, 1) / "snapshot" / "data" / "campaign.yaml").unlink()
    (release_folder(proj, 1) / "files" / "extra.pdf").write_bytes(b"%PDF-1.4\n")
    capsys.readouterr()
    assert main(["release", "--project", str(proj), "--verify", "1"]) == 2
    got = capsys.readouterr()
    assert got.out.splitlines() == ["altered  files/posters/integrated-circuits.pdf",
                                    "missing  snapshot/data/campaign.yaml", "added    files/extra.pdf"]
    err = stderr_lines(got.err)
    assert len(err) == 1 and err[0].startswith("error: releases/1-") and "1 altered, 1 missing, 1 added" in err[0]


def test_the_job_ticket_matches_each_pdfs_trim_and_bleed_boxes(proj: Path):
    assert _release(proj) == 0
    folder = release_folder(proj, 1)
    job = json.loads((folder / "job.json").read_text(encoding="utf-8"))
    assert job["release"] == 1 and job["campaign"]["en"] == "Nanjing Industrial Landmarks"
    rows = {r["path"]: r for r in job["files"]}
    assert set(rows) == {"brochure.pdf", *(f"posters/{p.stem}.pdf" for p in (proj / "data" / "landmarks").glob("*.yaml"))}
    for name, row in rows.items():
        with pikepdf.open(folder / "files" / name) as pdf:
            for page in pdf.pages:  # every page: the ticket's size is the whole file's
                trim = [float(v) for v in page.obj.TrimBox]
                bleed = [float(v) for v in page.obj.BleedBox]
                assert row["trim_mm"]["width"] == pytest.approx((trim[2] - trim[0]) / MM, abs=0.05)
                assert row["trim_mm"]["height"] == pytest.approx((trim[3] - trim[1]) / MM, abs=0.05)
                sides = {"left": trim[0] - bleed[0], "bottom": trim[1] - bleed[1],
                         "right": bleed[2] - trim[2], "top": bleed[3] - trim[3]}
                for side, pt in sides.items():
                    assert row["bleed_mm"][side] == pytest.approx(pt / MM, abs=0.05)
            assert row["pages"] == len(pdf.pages)
            assert row["colour"] == str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-1a:2003"
            assert row["output_intent"]["identifier"] == str(pdf.Root.OutputIntents[0].OutputConditionIdentifier)
    assert rows["brochure.pdf"]["trim_mm"] == {"width": 210.0, "height": 297.0}
    assert rows["brochure.pdf"]["finishing"] == {"zh": "骑马钉装订", "en": "saddle stitch"}
    assert rows["posters/integrated-circuits.pdf"]["finishing"] is None
    assert all(r["inks"] == ["Cyan", "Magenta", "Yellow", "Black"] and r["finishing_plates"] == []
               for r in rows.values())
    assert rows["brochure.pdf"]["quantity"] == 2000 and rows["posters/new-energy-vehicles.pdf"]["quantity"] == 300
    assert rows["posters/integrated-circuits.pdf"]["quantity"] is None


def test_a_release_rebuilt_from_its_snapshot_is_byte_identical(proj: Path, tmp_path: Path, capsys):
    assert _release(proj) == 0
    # the project moves on: the rebuild must come from the snapshot, not from data/
    path = proj / "data" / "landmarks" / "integrated-circuits.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# moved on\n", encoding="utf-8")
    (proj / "data" / "campaign.yaml").write_text("not: [a campaign", encoding="utf-8")
    before = {p: p.read_bytes() for p in release_folder(proj, 1).rglob("*") if p.is_file()}
    capsys.readouterr()
    again = tmp_path / "again"
    assert main(["build", "--project", str(proj), "--from-release", "1", "--out", str(again)]) == 0
    out = capsys.readouterr().out
    record = json.loads((release_folder(proj, 1) / "release.json").read_text(encoding="utf-8"))
    for f in record["files"]:
        assert _sha((again / f["path"]).read_bytes()) == f["sha256"], f["path"]
        assert f"identical  {f['path']}" in out
    assert "byte for byte" in out and "note:" not in out
    assert {p: p.read_bytes() for p in release_folder(proj, 1).rglob("*") if p.is_file()} == before

    # a release made by another poster-gen, whose brochure came out otherwise: say so, name the file
    twin = proj / "releases" / "2-2020-06-15"
    shutil.copytree(release_folder(proj, 1), twin)
    record.update(number=2, tool={"version": "0.0.1", "digest": "0" * 64})
    record["files"] = [f for f in record["files"] if f["kind"] == "print"]  # a quick rebuild
    brochure = next(f for f in record["files"] if f["path"] == "brochure.pdf")
    brochure["sha256"] = "f" * 64
    (twin / "release.json").write_text(json.dumps(record), encoding="utf-8")
    from poster_gen.release.sums import sums_text

    (twin / "SHA256SUMS").write_text(sums_text(twin), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--project", str(proj), "--from-release", "2", "--out", str(tmp_path / "o")]) == 1
    got = capsys.readouterr()
    assert "differs    brochure.pdf" in got.out and "identical  posters/integrated-circuits.pdf" in got.out
    assert "release 2 was made by poster-gen 0.0.1, not by this poster-gen" in got.out
    assert "1 of 6 files differ from release 2" in got.err
    assert not (tmp_path / "o" / "screen").exists()  # only the kinds released are rebuilt


def test_refused_when_a_data_file_changed_since_the_build(proj: Path, capsys):
    path = proj / "data" / "landmarks" / "new-energy-vehicles.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert _release(proj) == 2
    err = stderr_lines(capsys.readouterr().err)
    assert len(err) == 1, err
    assert "not up to date: data/landmarks/new-energy-vehicles.yaml changed since it was built" in err[0]
    assert "run poster-gen build" in err[0]
    assert not (proj / "releases").exists()


def test_refused_when_a_print_file_fails_preflight(proj: Path, capsys, monkeypatch):
    # a print shop that asks for 5 mm of bleed: the 3 mm files built fail the release's preflight
    # (tests/release/test_release_faults.py builds with --bleed 1 for the real thing)
    import poster_gen.preflight as preflight

    options = preflight.PreflightOptions
    monkeypatch.setattr(preflight, "PreflightOptions", lambda: options(min_bleed_mm=5.0))
    assert _release(proj) == 2
    err = stderr_lines(capsys.readouterr().err)
    assert len(err) == 1 and err[0].startswith("error: output/posters/") and "fails preflight (boxes:" in err[0], err
    assert "(and 5 more file(s))" in err[0]
    assert not (proj / "releases").exists()


def test_refused_when_nothing_is_built_or_a_format_is_stale(proj: Path, capsys):
    (proj / "output" / "screen" / "brochure.pdf").unlink()
    assert _release(proj) == 2
    err = stderr_lines(capsys.readouterr().err)
    assert len(err) == 1 and "screen/brochure.pdf: missing since the build" in err[0] and "--format screen" in err[0]
    shutil.rmtree(proj / "output")
    assert _release(proj) == 2
    err = stderr_lines(capsys.readouterr().err)
    assert len(err) == 1 and "nothing is built here yet" in err[0]
    assert not (proj / "releases").exists()


def test_two_releases_get_1_and_2_and_the_first_is_never_touched(proj: Path, capsys):
    assert _release(proj, "--note", "first") == 0
    first = {p: p.read_bytes() for p in release_folder(proj, 1).rglob("*") if p.is_file()}
    assert _release(proj, "--note", "second", "--by", "Zhao") == 0
    assert json.loads((release_folder(proj, 2) / "release.json").read_text())["number"] == 2
    assert {p: p.read_bytes() for p in release_folder(proj, 1).rglob("*") if p.is_file()} == first
    capsys.readouterr()
    assert main(["releases", "--project", str(proj)]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split() == ["#", "date", "by", "files", "note"]
    assert rows[1].startswith("1 ") and rows[1].rstrip().endswith("first")
    assert rows[2].startswith("2 ") and "Zhao" in rows[2] and "6 print, 6 screen, 10 social" in rows[2]


def test_the_zip_holds_the_print_files_report_ticket_and_their_checksums(proj: Path, tmp_path: Path):
    assert _release(proj) == 0
    folder = release_folder(proj, 1)
    dest = tmp_path / "handoff.zip"
    assert main(["release", "--project", str(proj), "--zip", "1", "--out", str(dest)]) == 0
    top = f"release-{folder.name}"
    with zipfile.ZipFile(dest) as z:
        names = sorted(z.namelist())
        prints = sorted(f"{top}/{p.relative_to(folder / 'files').as_posix()}"
                        for p in (folder / "files").rglob("*.pdf") if "screen" not in p.parts)
        assert names == sorted([*prints, f"{top}/preflight.txt", f"{top}/job.json", f"{top}/SHA256SUMS"])
        for name in prints:
            assert z.read(name) == (folder / "files" / name.split("/", 1)[1]).read_bytes()
        assert z.read(f"{top}/job.json") == (folder / "job.json").read_bytes()
        z.extractall(tmp_path / "x")
    sums = (tmp_path / "x" / top / "SHA256SUMS").read_text().splitlines()
    assert len(sums) == len(names) - 1
    for entry in sums:
        digest, rel = entry.split("  ", 1)
        assert _sha((tmp_path / "x" / top / rel).read_bytes()) == digest
    # the same release makes the same ZIP; the default goes to output/
    assert main(["release", "--project", str(proj), "--zip", "1"]) == 0
    assert (proj / "output" / f"release-{folder.name}.zip").read_bytes() == dest.read_bytes()


def test_releases_are_never_an_input_of_the_project(proj: Path, capsys):
    from poster_gen.build.manifest import SOURCE_FOLDERS, snapshot

    assert _release(proj) == 0
    assert "releases" not in SOURCE_FOLDERS
    assert not any("/releases/" in p for p in snapshot(proj))  # what watch and the studio compare
    capsys.readouterr()
    assert main(["build", "--project", str(proj), "--format", "all"]) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert main(["release", "--project", str(proj), "--verify", "1"]) == 0


def test_the_repository_holds_no_releases():
    assert not (ROOT / "releases").exists()


def test_a_hand_edited_release_is_not_handed_off_or_rebuilt(proj: Path, tmp_path: Path, capsys):
    assert _release(proj) == 0
    record = release_folder(proj, 1) / "release.json"
    record.write_text(record.read_text(encoding="utf-8").replace('"note": ""', '"note": "edited"'), encoding="utf-8")
    capsys.readouterr()
    for argv in (["release", "--zip", "1", "--out", str(tmp_path / "z.zip")],
                 ["build", "--from-release", "1", "--out", str(tmp_path / "o")]):
        assert main([*argv, "--project", str(proj)]) == 2
        err = stderr_lines(capsys.readouterr().err)
        assert len(err) == 1 and "was changed since it was released (1 altered, e.g. release.json)" in err[0], err
    assert not (tmp_path / "z.zip").exists() and not (tmp_path / "o").exists()


@pytest.mark.parametrize("argv, says", [
    (["release", "--verify", "7"], "error: releases: no release 7; the releases are 1"),
    (["release", "--zip", "7"], "error: releases: no release 7"),
    (["build", "--from-release", "7", "--out", "{tmp}/o"], "error: releases: no release 7"),
    (["build", "--from-release", "1"], "error: --from-release: needs --out DIR"),
    (["build", "--from-release", "1", "--out", "{proj}/releases/x"], "is inside releases/"),
    (["build", "--from-release", "1", "--out", "{tmp}/o", "--size", "A3"], "error: --size: does not go with"),
    (["release", "--zip", "1", "--out", "{proj}/releases/1.zip"], "is inside releases/"),
    (["release", "--out", "{tmp}/x.zip"], "error: --out: names the ZIP of --zip N"),
])
def test_cli_errors_are_one_line_and_exit_2(proj: Path, tmp_path: Path, capsys, argv, says):
    assert _release(proj) == 0
    capsys.readouterr()
    argv = [a.format(tmp=tmp_path, proj=proj) for a in argv]
    assert main([*argv, "--project", str(proj)]) == 2
    err = stderr_lines(capsys.readouterr().err)
    assert len(err) == 1 and says in err[0], err
    assert sorted(p.name for p in (proj / "releases").iterdir() if not p.name.startswith(".")) == \
        [release_folder(proj, 1).name]


def test_a_release_with_no_snapshot_or_a_missing_record_is_one_line(proj: Path, tmp_path: Path, capsys):
    assert _release(proj) == 0
    folder = release_folder(proj, 1)
    shutil.rmtree(folder / "snapshot")
    from poster_gen.release.sums import sums_text

    (folder / "SHA256SUMS").write_text(sums_text(folder), encoding="utf-8")  # consistent, but no snapshot
    capsys.readouterr()
    assert main(["build", "--project", str(proj), "--from-release", "1", "--out", str(tmp_path / "o")]) == 2
    err = stderr_lines(capsys.readouterr().err)
    assert len(err) == 1 and "has no snapshot/ folder, so it cannot be rebuilt" in err[0], err
    (folder / "release.json").unlink()
    assert main(["releases", "--project", str(proj)]) == 2
    err = stderr_lines(capsys.readouterr().err)
    assert len(err) == 1 and "release.json: not found" in err[0], err


def test_hand_edited_checksums_are_one_located_line(proj: Path, capsys):
    assert _release(proj) == 0
    sums = release_folder(proj, 1) / "SHA256SUMS"
    lines = sums.read_text(encoding="utf-8").splitlines()
    for bad, says in ((f"{'0' * 64}  ../../data/campaign.yaml", "outside the release"),
                      ("not a checksum", "is not '<sha256>  <path>'")):
        sums.write_text("\n".join([*lines[:2], bad, *lines[2:]]) + "\n", encoding="utf-8")
        capsys.readouterr()
        assert main(["release", "--project", str(proj), "--verify", "1"]) == 2
        err = stderr_lines(capsys.readouterr().err)
        assert len(err) == 1 and f"SHA256SUMS:3: " in err[0] and says in err[0], err
