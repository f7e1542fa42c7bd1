"""What one finding costs, from the rule that yields it to its printed line,
stage by stage, in one process.

    python benchmarks/generate.py /tmp/messy --seeds 1000 --messy
    (cd /tmp/messy && checks --fix --quiet; checks index)
    python benchmarks/findings.py /tmp/messy [--seeds 1000] [--runs 5]

The rules run first, untimed: what they yield is the input.  Then each stage
a run puts a finding through is timed over every finding of the corpus, the
stages taking turns, the best of --runs, and printed in microseconds of CPU
a finding:

- placed: the finding made a diagnostic (line and column of both ends, the
  line's text kept around the span, what a report needs of its fix), as
  the linter and the seed's checker do;
- moved: a seed's diagnostics pickled in a worker process and read back in
  the main one (measured here as a round trip in one process);
- ordered: all of them sorted, and the summary counted;
- each format: the report written to a file (text with its excerpts, the
  text of `--quiet`, JSON, SARIF, GitHub annotations).

The sum for a format is the finding's cost in a run in that format, its
rule's own work aside.  A peer is timed in the same run: the same
findings' lines written as `path:line:col: code message` by an f-string,
the least any linter does for a finding; the last column is the sum in
the peer's lines, the figure that stays put when the machine's speed drifts.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from checks.config import load_config
from checks.report.diagnostic import ORDER, as_reported
from checks.report.reporters import REPORTERS, Summary
from checks.rules.registry import all_rules, select
from checks.run.check import SeedChecker
from checks.run.corpus import seed_files
from checks.seed.document import Document


def best(runs: int, works: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The least CPU time of `runs` calls of each work, the works taking
    turns, so that a machine that slows down slows them all alike."""
    times: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(runs):
        for name, work in works.items():
            start = time.process_time()
            work()
            times[name].append(time.process_time() - start)
    return {name: min(spent) for name, spent in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a migrated, indexed corpus")
    parser.add_argument("--seeds", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    os.chdir(args.corpus)
    config = load_config(None)
    rules = select(all_rules().values(), ("ALL",), config.ignore)
    linter = SeedChecker(config, rules).linter
    files = list(seed_files([config.corpus_path]).values())[: args.seeds]
    docs = [Document(Path(p), Path(p).read_bytes(), p) for p in files]
    found = list(zip(docs, linter.findings_of(docs)))
    count = sum(len(f) for _, f in found)
    print(
        f"{count} findings in {len(docs)} seeds, best of {args.runs} runs, µs of CPU a finding"
    )

    def place():
        return [
            as_reported([linter._diagnostic(doc, r, f) for r, f in findings])
            for doc, findings in found
        ]

    per_seed = place()
    pickled = [pickle.dumps(d, pickle.HIGHEST_PROTOCOL) for d in per_seed]
    moved = [pickle.loads(p) for p in pickled]
    diagnostics = sorted((d for seed in moved for d in seed), key=ORDER)
    summary = Summary.of(len(docs), diagnostics, 0)
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "report"

        def write(form: str, quiet: bool = False):
            def work():
                with open(target, "w", encoding="utf-8") as out:
                    REPORTERS[form](out, quiet).report(diagnostics, [], summary)

            return work

        def peer():
            with open(target, "w", encoding="utf-8") as out:
                for d in diagnostics:
                    out.write(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}\n")

        formats = ["text", "text -q", "json", "sarif", "github"]
        spent = best(
            args.runs,
            {
                "placed": place,
                "moved": lambda: [
                    pickle.loads(pickle.dumps(d, pickle.HIGHEST_PROTOCOL))
                    for d in per_seed
                ],
                "ordered": lambda: Summary.of(
                    len(docs), sorted((d for s in moved for d in s), key=ORDER), 0
                ),
                "peer": peer,
                **{f: write(f.split()[0], f.endswith("-q")) for f in formats},
            },
        )
    cost = {name: value / count * 1e6 for name, value in spent.items()}
    common = cost["placed"] + cost["moved"] + cost["ordered"]
    for name in ("placed", "moved", "ordered"):
        print(f"  {name:<24} {cost[name]:6.2f}")
    print(f"  {'peer: an f-string line':<24} {cost['peer']:6.2f}")
    print("format     report  rule to printed line  in peer's lines")
    for form in formats:
        total = common + cost[form]
        print(
            f"{form:<10} {cost[form]:6.2f} {total:21.2f} {total / cost['peer']:16.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
