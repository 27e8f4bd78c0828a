"""poster-gen translate export: XLIFF 2.0 files that the OASIS schemas accept, one unit
per text, with the Chinese as context and each text's size from the composed pages."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import copy_project, run_cli
from xliff_kit import SAMPLE_SLUG, SLR, q, schema, units


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """A copy of the project with a Japanese name already in the data and a multi-line
    English text, exported to Japanese by the command line."""
    root = copy_project(tmp_path_factory.mktemp("export"))
    nev = root / f"data/landmarks/{SAMPLE_SLUG}.yaml"
    text = nev.read_text("utf-8")
    text = text.replace("  en: New Energy Vehicles\n", "  en: New Energy Vehicles\n  ja: 新エネルギー自動車\n", 1)
    text = text.replace("    en: South Korea’s largest integrated chemical company and the world’s leading battery maker",
                        "    en: |-\n      South Korea’s largest integrated chemical company\n"
                        "      and the world’s leading battery maker")
    nev.write_text(text, "utf-8")
    done = run_cli("translate", "export", "--lang", "ja", "--project", str(root))
    assert done.returncode == 0, done.stderr
    assert "wrote 6 XLIFF file(s) to translations/ja/" in done.stdout
    return root


def test_every_file_is_valid_xliff_2_with_the_size_restriction_module(exported: Path):
    xsd = schema()
    files = sorted((exported / "translations/ja").glob("*.xlf"))
    assert [f.stem for f in files] == sorted([p.stem for p in (exported / "data/landmarks").glob("*.yaml")]
                                             + ["campaign"])
    for f in files:
        doc = etree.parse(str(f))
        assert xsd.validate(doc), (f.name, xsd.error_log)
        root = doc.getroot()
        assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en", "ja")
        (file_el,) = root.iter(q("file"))
        # the module's constraint: sizes need a profile to count by, declared at the file's head
        profiles = file_el[0]
        assert profiles.tag == q("profiles", SLR) and profiles.get("generalProfile") == "xliff:codepoints"
        sizes = [u.get(q("sizeRestriction", SLR)) for u in root.iter(q("unit"))]
        assert any(sizes) and all(s is None or (s.isdigit() and int(s) > 0) for s in sizes)


def test_the_schemas_are_real(exported: Path):
    """The checks can fail: what translate-toolkit writes by itself (notes and xml:space
    on the segment) and a size profile the module does not allow are refused."""
    xsd = schema()
    doc = etree.parse(str(exported / f"translations/ja/{SAMPLE_SLUG}.xlf"))
    seg = next(doc.iter(q("segment")))
    seg.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    assert not xsd.validate(doc)
    doc = etree.parse(str(exported / f"translations/ja/{SAMPLE_SLUG}.xlf"))
    etree.SubElement(next(doc.iter(q("profiles", SLR))), q("normalization", SLR), general="NFKC")
    assert not xsd.validate(doc)


def test_a_unit_is_a_field_with_its_english_chinese_and_size(exported: Path):
    import yaml

    data = yaml.safe_load((exported / f"data/landmarks/{SAMPLE_SLUG}.yaml").read_text("utf-8"))
    got = units(exported / f"translations/ja/{SAMPLE_SLUG}.xlf")
    assert {"name", "ambition", "plan.measures.1", "key_figures.0.value", "key_figures.0.unit",
            "key_figures.2.unit", "chain.segments.3", "quote.excerpt"} <= set(got)
    assert "key_figures.1.value" not in got  # "60%+" is one value for every language: nothing to translate
    for uid, unit in got.items():
        node = data
        for part in uid.split("."):
            node = node[int(part)] if part.isdigit() else node[part]
        source = unit.find(f"{q('segment')}/{q('source')}")
        assert "".join(source.itertext()) == node["en"].replace("\n", ""), uid
        notes = {n.get("category"): n.text for n in unit.iter(q("note"))}
        assert notes["context"] == f"Chinese (zh): {node['zh']}", uid
        assert f"data/landmarks/{SAMPLE_SLUG}.yaml: " in notes["location"]
    # the name's frame on the poster holds few characters; the summary only the brochure's
    assert int(got["name"].get(q("sizeRestriction", SLR))) < 20
    assert int(got["summary"].get(q("sizeRestriction", SLR))) > 200


def test_sizes_are_what_the_poster_frames_hold(exported: Path):
    """Each size is at most what the studio's counter says the poster's frame holds for
    the Chinese text (the studio's own capacities, composed independently)."""
    from poster_gen.studio.engine import Engine

    poster = Engine(exported).render(SAMPLE_SLUG).capacity
    got = units(exported / f"translations/ja/{SAMPLE_SLUG}.xlf")
    checked = 0
    for key, fits in poster.items():
        uid = key.removesuffix(".zh").replace("[", ".").replace("]", "")
        if key.endswith(".zh") and uid in got:
            assert int(got[uid].get(q("sizeRestriction", SLR))) <= fits, uid
            checked += 1
    assert checked >= 10


def test_a_translation_in_the_data_is_the_target(exported: Path):
    name = units(exported / f"translations/ja/{SAMPLE_SLUG}.xlf")["name"]
    seg = name.find(q("segment"))
    assert seg.get("state") == "translated" and seg.find(q("target")).text == "新エネルギー自動車"
    assert units(exported / f"translations/ja/{SAMPLE_SLUG}.xlf")["ambition"].find(f".//{q('target')}") is None


def test_a_line_break_is_a_placeholder(exported: Path):
    about = units(exported / f"translations/ja/{SAMPLE_SLUG}.xlf")["quote.about"]
    source = about.find(f"{q('segment')}/{q('source')}")
    (ph,) = source
    assert ph.tag == q("ph") and ph.get("equiv") == "\n" and ph.get("canDelete") == "no"
    assert "\n" not in (source.text or "") + (ph.tail or "")
    assert source.text.endswith("company") and ph.tail.startswith("and the world")
