"""The hero image in the editor, in a real browser (headless Chromium through Selenium): a picture
chosen from the computer is uploaded, checked as the build checks it and put into the field (the
preview follows, Save writes it to the YAML); a picture too small to print is refused at the field,
in English and in Chinese; the focal-point picker sets ``hero_focus`` by a click and by the arrow
keys, in step with its two numbers; axe-core finds nothing critical or serious with the picker
shown, in both languages, and at 390 px nothing scrolls sideways. The pictures are shown through
``/api/assets/...`` (``AssetRoutes``), mounted here as app.py mounts its routes. Skipped when
Selenium, Chromium or chromedriver is not installed."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageDraw

from test_a11y import LATIN_IN_ZH, WithCSP, assert_no_bad_violations, axe_source, check_focus_rings
from test_assets import mount_assets
from test_studio_flows import editor_ready, start
from test_studio_ui import CHROME, DRIVER, SLUG, box, chromium, field, page_width, serving, set_lang, wait

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

pytestmark = [pytest.mark.skipif(not (CHROME and DRIVER), reason="needs chromium and chromedriver"), pytest.mark.slow]
# the hero frame of the poster is 426 x 161 mm: 300 ppi needs at least 5031 x 1898 px (tests/studio/test_uploads.py)
GOOD, SMALL = (5200, 2000), (400, 300)


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """A studio served under its Content-Security-Policy, with the assets route: (url, project)."""
    with serving(tmp_path_factory, "images", lambda app: WithCSP(mount_assets(app))) as got:
        yield got


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory, "1440,900", script_timeout=120, logs=True) as d:
        yield d


@pytest.fixture(scope="module")
def axe():
    return axe_source()


@pytest.fixture(scope="module")
def pictures(tmp_path_factory) -> dict[str, Path]:
    """Files to choose: a photo sharp enough to print (stripes and a red disc, so a crop shows), one
    too small, and a GIF."""
    folder = tmp_path_factory.mktemp("pictures")
    good = Image.new("RGB", GOOD, (60, 110, 170))
    draw = ImageDraw.Draw(good)
    for x in range(0, GOOD[0], 400):
        draw.rectangle([x, 0, x + 199, GOOD[1]], fill=(200, 150, 60))
    draw.ellipse([3400, 500, 4400, 1500], fill=(230, 40, 80))
    good.save(folder / "harbour.jpg", quality=80)
    Image.new("RGB", SMALL, (90, 120, 160)).save(folder / "tiny.jpg", quality=80)
    Image.new("P", (40, 40)).save(folder / "anim.gif")
    return {"good": folder / "harbour.jpg", "small": folder / "tiny.jpg", "gif": folder / "anim.gif"}


@pytest.fixture()
def landmark(studio):
    """The landmark's file, put back as it was (bytes and history) after the test."""
    path = studio[1] / "data" / "landmarks" / f"{SLUG}.yaml"
    before = path.read_bytes()
    yield path
    path.write_bytes(before)
    history = path.parent / ".history"
    if history.is_dir():
        import shutil
        shutil.rmtree(history)


def choose(d, file: Path) -> None:
    """The user picks `file` with "Upload picture…" (the real file input)."""
    pick = field(d, "hero_image#upload")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", pick)
    pick.send_keys(str(file))


def refusal(d) -> str:
    """The refusal shown at the picture's field, once it is there."""
    return wait(d).until(lambda d: d.execute_script(
        "return document.querySelector('[data-path=\"hero_image\"] .upload-error .error-msg')?.textContent || ''"))


def picker_ready(d):
    surface = wait(d).until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-field="hero_focus#point"]'))
    wait(d).until(lambda d: d.execute_script("""const s = document.querySelector('[data-field="hero_focus#point"]');
        const img = s.querySelector('img'); return !s.matches('.loading,.broken') && img.naturalWidth > 0;"""))
    return surface


def numbers(d) -> tuple[str, str]:
    return field(d, "hero_focus.x").get_attribute("value"), field(d, "hero_focus.y").get_attribute("value")


def with_picture(landmark: Path, proj: Path, name: str = "a11y-hero.jpg") -> str:
    """The landmark with a hero picture already (written as a user would in the YAML)."""
    rel = f"assets/images/{name}"
    (proj / "assets" / "images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", GOOD, (60, 110, 170)).save(proj / rel, quality=70)
    landmark.write_text(landmark.read_text(encoding="utf-8") + f"hero_image: {rel}\n", encoding="utf-8")
    return rel


# -- uploading -----------------------------------------------------------------------------------------
def test_a_good_picture_goes_into_the_field_the_preview_and_the_saved_file(studio, browser, landmark, pictures):
    url, proj = studio
    start(browser, url, "en", f"#/edit/{SLUG}")
    editor_ready(browser)
    assert not browser.find_elements(By.CSS_SELECTOR, '[data-field="hero_focus#point"]')  # no picture, no picker
    label = browser.find_element(By.CSS_SELECTOR, f'label[for="{field(browser, "hero_image#upload").get_attribute("id")}"]')
    assert label.text == "Upload picture…" and label.is_displayed()
    before = browser.find_element(By.ID, "preview").get_attribute("src")
    choose(browser, pictures["good"])
    wait(browser).until(lambda d: field(d, "hero_image").get_attribute("value"))
    rel = field(browser, "hero_image").get_attribute("value")
    assert rel.startswith(f"assets/images/{SLUG}-hero-") and rel.endswith(".jpg") and (proj / rel).is_file()
    assert "dirty" in browser.find_element(By.ID, "dirty").get_attribute("class")
    assert browser.find_element(By.ID, "save").is_enabled()
    assert "passed the print checks" in browser.find_element(By.CSS_SELECTOR, '[data-path="hero_image"] .upload-status').text
    # the preview is drawn again, with the picture; the thumbnail and the picker show it
    wait(browser).until(lambda d: d.find_element(By.ID, "preview").get_attribute("src") != before)
    wait(browser).until(lambda d: "updating" not in d.find_element(By.ID, "preview-frame").get_attribute("class"))
    assert not browser.find_elements(By.CSS_SELECTOR, "#problems li")
    wait(browser).until(lambda d: d.execute_script(
        "const t = document.querySelector('[data-path=\"hero_image\"] .picture-thumb'); return !t.hidden && t.naturalWidth > 0"))
    picker_ready(browser)
    browser.find_element(By.ID, "save").click()
    wait(browser).until(lambda d: "clean" in d.find_element(By.ID, "dirty").get_attribute("class"))
    assert yaml.safe_load(landmark.read_text(encoding="utf-8"))["hero_image"] == rel
    # Remove picture: the field empties, the picker goes, Save is offered
    browser.find_element(By.CSS_SELECTOR, '[data-field="hero_image#clear"]').click()
    wait(browser).until(lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-field="hero_focus#point"]'))
    assert field(browser, "hero_image").get_attribute("value") == ""
    assert browser.execute_script("return document.activeElement.dataset.field") == "hero_image#upload"
    browser.find_element(By.ID, "save").click()
    wait(browser).until(lambda d: "clean" in d.find_element(By.ID, "dirty").get_attribute("class"))
    assert "hero_image" not in yaml.safe_load(landmark.read_text(encoding="utf-8"))


def test_a_picture_too_small_to_print_is_refused_at_the_field_in_both_languages(studio, browser, landmark, pictures):
    url, proj = studio
    kept = set((proj / "assets" / "images").glob("*")) if (proj / "assets" / "images").is_dir() else set()
    start(browser, url, "en", f"#/edit/{SLUG}")
    editor_ready(browser)
    choose(browser, pictures["small"])
    text = refusal(browser)
    assert text.startswith("Too small to print sharp:"), text
    assert f"tiny.jpg is 24 ppi at its placed size" in text and "print needs 300 ppi" in text, text
    assert "hero-" not in text  # named as the user chose it, not as it would have been kept
    assert field(browser, "hero_image").get_attribute("value") == ""
    assert "clean" in browser.find_element(By.ID, "dirty").get_attribute("class")  # nothing changed
    described = field(browser, "hero_image#upload").get_attribute("aria-describedby").split()
    assert any(browser.execute_script("return document.getElementById(arguments[0])?.textContent", i) == text
               for i in described), "the refusal is not the file input's description"
    assert set((proj / "assets" / "images").glob("*")) == kept  # nothing kept
    # the page in Chinese: the refusal follows
    set_lang(browser, "zh")
    text = wait(browser).until(lambda d: (t := refusal(d)).startswith("图片太小") and t)
    assert "tiny.jpg 按海报上的尺寸（426 × 161 毫米）只有 24 ppi（400 × 300 像素）；印刷需要 300 ppi" in text, text
    # and chosen in Chinese mode
    start(browser, url, "zh", f"#/edit/{SLUG}")
    editor_ready(browser)
    choose(browser, pictures["small"])
    text = refusal(browser)
    assert text.startswith("图片太小，无法清晰印刷：") and "像素" in text, text
    assert not browser.execute_script(LATIN_IN_ZH)
    # a file of a kind the build does not print: refused before it is sent
    choose(browser, pictures["gif"])
    wait(browser).until(lambda d: refusal(d).startswith("这张图片无法使用") and "JPEG、PNG 或 TIFF" in refusal(d))
    set_lang(browser, "en")
    wait(browser).until(lambda d: refusal(d) == "This picture cannot be used: Choose a JPEG, PNG or TIFF picture.")


# -- the focal point -----------------------------------------------------------------------------------
def test_the_focal_point_is_set_by_a_click_and_the_arrow_keys_and_saved(studio, browser, landmark, pictures):
    url, proj = studio
    start(browser, url, "en", f"#/edit/{SLUG}")
    editor_ready(browser)
    choose(browser, pictures["good"])
    surface = picker_ready(browser)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", surface)
    assert numbers(browser) == ("", "") and surface.get_attribute("aria-valuetext") == "50% from the left, 50% from the top"
    # a click a quarter across and three quarters down
    r = surface.rect
    ActionChains(browser).move_to_element_with_offset(surface, int(-0.25 * r["width"]), int(0.25 * r["height"])).click().perform()
    wait(browser).until(lambda d: numbers(d) != ("", ""))
    x, y = (float(v) for v in numbers(browser))
    assert abs(x - 0.25) <= 0.02 and abs(y - 0.75) <= 0.02, (x, y)
    assert browser.execute_script("return document.activeElement.dataset.field") == "hero_focus#point"
    assert "dirty" in browser.find_element(By.ID, "dirty").get_attribute("class")
    # the arrow keys: a hundredth a press, a tenth with Shift
    surface.send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_UP)
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ARROW_LEFT).key_up(Keys.SHIFT).perform()
    want_x, want_y = round(x + 0.03 - 0.1, 2), round(y - 0.01, 2)
    wait(browser).until(lambda d: numbers(d) == (str(want_x), str(want_y)))
    assert surface.get_attribute("aria-valuetext") == f"{round(want_x * 100)}% from the left, {round(want_y * 100)}% from the top"
    assert surface.get_attribute("aria-valuenow") == str(round(want_x * 100))
    mark = browser.execute_script("const m = document.querySelector('.focus-mark'); return [m.style.left, m.style.top]")
    assert mark == [f"{round(want_x * 100)}%", f"{round(want_y * 100)}%"]
    browser.find_element(By.ID, "save").click()
    wait(browser).until(lambda d: "clean" in d.find_element(By.ID, "dirty").get_attribute("class"))
    saved = yaml.safe_load(landmark.read_text(encoding="utf-8"))
    assert saved["hero_focus"] == {"x": want_x, "y": want_y} and saved["hero_image"].startswith("assets/images/")
    # a number typed: the mark follows
    n = field(browser, "hero_focus.y")
    n.clear()
    n.send_keys("0.2")
    wait(browser).until(lambda d: d.execute_script("return document.querySelector('.focus-mark').style.top") == "20%")
    assert surface.get_attribute("aria-valuetext").endswith("20% from the top")


# -- accessibility and the phone -----------------------------------------------------------------------
def _phone(d, on: bool) -> None:
    if on:
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    else:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_picture_and_its_picker_are_accessible_and_fit_a_phone(studio, browser, axe, landmark, pictures, lang, width):
    url, proj = studio
    with_picture(landmark, proj)
    _phone(browser, width == 390)
    try:
        start(browser, url, lang, f"#/edit/{SLUG}")
        editor_ready(browser)
        surface = picker_ready(browser)
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", surface)
        choose(browser, pictures["small"])  # a refusal shown at the field too
        refusal(browser)
        where = f"the editor with a picture and its focal point ({lang}, {width} px)"
        assert_no_bad_violations(browser, axe, where)
        if lang == "zh":
            found = browser.execute_script(LATIN_IN_ZH)
            assert not found, f"English in Chinese mode on {where}:\n" + "\n".join(found)
        assert page_width(browser) <= width, f"{where}: the page scrolls sideways ({page_width(browser)} px)"
        shown = box(browser, '[data-field="hero_focus#point"]')
        assert shown and shown["right"] <= width + 0.5 and shown["width"] > 0.5 * min(width, 600), shown
        for css in ('[data-path="hero_image"] .file-pick', '[data-path="hero_image"] .picture-thumb', '[data-field="hero_image#clear"]'):
            b = box(browser, css)
            assert b and b["right"] <= width + 0.5, (css, b)
        if width == 1440 and lang == "en":
            check_focus_rings(browser, where)  # the file input and the picker among them
    finally:
        _phone(browser, False)
