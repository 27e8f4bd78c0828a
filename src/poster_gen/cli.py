"""The command line: parse arguments, run one verb, print problems once, set the exit code.

Exit codes: 0 success, 1 internal error (a bug of ours), 2 anything the user or their
machine caused: invalid arguments or input, a folder that cannot be written, a full
disk, another build holding the output folder (one line per problem).
"""
from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .errors import BuildError, InputError, MachineError, machine_error

VERBS = ("build", "check", "watch", "preflight", "impose", "serve", "schema", "list", "init", "preview",
         "release", "releases", "proof", "translate")


class _Parser(argparse.ArgumentParser):
    """Misused arguments are one line, like every other problem, and exit code 2."""

    def error(self, message: str):
        self.exit(2, f"error: {self.prog}: {message} (see {self.prog} --help)\n")


class _Help(argparse.HelpFormatter):
    """A fixed width: argparse otherwise asks the terminal its size for every option."""

    def __init__(self, prog: str):
        super().__init__(prog, width=100, max_help_position=32)


def _parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    p = _Parser(prog="poster-gen", description="Print-ready bilingual posters and a "
                                "brochure from the YAML files of a project.", formatter_class=_Help)
    p.add_argument("--version", action="version", version=f"poster-gen {__version__}")
    p.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    sub = p.add_subparsers(dest="verb", metavar="COMMAND")
    sub.required = True
    args = sys.argv[1:] if argv is None else argv
    verb = next((a for a in args if not a.startswith("-")), None)
    # only the verb being run needs its module (and its options); help lists them all
    for v in ([verb] if verb in VERBS else VERBS):
        module = _command(v)
        sp = sub.add_parser(v, help=module.HELP, description=module.HELP, formatter_class=_Help)
        module.add_arguments(sp)
    return p


def _command(verb: str):
    import importlib

    return importlib.import_module(f".commands.{verb}", __package__)


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # the real command line: Ctrl-C and kill clean up and exit at once
        from .build.lock import install_exit_handlers

        install_exit_handlers()
    args = _parser(argv).parse_args(argv)
    try:
        return _command(args.verb).run(args)
    except MachineError as exc:  # the folder and what to do: one line, nothing else to say
        print(f"error: {exc.problems[0]}", file=sys.stderr)
        return 2
    except InputError as exc:
        from .commands.common import print_problems

        written = [o for o in getattr(getattr(exc, "result", None), "outputs", []) if o.status == "written"]
        print_problems(exc.problems, f"{len(written)} good file(s) written (--keep-going), the others unchanged."
                       if written else "nothing was written.")
        return 2
    except KeyboardInterrupt:
        print("interrupted; the previous output files are unchanged.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (``poster-gen releases | head``): not an error of ours
        _quiet_stdout()
        return 0
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # an internal error: one line, unless --debug
        fault = machine_error(exc, writing=False)  # unless the machine's: a folder, a disk, memory
        if fault is not None and not args.debug:
            print(f"error: {fault.problems[0]}", file=sys.stderr)
            return 2
        if args.debug or os.environ.get("POSTER_GEN_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 1


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush of a closed pipe does
    not print a second error on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
