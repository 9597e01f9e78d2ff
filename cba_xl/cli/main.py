"""Entry point: parse arguments, run one command, turn every known error into one line.

Exit codes: 0 success; 1 the run worked but found errors in the homework (or rejected some
files); 2 nothing could be done (wrong arguments, unusable file, output refused); 3 an
internal error (a bug: please report it with the command that caused it); 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from cba_xl import __version__
from cba_xl.cli import commands
from cba_xl.errors import CbaError

EXIT_INTERNAL = 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's own exit code is 2 as well; keep its usage line, add the help hint.
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="cba-xl",
        description="Check, fill, present and consolidate Cluster Booster Academy workbooks.",
        epilog="Exit codes: 0 ok, 1 errors found (or files rejected), 2 nothing could be done, "
        "3 internal error.",
    )
    p.add_argument("--version", action="version", version=f"cba-xl {__version__}")
    p.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in commands.ALL:
        command.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if not getattr(args, "run", None):
        p.print_help()
        return 2
    try:
        code: int = args.run(args)
        return code
    except CbaError as problem:
        print(f"cba-xl: {problem.message}", file=sys.stderr)
        return problem.exit_code
    except KeyboardInterrupt:
        print("cba-xl: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: the reader left, nothing is wrong.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        # The file system said no (permissions, a full disk, a file locked on Windows): the
        # user can act on that, it is not a bug.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"cba-xl: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"cba-xl: internal error ({type(exc).__name__}: {exc}); this is a bug in cba-xl, "
            "please report it with the command you ran (`cba-xl --debug COMMAND ...` shows "
            "details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
