"""The studio's accessibility, checked in a real browser (headless Chromium through Selenium):
axe-core finds no critical or serious violation on any of its views (the dashboard, the editor of a
landmark, the editor showing errors and a draft to restore, a landmark that does not exist, the
export of the print set) in either language, under the strict Content-Security-Policy the studio
is served with; the focus ring stands out from what is around it (3:1 at least); focus goes where
the user went (Enter on "Edit" lands in the editor, a section button on its heading).

axe-core comes from the npm registry (`npm install axe-core@4` into tests/studio/.axe/, done here
when it is missing and by .ci/run) or from a copy vendored at tests/studio/vendor/axe.min.js. It is
injected with `execute_script`, as the page's CSP allows no inline script. Skipped, with the reason,
without Selenium, Chromium and chromedriver, or without axe-core and npm to fetch it."""
from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from test_studio_ui import CHROME, DRIVER, SLUG, chromium, field, serving, wait  # the same browser checks

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402

pytestmark = [pytest.mark.skipif(not (CHROME and DRIVER), reason="needs chromium and chromedriver"), pytest.mark.slow]

HERE = Path(__file__).resolve().parent
AXE_CACHE = HERE / ".axe"  # npm install --prefix tests/studio/.axe axe-core@4 (ignored by git: it holds a '*' .gitignore)
AXE_FILES = (HERE / "vendor" / "axe.min.js", AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js")
# the studio's Content-Security-Policy: the page must work under it (no inline script or style)
CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
BAD = ("critical", "serious")


def axe_source() -> str:
    """axe.min.js: vendored, or in the cache folder, or fetched there now with npm."""
    for f in AXE_FILES:
        if f.is_file():
            return f.read_text(encoding="utf-8")
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("axe-core is not in tests/studio/.axe/ nor vendored at tests/studio/vendor/axe.min.js, "
                    "and npm is not installed to fetch it (apt-get install npm; npm install --prefix "
                    "tests/studio/.axe axe-core@4)")
    AXE_CACHE.mkdir(exist_ok=True)
    (AXE_CACHE / ".gitignore").write_text("*\n", encoding="utf-8")
    r = subprocess.run([npm, "install", "--prefix", str(AXE_CACHE), "--no-save", "--no-audit", "--no-fund",
                        "axe-core@4"], capture_output=True, text=True, timeout=600, check=False)
    if r.returncode != 0 or not AXE_FILES[1].is_file():
        pytest.skip(f"npm could not install axe-core@4 into {AXE_CACHE} (exit {r.returncode}): "
                    f"{(r.stderr or r.stdout).strip()[-400:]}")
    return AXE_FILES[1].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def axe():
    return axe_source()


class WithCSP:
    """ASGI middleware: the studio's responses with the studio's Content-Security-Policy."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_csp(message):
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"content-security-policy"]
                message = dict(message, headers=headers + [(b"content-security-policy", CSP.encode())])
            await send(message)
        return await self.app(scope, receive, send_csp if scope["type"] == "http" else send)


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    with serving(tmp_path_factory, "studio", WithCSP) as got:
        yield got


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory, "1440,900", script_timeout=120, logs=True) as d:
        yield d


# -- helpers ---------------------------------------------------------------------------------------
def start(d, url: str, lang: str, hash_: str = "#/", *, drafts: dict | None = None) -> None:
    """A fresh page at `hash_`, in `lang`, with nothing stored but `drafts` (localStorage key -> value)."""
    if d.current_url.startswith(url):
        d.execute_script("window.confirm = () => true")  # "leave with unsaved changes?" (an earlier test's): yes
    d.get(url + "#/")
    d.execute_script("localStorage.clear(); localStorage.setItem('pgStudio.lang', arguments[0]);"
                     "for (const [k, v] of Object.entries(arguments[1])) localStorage.setItem(k, v);", lang, drafts or {})
    d.get(url + hash_)
    d.refresh()
    wait(d).until(lambda d: d.execute_script("return document.documentElement.lang") == ("zh-Hans" if lang == "zh" else "en"))


def dashboard_ready(d) -> None:
    wait(d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".card[data-slug]")) == 6)


def editor_ready(d) -> None:
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, '#editor-form [data-field="name.zh"]')))
    wait(d).until(lambda d: "updating" not in d.find_element(By.ID, "preview-frame").get_attribute("class"))


def run_axe(d, axe: str) -> list[dict]:
    """axe-core's violations on the page as it is now."""
    if not d.execute_script("return !!window.axe"):
        d.execute_script(axe)
    return d.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] })
          .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), why: n.failureSummary })) }))))
          .catch((e) => done({ error: String(e) }));""")


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} element(s)) {v['helpUrl']}")
        for n in v["nodes"][:6]:
            why = " ".join((n["why"] or "").split())
            lines.append(f"    {n['target']}\n      {n['html']}\n      {why[:300]}")
    return "\n".join(lines)


def assert_no_bad_violations(d, axe: str, page: str) -> list[dict]:
    found = run_axe(d, axe)
    print(f"axe-core on {page}: {by_impact(found) or 'no violations'}", flush=True)
    if found:
        print(describe(found), flush=True)
    assert not (isinstance(found, dict) and "error" in found), f"axe-core failed on {page}: {found}"
    bad = [v for v in found if v["impact"] in BAD]
    assert not bad, f"axe-core: critical or serious violations on {page}:\n{describe(bad)}"
    return found


def by_impact(violations: list[dict]) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in violations:
        out[v["impact"]] = out.get(v["impact"], 0) + len(v["nodes"])
    return out


LANGS = ["en", "zh"]


# -- axe on every view, both languages -------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_dashboard(studio, browser, axe, lang):
    url, _ = studio
    start(browser, url, lang)
    dashboard_ready(browser)
    assert_no_bad_violations(browser, axe, f"the dashboard ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_editor(studio, browser, axe, lang):
    url, _ = studio
    start(browser, url, lang, f"#/edit/{SLUG}")
    editor_ready(browser)
    assert_no_bad_violations(browser, axe, f"the editor of {SLUG} ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_editor_with_errors(studio, browser, axe, lang):
    """A field too long: the error at the field, the list of problems, the preview drawn
    with the overflow marked and the state saying so."""
    url, _ = studio
    start(browser, url, lang, f"#/edit/{SLUG}")
    editor_ready(browser)
    box = field(browser, "ambition.zh")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.send_keys("，并在全国形成具有国际竞争力的产业集群")
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#problems li"))
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview-state.warn button"))
    assert "stale" not in browser.find_element(By.ID, "preview-frame").get_attribute("class")
    assert_no_bad_violations(browser, axe, f"the editor showing an error ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_editor_offering_a_draft(studio, browser, axe, lang):
    url, _ = studio
    start(browser, url, lang, f"#/edit/{SLUG}")
    editor_ready(browser)
    data = browser.execute_script("return fetch('/api/landmarks/' + arguments[0]).then((r) => r.json())", SLUG)
    base = json.loads(json.dumps(data))
    data["key_figures"][0]["value"] = "230+"
    draft = json.dumps({"data": data, "base": base, "etag": None, "at": int(time.time() * 1000)})
    start(browser, url, lang, f"#/edit/{SLUG}", drafts={f"pgStudio.draft.{SLUG}": draft})
    editor_ready(browser)
    if not browser.find_elements(By.CSS_SELECTOR, "#banner .notice"):
        pytest.fail("the editor did not offer the draft (has merge.js's draft format changed?)")
    assert_no_bad_violations(browser, axe, f"the editor offering a draft ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_a_landmark_that_does_not_exist(studio, browser, axe, lang):
    url, _ = studio
    start(browser, url, lang, "#/edit/no-such-landmark")
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#app .notice.error")))
    assert_no_bad_violations(browser, axe, f"the page of a missing landmark ({lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_the_editor_on_a_phone(studio, browser, axe, lang):
    """At 390 px: the form with the action bar at the bottom, then the preview in its place."""
    url, _ = studio
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        start(browser, url, lang, f"#/edit/{SLUG}")
        editor_ready(browser)
        assert_no_bad_violations(browser, axe, f"the editor at 390 px ({lang})")
        browser.find_element(By.ID, "show-preview").click()
        wait(browser).until(EC.visibility_of_element_located((By.ID, "preview")))
        assert_no_bad_violations(browser, axe, f"the preview at 390 px ({lang})")
        start(browser, url, lang)
        dashboard_ready(browser)
        assert_no_bad_violations(browser, axe, f"the dashboard at 390 px ({lang})")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_export_view_in_both_languages(studio, browser, axe):
    """The export as it goes and when done (files, print set), then the same view in Chinese."""
    url, _ = studio
    start(browser, url, "en")
    dashboard_ready(browser)
    wait(browser).until(EC.element_to_be_clickable((By.ID, "export"))).send_keys(Keys.ENTER)
    wait(browser).until(EC.presence_of_element_located((By.ID, "export-progress")))
    assert_no_bad_violations(browser, axe, "the export under way (en)")
    wait(browser, 600).until(EC.presence_of_element_located((By.ID, "print-set")))
    # the dashboard is drawn again with the new build: the keyboard's focus stays on the button
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".card a.pdf"))
    assert browser.execute_script("return document.activeElement.id") == "export"
    assert_no_bad_violations(browser, axe, "the export done (en)")
    check_focus_rings(browser, "the export done")
    browser.find_element(By.CSS_SELECTOR, '#lang-toggle [data-l="zh"]').click()
    wait(browser).until(lambda d: d.execute_script("return document.documentElement.lang") == "zh-Hans")
    wait(browser).until(EC.presence_of_element_located((By.ID, "print-set")))
    dashboard_ready(browser)
    assert_no_bad_violations(browser, axe, "the export done (zh)")


def test_the_page_keeps_to_its_content_security_policy(studio, browser):
    """No inline style or script: the theme swatches are painted (through the CSSOM), and the browser
    reports no refusal."""
    url, _ = studio
    browser.get_log("browser")  # what earlier tests left
    start(browser, url, "en")
    dashboard_ready(browser)
    start(browser, url, "zh", f"#/edit/{SLUG}")
    editor_ready(browser)
    painted = browser.execute_script("return [...document.querySelectorAll('.swatch, .cmyk i')]"
                                     ".map((n) => getComputedStyle(n).backgroundColor)")
    assert painted and all(c not in ("rgba(0, 0, 0, 0)", "transparent") for c in painted), painted
    refused = [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
    assert not refused, "the CSP refused:\n" + "\n".join(refused[:10])


# -- the focus ring --------------------------------------------------------------------------------
# Every element that can take focus is focused in turn; its ring (the outline, drawn on the element
# itself or, for a theme's hidden radio button, on its card) must be at least 2 px wide and contrast
# 3:1 with the colours it touches: what is around the element, and, where the ring lies on the
# element's edge (an offset under 1 px), the element's own background. Colours with alpha are
# composed over what is behind them.
FOCUS_RINGS = r"""
const rgba = (c) => { const m = c.match(/rgba?\(([^)]*)\)/); if (!m) return null;
  const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3]));
function behind(n) { // the colour a pixel of n's background has: its own and its ancestors' backgrounds, composed
  const layers = [];
  for (let x = n; x; x = x.parentElement) {
    const c = rgba(getComputedStyle(x).backgroundColor);
    if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  return layers.reverse().reduce((under, c) => over(c, under), [255, 255, 255]);
}
const lum = (rgb) => { const l = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
const name = (n) => n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (n.dataset.field ? `[data-field="${n.dataset.field}"]` : '')
  + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\s+/).join('.') : '') + ` "${(n.textContent || n.value || '').trim().slice(0, 30)}"`;
const report = { checked: 0, notVisible: [], bad: [] };
const all = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')];
for (const n of all) {
  if (n.disabled || !n.getClientRects().length) continue;
  n.focus({ preventScroll: true });
  if (document.activeElement !== n) continue;
  report.checked++;
  if (!n.matches(':focus-visible')) { report.notVisible.push(name(n)); continue; }
  const ringOn = n.matches('.theme-option input') ? n.closest('.theme-option') : n;
  const s = getComputedStyle(ringOn);
  const width = s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth);
  const colour = rgba(s.outlineColor);
  if (ringOn === document.getElementById('app')) continue; // focus waiting in <main> while a view loads: no ring wanted
  if (width < 2 || !colour) { report.bad.push(`${name(n)}: no ring (outline ${s.outlineStyle} ${s.outlineWidth})`); continue; }
  const around = behind(ringOn.parentElement);
  const ring = over(colour, around);
  let worst = ratio(ring, around);
  if (parseFloat(s.outlineOffset) < 1) worst = Math.min(worst, ratio(ring, behind(ringOn)));
  if (worst < 3) report.bad.push(`${name(n)}: ${worst.toFixed(2)}:1 (ring ${s.outlineColor}, offset ${s.outlineOffset})`);
}
document.activeElement.blur();
return report;
"""


def check_focus_rings(d, page: str) -> None:
    # a key pressed first: for the browser, the user is on the keyboard (rings show on focus())
    webdriver.ActionChains(d).send_keys(Keys.SHIFT).perform()
    r = d.execute_script(FOCUS_RINGS)
    assert r["checked"] > 5, f"{page}: hardly anything took focus ({r})"
    assert not r["notVisible"], f"{page}: focused without :focus-visible (is the test's keyboard cue lost?): {r['notVisible'][:5]}"
    assert not r["bad"], f"{page}: focus rings under 3:1 or missing ({len(r['bad'])} of {r['checked']}):\n" + "\n".join(r["bad"][:20])


def test_focus_ring_on_the_dashboard(studio, browser):
    url, _ = studio
    start(browser, url, "en")
    dashboard_ready(browser)
    check_focus_rings(browser, "the dashboard")


def test_focus_ring_in_the_editor(studio, browser):
    url, _ = studio
    start(browser, url, "en", f"#/edit/{SLUG}")
    editor_ready(browser)
    check_focus_rings(browser, "the editor")
    box = field(browser, "key_figures[0].value")  # a field marked invalid: its ring is red, not plum
    box.clear()
    box.send_keys("1234567890123456")
    wait(browser).until(lambda d: box.get_attribute("aria-invalid") == "true")
    check_focus_rings(browser, "the editor showing an error")


# -- focus goes where the user went ----------------------------------------------------------------
def active(d) -> dict:
    return d.execute_script("""const n = document.activeElement;
        return { tag: n.tagName.toLowerCase(), text: n.textContent.trim().slice(0, 60), tabindex: n.getAttribute('tabindex'),
                 heading: n.matches('.doc-title h1'), field: n.matches('#editor-form :is(input, select, textarea)'),
                 section: n.closest('.field.section')?.id || null, title: n.matches('.section-title'),
                 top: n.getBoundingClientRect().top, bottom: n.getBoundingClientRect().bottom, height: innerHeight };""")


def test_enter_on_edit_lands_in_the_editor_and_back_on_the_dashboard(studio, browser):
    url, _ = studio
    start(browser, url, "en")
    dashboard_ready(browser)
    browser.find_element(By.CSS_SELECTOR, f'.card[data-slug="{SLUG}"] a.edit').send_keys(Keys.ENTER)
    editor_ready(browser)
    wait(browser).until(lambda d: active(d)["tag"] != "body" and active(d)["tag"] != "main")
    now = active(browser)
    assert now["heading"] or now["field"], f"after Enter on Edit, focus is on {now}"
    assert now["tabindex"] == "-1" or now["field"]
    browser.find_element(By.CSS_SELECTOR, ".toolbar a.back").send_keys(Keys.ENTER)
    dashboard_ready(browser)
    wait(browser).until(lambda d: active(d)["tag"] == "h1")
    assert active(browser)["text"] == "Industrial landmark posters"


def test_skip_to_content_stays_in_the_editor(studio, browser):
    url, _ = studio
    start(browser, url, "en", f"#/edit/{SLUG}")
    editor_ready(browser)
    browser.execute_script("document.querySelector('a.skip').focus()")  # the first Tab stop; off screen until focused
    webdriver.ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait(browser).until(lambda d: active(d)["heading"])
    assert browser.current_url.endswith(f"#/edit/{SLUG}")
    assert browser.find_elements(By.CSS_SELECTOR, "#editor-form")


def test_section_buttons_move_focus_to_the_section(studio, browser):
    url, _ = studio
    start(browser, url, "en", f"#/edit/{SLUG}")
    editor_ready(browser)
    keys = [c.get_attribute("data-section") for c in browser.find_elements(By.CSS_SELECTOR, "nav.sections .chip")]
    assert len(keys) > 8, keys
    for key in keys:
        browser.execute_script("window.scrollTo(0, 0)")
        browser.find_element(By.CSS_SELECTOR, f'nav.sections .chip[data-section="{key}"]').send_keys(Keys.ENTER)
        wait(browser).until(lambda d, key=key: active(d)["section"] == f"sec-{key}")
        now = active(browser)
        absent = browser.find_elements(By.CSS_SELECTOR, f"#sec-{key}.absent")
        if absent:  # an optional section not there yet: focus on its Add button
            assert now["tag"] == "button", (key, now)
        else:
            assert now["title"] and now["tag"] == "h2" and now["tabindex"] == "-1", (key, now)
        # scrolled to it: the focused heading ends up on the screen
        wait(browser, 5).until(lambda d: 0 <= active(d)["top"] and active(d)["bottom"] <= active(d)["height"])


# -- Chinese mode: the page's own words are Chinese ------------------------------------------------
# What may stay in Latin letters: the product's name, file types, and what comes from the project
# rather than from the page (motif summaries, theme identifiers and CMYK values, the names of motif
# parameters, field paths and file names set as code, what a person typed (.user-data: a name, a
# release note), and anything marked lang="en", the English
# half of the bilingual content). The help texts and the server's messages are Chinese too: the
# model's doc_zh, the server's message catalogue; being sentences about the data, they may name a
# field, a file, a value or an example in Latin letters inside the Chinese, but none is English alone.
LATIN_IN_ZH = r"""
const latin = /[A-Za-z]{2,}/;
const han = /[\u4e00-\u9fff]/;
const aboutTheData = '.help, .error-msg, #problems, .located, .card-errors, #status, .picture-hint';
const english = (s, p) => latin.test(allowed(s)) && (!p.closest(aboutTheData) || !han.test(s));
const allowed = (s) => s.replace(/poster-gen studio|\b(PDF|ZIP|EN|MiB|HTTP)\b/g, '');
const fromElsewhere = '[lang|="en"], .theme-id, .cmyk, .swatch, option, .map-entry, .user-data, code, noscript, script, style';
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let t = walker.nextNode(); t; t = walker.nextNode()) {
  const p = t.parentElement;
  if (english(t.data, p) && !p.closest(fromElsewhere) && p.getClientRects().length) out.push(`text "${t.data.trim()}" in <${p.tagName.toLowerCase()} class="${p.className}">`);
}
for (const n of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
  if (n.closest(fromElsewhere)) continue;
  for (const a of ['aria-label', 'title', 'alt', 'placeholder']) {
    const v = n.getAttribute(a);
    if (v && latin.test(allowed(v))) out.push(`${a}="${v}" on <${n.tagName.toLowerCase()} class="${n.className}">`);
  }
}
if (latin.test(allowed(document.title))) out.push(`the title "${document.title}"`);
return out;
"""


def test_chinese_mode_shows_the_page_in_chinese(studio, browser):
    url, _ = studio
    start(browser, url, "zh")
    dashboard_ready(browser)
    found = browser.execute_script(LATIN_IN_ZH)
    start(browser, url, "zh", f"#/edit/{SLUG}")
    editor_ready(browser)
    found += browser.execute_script(LATIN_IN_ZH)
    box = field(browser, "key_figures[0].value")
    box.clear()
    box.send_keys("1234567890123456")
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#problems li"))
    browser.find_element(By.ID, "save").click()
    wait(browser).until(lambda d: d.find_element(By.ID, "status").text)
    found += browser.execute_script(LATIN_IN_ZH)
    # a language switch after the status was written: the status follows
    browser.find_element(By.CSS_SELECTOR, '#lang-toggle [data-l="en"]').click()
    wait(browser).until(lambda d: d.find_element(By.ID, "status").text.startswith("Not saved"),
                        "the status stayed in the language it was written in")
    browser.find_element(By.CSS_SELECTOR, '#lang-toggle [data-l="zh"]').click()
    wait(browser).until(lambda d: d.find_element(By.ID, "status").text.startswith("未保存"))
    found += browser.execute_script(LATIN_IN_ZH)
    assert not sorted(set(found)), "English in Chinese mode:\n" + "\n".join(sorted(set(found)))


# -- the panels and states over what the server says beyond the data ---------------------------------
def _landmark(proj: Path) -> Path:
    return proj / "data" / "landmarks" / f"{SLUG}.yaml"


def _save_through_the_api(d, value: str, who: str = "") -> int:
    """A save of key_figures[0].value made from the page through the API (a colleague's, say)."""
    from urllib.parse import quote

    return d.execute_async_script("""
        const [slug, value, who, done] = arguments;
        fetch('/api/landmarks/' + slug).then(async (r) => {
          const data = await r.json();
          data.key_figures[0].value = value;
          const headers = { 'Content-Type': 'application/json', 'If-Match': r.headers.get('ETag') };
          if (who) headers['X-Studio-User'] = who;
          done((await fetch('/api/landmarks/' + slug, { method: 'PUT', headers, body: JSON.stringify(data) })).status);
        });""", SLUG, value, quote(who) if who else "")


@pytest.fixture()
def kept(studio):
    """The landmark's file put back as it was after the test (its history stays: more versions to list)."""
    path = _landmark(studio[1])
    before = path.read_bytes()
    yield path
    path.write_bytes(before)


def _phone(d, on: bool) -> None:
    if on:
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    else:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _latin_in_zh(d, lang: str, page: str) -> None:
    if lang == "zh":
        found = sorted(set(d.execute_script(LATIN_IN_ZH)))
        assert not found, f"English in Chinese mode on {page}:\n" + "\n".join(found)


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("lang", LANGS)
def test_history_panel(studio, browser, axe, kept, lang, width):
    """The history open (versions with who and what), then a restore being confirmed."""
    url, _ = studio
    _phone(browser, width == 390)
    try:
        start(browser, url, lang, f"#/edit/{SLUG}")
        editor_ready(browser)
        assert _save_through_the_api(browser, "250+", who="王芳") == 200
        start(browser, url, lang, f"#/edit/{SLUG}")
        editor_ready(browser)
        browser.find_element(By.ID, "open-history").click()
        wait(browser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#history .version")) >= 2)
        where = f"the history ({lang}, {width} px)"
        assert_no_bad_violations(browser, axe, where)
        _latin_in_zh(browser, lang, where)
        browser.find_element(By.CSS_SELECTOR, "#history [data-restore]").click()
        wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#history .v-confirm")))
        assert_no_bad_violations(browser, axe, f"the history asking to restore ({lang}, {width} px)")
        browser.find_element(By.CSS_SELECTOR, "#history .close").send_keys(Keys.ENTER)
        wait(browser).until(lambda d: not d.find_elements(By.ID, "history"))
        assert browser.execute_script("return document.activeElement.id") == "open-history"  # focus back where it was
    finally:
        _phone(browser, False)


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("lang", LANGS)
def test_a_clash_with_a_colleagues_save(studio, browser, axe, kept, lang, width):
    """A colleague saved the field the user is editing: the notice beside the actions, theirs and mine at the field."""
    url, _ = studio
    _phone(browser, width == 390)
    try:
        start(browser, url, lang, f"#/edit/{SLUG}")
        editor_ready(browser)
        box = field(browser, "key_figures[0].value")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.clear()
        box.send_keys("220+")
        assert _save_through_the_api(browser, "260+", who="王芳") == 200
        wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#editor-form .clash"))
        wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#notice .pop"))
        where = f"the editor with a clash ({lang}, {width} px)"
        assert_no_bad_violations(browser, axe, where)
        _latin_in_zh(browser, lang, where)
    finally:
        _phone(browser, False)


@pytest.mark.parametrize("lang", LANGS)
def test_a_file_broken_by_hand(studio, browser, axe, kept, lang):
    url, _ = studio
    kept.write_text(kept.read_text(encoding="utf-8").replace("key_figures:", "key_figures:\n  bad: [unclosed\n", 1), encoding="utf-8")
    start(browser, url, lang, f"#/edit/{SLUG}")
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".broken-file .located")))
    assert_no_bad_violations(browser, axe, f"a file that does not read ({lang})")
    _latin_in_zh(browser, lang, "a file that does not read")
