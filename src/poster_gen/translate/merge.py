"""An agency's XLIFF files checked against the data, and merged into it.

Nothing is merged unless everything checks, file by file and unit by unit, each problem
one line at the XLIFF file and line it is on (the unit's ``<target>`` when the target
is at fault): a unit id the data has no field for (with the likeliest one meant), a
source that is no longer the field's English (the text changed since the export: the
translation would be of old words), a missing or empty target, a target longer than
its frame holds, a line-break placeholder lost or added or markup the data cannot
hold, a text the loader would refuse, and a figure the translation changed
(``load.parity``). The checks of the merged data are the loader's own (``load_model``)
and the build's parity lint, so an import that passes builds.

A file sent back without a single target (an export returned untouched) is left out.
A unit left out of a file is not imported (an agency may return only what it
translated); a unit in it must have its target (a unit the English writes nothing
for, a unit after a numeral that only Chinese needs, may stay empty).

The result is, per data file, the file's values as read with the new texts in them:
the command writes them with the studio's round-trip writer.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem
from ..load.model_reader import load_model
from ..load.models import TEXT_LANGS, Campaign, Landmark
from ..load.parity import facts, mismatches
from ..load.textrules import clean
from ..load.yamlsrc import PathKey, Source, format_path
from ..suggest import suggest
from .capacity import Capacities
from .fields import TARGET_LANGS, DataFile, Field, data_files, fields_of
from .xliff import SOURCE_LANG, Document, ReadUnit


@dataclass
class Merge:
    """What an import would write: each changed data file's new values (by its shown
    path), how many texts each gains or changes, and the problems that stop it."""

    values: dict[str, dict] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    lang: dict[str, str] = field(default_factory=dict)  # XLIFF file -> its target language


@dataclass(frozen=True)
class _At:
    """Where a unit was read: to say a problem there."""

    doc: Document
    unit: ReadUnit

    def problem(self, message: str, on_target: bool = False) -> Problem:
        line = self.unit.target_line if on_target else self.unit.line
        return Problem(self.doc.shown, line, 0, "", f"unit '{self.unit.id}': {message}")


def languages(docs: list[Document]) -> list[Problem]:
    """The files' languages: English source, a target language the data holds."""
    found = []
    for doc in docs:
        if doc.src_lang != SOURCE_LANG:
            found.append(Problem(doc.shown, doc.line, 0, "", f"srcLang is {doc.src_lang!r}; the source of an "
                                 f"export is English ({SOURCE_LANG!r})"))
        if doc.trg_lang not in TARGET_LANGS:
            found.append(Problem(doc.shown, doc.line, 0, "", f"trgLang is {doc.trg_lang!r}; the data holds "
                                 f"translations into {', '.join(TARGET_LANGS)}{suggest(doc.trg_lang, TARGET_LANGS)}"))
    return found


def merge(project, docs: list[Document], caps: Capacities) -> Merge:
    """Check every unit of ``docs`` against ``project``'s data and merge the targets."""
    out = Merge(problems=languages(docs))
    if out.problems:
        return out
    files = {df.shown: df for df in data_files(project)}
    by_name = {df.name: df for df in files.values()}
    new: dict[tuple[str, str], dict[PathKey, tuple[str, _At]]] = {}  # (data file, lang) -> path -> text
    for doc in docs:
        if not doc.targets:  # an export sent back untouched: nothing of it to import
            continue
        out.lang[doc.shown] = doc.trg_lang
        for rf in doc.files:
            df = files.get(rf.original) or (by_name.get(rf.name) if not rf.original else None)
            if df is None:
                shown = rf.original or rf.name
                out.problems.append(Problem(doc.shown, rf.line, 0, "", f"translates {shown!r}, which is not a data "
                                            f"file of this project{suggest(shown, files)}"))
                continue
            fields = {f.id: f for f in fields_of(df.obj, doc.trg_lang, caps.of(df.key))}
            mine = new.setdefault((df.shown, doc.trg_lang), {})
            for unit in rf.units:
                at = _At(doc, unit)
                f = fields.get(unit.id)
                if f is None:
                    out.problems.append(at.problem(f"no such text in {df.shown}{suggest(unit.id, fields)}"))
                    continue
                if f.path in mine:
                    out.problems.append(at.problem(f"is given twice (also in {mine[f.path][1].doc.shown}, "
                                                   f"line {mine[f.path][1].unit.line})"))
                    continue
                text = _target(f, unit, at, out.problems)
                if text is not None:
                    mine[f.path] = (text, at)
    for (shown, lang), texts in new.items():  # the texts that passed: checked in the data, all said at once
        _apply(project, files[shown], lang, texts, out)
    return out


def _target(f: Field, unit: ReadUnit, at: _At, problems: list[Problem]) -> str | None:
    """The unit's translation, cleaned as the loader cleans a text, or None (with the
    problem said) when it cannot go into the data."""
    if " ".join(unit.source.text.split()) != " ".join(f.source.split()):
        problems.append(at.problem(f"its source is not the English of the field now ({f.source!r}); the text "
                                   "changed after the export: export again and translate the new text"))
        return None
    optional = not f.source.strip()  # the English writes nothing here (a unit left out)
    if unit.target is None or unit.initial:
        if not optional:
            problems.append(at.problem("has no target (not translated)" if unit.target is None else
                                       "its target is still state 'initial' (not translated); translate it and "
                                       "mark it translated", on_target=unit.target is not None))
        return None
    breaks = tuple(f"lb{n}" for n in range(1, f.source.count("\n") + 1))  # the English's, as exported
    lost = [i for i in breaks if i not in unit.target.placeholders]
    added = [i for i in unit.target.placeholders if i not in breaks]
    twice = sorted({i for i in unit.target.placeholders if unit.target.placeholders.count(i) > 1})
    said = [message for found, message in [
        (lost, f"the target lacks the line break placeholder(s) {', '.join(lost)} of the source"),
        (added, f"the target has placeholder(s) {', '.join(added)} the source does not"),
        (twice, f"the target has placeholder(s) {', '.join(twice)} more than once"),
        (unit.target.foreign, f"the target has {', '.join(unit.target.foreign)}, markup the data cannot hold"),
        (unit.target.typed_breaks, "the target has a line break typed in its text; a line break of the data is "
                                   "the source's placeholder")] if found]
    if said:
        problems += [at.problem(message, on_target=True) for message in said]
        return None
    text, why = clean(unit.target.text.strip())
    if why:
        problems.append(at.problem(f"the target {why}", on_target=True))
        return None
    if not text and not optional:
        problems.append(at.problem("the target is empty", on_target=True))
        return None
    if f.limit is not None and len(text) > f.limit:
        problems.append(at.problem(f"the target is {len(text)} characters long, {len(text) - f.limit} over its "
                                   f"size restriction of {f.limit}", on_target=True))
        return None
    return text or None


def _apply(project, df: DataFile, lang: str, texts: dict[PathKey, tuple[str, _At]], out: Merge) -> None:
    """Put ``texts`` into a copy of ``df``'s values, and check the result as the loader
    and the parity lint will: a problem there is said at the unit that caused it."""
    src = project.sources[df.shown]
    values = out.values.get(df.shown) or copy.deepcopy(src.value)
    changed = out.changed.get(df.shown, 0)
    for path, (text, _) in texts.items():
        node = _node(values, path)
        if node.get(lang) != text:
            node_with = _with(node, lang, text)
            node.clear()
            node.update(node_with)
            changed += 1
    units = {format_path(path + (lang,)): at for path, (_, at) in texts.items()}
    cls = Campaign if df.key is None else Landmark
    obj, problems = load_model(cls, Source(df.shown, values, src.marks, src.path, src.quoted))
    for p in problems:
        at = units.get(p.field)
        out.problems.append(at.problem(p.message, on_target=True) if at else p)
    if obj is not None:
        for _, editions, where in facts(obj, (SOURCE_LANG, lang)):
            for m in mismatches(editions):
                at = units.get(format_path(where[m.lang])) or _near(units, where[m.lang])
                out.problems.append(at.problem(m.message, on_target=True) if at else
                                    src.problem(where[m.lang], m.message))
    if changed:
        out.values[df.shown] = values
        out.changed[df.shown] = changed


def _node(values: Any, path: PathKey) -> dict:
    for part in path:
        values = values[part]
    return values


def _with(mapping: dict, lang: str, text: str) -> dict:
    """``mapping`` (a text's languages) with ``lang`` set, placed in the languages'
    order (zh, en, ja, ko) among the keys it has."""
    rank = {k: i for i, k in enumerate(TEXT_LANGS)}
    out: dict = {}
    placed = lang in mapping
    for key, value in mapping.items():
        if not placed and key in rank and rank[key] > rank[lang]:
            out[lang] = text
            placed = True
        out[key] = text if key == lang else value
    if not placed:
        out[lang] = text
    return out


def _near(units: dict[str, _At], path: PathKey) -> _At | None:
    """The unit of the key figure a parity problem is about (its value or its unit)."""
    for part in ("value", "unit"):
        for key, at in units.items():
            if key.startswith(format_path(path[:-2] + (part,))):
                return at
    return None
