"""Entry point: parse arguments, run one command, turn every known error into one line.

Exit codes: 0 success; 1 the run worked but found errors in the homework (or some files were
unusable); 2 nothing could be done (wrong arguments, no usable file, output refused); 3 an
internal error (a bug: please report it with the command that caused it); 130 interrupted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections.abc import Sequence

from cba_xl import __version__
from cba_xl.cli import commands
from cba_xl.errors import CbaError

EXIT_INTERNAL = 3


class _Parser(argparse.ArgumentParser):
    json_errors = False  # set by `main` when the command line asks for --format json

    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's own exit code is 2 as well; keep its usage line, add the help hint.
        text = f"{self.prog}: error: {message} (see --help)"
        if _Parser.json_errors:
            _print_json_error(text, 2)
        self.print_usage(sys.stderr)
        self.exit(2, text + "\n")


DEBUG_HELP = "show a traceback on internal errors"
QUIET_HELP = "print only errors and the final summary line"


def _common_options(p: argparse.ArgumentParser, quiet: str, *, top: bool) -> None:
    # On the command too (`cba-xl check x.xlsx --debug`); SUPPRESS keeps a subcommand's absent
    # option from undoing the same option given before the command name.
    default: object = False if top else argparse.SUPPRESS
    p.add_argument("--debug", action="store_true", default=default, help=DEBUG_HELP)
    p.add_argument("-q", "--quiet", action="store_true", default=default, help=quiet)


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="cba-xl",
        description="Check, fill, present and consolidate Cluster Booster Academy workbooks.",
        epilog="Exit codes: 0 ok; 1 errors found in the homework, or some files unusable; 2 "
        "nothing could be done (wrong arguments, no usable file, output refused); 3 internal "
        "error; 130 interrupted. With --format json stdout always holds one JSON object; when "
        'nothing could be done it has an "error" key. --debug and -q/--quiet may follow the '
        "command name too.",
    )
    p.add_argument("--version", action="version", version=f"cba-xl {__version__}")
    _common_options(p, QUIET_HELP + " (what each command keeps: its --help)", top=True)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in commands.ALL:
        before = set(sub.choices)
        command.register(sub)
        for name in set(sub.choices) - before:
            quiet = getattr(command, "QUIET", "")
            _common_options(
                sub.choices[name], f"{QUIET_HELP}: {quiet}" if quiet else QUIET_HELP, top=False
            )
    return p


def _wants_json(argv: Sequence[str]) -> bool:
    tokens = list(argv)
    return "--format=json" in tokens or any(
        pair == ("--format", "json") for pair in itertools.pairwise(tokens)
    )


def _print_json_error(message: str, code: int) -> None:
    """With --format json, stdout always gets one JSON object, also when nothing could be done:
    `{"error": message, "exit_code": code}`."""
    print(json.dumps({"error": message, "exit_code": code}, ensure_ascii=False, indent=2))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    p = parser()
    _Parser.json_errors = _wants_json(argv)
    try:
        args = p.parse_args(argv)
    finally:
        _Parser.json_errors = False
    if not getattr(args, "run", None):
        p.print_help()
        return 2
    as_json = getattr(args, "format", "text") == "json"

    def fail(message: str, code: int) -> int:
        print(f"cba-xl: {message}", file=sys.stderr)
        if as_json:
            _print_json_error(message, code)
        return code

    try:
        code: int = args.run(args)
        return code
    except CbaError as problem:
        return fail(problem.message, problem.exit_code)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except BrokenPipeError:
        # Output piped into `head` and the like: the reader left, nothing is wrong.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        # The file system said no (permissions, a full disk, a file locked on Windows): the
        # user can act on that, it is not a bug.
        where = f"{exc.filename}: " if exc.filename else ""
        return fail(f"{where}{exc.strerror or exc}", 2)
    except Exception as exc:
        if args.debug:
            raise
        return fail(
            f"internal error ({type(exc).__name__}: {exc}); this is a bug in cba-xl, "
            "please report it with the command you ran (adding --debug shows details)",
            EXIT_INTERNAL,
        )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
