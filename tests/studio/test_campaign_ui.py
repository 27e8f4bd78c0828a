"""The campaign's texts in the studio, in a real browser (headless Chromium through Selenium):
opened from the brochure's card on the dashboard, the same editor as a landmark's (a form
from the Campaign schema beside the live preview, here of the brochure a page at a time);
an edit shows in the preview, the preview turns to the page of the field being edited, and
a save writes data/campaign.yaml keeping its comments. In Chinese no English outside the
data's own English fields; no critical or serious axe-core finding in either language, at
1440 px and at 390 px (where nothing is wider than the screen). Skipped as the other
browser tests are, without Selenium, Chromium and chromedriver (or axe-core)."""
from __future__ import annotations

import pytest

from test_a11y import LATIN_IN_ZH, WithCSP, assert_no_bad_violations, axe_source, start  # the same browser checks
from test_studio_ui import CHROME, DRIVER, chromium, field, serving, wait

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402

pytestmark = [pytest.mark.skipif(not (CHROME and DRIVER), reason="needs chromium and chromedriver"), pytest.mark.slow]
LANGS = ["en", "zh"]


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    with serving(tmp_path_factory, "campaign-ui", WithCSP) as got:  # under the studio's Content-Security-Policy
        yield got


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory, "1440,900", script_timeout=120) as d:
        yield d


@pytest.fixture(scope="module")
def axe():
    return axe_source()


def preview_done(d) -> bool:
    frame = d.find_element(By.ID, "preview-frame").get_attribute("class")
    return "updating" not in frame and bool(d.find_element(By.ID, "preview").get_attribute("src"))


def campaign_ready(d) -> None:
    wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, '#editor-form [data-field="brochure.subtitle.en"]')))
    wait(d, 60).until(preview_done)


def latin_in_zh(d) -> list[str]:
    """LATIN_IN_ZH's findings, less the data's own words: the campaign's Chinese texts have
    Latin letters of their own ("GDP", "No.1"), which an item's header repeats."""
    import re

    data = d.execute_script("return fetch('/api/campaign').then((r) => r.json())")
    own: list[str] = []
    stack = [data]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            stack += v.values()
        elif isinstance(v, list):
            stack += v
        elif isinstance(v, str):
            own.append(v)
    own.sort(key=len, reverse=True)
    out = []
    for found in set(d.execute_script(LATIN_IN_ZH)):
        m = re.match(r'text "(.*)" in <span class="item-summary">$', found, re.S)
        rest = m[1] if m else None
        for text in own if rest is not None else ():
            rest = rest.replace(text, "")
        if rest is None or re.search(r"[A-Za-z]{2,}", rest):
            out.append(found)
    return sorted(out)


def page_shown(d) -> str:
    return d.find_element(By.ID, "page-no").get_attribute("textContent")


def test_edit_the_brochure_subtitle_from_the_dashboard(studio, browser):
    url, proj = studio
    path = proj / "data" / "campaign.yaml"
    before = path.read_text(encoding="utf-8")
    start(browser, url, "en")
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, '.card[data-slug="brochure"] a.edit'))
    link = browser.find_element(By.CSS_SELECTOR, '.card[data-slug="brochure"] a.edit')
    assert link.text == "Edit texts" and link.get_attribute("href").endswith("#/campaign")
    link.click()
    campaign_ready(browser)
    assert browser.find_element(By.CSS_SELECTOR, ".doc-title h1").text == "Campaign and brochure texts"
    assert page_shown(browser) == "Page 1 of 16"
    # the form is the Campaign schema's, with the help it gives
    schema = browser.execute_script("return fetch('/api/info').then(r => r.json()).then(j => j.schemas.campaign)")
    for key in schema["properties"]:
        assert browser.find_elements(By.CSS_SELECTOR, f'#editor-form [data-path="{key}"]'), key
    box = field(browser, "brochure.subtitle.en")
    assert box.get_attribute("value") == "Investment guide to five industrial landmarks"
    assert "line under the cover's title" in box.find_element(By.XPATH, "ancestor::div[@data-path='brochure.subtitle']").text

    # an edit: the preview (page 1, the cover) follows; the counter counts against the cover's space
    old = browser.find_element(By.ID, "preview").get_attribute("src")
    box.clear()
    box.send_keys("A guide to five landmarks")
    wait(browser, 60).until(lambda d: d.find_element(By.ID, "preview").get_attribute("src") != old and preview_done(d))
    assert page_shown(browser) == "Page 1 of 16"
    assert not browser.find_elements(By.CSS_SELECTOR, "#problems li")
    # going to a text printed elsewhere turns the preview to its page
    launch = field(browser, "launch.en")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", launch)
    launch.click()
    wait(browser, 60).until(lambda d: page_shown(d) == "Page 2 of 16" and preview_done(d))
    browser.find_element(By.ID, "page-next").click()
    wait(browser, 60).until(lambda d: page_shown(d) == "Page 3 of 16" and preview_done(d))

    browser.find_element(By.ID, "save").click()
    wait(browser, 60).until(lambda d: d.find_element(By.ID, "status").text.startswith("Saved"))
    after = path.read_text(encoding="utf-8")
    assert "    en: A guide to five landmarks\n" in after and "Investment guide" not in after
    assert [ln for ln in after.splitlines() if ln.lstrip().startswith("#")] == \
        [ln for ln in before.splitlines() if ln.lstrip().startswith("#")]
    assert len(after.splitlines()) == len(before.splitlines())
    # undo puts the file back as it was
    browser.find_element(By.ID, "undo").click()
    wait(browser, 60).until(lambda d: path.read_text(encoding="utf-8") == before)
    wait(browser).until(lambda d: field(d, "brochure.subtitle.en").get_attribute("value")
                        == "Investment guide to five industrial landmarks")


def test_a_title_too_long_is_said_at_its_field_in_both_languages(studio, browser):
    url, _ = studio
    start(browser, url, "zh", "#/campaign")
    campaign_ready(browser)
    box = field(browser, "brochure.title.zh")
    box.clear()
    box.send_keys("南京产业地标南京产业地标南京产业")
    wait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#problems li"))
    assert "约多出 8 个字，此处放不下" in browser.find_element(By.ID, "problems").text
    wrap = browser.find_element(By.CSS_SELECTOR, '[data-path="brochure.title"]')
    assert "约多出 8 个字" in wrap.text
    found = latin_in_zh(browser)
    assert not found, "English in Chinese mode:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", LANGS)
def test_the_campaign_editor_is_accessible_and_fits_a_phone(studio, browser, axe, lang):
    url, _ = studio
    start(browser, url, lang, "#/campaign")
    campaign_ready(browser)
    assert_no_bad_violations(browser, axe, f"the campaign editor ({lang})")
    if lang == "zh":
        found = latin_in_zh(browser)
        assert not found, "English in Chinese mode:\n" + "\n".join(found)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1,
                                                                    "mobile": True})
    try:
        start(browser, url, lang, "#/campaign")
        campaign_ready(browser)
        wide = browser.execute_script("return document.documentElement.scrollWidth")
        assert wide <= 390, f"the campaign editor is {wide} px wide on a 390 px screen"
        assert_no_bad_violations(browser, axe, f"the campaign editor at 390 px ({lang})")
        browser.find_element(By.ID, "show-preview").click()
        wait(browser).until(EC.visibility_of_element_located((By.ID, "preview")))
        wait(browser).until(EC.visibility_of_element_located((By.ID, "page-next")))
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
        assert_no_bad_violations(browser, axe, f"the brochure preview at 390 px ({lang})")
        if lang == "zh":
            found = latin_in_zh(browser)
            assert not found, "English in Chinese mode at 390 px:\n" + "\n".join(found)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
