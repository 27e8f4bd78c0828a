"""JSON Schemas generated from the models: they accept the real files, reject what the
loader rejects, keep field order, and ``schema``/``init`` write them."""
from __future__ import annotations

import argparse
import dataclasses
import json
import re
import typing
from pathlib import Path

import pytest

from poster_gen.load.json_schema import SCHEMAS, render, schema_for, write_schemas
from poster_gen.load.layout_models import Theme
from poster_gen.load.models import Landmark
from poster_gen.load.model_reader import model_fields
from poster_gen.load.yamlsrc import read_yaml

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "landmark": sorted((ROOT / "data" / "landmarks").glob("*.yaml")),
    "campaign": [ROOT / "data" / "campaign.yaml"],
    "layout": sorted((ROOT / "layouts").glob("*.yaml")),
    "theme": sorted((ROOT / "layouts" / "themes").glob("*.yaml")),
}


# -- a validator for the subset of draft 2020-12 the generator emits -----------------
# (the jsonschema package is not a dependency; this is enough to test the schemas)

def errors(schema: dict, value, root: dict | None = None, at: str = "") -> list[str]:
    root = root or schema
    out: list[str] = []
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        out += errors(root["$defs"][name], value, root, at)
    if "anyOf" in schema and all(errors(s, value, root, at) for s in schema["anyOf"]):
        out.append(f"{at}: matches none of anyOf")
    kind = schema.get("type")
    checks = {"object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
              "string": lambda v: isinstance(v, str), "boolean": lambda v: isinstance(v, bool),
              "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
              "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)}
    if kind and not checks[kind](value):
        return out + [f"{at}: not {kind}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{at}: {value!r} not in enum")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                out.append(f"{at}: {key} required")
        for key, v in value.items():
            if key in props:
                out += errors(props[key], v, root, f"{at}.{key}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{at}.{key}: unknown key")
            elif isinstance(schema.get("additionalProperties"), dict):
                out += errors(schema["additionalProperties"], v, root, f"{at}.{key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", 10**9):
            out.append(f"{at}: {len(value)} items")
        for i, v in enumerate(value):
            if "items" in schema:
                out += errors(schema["items"], v, root, f"{at}[{i}]")
    if isinstance(value, str):
        if not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", 10**9):
            out.append(f"{at}: length {len(value)}")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{at}: does not match pattern")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < schema.get("minimum", float("-inf")) or value > schema.get("maximum", float("inf")):
            out.append(f"{at}: {value} out of range")
    return out


@pytest.mark.parametrize("kind,path", [(k, p) for k, ps in FILES.items() for p in ps],
                         ids=lambda x: x.name if isinstance(x, Path) else x)
def test_every_real_file_is_valid(kind: str, path: Path):
    assert FILES["landmark"] and FILES["layout"] and FILES["theme"]
    assert errors(schema_for(SCHEMAS[kind]), read_yaml(path, path.name).value) == []


def _landmark() -> dict:
    return read_yaml(FILES["landmark"][0], "x").value


@pytest.mark.parametrize("change,expected", [
    (lambda d: d.update(colour="red"), ".colour: unknown key"),
    (lambda d: d["key_figures"][0].update(lable=d["key_figures"][0]["label"]), ".key_figures[0].lable: unknown key"),
    (lambda d: d["name"].update(zh=123), ".name.zh: not string"),
    (lambda d: d.update(order="3"), ".order: not integer"),
    (lambda d: d.update(order=0), ".order: 0 out of range"),
    (lambda d: d["plan"].update(status="soon"), ".plan.status: 'soon' not in enum"),
    (lambda d: d["name"].update(en="x" * 41), ".name.en: length 41"),  # the holder's max_len
    (lambda d: d["key_figures"][0].update(value="1234567890123"), ".key_figures[0].value: matches none"),
    (lambda d: d.update(qr_url="ftp://x"), ".qr_url: does not match pattern"),
    (lambda d: d.pop("theme"), ": theme required"),
    (lambda d: d.update(key_figures=d["key_figures"][:2]), ".key_figures: 2 items"),
])
def test_rejects_what_the_loader_rejects(change, expected):
    data = _landmark()
    change(data)
    found = errors(schema_for(Landmark), data)
    assert any(e.startswith(expected) for e in found), found


def test_colour_shorthand_and_full_form():
    schema = schema_for(Theme)
    theme = read_yaml(FILES["theme"][0], "x").value
    colours = dict(theme["colours"])
    token = next(iter(colours))
    for ok in ([0, 10, 20, 30], {"name": "Red", "cmyk": [0, 100, 100, 0]}, {"cmyk": [1.5, 2, 3, 4]}):
        assert errors(schema, {**theme, "colours": {**colours, token: ok}}) == [], ok
    for bad in ([0, 10, 20], [0, 10, 20, 130], {"cmyk": [0, 0, 0, 0], "hex": "#fff"}, "red"):
        assert errors(schema, {**theme, "colours": {**colours, token: bad}}), bad


def _models(cls: type, seen: dict) -> dict:
    """The model classes reachable from ``cls``, by name."""
    seen[cls.__name__] = cls
    for info in model_fields(cls).values():
        stack = [info.hint]
        while stack:
            h = stack.pop()
            if dataclasses.is_dataclass(h) and h.__name__ not in seen:
                _models(h, seen)
            stack.extend(typing.get_args(h))
    return seen


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_structure_follows_the_models(name: str):
    cls = SCHEMAS[name]
    schema = schema_for(cls)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    models = _models(cls, {})
    assert set(schema["$defs"]) == set(models) - {cls.__name__}
    for model_name, model in models.items():
        body = schema if model is cls else schema["$defs"][model_name]
        fields = model_fields(model)
        assert body["title"] == model_name and body["description"]
        assert body["type"] == "object" and body["additionalProperties"] is False
        assert list(body["properties"]) == list(fields)  # the studio's form follows this order
        assert body.get("required", []) == [n for n, f in fields.items() if f.required]
        for field_name, info in fields.items():
            if info.rules.get("doc"):
                assert body["properties"][field_name]["description"] == info.rules["doc"]
    assert "slug" not in schema["properties"]  # internal: set by the loader
    text = json.dumps(schema)
    for ref in re.findall(r'"\$ref": "#/\$defs/([^"]+)"', text):
        assert ref in schema["$defs"]


def test_write_schemas_is_deterministic(tmp_path: Path):
    a = write_schemas(tmp_path / "a")
    b = write_schemas(tmp_path / "b")
    assert [p.name for p in a] == [f"{n}.schema.json" for n in SCHEMAS]
    for x, y in zip(a, b):
        assert x.read_bytes() == y.read_bytes() == render(SCHEMAS[x.name.split(".")[0]])
        json.loads(x.read_text(encoding="utf-8"))
    text = (tmp_path / "a" / "landmark.schema.json").read_text(encoding="utf-8")
    assert "亿元" in text and "\\u" not in text  # unicode as written, not escaped


def test_schema_command_writes_four_files(tmp_path: Path, capsys):
    from poster_gen.commands import schema

    assert schema.run(argparse.Namespace(dir=tmp_path / "s")) == 0
    first = {p.name: p.read_bytes() for p in (tmp_path / "s").iterdir()}
    assert sorted(first) == sorted(f"{n}.schema.json" for n in SCHEMAS)
    assert capsys.readouterr().out.count("wrote ") == 4
    schema.run(argparse.Namespace(dir=tmp_path / "s"))
    assert {p.name: p.read_bytes() for p in (tmp_path / "s").iterdir()} == first


def test_init_links_every_yaml_file_to_its_schema(tmp_path: Path):
    from poster_gen.commands import init
    from poster_gen.load.project import load_project

    dest = tmp_path / "new"
    assert init.run(argparse.Namespace(dir=dest)) == 0
    assert sorted(p.name for p in (dest / "schemas").iterdir()) == sorted(f"{n}.schema.json" for n in SCHEMAS)
    count = 0
    for kind, files in FILES.items():
        for src in files:
            made = dest / src.relative_to(ROOT)
            first, rest = made.read_bytes().split(b"\n", 1)
            assert rest == src.read_bytes()  # a prepend: the file is otherwise untouched
            prefix = "# yaml-language-server: $schema="
            assert first.decode().startswith(prefix)
            rel = first.decode()[len(prefix):]
            assert rel == ("../" * (len(src.relative_to(ROOT).parts) - 1)) + f"schemas/{kind}.schema.json"
            assert (made.parent / rel).resolve() == (dest / "schemas" / f"{kind}.schema.json").resolve()
            count += 1
    assert count == sum(len(f) for f in FILES.values())
    load_project(dest)  # still loads


def test_link_schemas_replaces_an_existing_line(tmp_path: Path):
    from poster_gen.commands.init import link_schemas

    (tmp_path / "data").mkdir()
    f = tmp_path / "data" / "campaign.yaml"
    f.write_bytes(b"# yaml-language-server: $schema=old.json\nyear: 2020\n")
    link_schemas(tmp_path)
    link_schemas(tmp_path)
    assert f.read_bytes() == b"# yaml-language-server: $schema=../schemas/campaign.schema.json\nyear: 2020\n"
