"""Precision and recall of the pseudonym detector on the labelled passages in
tests/data/pseudonyms.jsonl.

    python benchmarks/pseudonyms.py [--verbose]

A found name counts as right when the passage's label lists it; names are
compared as written.  Markers that name nobody are scored the same way, as a
count per passage.  --verbose prints every passage the detector gets wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from checks.pseudonyms import detect

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "data" / "pseudonyms.jsonl"


def score(path: Path = LABELLED, verbose: bool = False) -> dict:
    tp = fp = fn = 0
    unresolved_tp = unresolved_fp = unresolved_fn = 0
    passages = negatives = clean_negatives = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        passages += 1
        found = detect(case["text"])
        got, want = set(found.names), set(case["names"])
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        u_got, u_want = len(found.unresolved), case["unresolved"]
        unresolved_tp += min(u_got, u_want)
        unresolved_fp += max(0, u_got - u_want)
        unresolved_fn += max(0, u_want - u_got)
        if case["negative"]:
            negatives += 1
            clean_negatives += not got and not u_got
        if verbose and (got != want or u_got != u_want):
            print(
                f"- {case['text']!r}\n  found {sorted(got)} (+{u_got} unresolved), "
                f"labelled {sorted(want)} (+{u_want})",
                file=sys.stderr,
            )
    return {
        "passages": passages,
        "hard_negatives": negatives,
        "names_precision": tp / (tp + fp) if tp + fp else 1.0,
        "names_recall": tp / (tp + fn) if tp + fn else 1.0,
        "names": {"true_positive": tp, "false_positive": fp, "false_negative": fn},
        "unresolved_precision": unresolved_tp / (unresolved_tp + unresolved_fp)
        if unresolved_tp + unresolved_fp
        else 1.0,
        "unresolved_recall": unresolved_tp / (unresolved_tp + unresolved_fn)
        if unresolved_tp + unresolved_fn
        else 1.0,
        "negatives_left_alone": clean_negatives,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    args = parser.parse_args(argv)
    figures = score(args.labelled, args.verbose)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    n = figures["names"]
    print(
        f"pseudonym detector on {figures['passages']} labelled passages "
        f"({figures['hard_negatives']} hard negatives)"
    )
    print(
        f"  names:      precision {figures['names_precision']:.3f}  recall {figures['names_recall']:.3f}  "
        f"(tp {n['true_positive']}, fp {n['false_positive']}, fn {n['false_negative']})"
    )
    print(
        f"  unresolved markers: precision {figures['unresolved_precision']:.3f}  "
        f"recall {figures['unresolved_recall']:.3f}"
    )
    print(
        f"  hard negatives with no finding: {figures['negatives_left_alone']} of {figures['hard_negatives']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
