"""The changed facts: the released project (its snapshot) and the current one, both
loaded by the normal loader, walked field by field; every difference named in both
languages, e.g. "集成电路 · 关键数字 1 · 数值：200+ → 250+" and "Integrated Circuits ·
Key figure 1 · Value: 200+ → 250+". A moved comma is a difference like any other.

Each fact knows the file it comes from (``data/landmarks/<slug>.yaml``,
``layouts/themes/<name>.yaml`` ...); the outputs it touches are those whose build record
lists that file among their inputs (``touches``): a theme's colour touches every output
made with the theme. Field names come from ``proof.yaml`` (a key it lacks is shown as
written: a layout's keys are).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from ...load.models import TEXT_LANGS

LANGS = ("zh", "en")  # the languages the proof itself is written in
_GONE = object()  # one side has no such item
CONTEXT = 18  # characters kept either side of the difference in a long text
SHORT = 44  # a text this long or shorter is shown whole


@lru_cache(maxsize=1)
def words() -> dict:
    import yaml

    return yaml.safe_load(Path(__file__).with_name("proof.yaml").read_text(encoding="utf-8"))


def say(key: str, lang: str, **values) -> str:
    """One of the proof's own sentences (``proof.yaml``, table ``page``) in ``lang``."""
    return words()["page"][key][lang].format(**values)


@dataclass(frozen=True)
class Fact:
    file: str  # project-relative path of the file the fact is in
    path: tuple  # the field's path in its model, e.g. ("key_figures", 0, "value")
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def touches(fact: Fact, inputs: dict[str, str]) -> bool:
    """Whether an output made from ``inputs`` (its build record's) shows ``fact``."""
    return fact.file in inputs


def compare(old, new) -> list[Fact]:
    """Every changed fact between two loaded projects (``old`` None: no release yet, no
    facts: everything is new)."""
    if old is None:
        return []
    facts: list[Fact] = []
    table = words()["owners"]
    campaign = {lang: table["campaign"][lang] for lang in LANGS}
    facts += _facts("data/campaign.yaml", campaign, old.campaign, new.campaign)
    olds = {lm.slug: lm for lm in old.landmarks}
    news = {lm.slug: lm for lm in new.landmarks}
    for slug in [*news, *(s for s in olds if s not in news)]:
        file = new.files.get(f"landmark:{slug}") or old.files.get(f"landmark:{slug}") or f"data/landmarks/{slug}.yaml"
        a, b = olds.get(slug), news.get(slug)
        if a is None or b is None:
            key, lm = ("landmark_new", b) if a is None else ("landmark_gone", a)
            facts.append(Fact(file, (), *(table[key][lang].format(name=lm.name.get(lang) or lm.slug)
                                          for lang in LANGS)))
            continue
        owner = {lang: b.name.get(lang) or a.name.get(lang) or slug for lang in LANGS}
        facts += _facts(file, owner, a, b)
    for kind, olds_, news_, folder in (("theme", old.themes, new.themes, "layouts/themes/"),
                                       ("layout", old.layouts, new.layouts, "layouts/")):
        for name in [*news_, *(n for n in olds_ if n not in news_)]:
            a, b = olds_.get(name, _GONE), news_.get(name, _GONE)
            shown = {lang: _theme_name(b if b is not _GONE else a, name, lang) if kind == "theme" else name
                     for lang in LANGS}
            owner = {lang: table[kind][lang].format(name=shown[lang]) for lang in LANGS}
            facts += _facts(f"{folder}{name}.yaml", owner, a, b)
    return facts


def _theme_name(theme, name: str, lang: str) -> str:
    return theme.name.get(lang) or name


def _facts(file: str, owner: dict[str, str], old, new) -> list[Fact]:
    out = []
    for path, segs, labels, a, b in _walk(old, new, (), ()):
        texts = []
        for lang in LANGS:
            head = " · ".join([owner[lang], *(s[lang] for s in segs)])
            sep = "：" if lang == "zh" else ": "
            texts.append(f"{head}{sep}{_change(a, b, lang, path, labels)}")
        out.append(Fact(file, path, *texts))
    return out


def _walk(old, new, path: tuple, segs: tuple, labels=None) -> Iterator[tuple]:
    """(path, name segments, value labels, old, new) of every leaf that differs."""
    if old == new:
        return
    if (dataclasses.is_dataclass(old) and type(old) is type(new)):
        for f in dataclasses.fields(old):
            if f.metadata.get("internal") or not f.metadata.get("printed", True) or not f.init:
                continue
            yield from _walk(getattr(old, f.name), getattr(new, f.name), path + (f.name,),
                             _named(segs, f.name, old, new), f.metadata.get("labels"))
    elif isinstance(old, list) and isinstance(new, list) and not _numbers(old, new):
        for i in range(max(len(old), len(new))):
            a = old[i] if i < len(old) else _GONE
            b = new[i] if i < len(new) else _GONE
            yield from _walk(a, b, path + (i,), _item(segs, path, i), labels)
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            a, b = old.get(key, _GONE), new.get(key, _GONE)
            yield from _walk(a, b, path + (key,), _keyed(segs, path, key, a, b), labels)
    else:
        yield path, segs, labels, old, new


def _label(table: str, key, lang: str) -> str | None:
    entry = words()[table].get(str(key))
    return entry[lang] if entry else None


def _named(segs: tuple, name: str, old, new) -> tuple:
    """The segments with field ``name`` added; a text's language is said after its field."""
    if name in TEXT_LANGS and segs and _is_text(old):
        last = dict(segs[-1])
        for lang in LANGS:
            tongue = _label("fields", name, lang)
            last[lang] += f"（{tongue}）" if lang == "zh" else f" ({tongue})"
        return segs[:-1] + (last,)
    return segs + ({lang: _label("fields", name, lang) or name for lang in LANGS},)


def _is_text(obj) -> bool:
    names = {f.name for f in dataclasses.fields(obj)} if dataclasses.is_dataclass(obj) else set()
    return names == set(TEXT_LANGS)


def _item(segs: tuple, path: tuple, i: int) -> tuple:
    """A list's item: "Key figure 2" in place of "Key figures"."""
    key = path[-1] if path else ""
    names = {lang: _label("items", key, lang) for lang in LANGS}
    if all(names.values()):
        return segs[:-1] + ({lang: f"{names[lang]} {i + 1}" for lang in LANGS},)
    return segs + ({lang: str(i + 1) for lang in LANGS},)


def _keyed(segs: tuple, path: tuple, key, a, b) -> tuple:
    """A mapping's entry: a theme's colour by its role and name, else its key as written."""
    if path and path[-1] == "colours":
        colour = b if b is not _GONE else a
        named = {}
        for lang in LANGS:
            role = _label("tokens", key, lang) or str(key)
            name = colour.name_in(lang) if hasattr(colour, "name_in") else ""
            named[lang] = f"{role} {name}".strip() if lang == "zh" else f"{role} ({name})" if name else role
        return segs[:-1] + (named,)
    return segs + ({lang: str(key) for lang in LANGS},)


def _numbers(a: list, b: list) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in [*a, *b])


def _change(a, b, lang: str, path: tuple, labels) -> str:
    values = words()["values"]
    if a is _GONE:
        return f"{values['added'][lang]} {_quoted(_value(b, lang, path, labels), lang)}"
    if b is _GONE:
        return f"{values['removed'][lang]} {_quoted(_value(a, lang, path, labels), lang)}"
    x, y = _value(a, lang, path, labels), _value(b, lang, path, labels)
    if isinstance(a, str) and isinstance(b, str):
        x, y = _window(x, y)
    return f"{x} → {y}"


def _quoted(text: str, lang: str) -> str:
    return f"“{text}”" if text else text


def _value(v: Any, lang: str, path: tuple, labels) -> str:
    values = words()["values"]
    if v is None or v == "" or v == [] or v == {}:
        return values["none"][lang]
    if isinstance(v, bool):
        return values["yes" if v else "no"][lang]
    if isinstance(v, str):
        named = (labels or {}).get(v)
        return named[lang] if named else " ".join(v.split())
    if isinstance(v, (int, float)):
        return f"{v:g}"
    if isinstance(v, list) and path and path[-1] == "cmyk" and len(v) == 4:
        return " ".join(f"{ch}{n:g}" for ch, n in zip("CMYK", v))
    if hasattr(v, "get") and _is_text(v):
        return " ".join((v.get(lang) or v.get("en" if lang == "zh" else "zh")).split())
    from ...load.walk import strings

    parts = [s for p, s in strings(v) if not p or p[-1] not in TEXT_LANGS or p[-1] == lang]
    return " ".join(" ".join(parts).split()) or values["none"][lang]


def _window(x: str, y: str) -> tuple[str, str]:
    """Two long texts cut to the difference and a little around it (a comma moved in a
    paragraph shows where)."""
    if len(x) <= SHORT and len(y) <= SHORT:
        return x, y
    p = 0
    while p < min(len(x), len(y)) and x[p] == y[p]:
        p += 1
    q = 0
    while q < min(len(x), len(y)) - p and x[-1 - q] == y[-1 - q]:
        q += 1
    start = _boundary(x, max(0, p - CONTEXT), -1)

    def cut(s: str) -> str:
        end = _boundary(s, len(s) - max(0, q - CONTEXT), 1)
        return ("…" if start else "") + s[start:end] + ("…" if end < len(s) else "")

    return cut(x), cut(y)


def _boundary(s: str, at: int, step: int, reach: int = 10) -> int:
    """``at`` moved to the nearest space within ``reach`` characters (backwards for a
    start, forwards for an end), so a cut English text starts and ends with whole words."""
    for k in range(reach + 1):
        i = at + k * step
        if i <= 0 or i >= len(s):
            return max(0, min(len(s), i))
        if s[i - 1] == " " if step < 0 else s[i] == " ":
            return i
    return at
