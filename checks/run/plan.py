"""What a run checks, decided before it reads a seed: the seeds named (all
of them by default, only those changed since REF with `--diff-base REF`),
the shards, and which corpus-wide findings it keeps (those about the seeds
it checks, or INDEX.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from checks.options import UsageError
from checks.report.diagnostic import CorpusFinding
from checks.run.corpus import Display, seed_files, stem_of
from checks.run.shards import is_shard
from checks.seed.index import NAME


@dataclass
class Plan:
    """What a run checks, decided before it reads a seed."""

    in_corpus: dict  # (device, inode) -> path of every corpus seed
    targets: dict  # the same for the seeds whose own rules run
    order: list  # (key, path) of each seed file to read, corpus first
    shards: list  # (key, shard, whether named by URL)
    keep: Callable[[CorpusFinding], bool]  # which corpus findings it reports
    shown: set[str] | None  # the files it checks, when not all
    index_path: Path
    has_corpus: bool  # whether the corpus-wide rules have a corpus to read
    counted: set[str] = field(default_factory=set)  # shards, as they are read


def make_plan(
    folder: Path, display: Display, in_corpus: dict, paths: list, base
) -> Plan:
    """What the run checks: the seeds named (or all, or those changed
    since the base), the shards, and which corpus findings it keeps."""
    urls = [p for p in paths if isinstance(p, str)]
    paths = [p for p in paths if not isinstance(p, str)]
    index_path = folder / NAME
    index_named = base is not None and base.index_changed
    if paths:
        named_index = [p for p in paths if p.name == NAME and p.is_file()]
        if any(p.samefile(index_path) for p in named_index if index_path.exists()):
            index_named = True
        paths = [p for p in paths if p not in named_index]
    if paths or urls or index_named and base is None:
        targets = seed_files(paths)
    elif folder.is_dir():
        targets = dict(in_corpus)
    else:
        raise UsageError(f"{folder}: no such file or folder")
    if base is not None and base.changed is not None:
        targets = {k: p for k, p in targets.items() if stem_of(p) in base.changed}
    keep, shown = keeper(
        display,
        not paths and (base is None or base.changed is None) and not index_named,
        targets,
        base,
        index_path if index_named else None,
    )
    order = list(in_corpus.items()) + [
        (k, p) for k, p in targets.items() if k not in in_corpus
    ]
    shards = [(k, p, False) for k, p in order if is_shard(p)]
    shards += [((url, 0), url, True) for url in urls]
    # Shards named outside the corpus folder are a corpus of their own; a
    # folder whose every seed is gone still has INDEX.md and a history.
    has_corpus = bool(
        in_corpus or shards or index_path.exists() or base is not None and base.gone
    )
    return Plan(
        in_corpus,
        targets,
        [(k, p) for k, p in order if not is_shard(p)],
        shards,
        keep,
        shown,
        index_path,
        has_corpus,
    )


def keeper(
    display: Display, everything: bool, targets: dict, base, index_path: Path | None
) -> tuple[Callable[[CorpusFinding], bool], set[str] | None]:
    """Which corpus findings a run reports: all of them, or those about
    the seeds it checks (and those changed since the base), or INDEX.md
    when it was named; and the files it checks, when not all."""
    if everything:
        return (lambda f: True), None
    stems = {stem_of(p) for p in targets.values()}
    shown = {display(p) for p in targets.values()}
    if base is not None:
        stems |= {stem for stem, _ in base.gone}
        if base.config is not None:
            shown.add(base.config[0].path)
    if index_path is not None:
        shown.add(display(index_path))
    return (lambda f: f.place.path in shown or bool(f.seeds & stems)), shown
