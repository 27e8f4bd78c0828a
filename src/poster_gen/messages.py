"""Every message the tool words for the user, in the user's language.

The code words its messages in English, and the CLI prints them so. The catalogue
(``messages_zh.yaml``, next to this module) gives the Chinese of every message the
loader, the build's checks, the layout lint and the font step can word: each entry is
an English template and its Chinese, e.g.

    "{value} is below the minimum {lo}": "{value} 低于最小值 {lo}"

``translate(message, "zh")`` finds the template ``message`` is an instance of and fills
its Chinese with the same values, so quoted data, field names, file names and numbers
stay as they are inside the Chinese sentence.

A placeholder is ``{name}`` (its text is kept as it is: data, a number, a path) or
``{name:kind}``: its text is itself translated by the catalogue's table ``kind`` (the
part of a message worded elsewhere, e.g. ``expected``: what a field expects, or
``suggest``: the "did you mean" that may follow a name). The table ``message`` holds
whole messages; a placeholder of kind ``message`` holds a message inside another (a
lint finding inside "region 'x': ..."). Any other brace is literal text. Of the
templates that match the whole text, the reading that keeps the least of it untranslated
wins (of equals, the first in the catalogue): "follow: 'x' is not one of a, b" is the
parameter ``follow`` and a message, not the value "follow: 'x'". Where a template's
Chinese meets a value, a space goes between Chinese and Latin letters or digits.

Importing this module costs nothing (the standard library's ``re`` and ``functools``);
the catalogue is read on the first translation.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

LANGS = ("en", "zh")
CATALOGUE = Path(__file__).with_name("messages_zh.yaml")
TOP = "message"  # the table of whole messages

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)(?::([a-z_]+))?\}")


class Template:
    """One catalogue entry: the English template cut into literal text and
    placeholders, and the Chinese to fill."""

    __slots__ = ("en", "zh", "parts")

    def __init__(self, en: str, zh: str):
        self.en, self.zh = en, zh
        self.parts: list[str | tuple[str, str | None]] = []  # literal text, or (name, kind)
        pos = 0
        for m in PLACEHOLDER.finditer(en):
            if m.start() > pos:
                self.parts.append(en[pos:m.start()])
            elif self.parts and not isinstance(self.parts[-1], str) and m.group(2) is None:
                raise ValueError(f"{en!r}: a placeholder right after another needs a kind, to tell them apart")
            self.parts.append((m.group(1), m.group(2)))
            pos = m.end()
        if pos < len(en):
            self.parts.append(en[pos:])
        names = [p[0] for p in self.parts if isinstance(p, tuple)]
        if len(set(names)) != len(names):
            raise ValueError(f"{en!r}: a placeholder name is used twice")
        extra = {m.group(1) for m in PLACEHOLDER.finditer(zh)} - set(names)
        if extra or any(m.group(2) for m in PLACEHOLDER.finditer(zh)):
            raise ValueError(f"{zh!r}: placeholders not in {en!r}, or with a kind (give the kind in the English)")

    @property
    def literals(self) -> list[str]:
        """The English template's literal text, placeholder by placeholder."""
        return [p for p in self.parts if isinstance(p, str)]

    def match(self, text: str, catalogue: "Catalogue") -> dict[str, tuple[str, str | None, object]] | None:
        """Each placeholder's (text, kind, translation) when ``text`` is an instance of
        this template, else None. Tries every way to cut ``text`` (first the shortest
        for each placeholder) until each kind's part translates."""
        found: dict[str, tuple[str, str | None, object]] = {}
        return found if self._match(0, text, 0, found, catalogue) else None

    def _match(self, i: int, text: str, pos: int, found: dict, catalogue: "Catalogue") -> bool:
        if i == len(self.parts):
            return pos == len(text)
        part = self.parts[i]
        if isinstance(part, str):
            return text.startswith(part, pos) and self._match(i + 1, text, pos + len(part), found, catalogue)
        name, kind = part
        if i + 1 == len(self.parts):
            ends = [len(text)]
        elif not isinstance(self.parts[i + 1], str):  # a kind's part follows: any cut, its table decides
            ends = range(pos + 1, len(text) + 1)
        else:
            after = self.parts[i + 1]
            ends, j = [], text.find(after, pos)
            while j != -1:
                ends.append(j)
                j = text.find(after, j + 1)
        for end in ends:
            value = text[pos:end]
            if kind is None:
                if not value:
                    continue
                found[name] = (value, None, None)
            else:
                got = catalogue.explain(value, kind)
                if got is None:
                    continue
                found[name] = (value, kind, got)
            if self._match(i + 1, text, end, found, catalogue):
                return True
            del found[name]
        return False


# Chinese next to Latin letters, digits or a quote gets a space between (clreq's
# mixed-text spacing), where a template's words meet a value; never inside a value.
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN = re.compile("[A-Za-z0-9'\"]")


def _spaced(left: str, right: str) -> bool:
    if not left or not right:
        return False
    a, b = left[-1], right[0]
    return bool((_HAN.match(a) and _LATIN.match(b)) or (_LATIN.match(a) and _HAN.match(b)))


class Explained:
    """How one text translates: the template it is an instance of and its parts."""

    __slots__ = ("template", "values")

    def __init__(self, template: Template, values: dict[str, tuple[str, str | None, "Explained | None"]]):
        self.template, self.values = template, values

    @property
    def kept(self) -> int:
        """How many characters are kept as they are (untranslated values), at any depth:
        of two readings of a text, the one that translates more of it is the right one."""
        return sum(len(v) if kind is None else inner.kept for v, kind, inner in self.values.values())

    def kept_values(self) -> list[tuple[str, str]]:
        """(placeholder, text) of every part kept as it is, at any depth."""
        out = []
        for name, (value, kind, inner) in self.values.items():
            out += [(name, value)] if kind is None else inner.kept_values()
        return out

    def words(self) -> list[str]:
        """The Chinese templates' own text used, at any depth (no values)."""
        out = [PLACEHOLDER.sub(" ", self.template.zh)]
        for value, kind, inner in self.values.values():
            if kind is not None:
                out += inner.words()
        return out

    def render(self) -> str:
        out, pos = "", 0
        for m in PLACEHOLDER.finditer(self.template.zh):
            out = _join(out, self.template.zh[pos:m.start()])
            value, kind, inner = self.values[m.group(1)]
            out = _join(out, value if kind is None else inner.render())
            pos = m.end()
        return _join(out, self.template.zh[pos:])


def _join(left: str, right: str) -> str:
    return left + " " + right if _spaced(left, right) else left + right


class Catalogue:
    """The tables of templates (``{kind: [Template, ...]}``) of one language."""

    def __init__(self, tables: dict[str, list[Template]]):
        self.tables = tables
        self.explain = lru_cache(maxsize=8192)(self._explain)

    @classmethod
    def from_mapping(cls, data: dict) -> "Catalogue":
        tables = {}
        for kind, entries in data.items():
            if not isinstance(entries, dict):
                raise ValueError(f"the catalogue's table {kind!r} is not a mapping of English to Chinese")
            tables[kind] = [Template(str(en if en is not None else ""), str(zh if zh is not None else ""))
                            for en, zh in entries.items()]
        for kind, templates in tables.items():
            for t in templates:
                for p in t.parts:
                    if isinstance(p, tuple) and p[1] is not None and p[1] not in tables:
                        raise ValueError(f"{t.en!r}: no table {p[1]!r} in the catalogue")
        return cls(tables)

    def _explain(self, text: str, kind: str) -> Explained | None:
        """The reading of ``text`` by the table ``kind`` that keeps the least of it
        untranslated (of equals, the first in the catalogue), or None."""
        best = None
        for template in self.tables.get(kind, ()):
            got = template.match(text, self)
            if got is not None:
                reading = Explained(template, got)
                if best is None or reading.kept < best.kept:
                    best = reading
                    if not best.kept:
                        break
        return best


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The Chinese catalogue, read once."""
    import yaml

    try:
        loader = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - PyYAML without libyaml
        loader = yaml.SafeLoader
    with open(CATALOGUE, encoding="utf-8") as f:
        return Catalogue.from_mapping(yaml.load(f, Loader=loader))


def translation(message: str, lang: str, kind: str = TOP) -> str | None:
    """``message`` in ``lang``, or None when the catalogue has no template for it."""
    if lang == "en":
        return message
    if lang != "zh":
        raise ValueError(f"no messages in {lang!r} (languages: {', '.join(LANGS)})")
    got = catalogue().explain(message, kind)
    return None if got is None else got.render()


def translate(message: str, lang: str) -> str:
    """A message of the tool (``Problem.message``, a lint finding, a warning) in
    ``lang`` ("en" or "zh"): the English as it is, or the catalogue's Chinese with
    the message's own values in place. A message the catalogue does not know stays in
    English (tests/load/test_messages_zh.py sees that none is left out)."""
    got = translation(message, lang)
    return message if got is None else got


_HEADS = {"zh": {"error": "错误", "warning": "警告", "internal error": "内部错误"}}


def translate_line(text: str, lang: str) -> str:
    """A line as the CLI or the studio shows it — a message after its place and its
    kind ("error: data/x.yaml:3:5: name.en: expected a text") — in ``lang``: the kind
    in words of ``lang``, the longest tail after a ": " that the catalogue knows
    translated, the place kept as it is."""
    if lang == "en":
        return text
    for head, said in _HEADS.get(lang, {}).items():
        if text.startswith(head + ": "):
            return f"{said}：{translate_line(text[len(head) + 2:], lang)}"
    got = translation(text, lang)
    if got is not None:
        return got
    at = text.find(": ")
    while at != -1:
        got = translation(text[at + 2:], lang)
        if got is not None:
            return f"{text[:at]}：{got}"
        at = text.find(": ", at + 2)
    return text
