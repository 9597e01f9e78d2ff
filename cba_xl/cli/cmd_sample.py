"""cba-xl sample DIR: realistic filled workbooks for tests, demos and benchmarks."""

from __future__ import annotations

import argparse
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from cba_xl import api
from cba_xl.core.models import Homework
from cba_xl.errors import OutputRefused
from cba_xl.naming import slug


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "sample",
        help="write N filled sample workbooks (reproducible)",
        description="Write N participant workbooks of realistic, varied content, each a "
        "distinct cluster with its own manager e-mail. The same --seed gives the same files' "
        "content. They pass `cba-xl check` without errors unless --with-mistakes.",
    )
    p.add_argument("folder", type=Path, metavar="DIR")
    p.add_argument("--participants", "-n", type=_positive, default=20, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.add_argument(
        "--with-mistakes",
        action="store_true",
        help="put typical mistakes into about a third of the workbooks",
    )
    p.add_argument(
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="parallel processes (default: the machine's cores)",
    )
    p.add_argument("--force", action="store_true", help="replace existing files")
    p.set_defaults(run=run)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def file_names(homeworks: list[Homework]) -> list[str]:
    width = max(3, len(str(len(homeworks))))
    return [f"{i:0{width}d}-{slug(h.cluster)}.xlsx" for i, h in enumerate(homeworks, start=1)]


def write_all(folder: Path, homeworks: list[Homework], *, force: bool, jobs: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    targets = [folder / name for name in file_names(homeworks)]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise OutputRefused(
            existing[0],
            f"exists ({len(existing)} files would be replaced); use --force to replace them",
        )
    if jobs > 1 and len(homeworks) > 8:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            chunk = max(1, len(homeworks) // (jobs * 8))
            list(pool.map(_write, targets, homeworks, chunksize=chunk))
    else:
        for target, hw in zip(targets, homeworks, strict=True):
            _write(target, hw)
    return targets


def _write(target: Path, homework: Homework) -> Path:
    return api.write_homework(target, homework, force=True)


QUIET = "changes nothing: the one line it prints is the summary"


def run(args: argparse.Namespace) -> int:
    from cba_xl.sample import generate

    homeworks = list(generate(args.participants, args.seed, with_mistakes=args.with_mistakes))
    targets = write_all(args.folder, homeworks, force=args.force, jobs=args.jobs)
    print(f"wrote {len(targets)} workbooks to {args.folder}")
    return 0
