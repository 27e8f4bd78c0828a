"""Errors are values with a location. Every stage collects ``Problem``s and raises one
``InputError`` carrying all of them; the CLI prints each once, as one line, and exits 2.

The machine's faults (a folder that cannot be written, a full disk, another build
holding the output folder) are the user's to fix too: ``MachineError``, exit 2, one
line naming the folder and what to do. ``machine_error`` turns an ``OSError`` into one.
"""
from __future__ import annotations

import os
from pathlib import Path


#: control characters (a key "\r" in a file, a name with a line break) written as escapes,
#: so a problem is always the one line the CLI promises
ONE_LINE = {c: (repr(chr(c))[1:-1] if c < 0x100 else f"\\u{c:04x}")
            for c in (*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)}


class Problem:
    """One thing to fix: where (file, line, column, field) and what.

    A plain class rather than a dataclass: the CLI imports this module on every run,
    including the no-op build that must stay cheap.
    """

    __slots__ = ("file", "line", "column", "field", "message")

    def __init__(self, file: str, line: int, column: int, field: str, message: str):
        self.file = file  # path as shown to the user (relative to the project when possible)
        self.line = line  # 1-based; 0 when unknown
        self.column = column  # 1-based; 0 when unknown
        self.field = field  # dotted path inside the file, e.g. "key_figures[2].label.en"
        self.message = message  # what is wrong (what was expected)

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` ("en" or "zh"), from the message catalogue
        (``poster_gen.messages``): the same values, field names and file names inside
        a Chinese sentence; the English as it is when the catalogue lacks it."""
        from .messages import translate

        return translate(self.message, lang)

    def _key(self) -> tuple:
        return (self.file, self.line, self.column, self.field, self.message)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and self._key() == other._key()

    def __lt__(self, other: "Problem") -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Problem{self._key()!r}"

    def __getstate__(self):
        return self._key()

    def __setstate__(self, state) -> None:
        self.file, self.line, self.column, self.field, self.message = state

    def __str__(self) -> str:
        return self.shown("en")

    def shown(self, lang: str) -> str:
        """The one line the CLI prints (``str(problem)``), with the message in ``lang``:
        "file:line:column: field: message"."""
        message = (self.message if lang == "en" else self.message_in(lang)).translate(ONE_LINE)
        if not self.file and not self.field:
            return message
        loc = self.file.translate(ONE_LINE)
        if self.line:
            loc += f":{self.line}"
            if self.column:
                loc += f":{self.column}"
        field = self.field.translate(ONE_LINE)
        return f"{loc}: {field}: {message}" if field else f"{loc}: {message}"


class InputError(Exception):
    """Invalid input: one or more problems the user can fix. Exit code 2."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class MachineError(InputError):
    """The machine stopped the work: a folder that cannot be written, a full disk, a
    device error, another build holding the output folder. Not a mistake in the project's
    files and not a bug of ours: the user fixes it, so it is one problem, exit code 2,
    located at the folder (or file) concerned."""

    def __init__(self, where: str, message: str):
        self.where, self.message = where, message
        super().__init__([Problem(where, 0, 0, "", message)])

    def __reduce__(self):  # raised in a worker process, re-raised in the build
        return (type(self), (self.where, self.message))


class StageError(Exception):
    """What a stage (fonts, compose, motifs) raises about one field of its input:
    ``path`` locates the field as a tuple of keys and indexes, e.g. ("fonts",
    "weights", "bold"), in the file the caller knows; the caller (build.checks, the
    build's glyph step) turns it into a located Problem. Never a dotted string."""

    def __init__(self, message: str, path: tuple = ()):
        self.message, self.path = message, tuple(path)
        super().__init__(message)

    def __reduce__(self):  # raised in a worker process, re-raised in the build
        return (type(self), (self.message, self.path))


class FontError(StageError):
    """A font cannot be prepared; the message is one line, fit for the CLI, and
    ``path`` names the layout's ``fonts`` field at fault."""


class BuildError(Exception):
    """A build step failed for a reason that is not the user's input. Exit code 1."""


def display_path(path: Path, root: Path | None) -> str:
    """``path`` relative to the project root when it lies inside it."""
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


# errno names of the faults that are the machine's, not ours (see machine_error)
_MACHINE_ERRNOS = ("ENOSPC", "EDQUOT", "EFBIG", "EROFS", "EACCES", "EPERM", "EEXIST", "ENOTDIR", "EISDIR",
                   "ENAMETOOLONG", "ELOOP", "EMFILE", "ENFILE", "EIO", "EBUSY", "ETXTBSY", "ENXIO", "ENODEV",
                   "ESTALE", "ENOMEM")
ELSEWHERE = "or build elsewhere with --out DIR"
FILE_IN_THE_WAY = "is a file, not a folder; give --out a folder, or move the file away"


def machine_error(err: BaseException, folder: Path | str | None = None, size: int = 0,
                  name: str = "", writing: bool = True) -> MachineError | None:
    """``err`` as the machine's fault the user can fix, or None when it is not one (then
    it is ours to report as an internal error). ``folder`` is where it happened (else
    the path the error names); ``size`` the bytes being written, ``name`` their file;
    ``writing`` False when it is not known to be a write (then the advice is general)."""
    import errno as E

    if isinstance(err, MemoryError):
        return MachineError("", "not enough memory for this build; close other programs, "
                                "or build with --jobs 1 or fewer outputs at a time (--only)")
    if not isinstance(err, OSError) or err.errno is None:
        return None
    code = E.errorcode.get(err.errno, "")
    if code not in _MACHINE_ERRNOS:
        return None
    named = err.filename if isinstance(err.filename, (str, bytes, os.PathLike)) else None
    where = Path(os.fsdecode(folder if folder is not None else named)) if (folder or named) else None
    reason = err.strerror or str(err)
    if code in ("ENOSPC", "EDQUOT", "EFBIG"):
        need = f"; {name or 'the file being written'} needs about {_size(size)}" if size else ""
        what = "no space left on the device" if code == "ENOSPC" else reason[:1].lower() + reason[1:]
        return _at(where, f"{what}{need}; free some space there, {ELSEWHERE}")
    if code == "EROFS":
        return _at(where, f"is on a read-only file system; make it writable, {ELSEWHERE}")
    if code in ("EACCES", "EPERM") and writing:
        return _at(where, f"cannot be written ({reason.lower()}); make it writable (chmod u+w, or chattr -i "
                          f"when it is immutable), {ELSEWHERE}")
    if code in ("EACCES", "EPERM"):
        return _at(where, f"cannot be used ({reason.lower()}); check its permissions and owner (chmod, chown, "
                          "chattr -i when it is immutable)")
    if code in ("EEXIST", "ENOTDIR") and where is not None:
        blocker = file_in_the_way(where)
        if blocker is not None:
            return _at(blocker, FILE_IN_THE_WAY)
    if code == "EISDIR" and named is not None:
        return _at(Path(os.fsdecode(named)), "is a folder where a file is to be written; move it away")
    if code in ("EMFILE", "ENFILE"):
        return _at(where, f"{reason.lower()}; raise the limit (ulimit -n) or build with --jobs 1")
    if code == "ENOMEM":
        return machine_error(MemoryError())
    advice = f"check the device and the folder, {ELSEWHERE}" if writing else "check the device and the file"
    return _at(where, f"{reason.lower()}; {advice}")


def file_in_the_way(path: Path) -> Path | None:
    """The file where ``path`` or one of its parents should be a folder, if any."""
    for p in (path, *path.parents):
        if os.path.lexists(p):
            return None if p.is_dir() else p
    return None


def _at(where: Path | None, message: str) -> MachineError:
    return MachineError(str(where) if where is not None else "", message)


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"
