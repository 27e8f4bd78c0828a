"""The preflight of a release's print files, as ``poster-gen preflight`` prints it: one
``PASS``/``FAIL`` line per check and file, then the count. Run with the command's
defaults (PDF/X-1a required, the house's bleed and image resolution), whatever options
the build was made with: a draft is not released."""
from __future__ import annotations

from pathlib import Path

from .store import Refusal


def preflight(files: list[tuple[Path, str]], folder: str = "output") -> str:
    """The report over ``files`` (path, output-relative name); a ``Refusal`` naming the
    first file that fails (in ``folder``, as shown) and its first failed checks."""
    from ..preflight import PreflightOptions, preflight_pdf

    lines: list[str] = []
    passed = 0
    failed: list[tuple[str, list]] = []
    for path, name in files:
        results = preflight_pdf(path, PreflightOptions(), shown=name)
        lines += [f"{'PASS' if r.ok else 'FAIL'}  {r.file}  {r.check}: {r.detail}" for r in results]
        bad = [r for r in results if not r.ok]
        if bad:
            failed.append((name, bad))
        else:
            passed += 1
    lines.append(f"{passed} passed, {len(failed)} failed")
    if failed:
        name, bad = failed[0]
        what = "; ".join(f"{r.check}: {r.detail}" for r in bad[:2])
        more = f" (and {len(failed) - 1} more file(s))" if len(failed) > 1 else ""
        raise Refusal(f"{folder}/{name}", f"fails preflight ({what}){more}; fix it and build again "
                                        "(poster-gen preflight shows every check), then release")
    return "\n".join(lines) + "\n"
