"""The studio's flows over what the server says beyond the data, in a real browser (headless
Chromium through Selenium): the fit counter (what each text's frame holds as composed, from the
last preview) and the plain message of a text too long, at its field; the help, choices and motif
names in Chinese; the history of saves (who, when, a one-line diff) and putting a version back;
the dashboard's cards following saves; a file broken by hand (where the mistake is, and an earlier
version put back over it); a misspelt key renamed or removed so the landmark saves again; and a
colleague's save while the user edits (merged in, a notice where the user is looking, a clash on
the same field put to the user at the field, theirs against mine). Skipped when Selenium, Chromium
or chromedriver is not installed."""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from conftest import copy_project
from test_studio_ui import CHROME, DRIVER, SLUG, box, chromium, field, on_screen, serving, wait

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402

pytestmark = [pytest.mark.skipif(not (CHROME and DRIVER), reason="needs chromium and chromedriver"), pytest.mark.slow]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """A studio over a copy of the project, served by uvicorn in a thread: (url, project)."""
    with serving(tmp_path_factory, "flows") as got:
        yield got


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory, script_timeout=60) as d:
        yield d


@pytest.fixture()
def landmark(studio):
    """The landmark's file, put back as it was (bytes and history) after the test."""
    _, proj = studio
    path = proj / "data" / "landmarks" / f"{SLUG}.yaml"
    before = path.read_bytes()
    history = path.parent / ".history"
    yield path
    path.write_bytes(before)
    if history.is_dir():
        import shutil
        shutil.rmtree(history)


def start(d, url: str, lang: str = "en", hash_: str = "#/", *, stored: dict | None = None) -> None:
    """A fresh page at `hash_`, in `lang`, with nothing stored but `stored` (localStorage)."""
    if d.current_url.startswith(url):
        d.execute_script("window.confirm = () => true; window.onbeforeunload = null")
    d.get(url + "#/")
    d.execute_script("localStorage.clear(); localStorage.setItem('pgStudio.lang', arguments[0]);"
                     "for (const [k, v] of Object.entries(arguments[1])) localStorage.setItem(k, v);", lang, stored or {})
    d.get(url + hash_)
    d.refresh()
    wait(d).until(lambda d: d.execute_script("return document.documentElement.lang") == ("zh-Hans" if lang == "zh" else "en"))


def editor_ready(d) -> None:
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, '#editor-form [data-field="name.zh"]')))
    wait(d).until(lambda d: d.find_element(By.ID, "preview").get_attribute("src"))
    wait(d).until(lambda d: "updating" not in d.find_element(By.ID, "preview-frame").get_attribute("class"))


def counter(d, path: str) -> tuple[str, str]:
    """The counter under a text field: what it shows and its class."""
    return tuple(d.execute_script("""
        const c = document.querySelector(`[data-field="${arguments[0]}"]`).closest('.text-control').querySelector('.counter');
        return [c.querySelector('[aria-hidden]').textContent, c.className];""", path))


def capacity(d, slug: str = SLUG) -> dict:
    return d.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch('/api/landmarks/' + arguments[0]).then((r) => r.json())
          .then((data) => fetch(`/api/preview/${arguments[0]}.png?width=200`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(data) }))
          .then((r) => done(JSON.parse(r.headers.get('X-Capacity'))));""", slug)


def api_save(d, change: str, who: str = "") -> int:
    """A save made through the API from the page (another tab, say): `change` is JS run on `data`.
    Its HTTP status."""
    return d.execute_async_script(f"""
        const done = arguments[arguments.length - 1];
        fetch('/api/landmarks/{SLUG}').then(async (r) => {{
          const data = await r.json();
          {change};
          const headers = {{ 'Content-Type': 'application/json', 'If-Match': r.headers.get('ETag') }};
          if (arguments[0]) headers['X-Studio-User'] = arguments[0];
          const s = await fetch('/api/landmarks/{SLUG}', {{ method: 'PUT', headers, body: JSON.stringify(data) }});
          done(s.status);
        }});""", quote(who) if who else "")


# -- 1. the fit counter ------------------------------------------------------------------------------
def test_the_counter_shows_what_the_frame_holds_and_a_text_too_long_says_so_at_its_field(studio, browser, landmark):
    url, _ = studio
    start(browser, url, "en", f"#/edit/{SLUG}")
    editor_ready(browser)
    fits = capacity(browser)
    assert fits["ambition.zh"] < 120, fits  # the schema allows 120; the display line holds far fewer
    text = field(browser, "ambition.zh").get_attribute("value")
    wait(browser).until(lambda d: counter(d, "ambition.zh")[0] == f"{len(text)}/{fits['ambition.zh']}")
    spoken = browser.execute_script("""const n = document.querySelector('[data-field="ambition.zh"]');
        return n.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id).textContent).join(' ');""")
    assert f"about {fits['ambition.zh']} fit" in spoken
    box_ = field(browser, "ambition.zh")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box_)
    box_.send_keys("，并在全国形成具有国际竞争力的产业集群")
    msg = wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-path="ambition"] .lang-input[data-lang="zh"] .error-msg'))
    assert re.fullmatch(r"about \d+ characters too long for this space", msg[0].text), msg[0].text
    assert box_.get_attribute("aria-invalid") == "true"
    shown, cls = counter(browser, "ambition.zh")
    assert "over" in cls and shown.endswith(f"/{fits['ambition.zh']}"), (shown, cls)
    # the message in Chinese in Chinese mode
    browser.find_element(By.CSS_SELECTOR, '#lang-toggle [data-l="zh"]').click()
    msg = wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-path="ambition"] .lang-input[data-lang="zh"] .error-msg'))
    assert re.fullmatch(r"约多出 \d+ 个字，此处放不下", msg[0].text), msg[0].text


# -- 2. help in Chinese ---------------------------------------------------------------------------------
def test_chinese_mode_shows_chinese_help_choices_and_motif_names(studio, browser):
    url, _ = studio
    start(browser, url, "zh", f"#/edit/{SLUG}")
    editor_ready(browser)
    info = browser.execute_script("return fetch('/api/info').then((r) => r.json())")
    helps = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "#editor-form .help") if h.text]
    assert len(helps) > 10
    english = [h for h in helps if not CJK.search(h)]
    assert not english, f"help in English in Chinese mode: {english}"
    assert "在系列中的序号" in helps  # order's x-description-zh
    options = [o.text for o in field(browser, "plan.status").find_elements(By.TAG_NAME, "option")]
    assert options == ["已发布", "即将发布"]
    tech = field(browser, "motifs.technology")
    names = {o.get_attribute("value").strip('"'): o.text for o in tech.find_elements(By.TAG_NAME, "option")}
    for name, text in names.items():
        assert text == info["motifs"][name]["name_zh"], (name, text)
    chosen = json.loads(tech.get_attribute("value"))
    summary = tech.find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, ".motif-summary").text
    assert summary == info["motifs"][chosen]["summary_zh"]
    # English mode as it was: English help, the motifs by their names
    browser.find_element(By.CSS_SELECTOR, '#lang-toggle [data-l="en"]').click()
    wait(browser).until(lambda d: "position in the series" in [h.text for h in d.find_elements(By.CSS_SELECTOR, "#editor-form .help")])
    assert [o.text for o in field(browser, "motifs.technology").find_elements(By.TAG_NAME, "option")] == list(names)
    assert [o.text for o in field(browser, "plan.status").find_elements(By.TAG_NAME, "option")] == ["Issued", "Forthcoming"]


# -- 3. history -------------------------------------------------------------------------------------------
def open_history(d) -> None:
    d.find_element(By.ID, "open-history").click()
    wait(d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#history[open] .version, #history[open] .empty-note"))


def test_history_lists_saves_with_who_and_what_and_any_version_is_put_back(studio, browser, landmark):
    url, _ = studio
    original = landmark.read_bytes()
    start(browser, url, "en", f"#/edit/{SLUG}")
    editor_ready(browser)
    open_history(browser)  # your name, given once, kept on this computer and sent with saves
    name = browser.find_element(By.ID, "who-name")
    name.send_keys("王芳")
    browser.find_element(By.CSS_SELECTOR, "#history .close").click()
    wait(browser).until(lambda d: not d.find_elements(By.ID, "history"))
    assert browser.execute_script("return localStorage.getItem('pgStudio.user')") == "王芳"
    figure = field(browser, "key_figures[0].value")
    figure.clear()
    figure.send_keys("250+")
    wait(browser).until(lambda d: d.find_element(By.ID, "save").is_enabled())
    browser.find_element(By.ID, "save").click()
    wait(browser).until(lambda d: "clean" in d.find_element(By.ID, "dirty").get_attribute("class"))
    open_history(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "#history .version")
    assert [r.get_attribute("data-version") for r in rows] == ["2", "1"]
    newest = rows[0]
    assert newest.find_element(By.CSS_SELECTOR, ".v-who").text == "王芳"
    assert newest.find_element(By.CSS_SELECTOR, ".v-summary").text == "key_figures[0].value 200+ → 250+"
    assert newest.find_element(By.CSS_SELECTOR, "time").get_attribute("datetime").endswith("Z")
    assert newest.find_elements(By.CSS_SELECTOR, ".v-actions .badge")  # the version in use: nothing to restore
    assert rows[1].find_element(By.CSS_SELECTOR, ".v-summary").text == "as found"
    rows[1].find_element(By.CSS_SELECTOR, '[data-restore="1"]').click()
    yes = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-restore-yes="1"]'))
    assert browser.execute_script("return document.activeElement") == yes
    assert landmark.read_bytes() != original  # asked first: nothing put back yet
    yes.click()
    wait(browser).until(lambda d: landmark.read_bytes() == original)
    wait(browser).until(lambda d: not d.find_elements(By.ID, "history"))
    wait(browser).until(lambda d: field(d, "key_figures[0].value").get_attribute("value") == "200+")
    wait(browser).until(lambda d: d.find_element(By.ID, "status").text == "Version 1 is back.")
    open_history(browser)
    newest = browser.find_elements(By.CSS_SELECTOR, "#history .version")[0]
    assert newest.get_attribute("data-version") == "3"
    assert newest.find_element(By.CSS_SELECTOR, ".v-summary").text == "version 1 put back"
    assert newest.find_element(By.CSS_SELECTOR, ".v-who").text == "王芳"
    browser.find_element(By.CSS_SELECTOR, "#history .close").click()
    # Undo stays: it brings back what the restore replaced
    browser.find_element(By.ID, "undo").click()
    wait(browser).until(lambda d: '"250+"' in landmark.read_text(encoding="utf-8"))


# -- 4. the dashboard follows saves --------------------------------------------------------------------
def test_a_cards_picture_follows_a_save_and_says_changed_since_the_last_export(studio, browser, landmark):
    from poster_gen.cli import main

    url, proj = studio
    assert main(["build", "--project", str(proj), "--only", SLUG]) == 0
    start(browser, url, "en")
    card = f'.card[data-slug="{SLUG}"]'
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, f"{card} img"))
    assert "/api/thumbnail/posters/" in browser.find_element(By.CSS_SELECTOR, f"{card} img").get_attribute("src")
    assert not browser.find_elements(By.CSS_SELECTOR, f"{card} .badge.changed")
    assert api_save(browser, "data.key_figures[0].value = '270+'") == 200
    browser.refresh()
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, f"{card} .badge.changed"))
    dash = browser.execute_script("return fetch('/api/dashboard').then((r) => r.json())")
    version = next(c for c in dash["landmarks"] if c["slug"] == SLUG)["version"]
    src = browser.find_element(By.CSS_SELECTOR, f"{card} img").get_attribute("src")
    assert src.endswith(f"/api/preview/{SLUG}.png?width=400&v={version}"), src
    assert browser.find_element(By.CSS_SELECTOR, f"{card} .badge.changed").text == "Changed since the last export"
    assert browser.find_element(By.CSS_SELECTOR, f"{card} .thumb-tag").text == "Preview"
    wait(browser).until(lambda d: d.execute_script("return document.querySelector(arguments[0]).naturalWidth", f"{card} img") == 400)
    browser.find_element(By.CSS_SELECTOR, '#lang-toggle [data-l="zh"]').click()
    wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, f"{card} .badge.changed").text == "上次导出后已修改")


# -- 5. a file broken by hand ------------------------------------------------------------------------
def test_a_broken_file_shows_where_and_an_earlier_version_is_put_back_over_it(studio, browser, landmark):
    url, _ = studio
    start(browser, url, "en", f"#/edit/{SLUG}")
    editor_ready(browser)
    assert api_save(browser, "data.key_figures[0].value = '240+'", who="Li Lei") == 200
    saved = landmark.read_bytes()
    landmark.write_text(landmark.read_text(encoding="utf-8").replace("key_figures:", "key_figures:\n  bad: [unclosed\n", 1),
                        encoding="utf-8")
    start(browser, url, "en", f"#/edit/{SLUG}")
    page = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, ".broken-file"))
    where = page.find_element(By.CSS_SELECTOR, ".located .where").text
    assert re.fullmatch(rf"data/landmarks/{SLUG}\.yaml · line \d+, column \d+", where), where
    assert page.find_element(By.CSS_SELECTOR, ".located .what").text.startswith("YAML syntax error")
    assert "Fix this in the file" in page.find_element(By.CSS_SELECTOR, ".lead").text
    assert "HTTP 422" not in page.text
    browser.find_element(By.ID, "open-history").click()
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#history .version"))
    assert not browser.find_elements(By.CSS_SELECTOR, "#history .v-actions .badge")  # the broken text is no kept version
    browser.find_element(By.CSS_SELECTOR, '#history [data-restore="2"]').click()
    browser.find_element(By.CSS_SELECTOR, '[data-restore-yes="2"]').click()
    wait(browser).until(lambda d: landmark.read_bytes() == saved)
    editor_ready(browser)
    assert field(browser, "key_figures[0].value").get_attribute("value") == "240+"


def test_a_broken_file_answers_with_its_etag_so_a_version_can_be_put_back(tmp_path):
    """The server side of the above (app.py): GET of a file that does not read is a 422 with the
    located errors and the file's ETag, which restoring a version over it needs."""
    from starlette.testclient import TestClient

    from poster_gen.studio.app import create_app
    from poster_gen.studio.yamlsave import etag

    proj = copy_project(tmp_path / "p")
    client = TestClient(create_app(proj), base_url="http://127.0.0.1:8765")
    path = proj / "data" / "landmarks" / f"{SLUG}.yaml"
    r = client.get(f"/api/landmarks/{SLUG}")
    data = r.json()
    data["key_figures"][0]["value"] = "240+"
    assert client.put(f"/api/landmarks/{SLUG}", json=data, headers={"If-Match": r.headers["ETag"]}).status_code == 200
    path.write_text(path.read_text(encoding="utf-8").replace("key_figures:", "key_figures:\n  bad: [unclosed\n", 1), encoding="utf-8")
    r = client.get(f"/api/landmarks/{SLUG}")
    assert r.status_code == 422 and r.headers["ETag"] == f'"{etag(path.read_bytes())}"'
    (problem,) = r.json()["errors"]
    assert re.match(rf"data/landmarks/{SLUG}\.yaml:\d+:\d+: YAML syntax error", problem["where"])
    assert client.get(f"/api/landmarks/{SLUG}/versions").json()["versions"][0]["number"] == 2
    assert client.post(f"/api/landmarks/{SLUG}/versions/2/restore", headers={"If-Match": r.headers["ETag"]}).status_code == 200
    assert client.get(f"/api/landmarks/{SLUG}").json()["key_figures"][0]["value"] == "240+"


def test_a_broken_file_in_chinese(studio, browser, landmark):
    url, _ = studio
    landmark.write_text(landmark.read_text(encoding="utf-8").replace("key_figures:", "key_figures:\n  bad: [unclosed\n", 1),
                        encoding="utf-8")
    start(browser, url, "zh", f"#/edit/{SLUG}")
    page = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, ".broken-file"))
    assert re.search(r"第 \d+ 行第 \d+ 列$", page.find_element(By.CSS_SELECTOR, ".located .where").text)
    assert page.find_element(By.CSS_SELECTOR, ".located .what").text.startswith("YAML 语法错误：")
    assert page.find_element(By.TAG_NAME, "h1").text == "此地标文件有错误"


# -- 5b. a misspelt key ---------------------------------------------------------------------------------
def test_a_misspelt_key_is_renamed_and_a_stray_one_removed_then_the_landmark_saves(studio, browser, landmark):
    url, _ = studio
    text = landmark.read_text(encoding="utf-8")
    assert "\nkey_figures:" in text and "\nquote:" in text
    landmark.write_text(text.replace("\nkey_figures:", "\nkey_figurs:", 1) + "qr_ulr: https://example.org/ic\n", encoding="utf-8")
    start(browser, url, "en", f"#/edit/{SLUG}")
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, '#editor-form [data-field="name.zh"]')))
    items = wait(browser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#problems li.unknown-key")) == 2
                                and d.find_elements(By.CSS_SELECTOR, "#problems li.unknown-key"))
    assert items[0].find_element(By.TAG_NAME, "code").text == "key_figurs"
    assert "did you mean 'key_figures'" in items[0].text and "expected one of" not in items[0].text

    def act(key: str, action: str):
        """Click ``action`` on the problem of ``key`` (found afresh: the list is drawn again as previews arrive)."""
        def clicked(d) -> bool:
            for li in d.find_elements(By.CSS_SELECTOR, "#problems li.unknown-key"):
                if li.find_element(By.TAG_NAME, "code").text == key:
                    li.find_element(By.CSS_SELECTOR, f'[data-key-action="{action}"]').click()
                    return True
            return False
        wait(browser).until(clicked)

    act("key_figurs", "rename")
    wait(browser).until(lambda d: field(d, "key_figures[0].value").get_attribute("value") == "200+")  # the figures are back
    stray = wait(browser).until(lambda d: [li.find_element(By.TAG_NAME, "code").text
                                           for li in d.find_elements(By.CSS_SELECTOR, "#problems li.unknown-key")])
    assert stray == ["qr_ulr"]
    act("qr_ulr", "remove")
    wait(browser).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#problems li"))
    wait(browser).until(lambda d: d.find_element(By.ID, "save").is_enabled())
    browser.find_element(By.ID, "save").click()
    wait(browser).until(lambda d: "clean" in d.find_element(By.ID, "dirty").get_attribute("class"))
    saved = landmark.read_text(encoding="utf-8")
    assert "\nkey_figures:" in saved and "key_figurs" not in saved and "qr_ulr" not in saved
    status = browser.execute_script(f"return fetch('/api/preview/{SLUG}.png?width=200').then((r) => r.status)")
    assert status == 200  # the file as saved reads and builds


# -- 6. a colleague's save ------------------------------------------------------------------------------
@pytest.mark.parametrize("width", [1440, 390])
def test_a_colleagues_change_to_the_same_field_is_put_to_the_user_where_they_are(studio, browser, landmark, width):
    url, _ = studio
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 900 if width > 400 else 844, "deviceScaleFactor": 1, "mobile": width < 400})
    try:
        start(browser, url, "en", f"#/edit/{SLUG}")
        editor_ready(browser)
        mine = field(browser, "key_figures[0].value")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mine)
        mine.clear()
        mine.send_keys("220+")
        text = landmark.read_text(encoding="utf-8")
        assert '"200+"' in text and "benchmark city" in text
        landmark.write_text(text.replace('"200+"', '"250+"', 1).replace("benchmark city", "leading city", 1), encoding="utf-8")
        clash = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, '#editor-form .clash[data-clash-field="key_figures[0].value"]'))
        theirs = clash.find_element(By.CSS_SELECTOR, ".clash-row.theirs").text
        yours = clash.find_element(By.CSS_SELECTOR, ".clash-row.mine").text
        assert "250+" in theirs and "Use theirs" in theirs, theirs
        assert "220+" in yours and "Keep yours" in yours, yours
        assert field(browser, "key_figures[0].value").get_attribute("value") == "220+"  # nothing decided for the user
        assert "leading city" in field(browser, "ambition.en").get_attribute("value")  # their other change is in
        # the notice is where the user is looking: on the screen, with the field
        pop = wait(browser).until(lambda d: box(d, "#notice .pop"))
        assert on_screen(pop), f"the notice is not in view: {pop}"
        assert "changed by both of you" in browser.find_element(By.ID, "notice").text
        assert browser.find_element(By.ID, "notice").get_attribute("aria-live") == "polite"
        assert on_screen(box(browser, '#editor-form .clash[data-clash-field="key_figures[0].value"] .clash-title')), "the clash is not in view"
        # Save waits for a choice; the colleague's value is still on disk
        browser.execute_script("document.getElementById('save').click()")
        wait(browser).until(lambda d: d.find_element(By.ID, "status").text.startswith("Not saved yet"))
        assert '"250+"' in landmark.read_text(encoding="utf-8")
        browser.find_element(By.CSS_SELECTOR, '.clash [data-clash="mine"]').click()
        wait(browser).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#editor-form .clash"))
        assert not browser.find_elements(By.CSS_SELECTOR, "#notice .pop")
        browser.execute_script("document.getElementById('save').click()")
        wait(browser).until(lambda d: '"220+"' in landmark.read_text(encoding="utf-8"))
        assert "leading city" in landmark.read_text(encoding="utf-8")  # theirs kept where I did not edit
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_save_after_a_colleagues_is_not_lost_and_names_them(studio, browser, landmark):
    """A save refused as stale (412), or a change noticed by the page: either way, nothing is
    overwritten, their value is offered against mine, and the notice names who saved."""
    url, _ = studio
    start(browser, url, "en", f"#/edit/{SLUG}")
    editor_ready(browser)
    mine = field(browser, "key_figures[0].value")
    mine.clear()
    mine.send_keys("220+")
    wait(browser).until(lambda d: d.find_element(By.ID, "save").is_enabled())
    assert api_save(browser, "data.key_figures[0].value = '260+'", who="王芳") == 200
    browser.find_element(By.ID, "save").click()  # most likely before the page has looked: a 412
    clash = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, '#editor-form .clash[data-clash-field="key_figures[0].value"]'))
    assert "Theirs (王芳)" in clash.text and "260+" in clash.text
    assert '"260+"' in landmark.read_text(encoding="utf-8")
    assert "王芳 saved this landmark at" in browser.find_element(By.ID, "notice").text
    browser.find_element(By.CSS_SELECTOR, '.clash [data-clash="theirs"]').click()
    wait(browser).until(lambda d: field(d, "key_figures[0].value").get_attribute("value") == "260+")
    wait(browser).until(lambda d: "clean" in d.find_element(By.ID, "dirty").get_attribute("class"))


def test_a_colleagues_change_elsewhere_is_merged_in_quietly(studio, browser, landmark):
    url, _ = studio
    start(browser, url, "zh", f"#/edit/{SLUG}")
    editor_ready(browser)
    mine = field(browser, "key_figures[0].value")
    mine.clear()
    mine.send_keys("220+")
    mine.click()
    text = landmark.read_text(encoding="utf-8")
    landmark.write_text(text.replace("benchmark city", "leading city", 1), encoding="utf-8")
    wait(browser).until(lambda d: "leading city" in field(d, "ambition.en").get_attribute("value"))
    note = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "#notice .pop")).text
    assert "对方的修改已载入表单" in note
    assert not browser.find_elements(By.CSS_SELECTOR, "#editor-form .clash")
    assert field(browser, "key_figures[0].value").get_attribute("value") == "220+"
    assert browser.execute_script("return document.activeElement.dataset.field") == "key_figures[0].value"  # where the user was
