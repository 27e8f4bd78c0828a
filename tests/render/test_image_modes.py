"""Every image mode Pillow opens prints as it looks, or is refused with one line naming
the file and the field.

Each mode is made in a known colour, saved in a format that keeps the mode (or, for the
modes no file format stores, handed over in memory), and run through the renderer's own
functions (``render.images.cmyk_jpeg``, ``load.picture.as_it_looks``); the JPEG they make is decoded
and its colour compared, for print (CMYK, read back the way the renderer made it) and
for screens (RGB). Then a whole build with a 16-bit hero photo, rasterised by PDFium.
"""
from __future__ import annotations

import colorsys
import io
import struct
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from conftest import copy_project
from poster_gen.load.picture import as_it_looks
from poster_gen.render.images import cmyk_jpeg

GREY = (128, 128, 128)
RED = (200, 30, 30)
TOLERANCE = 6  # JPEG on a flat colour, and 16-bit to 8-bit rounding


def _decoded(data: bytes) -> tuple[str, tuple[int, ...]]:
    """The JPEG's mode and its centre pixel as RGB (CMYK read back as Pillow wrote it)."""
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        centre = (im.width // 2, im.height // 2)
        return im.mode, im.convert("RGB").getpixel(centre)


def _close(got, want, tol: int = TOLERANCE) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(got, want))


def _both_outputs(path: Path, want: tuple[int, int, int]) -> None:
    for mode in ("CMYK", "RGB"):
        jmode, got = _decoded(cmyk_jpeg(str(path), 20.0, 10.0, "cover", mode, 300))
        assert jmode == mode
        assert _close(got, want), (path.name, mode, got, want)


def _p_image(transparent: bool) -> Image.Image:
    im = Image.new("P", (60, 30), 1)
    im.putpalette([255, 255, 255, *RED] + [0] * 762)
    if transparent:
        im.info["transparency"] = 1
    return im


# mode, how it is made, format, the colour it shows
FILES = [
    ("1", lambda: Image.new("1", (60, 30), 1), "PNG", (255, 255, 255)),
    ("1-black", lambda: Image.new("1", (60, 30), 0), "TIFF", (0, 0, 0)),
    ("L", lambda: Image.new("L", (60, 30), 128), "PNG", GREY),
    ("LA-opaque", lambda: Image.new("LA", (60, 30), (128, 255)), "PNG", GREY),
    ("LA-clear", lambda: Image.new("LA", (60, 30), (0, 0)), "PNG", (255, 255, 255)),
    ("P", lambda: _p_image(False), "PNG", RED),
    ("P-transparent", lambda: _p_image(True), "PNG", (255, 255, 255)),
    ("I;16", lambda: Image.new("I;16", (60, 30), 32768), "PNG", GREY),
    ("I;16-dark", lambda: Image.new("I;16", (60, 30), 6554), "PNG", (26, 26, 26)),
    ("I;16B", lambda: Image.new("I;16B", (60, 30), 32768), "TIFF", GREY),
    ("I;16L", lambda: Image.new("I;16L", (60, 30), 32768), "TIFF", GREY),
    ("RGB", lambda: Image.new("RGB", (60, 30), RED), "JPEG", RED),
    ("RGBA-half", lambda: Image.new("RGBA", (60, 30), (*RED, 128)), "PNG",
     tuple(round(c * 128 / 255 + 255 * 127 / 255) for c in RED)),
    ("RGBA-clear", lambda: Image.new("RGBA", (60, 30), (0, 0, 0, 0)), "PNG", (255, 255, 255)),
    ("LA-TIFF", lambda: Image.new("LA", (60, 30), (128, 255)), "TIFF", GREY),
    ("CMYK-jpeg", lambda: Image.new("CMYK", (60, 30), (0, 0, 0, 127)), "JPEG", GREY),  # Adobe, inverted
    ("CMYK-tiff", lambda: Image.new("CMYK", (60, 30), (55, 225, 225, 0)), "TIFF", RED),
    ("YCbCr", lambda: Image.new("YCbCr", (60, 30), (128, 128, 128)), "TIFF", GREY),
    ("LAB-grey", lambda: Image.new("LAB", (60, 30), (137, 128, 128)), "TIFF", GREY),  # L* 53.6
    ("LAB-white", lambda: Image.new("LAB", (60, 30), (255, 128, 128)), "TIFF", (255, 255, 255)),
]


@pytest.mark.parametrize("name, make, fmt, want", FILES, ids=[f[0] for f in FILES])
def test_each_mode_prints_as_it_looks(tmp_path, name, make, fmt, want):
    im = make()
    path = tmp_path / f"{name}.{fmt.lower()}"
    im.save(path, fmt, **({"transparency": im.info["transparency"]} if "transparency" in im.info else {}))
    _both_outputs(path, want)


def _hsv(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    h, s, v = colorsys.rgb_to_hsv(*(c / 255 for c in rgb))
    return round(h * 255), round(s * 255), round(v * 255)


# modes no file format stores; the renderer meets them only in memory
IN_MEMORY = [
    ("PA", lambda: _p_image(False).convert("PA"), RED),
    ("La", lambda: Image.new("LA", (8, 8), (128, 255)).convert("La"), GREY),
    ("RGBa", lambda: Image.new("RGBA", (8, 8), (*RED, 255)).convert("RGBa"), RED),
    ("RGBX", lambda: Image.new("RGBX", (8, 8), (*RED, 0)), RED),
    ("HSV", lambda: Image.new("HSV", (8, 8), _hsv(RED)), RED),
    ("I;16N", lambda: Image.new("I;16N", (8, 8), 32768), GREY),
]


@pytest.mark.parametrize("name, make, want", IN_MEMORY, ids=[m[0] for m in IN_MEMORY])
def test_modes_without_a_file_format_too(name, make, want):
    im = make()
    assert im.mode == name
    for cmyk in (True, False):
        out = as_it_looks(im, cmyk=cmyk)
        assert out.mode in ("RGB", "L", "CMYK")
        assert _close(out.convert("RGB").getpixel((4, 4)), want, 3), (name, cmyk, out.getpixel((4, 4)))


def test_a_sideways_phone_photo_is_turned_upright(tmp_path):
    """EXIF orientation 6: stored lying down, shown turned 90 degrees clockwise, so the
    stored left edge is the top of the picture."""
    im = Image.new("RGB", (300, 100), (20, 40, 220))
    im.paste(RED, (0, 0, 100, 100))  # the stored left third: the shown top third
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "phone.jpg"
    im.save(path, "JPEG", exif=exif, quality=95)
    with Image.open(io.BytesIO(cmyk_jpeg(str(path), 10.0, 30.0, "cover", "RGB", 300))) as out:
        out = out.convert("RGB")
        assert out.height > out.width  # upright: portrait, filling the portrait frame uncropped
        assert _close(out.getpixel((out.width // 2, out.height // 8)), RED, 12)
        assert _close(out.getpixel((out.width // 2, out.height * 7 // 8)), (20, 40, 220), 12)



def test_the_resolution_check_measures_a_sideways_photo_upright(tmp_path):
    """Stored 3000 x 1000 with orientation 6, it is shown and printed 1000 x 3000: a
    portrait frame 84.7 x 254 mm gets its full 300 ppi, not the third a landscape
    reading would give."""
    from poster_gen.build.checks import effective_ppi
    from poster_gen.page_model import Box, Image as Placed

    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "phone.jpg"
    Image.new("RGB", (3000, 1000), GREY).save(path, "JPEG", exif=exif)
    box = Box(0, 0, 1000 / 300 * 25.4, 3000 / 300 * 25.4)
    ppi, size = effective_ppi(Placed(box=box, path=str(path)))
    assert size == (1000, 3000) and ppi == pytest.approx(300, abs=0.5)

def _linear_rgb_profile() -> bytes:
    """A matrix/TRC RGB profile with sRGB's primaries and a straight tone curve (gamma
    1.0): 50 % in it is about 73.5 % (188) in sRGB."""
    def s15(v: float) -> bytes:
        return struct.pack(">i", round(v * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ " + bytes(4) + s15(x) + s15(y) + s15(z)

    curve = b"curv" + bytes(4) + struct.pack(">I", 0)  # no entries: identity
    tags = [(b"wtpt", xyz(0.9642, 1.0, 0.8249)), (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
            (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)), (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    table, data = b"", b""
    start = 128 + 4 + 12 * len(tags)
    for sig, body in tags:
        table += sig + struct.pack(">II", start + len(data), len(body))
        data += body + bytes(-len(body) % 4)
    header = bytearray(128)
    struct.pack_into(">I", header, 0, start + len(data))
    header[8:12] = bytes([2, 0x10, 0, 0])
    header[12:16], header[16:20], header[20:24], header[36:40] = b"mntr", b"RGB ", b"XYZ ", b"acsp"
    header[68:80] = s15(0.9642) + s15(1.0) + s15(0.8249)
    return bytes(header) + struct.pack(">I", len(tags)) + table + data


def test_an_embedded_icc_profile_is_applied(tmp_path):
    path = tmp_path / "linear.png"
    Image.new("RGB", (60, 30), GREY).save(path, icc_profile=_linear_rgb_profile())
    _both_outputs(path, (188, 188, 188))


def _refused(tmp_path, capfd, name: str, save) -> str:
    from poster_gen.cli import main

    proj = copy_project(tmp_path / "p")
    (proj / "assets" / "images").mkdir(parents=True)
    save(proj / "assets" / "images" / name)
    lm = proj / "data" / "landmarks" / "artificial-intelligence.yaml"
    lm.write_text(lm.read_text(encoding="utf-8") + f"hero_image: assets/images/{name}\n", encoding="utf-8")
    assert main(["check", "--project", str(proj)]) == 2
    errors = [line for line in capfd.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, errors
    assert errors[0].startswith("error: data/landmarks/artificial-intelligence.yaml:")
    assert "hero_image" in errors[0] and name in errors[0]
    return errors[0]


@pytest.mark.parametrize("name, save, words", [
    ("float.tif", lambda p: Image.new("F", (600, 400), 0.5).save(p), "32-bit floating-point"),
    ("int32.tif", lambda p: Image.new("I", (600, 400), 1 << 20).save(p), "32-bit integer"),
    ("badicc.png", lambda p: Image.new("RGB", (600, 400), GREY).save(p, icc_profile=b"not a profile" * 20),
     "ICC profile"),
    ("greyicc.png", lambda p: Image.new("L", (600, 400), 128).save(p, icc_profile=_linear_rgb_profile()),
     "ICC profile"),
])
def test_what_cannot_print_as_it_looks_is_refused_at_load(tmp_path, capfd, name, save, words):
    line = _refused(tmp_path, capfd, name, save)
    assert words in line


@pytest.mark.slow
def test_a_16_bit_hero_photo_prints_mid_grey(tmp_path):
    """The hostile run's case: a 16-bit PNG hero at 50 % printed white."""
    from poster_gen.cli import main
    from poster_gen.render.raster import rasterise

    proj = copy_project(tmp_path / "p")
    (proj / "assets" / "images").mkdir(parents=True)
    Image.new("I;16", (5100, 3600), 32768).save(proj / "assets" / "images" / "grey16.png")
    lm = proj / "data" / "landmarks" / "artificial-intelligence.yaml"
    lm.write_text(lm.read_text(encoding="utf-8") + "hero_image: assets/images/grey16.png\n", encoding="utf-8")
    assert main(["build", "--project", str(proj), "--only", "artificial-intelligence"]) == 0
    dpi = 24
    (page,) = rasterise(proj / "output" / "posters" / "artificial-intelligence.pdf", dpi=dpi)
    px = dpi / 25.4
    hero = page.crop((round(20 * px), round(200 * px), round(400 * px), round(295 * px)))  # below the name
    r, g, b = ImageStat.Stat(hero).median
    assert 100 <= g <= 170 and max(r, g, b) - min(r, g, b) <= 20, (r, g, b)  # grey, not white (255)
