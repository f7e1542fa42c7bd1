"""Precision and recall of the pseudonym detector on labelled passages.

    python benchmarks/pseudonyms.py [--verbose] [--json] [--labelled FILE ...]

With no --labelled, it scores the project's own sets (tests/data/pseudonyms.jsonl
and pseudonyms-heldout.jsonl) and the real passages in
../shared/corpora/pseudonyms/real-passages.jsonl, which people outside the
project wrote (skipped, with a message, when ../shared is absent).

A labelled file holds one JSON object a line: `text`, and the names the text
flags as not real, under `names` (the project's sets) or `pseudonyms` (the
real passages).  The project's sets also count `unresolved` markers (markers
that name nobody) and mark hard `negative`s; in the real set a passage with no
name is a hard negative and markers that name nobody are not labelled.

A found name counts as right when the passage's label lists it; names are
compared as written.  --verbose prints every passage the detector gets wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from checks.pseudonyms import detect

ROOT = Path(__file__).resolve().parents[1]
OWN = [
    ROOT / "tests" / "data" / "pseudonyms.jsonl",
    ROOT / "tests" / "data" / "pseudonyms-heldout.jsonl",
]
REAL = ROOT.parent / "shared" / "corpora" / "pseudonyms" / "real-passages.jsonl"


def _ratio(right: int, wrong: int) -> float:
    return right / (right + wrong) if right + wrong else 1.0


def _shown(path: Path) -> str:
    """The file as named from the repository's top folder."""
    path = path.resolve()
    if path.is_relative_to(ROOT):
        return str(path.relative_to(ROOT))
    if path.is_relative_to(ROOT.parent):
        return str(Path("..") / path.relative_to(ROOT.parent))
    return str(path)


def score(path: Path, verbose: bool = False) -> dict:
    tp = fp = fn = 0
    unresolved_tp = unresolved_fp = unresolved_fn = 0
    passages = negatives = clean_negatives = 0
    labels_unresolved = False
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        passages += 1
        found = detect(case["text"])
        want = set(case["names"] if "names" in case else case["pseudonyms"])
        got = set(found.names)
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        u_got, u_want = len(found.unresolved), case.get("unresolved")
        if u_want is not None:
            labels_unresolved = True
            unresolved_tp += min(u_got, u_want)
            unresolved_fp += max(0, u_got - u_want)
            unresolved_fn += max(0, u_want - u_got)
        if case.get("negative", not want):
            negatives += 1
            clean_negatives += not got and not (u_want is not None and u_got)
        if verbose and (got != want or (u_want is not None and u_got != u_want)):
            print(
                f"- {case['text']!r}\n  found {sorted(got)} (+{u_got} unresolved), "
                f"labelled {sorted(want)}" + (f" (+{u_want})" if u_want is not None else ""),
                file=sys.stderr,
            )
    figures = {
        "file": _shown(path),
        "passages": passages,
        "hard_negatives": negatives,
        "names_precision": _ratio(tp, fp),
        "names_recall": _ratio(tp, fn),
        "names": {"true_positive": tp, "false_positive": fp, "false_negative": fn},
        "negatives_left_alone": clean_negatives,
    }
    if labels_unresolved:
        figures["unresolved_precision"] = _ratio(unresolved_tp, unresolved_fp)
        figures["unresolved_recall"] = _ratio(unresolved_tp, unresolved_fn)
    return figures


def _print(figures: dict) -> None:
    n = figures["names"]
    print(
        f"{figures['file']}: {figures['passages']} labelled passages "
        f"({figures['hard_negatives']} hard negatives)"
    )
    print(
        f"  names:      precision {figures['names_precision']:.3f}  recall {figures['names_recall']:.3f}  "
        f"(tp {n['true_positive']}, fp {n['false_positive']}, fn {n['false_negative']})"
    )
    if "unresolved_precision" in figures:
        print(
            f"  unresolved markers: precision {figures['unresolved_precision']:.3f}  "
            f"recall {figures['unresolved_recall']:.3f}"
        )
    print(
        f"  hard negatives with no finding: {figures['negatives_left_alone']} of {figures['hard_negatives']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--labelled", type=Path, nargs="+", metavar="FILE")
    args = parser.parse_args(argv)
    paths = args.labelled
    if paths is None:
        paths = list(OWN)
        if REAL.is_file():
            paths.append(REAL)
        else:
            print(f"skipped the real passages: {REAL} is absent", file=sys.stderr)
    results = [score(path, args.verbose) for path in paths]
    if args.json:
        print(json.dumps(results[0] if len(results) == 1 else results, indent=2))
        return 0
    for figures in results:
        _print(figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
