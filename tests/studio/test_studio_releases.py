"""The studio's releases (issue 18): the list of releases and each output against the last
one, "Approve and release" with the CLI's own refusals (nothing written), the print shop's
hand-off ZIP and the released PDFs as downloads, bad numbers and paths refused; then the
Approve flow in headless Chromium in both languages, axe on the Releases view, a phone's
width, and Chinese mode with no English."""
from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import copy_project
from poster_gen.cli import main
from poster_gen.studio.app import create_app

SLUG = "integrated-circuits"
HAN = re.compile(r"[\u4e00-\u9fff]")
POSTER = f"posters/{SLUG}.pdf"


@pytest.fixture(scope="module")
def built_base(tmp_path_factory) -> Path:
    """The example project, built (print files) once per module."""
    proj = copy_project(tmp_path_factory.mktemp("studio-release-base") / "p")
    assert main(["build", "--project", str(proj)]) == 0
    return proj


@pytest.fixture
def proj(built_base: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project, its output folder and build record included."""
    dest = tmp_path / "p"
    shutil.copytree(built_base, dest)
    return dest


def client_of(proj: Path) -> TestClient:
    return TestClient(create_app(proj), base_url="http://127.0.0.1:8765")


def released(proj: Path) -> list[str]:
    """The release folders there are (temporaries and the lock are not releases), by number."""
    from poster_gen.release.store import listing

    return [r.name for r in listing(proj)]


def refused(r, status: int, says: str) -> str:
    """The refusal's one line (asserted: the status, the words, its Chinese)."""
    assert r.status_code == status, r.text
    body = r.json()
    line = body["error"]
    assert "\n" not in line and says in line, line
    zh = body["zh"][line]
    assert HAN.search(zh) and says not in zh, zh
    return line


def save_figure(c: TestClient, value: str) -> None:
    got = c.get(f"/api/landmarks/{SLUG}")
    data = got.json()
    data["key_figures"][0]["value"] = value
    r = c.put(f"/api/landmarks/{SLUG}", json=data, headers={"If-Match": got.headers["etag"]})
    assert r.status_code == 200, r.text


def marks(c: TestClient) -> dict[str, dict | None]:
    d = c.get("/api/dashboard").json()
    return {card["slug"]: card["release"] for card in [*d["landmarks"], d["brochure"]]}


# -- the API ----------------------------------------------------------------------------------------
def test_with_no_release_the_list_is_empty_and_no_card_is_marked(proj: Path):
    c = client_of(proj)
    r = c.get("/api/releases")
    assert r.status_code == 200
    body = r.json()
    assert body["releases"] == [] and body["last"] is None and body["errors"] == []
    assert len(body["outputs"]) == 6 and all(o["release"] is None for o in body["outputs"])
    assert set(marks(c).values()) == {None}


def test_refused_when_nothing_is_built_and_nothing_is_written(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    c = client_of(proj)
    refused(c.post("/api/releases", json={"by": "李明", "note": "六月展会"}), 409, "nothing is built here yet")
    assert released(proj) == []


def test_refused_when_not_up_to_date_and_nothing_is_written(proj: Path):
    c = client_of(proj)
    path = proj / "data" / "landmarks" / f"{SLUG}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    line = refused(c.post("/api/releases", json={"by": "Li", "note": ""}), 409, "not up to date")
    assert line.startswith(f"output/{POSTER}: not up to date: data/landmarks/{SLUG}.yaml changed"), line
    assert released(proj) == []


def test_refused_when_a_print_file_fails_preflight(proj: Path, monkeypatch):
    import poster_gen.preflight as preflight

    options = preflight.PreflightOptions  # a print shop asking for 5 mm of bleed: the 3 mm files fail
    monkeypatch.setattr(preflight, "PreflightOptions", lambda: options(min_bleed_mm=5.0))
    refused(client_of(proj).post("/api/releases", json={"by": "Li"}), 422, "fails preflight")
    assert released(proj) == []


def test_a_release_after_a_build_then_a_save_marks_the_card_changed(proj: Path):
    c = client_of(proj)
    r = c.post("/api/releases", json={"by": "  李明 ", "note": "六月展会\n主任签批"})
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["number"] == 1 and made["by"] == "李明" and made["note"] == "六月展会\n主任签批"
    assert made["handoff"] == "/api/releases/1/handoff.zip"
    (folder,) = released(proj)
    record = json.loads((proj / "releases" / folder / "release.json").read_text(encoding="utf-8"))
    assert record["by"] == "李明" and sorted(f["path"] for f in made["files"]) == sorted(f["path"] for f in record["files"])
    listed = c.get("/api/releases").json()
    assert listed["last"] == 1 and [x["number"] for x in listed["releases"]] == [1]
    assert listed["releases"][0]["files"][0]["url"].startswith("/api/releases/1/files/")
    assert all(o["release"] == {"number": 1, "state": "released"} for o in listed["outputs"])
    assert set(map(json.dumps, marks(c).values())) == {json.dumps({"number": 1, "state": "released"})}

    save_figure(c, "260+")  # saved, not yet exported: this poster is no longer the one released
    now = marks(c)
    assert now[SLUG] == {"number": 1, "state": "changed"}
    assert all(m == {"number": 1, "state": "released"} for s, m in now.items() if s not in (SLUG, "brochure"))
    outputs = {o["slug"]: o["release"] for o in c.get("/api/releases").json()["outputs"]}
    assert outputs[SLUG]["state"] == "changed"
    refused(c.post("/api/releases", json={"by": "李明"}), 409, "not up to date")  # and it cannot be released so
    assert released(proj) == [folder]
    save_figure(c, "200+")  # the figure as it was: as released again
    assert marks(c)[SLUG] == {"number": 1, "state": "released"}


def test_the_hand_off_zip_and_the_released_files(proj: Path):
    c = client_of(proj)
    assert c.post("/api/releases", json={"by": "Li"}).status_code == 201
    (name,) = released(proj)
    folder = proj / "releases" / name
    r = c.get("/api/releases/1/handoff.zip")
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    assert r.headers["content-disposition"] == f'attachment; filename="release-{name}.zip"'
    top = f"release-{name}"
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        prints = sorted(f"{top}/{p.relative_to(folder / 'files').as_posix()}" for p in (folder / "files").rglob("*.pdf"))
        assert len(prints) == 6
        assert sorted(z.namelist()) == sorted([*prints, f"{top}/preflight.txt", f"{top}/job.json", f"{top}/SHA256SUMS"])
        for entry in z.read(f"{top}/SHA256SUMS").decode().splitlines():
            digest, rel = entry.split("  ", 1)
            assert hashlib.sha256(z.read(f"{top}/{rel}")).hexdigest() == digest
    assert not list((proj / "output").glob("release-*.zip"))  # nothing left behind by the studio
    r = c.get(f"/api/releases/1/files/{POSTER}")
    assert r.status_code == 200 and r.content == (folder / "files" / POSTER).read_bytes()
    assert r.headers["content-disposition"] == f'attachment; filename="{SLUG}.pdf"'
    # a release altered by hand is not handed off: one line, its Chinese
    (folder / "files" / POSTER).write_bytes(b"%PDF-1.4 altered")
    refused(c.get("/api/releases/1/handoff.zip"), 409, "was changed since it was released")


@pytest.mark.parametrize("url", [
    "/api/releases/2/handoff.zip", "/api/releases/0/handoff.zip", "/api/releases/01/handoff.zip",
    "/api/releases/x/handoff.zip", "/api/releases/-1/handoff.zip", "/api/releases/99999999999/handoff.zip",
    f"/api/releases/2/files/{POSTER}", "/api/releases/1/files/release.json", "/api/releases/1/files/job.json",
    "/api/releases/1/files/%2e%2e/release.json", "/api/releases/1/files/posters/%2e%2e/%2e%2e/job.json",
    "/api/releases/1/files/..%2fjob.json", "/api/releases/1/files/posters/x%00.pdf", "/api/releases/1/files/.hidden.pdf",
    "/api/releases/1/files/posters/.x.pdf", "/api/releases/1/files/" + "a" * 300 + ".pdf",
    "/api/releases/1/files/posters%5cx.pdf", "/api/releases/1/files//etc/passwd", "/api/releases/1/files/snapshot/data/campaign.yaml",
])
def test_bad_numbers_and_paths_are_404(proj: Path, url: str):
    c = client_of(proj)
    assert c.post("/api/releases", json={"by": "Li"}).status_code == 201
    r = c.get(url)
    assert r.status_code == 404, (url, r.status_code, r.text[:200])
    assert not r.content.startswith(b"%PDF")


def test_bodies_that_say_no_name_or_too_much_are_refused(proj: Path):
    c = client_of(proj)
    refused(c.post("/api/releases", json={"by": "   ", "note": "x"}), 422, "give the name of who approves")
    refused(c.post("/api/releases", json={}), 422, "give the name of who approves")
    refused(c.post("/api/releases", json={"by": "x" * 81}), 400, "as texts")
    refused(c.post("/api/releases", json={"by": "Li", "note": 3}), 400, "as texts")
    assert c.post("/api/releases", content=b"by=Li", headers={"Content-Type": "text/plain"}).status_code == 415
    assert released(proj) == []


def test_one_release_at_a_time_and_none_while_an_export_runs(proj: Path):
    from poster_gen.studio.jobs import Job

    app = create_app(proj)
    c = TestClient(app, base_url="http://127.0.0.1:8765")
    studio = app.studio
    lock = studio._state()["lock"]
    with lock:  # another release being made
        refused(c.post("/api/releases", json={"by": "Li"}), 409, "another release is being made")
    studio.jobs.jobs["x"] = Job("x", state="running")
    refused(c.post("/api/releases", json={"by": "Li"}), 409, "an export is running")
    studio.jobs.jobs["x"].state = "done"
    assert released(proj) == []
    assert c.post("/api/releases", json={"by": "Li"}).status_code == 201


def test_a_cross_site_release_is_refused(proj: Path):
    c = client_of(proj)
    for headers in ({"Origin": "http://evil.test"}, {"Sec-Fetch-Site": "cross-site"}):
        r = c.post("/api/releases", json={"by": "Mallory"}, headers=headers)
        assert r.status_code == 403, headers
    assert released(proj) == []


def test_a_damaged_release_is_named_and_the_others_still_listed(proj: Path):
    c = client_of(proj)
    assert c.post("/api/releases", json={"by": "Li"}).status_code == 201
    assert c.post("/api/releases", json={"by": "Wang"}).status_code == 201
    second = proj / "releases" / released(proj)[1]
    (second / "release.json").write_text("{", encoding="utf-8")
    body = c.get("/api/releases").json()
    assert [x["number"] for x in body["releases"]] == [1] and body["last"] == 1
    (line,) = body["errors"]
    assert line.startswith(f"releases/{second.name}/release.json: cannot be read") and HAN.search(body["zh"][line])
    assert marks(c)[SLUG] == {"number": 1, "state": "released"}  # against the last release that reads


def _change_and_build(proj: Path, value: str = "250+") -> None:
    path = proj / "data" / "landmarks" / f"{SLUG}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('value: "200+"', f'value: "{value}"', 1), encoding="utf-8")
    assert main(["build", "--project", str(proj)]) == 0


def test_the_proof_names_the_changed_fact_and_outlines_its_page(proj: Path):
    c = client_of(proj)
    assert c.post("/api/releases", json={"by": "Li"}).status_code == 201
    _change_and_build(proj)
    r = c.get("/api/proof")
    assert r.status_code == 200, r.text
    p = r.json()
    assert p["since"] == 1
    assert [f["en"] for f in p["facts"]] == ["Integrated Circuits · Key figure 1 · Value: 200+ → 250+"]
    assert HAN.search(p["facts"][0]["zh"]) and "200+ → 250+" in p["facts"][0]["zh"]
    status = {o["file"]: o["status"] for o in p["outputs"]}
    assert status[POSTER] == "changed" and status["posters/new-energy-vehicles.pdf"] == "unchanged"
    (page,) = next(o for o in p["outputs"] if o["file"] == POSTER)["pages"]
    assert page["regions"] and all(0 <= v <= 1 for box in page["regions"] for v in box)
    for side in ("old", "new"):
        got = c.get(page[side])
        assert got.status_code == 200 and got.content.startswith(b"\x89PNG")
    assert c.get(page["old"].replace("page=1", "page=9")).status_code == 404
    assert c.get(page["old"].replace("side=old", "side=both")).status_code == 404
    # saved since the export: the proof is refused as the CLI's is, one line and its Chinese
    save_figure(c, "270+")
    refused(c.get("/api/proof"), 409, "not up to date")


# -- in the browser ---------------------------------------------------------------------------------
try:  # the browser's helpers: a studio served in a thread, headless Chromium, axe-core
    from test_a11y import LATIN_IN_ZH, WithCSP, assert_no_bad_violations, axe_source
    from test_studio_ui import CHROME, DRIVER, chromium, serving, wait
    BROWSER = bool(CHROME and DRIVER)
except pytest.skip.Exception:  # no Selenium
    BROWSER = False

in_browser = pytest.mark.skipif(not BROWSER, reason="needs selenium, chromium and chromedriver")


def _site(tmp_path_factory, name: str, by: str | None = None):
    """A studio over a built copy of the project, under the studio's CSP (with a first release by
    ``by`` when given): (url, project)."""
    with serving(tmp_path_factory, name, WithCSP) as (url, proj):
        assert main(["build", "--project", str(proj)]) == 0
        if by is not None:
            assert main(["release", "--project", str(proj), "--by", by, "--note", "六月展会"]) == 0
        yield url, proj


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from _site(tmp_path_factory, "studio-releases")


@pytest.fixture(scope="module")
def released_site(tmp_path_factory):
    """A studio with one release already made (its name and note in Chinese: they are the user's data)."""
    yield from _site(tmp_path_factory, "studio-released", by="李明")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    with chromium(tmp_path_factory, "1440,900", script_timeout=120) as d:
        yield d


def _open(d, url: str, lang: str, hash_: str = "#/releases", user: str | None = None) -> None:
    from selenium.webdriver.common.by import By

    d.get(url + "#/")
    d.execute_script("localStorage.clear(); localStorage.setItem('pgStudio.lang', arguments[0]);"
                     "if (arguments[1]) localStorage.setItem('pgStudio.user', arguments[1]);", lang, user)
    d.get(url + hash_)
    d.refresh()
    wait(d).until(lambda d: d.execute_script("return document.documentElement.lang") == ("zh-Hans" if lang == "zh" else "en"))
    if hash_ == "#/releases":
        wait(d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#release-now-title"))


def _approve(d, name: str | None, note: str) -> None:
    """Open "Approve and release" with the keyboard, give the name (when asked) and the note, release."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC

    wait(d).until(EC.element_to_be_clickable((By.ID, "approve"))).send_keys(Keys.ENTER)
    wait(d).until(lambda d: d.execute_script("return !!document.querySelector('#approve-dialog[open]')"))
    focused = d.execute_script("return document.activeElement.id")
    if name is not None:
        assert focused == "release-by"
        d.switch_to.active_element.send_keys(name)
        d.switch_to.active_element.send_keys(Keys.TAB)
    else:
        assert focused == "release-note"  # the name is remembered: the note is next
    d.switch_to.active_element.send_keys(note)
    d.find_element(By.ID, "release-yes").send_keys(Keys.ENTER)


@in_browser
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_approve_and_release_then_the_refusal(site, page, lang):
    """The whole flow with the keyboard: a name is needed; the release is made and its hand-off
    offered (focused); the cards say "as released"; after a change on disk a release is refused,
    in the language shown, and nothing is written."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, proj = site
    before = released(proj)
    number = len(before) + 1
    name, note = ("李明", "六月展会") if lang == "zh" else ("Li Ming", "June fair")
    _open(page, url, lang)
    page.find_element(By.ID, "approve").send_keys(Keys.ENTER)
    wait(page).until(lambda d: d.execute_script("return document.activeElement.id") == "release-by")
    page.find_element(By.ID, "release-yes").send_keys(Keys.ENTER)  # no name: asked for one, nothing sent
    wait(page).until(lambda d: d.find_elements(By.ID, "release-by-error"))
    assert page.find_element(By.ID, "release-by").get_attribute("aria-invalid") == "true"
    assert page.execute_script("return document.activeElement.id") == "release-by"
    page.find_element(By.ID, "release-by").send_keys(Keys.ESCAPE)  # the dialog closes; focus goes back
    wait(page).until(lambda d: not d.find_elements(By.ID, "approve-dialog"))
    assert page.execute_script("return document.activeElement.id") == "approve"
    assert released(proj) == before

    _approve(page, name, note)
    link = wait(page, 120).until(lambda d: d.find_element(By.ID, "handoff-now"))
    assert link.get_attribute("href").endswith(f"/api/releases/{number}/handoff.zip")
    wait(page).until(lambda d: d.execute_script("return document.activeElement.id") == "handoff-now")
    assert page.execute_script("return localStorage.getItem('pgStudio.user')") == name
    assert len(released(proj)) == number
    record = json.loads((proj / "releases" / released(proj)[-1] / "release.json").read_text(encoding="utf-8"))
    assert (record["by"], record["note"]) == (name, note)
    expected = f"As released ({number})" if lang == "en" else f"与第 {number} 期发布一致"
    rows = page.find_elements(By.CSS_SELECTOR, f'.releases .release[data-release="{number}"] .release-files a')
    assert len(rows) == 6 and all(a.get_attribute("href").startswith(f"{url}api/releases/{number}/files/") for a in rows)
    page.get(url + "#/")
    wait(page).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".card[data-slug] [data-release]")) == 6)
    assert {b.text for b in page.find_elements(By.CSS_SELECTOR, ".card [data-release]")} == {expected}

    # changed on disk since the export: refused, one line in the language shown, nothing written
    path = proj / "data" / "landmarks" / f"{SLUG}.yaml"
    kept = path.read_bytes()
    path.write_bytes(kept + b"\n# edited\n")
    try:
        page.refresh()
        changed = f"Changed since release {number}" if lang == "en" else f"第 {number} 期发布后已修改"
        wait(page).until(lambda d: d.find_element(By.CSS_SELECTOR, f'.card[data-slug="{SLUG}"] [data-release]').text == changed)
        _open(page, url, lang, user=name)
        _approve(page, None, "again")
        box = wait(page, 120).until(lambda d: d.find_element(By.ID, "release-refused"))
        text = box.text
        if lang == "en":
            assert "Not released" in text and "not up to date" in text and f"data/landmarks/{SLUG}.yaml" in text
        else:
            assert "未发布" in text and "不是最新的" in text and "not up to date" not in text
        assert len(released(proj)) == number
    finally:
        path.write_bytes(kept)
    page.find_element(By.ID, "release-yes").send_keys(Keys.ESCAPE)


@in_browser
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_releases_view_passes_axe_fits_a_phone_and_is_all_chinese_in_chinese(released_site, page, lang):
    from selenium.webdriver.common.by import By

    url, proj = released_site
    axe = axe_source()
    _open(page, url, lang)
    wait(page).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".releases .release"))
    assert_no_bad_violations(page, axe, f"the releases view ({lang})")
    page.find_element(By.ID, "approve").click()
    wait(page).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#approve-dialog[open]"))
    assert_no_bad_violations(page, axe, f"the approve dialog ({lang})")
    if lang == "zh":
        found = page.execute_script(LATIN_IN_ZH)
        page.find_element(By.ID, "release-yes").click()  # refused or made: either way, in Chinese
        wait(page, 120).until(lambda d: d.find_elements(By.ID, "release-refused") or d.find_elements(By.ID, "handoff-now")
                              or d.find_elements(By.ID, "release-by-error"))
        found += page.execute_script(LATIN_IN_ZH)
        page.get(url + "#/")
        wait(page).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".card [data-release]")) == 6)
        found += page.execute_script(LATIN_IN_ZH)
        assert not sorted(set(found)), "English in Chinese mode:\n" + "\n".join(sorted(set(found)))
    if not (proj / "output" / "proof-built").exists():  # a change since the release, exported: the proof has a page
        _change_and_build(proj)
        (proj / "output" / "proof-built").write_text("")
    _open(page, url, lang, "#/proof")
    wait(page, 120).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".proof-output .proof-box"))
    assert_no_bad_violations(page, axe, f"the proof view ({lang})")
    facts = [li.text for li in page.find_elements(By.CSS_SELECTOR, ".proof-facts li")]
    assert facts == ["集成电路 · 关键数字 1 · 数值：200+ → 250+" if lang == "zh" else
                     "Integrated Circuits · Key figure 1 · Value: 200+ → 250+"], facts
    if lang == "zh":
        found = page.execute_script(LATIN_IN_ZH)
        assert not found, "English in Chinese mode:\n" + "\n".join(found)
    page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        _open(page, url, lang, "#/proof")
        wait(page, 120).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".proof-output .proof-box"))
        assert page.execute_script("return document.scrollingElement.scrollWidth") <= 390
        _open(page, url, lang)
        wait(page).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".releases .release"))
        assert page.execute_script("return document.scrollingElement.scrollWidth") <= 390
        page.find_element(By.ID, "approve").click()
        wait(page).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#approve-dialog[open]"))
        assert page.execute_script("return document.scrollingElement.scrollWidth") <= 390
        assert page.execute_script("const r = document.getElementById('release-yes').getBoundingClientRect();"
                                   "return r.right <= innerWidth && r.left >= 0")
    finally:
        page.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
