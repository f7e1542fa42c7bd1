"""`checks merge-index BASE OURS THEIRS [PATH]`: the git merge driver for
INDEX.md.

Two branches that each add a seed each add a row at the end of the
generated table, and git's own merge stops there with a conflict.  The table
is generated, so the driver merges the file as `git merge-file` does and,
where the only conflicts stand inside the table, writes the table anew from
the rows of both sides (the base's version of a changed row left out, every
hash either side records kept).  The cells are the rows' as each side wrote
them: the seeds are not on disk yet while git merges, so the next `checks
--fix` (or `checks index`) writes them from the headers, and `checks
renumber` moves a seed whose number the other branch took.

Set up by `checks init`, or by hand:

    echo 'seeds/INDEX.md merge=checks-index' >> .gitattributes
    git config merge.checks-index.driver 'checks merge-index %O %A %B %P'
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from checks.options import MergeIndexOptions, UsageError
from checks.seed.files import write_atomic
from checks.seed.index import parse_index, render_region

# How `git merge-file` marks a conflict's start, at the start of a line.
_OURS_MARK = "<<<<<<<"


def merge_index(args: MergeIndexOptions) -> int:
    """Merge OURS with THEIRS (BASE their common version) into OURS: exit 0
    when merged, 1 when a conflict is left for a person (outside the table,
    or in a table that cannot be read), with git's markers in OURS."""
    ours, base, theirs = Path(args.ours), Path(args.base), Path(args.theirs)
    name = args.path or ours.name
    merged, conflicts = _merge_file(ours, base, theirs, name)
    if conflicts:
        mended = _mended(ours, merged)
        if mended is not None:
            merged, conflicts = mended, 0
    write_atomic(ours, merged.encode("utf-8", "surrogateescape"))
    return 1 if conflicts else 0


def _merge_file(ours: Path, base: Path, theirs: Path, name: str) -> tuple[str, int]:
    """The three-way merge as `git merge-file` makes it, and its number of
    conflicts."""
    labels = [f"{name} (ours)", f"{name} (base)", f"{name} (theirs)"]
    command = ["git", "merge-file", "-p"]
    for label in labels:
        command += ["-L", label]
    try:
        done = subprocess.run(
            [*command, str(ours), str(base), str(theirs)], capture_output=True
        )
    except FileNotFoundError:
        raise UsageError("merge-index needs git on the PATH") from None
    if done.returncode < 0 or done.returncode > 127:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"git merge-file failed: {message}")
    return done.stdout.decode("utf-8", "surrogateescape"), done.returncode


def _mended(path: Path, merged: str) -> str | None:
    """`merged` with its table written anew from the rows of both sides, when
    every conflict stands inside the table and the table reads; else None."""
    index = parse_index(path, merged.encode("utf-8", "surrogateescape"))
    if not index.rewritable or index.region is None:
        return None
    everywhere = sum(
        1 for line in merged.splitlines() if line.startswith(_OURS_MARK + " ")
    )
    if len(index.conflicts) != everywhere:
        return None  # a conflict in the maintainers' text is theirs to settle
    start, end = index.region
    # A row both sides kept, once (the table's header lines are unique).
    lines = dict.fromkeys(render_region([], index).splitlines())
    return merged[:start] + "\n".join(lines) + "\n" + merged[end:]
