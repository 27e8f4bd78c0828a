"""poster-gen translate: the round trip with a translation agency, in XLIFF 2.0.

``translate export --lang ja`` writes ``translations/ja/<landmark>.xlf`` for each
landmark and ``translations/ja/campaign.xlf``: every text to translate, from the
English, with the Chinese beside it and how many characters fit its frame (see
``poster_gen.translate``). ``translate import FILE...`` checks the agency's files and
writes their translations into the data files (the ``ja:`` or ``ko:`` of each text),
all of them or, on any problem, none.

Exit codes: 0 done (or nothing to import), 2 a problem with the files or the data (one
located line each; nothing written).
"""
from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from .common import project_arg

HELP = "export the texts for translation into Japanese or Korean (XLIFF 2.0), or import the translations"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..translate.fields import TARGET_LANGS

    sub = p.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    e = sub.add_parser("export", help="write one XLIFF 2.0 file per landmark and one for the campaign",
                       description="Write one XLIFF 2.0 file per landmark and one for the campaign, English to "
                       "LANG, with the Chinese as context and each text's size limit.")
    project_arg(e)
    e.add_argument("--lang", required=True, choices=TARGET_LANGS, help="the language to translate into")
    e.add_argument("--out", type=Path, metavar="DIR", help="folder for the files (default: translations/LANG/ "
                   "in the project)")
    i = sub.add_parser("import", help="check translated XLIFF files and write them into the data",
                       description="Check translated XLIFF 2.0 files and write their targets into the data "
                       "files (all files or none).")
    project_arg(i)
    i.add_argument("files", nargs="+", type=Path, metavar="FILE", help="XLIFF files from the agency")


def run(args: argparse.Namespace) -> int:
    return _export(args) if args.action == "export" else _import(args)


def _export(args: argparse.Namespace) -> int:
    from ..atomic import atomic_write
    from ..errors import display_path, machine_error
    from ..load.project import load_project
    from ..translate import xliff
    from ..translate.capacity import capacities
    from ..translate.fields import data_files, fields_of

    project = load_project(args.project)
    root = project.root
    out = (args.out or root / "translations" / args.lang).resolve()
    caps = capacities(project)
    units = translated = 0
    for df in data_files(project):
        fields = fields_of(df.obj, args.lang, caps.of(df.key))
        units += len(fields)
        translated += sum(1 for f in fields if f.target)
        path = out / f"{df.name}.xlf"
        try:
            atomic_write(path, xliff.export(df, fields, args.lang), durable=True)
        except OSError as exc:
            raise (machine_error(exc, out) or exc) from None
    files = len(project.landmarks) + 1
    print(f"wrote {files} XLIFF file(s) to {display_path(out, root)}/: {units} texts from English to "
          f"{args.lang}, {translated} already translated; frame sizes from the composed pages in {caps.seconds:.1f}s")
    return 0


def _import(args: argparse.Namespace) -> int:
    from ..errors import InputError, display_path
    from ..load.project import load_project
    from ..translate import xliff
    from ..translate.capacity import capacities
    from ..translate.merge import languages, merge

    project = load_project(args.project)
    root = project.root
    docs, problems = [], []
    for path in args.files:
        shown = display_path(path, root)
        try:
            docs.append(xliff.read(_read(path, shown), shown))
        except InputError as exc:
            problems += exc.problems
    problems += languages(docs)
    if problems:
        raise InputError(problems)
    if not any(doc.targets for doc in docs):
        print(f"nothing to import: {', '.join(d.shown for d in docs)} hold no translations (no <target>); "
              "the data files are unchanged")
        return 0
    result = merge(project, docs, capacities(project))
    if result.problems:
        raise InputError(result.problems)
    empty = [d.shown for d in docs if not d.targets]
    if empty:
        print(f"left out, holding no translations: {', '.join(empty)}")
    if not result.values:
        print("nothing to import: the data already holds these translations; the data files are unchanged")
        return 0
    _write(project, result.values)
    said = ", ".join(f"{shown} ({n} text{'s' if n != 1 else ''})" for shown, n in result.changed.items())
    langs = sorted(set(result.lang.values()))
    print(f"imported {sum(result.changed.values())} {'/'.join(langs)} translation(s) into {said}")
    return 0


def _read(path: Path, shown: str) -> bytes:
    from ..errors import InputError, Problem
    from ..translate.xliff import MAX_BYTES

    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError([Problem(shown, 0, 0, "", f"is over {MAX_BYTES:,} bytes; an XLIFF file of this project "
                                      "is far smaller (is this the right file?)")])
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(shown, 0, 0, "", "file not found")]) from None
    except IsADirectoryError:
        raise InputError([Problem(shown, 0, 0, "", "is a folder, expected an XLIFF file")]) from None
    except OSError as exc:
        raise InputError([Problem(shown, 0, 0, "", f"cannot read the file ({exc.strerror})")]) from None


def _write(project, values: dict[str, dict]) -> None:
    """Each data file's new values through the studio's round-trip writer (comments,
    order and quoting kept), read back as the build reads it, then all replaced at once."""
    from ..errors import BuildError, InputError, Problem
    from ..load.yamlsrc import parse_yaml
    from ..studio.yamlmerge import same
    from ..studio.yamlsave import apply, dump, read
    from ..translate.write import Change, replace_all

    changes = []
    for shown, new in values.items():
        path = project.root / shown
        doc, data = read(path)
        if hashlib.sha256(data).hexdigest() != project.digests.get(shown):
            raise InputError([Problem(shown, 0, 0, "", "changed while the import was running (saved in the studio "
                                      "or an editor?); nothing was imported: run the import again")])
        apply(doc, new)
        out = dump(doc)
        if not same(parse_yaml(out, path, shown).value, new):  # pragma: no cover - the writer's own guarantee
            raise BuildError(f"{shown}: the merged text would not read back as the translations; nothing written")
        changes.append(Change(path, shown, data, out))
    replace_all(changes)
