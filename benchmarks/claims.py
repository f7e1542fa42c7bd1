"""Precision and recall of the claims detectors, per rule, on the labelled
passages in tests/data/claims.jsonl.

    python benchmarks/claims.py [--verbose] [--json] [--proselint]

Each passage lists what should be found: quotes without a speaker (CLM001),
unattributed claims (CLM002), weasel phrases (CLM003), the sources it cites
(what CLM004 compares with the header), and how many quote-mark problems it
has (CLM006).  Items are compared as written (white space, case and a leading
"the" aside); a found phrase matches a labelled one that it contains or that
contains it.
--proselint scores proselint's weasel-word check on the same passages, for
comparison (it needs proselint installed: pip install proselint==0.16.0).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from checks.claims import analyse

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "data" / "claims.jsonl"
RULES = {
    "CLM001": "quote_without_speaker",
    "CLM002": "unattributed_claim",
    "CLM003": "weasel_attribution",
    "CLM004": "sources",
    "CLM006": "unbalanced_quote",
}


def _norm(item: str) -> str:
    item = " ".join(item.split()).lower()
    return item[4:] if item.startswith("the ") else item


def found_items(text: str) -> dict[str, Counter]:
    claims = analyse(text)
    return {
        "CLM001": Counter(_norm(text[s:e]) for s, e in claims.quotes_without_speaker),
        "CLM002": Counter(_norm(text[s:e]) for s, e in claims.unattributed),
        "CLM003": Counter(_norm(text[s:e]) for s, e in claims.weasels),
        "CLM004": Counter(_norm(n) for n in claims.source_names),
        "CLM006": Counter({"problem": len(claims.quote_problems)}),
    }


def _matched(got: Counter, want: Counter) -> int:
    """How many labelled items were found: the same text, or one text inside
    the other (a phrase's span may take in a word more or less)."""
    left = list(got.elements())
    count = 0
    for item in want.elements():
        for i, candidate in enumerate(left):
            if candidate == item or candidate in item or item in candidate:
                count += 1
                del left[i]
                break
    return count


def labelled_items(case: dict) -> dict[str, Counter]:
    items = {
        code: Counter(_norm(i) for i in case[key])
        for code, key in RULES.items()
        if code != "CLM006"
    }
    items["CLM006"] = Counter({"problem": case["unbalanced_quote"]})
    return items


def proselint_weasels(text: str) -> Counter:
    """What proselint's own weasel-word and hedging checks flag."""
    from proselint.checks import __register__  # type: ignore[import-not-found]
    from proselint.registry import CheckRegistry  # type: ignore[import-not-found]
    from proselint.tools import LintFile  # type: ignore[import-not-found]

    registry = CheckRegistry()
    if not registry.get_all_enabled({"weasel_words": True}):
        registry.register_many(__register__)
    found = Counter()
    for result in LintFile("passage.txt", text).lint():
        path = result.check_result.check_path
        if path.startswith(("weasel_words", "hedging")):
            start, end = result.check_result.span
            found[_norm(text[start:end])] += 1
    return found


def score(
    path: Path = LABELLED, verbose: bool = False, proselint: bool = False
) -> dict:
    totals = {code: Counter() for code in RULES}
    if proselint:
        totals["proselint weasel"] = Counter()
    passages = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        passages += 1
        got, want = found_items(case["text"]), labelled_items(case)
        if proselint:
            got["proselint weasel"] = proselint_weasels(case["text"])
            want["proselint weasel"] = want["CLM003"]
        for code in totals:
            tp = _matched(got[code], want[code])
            totals[code]["tp"] += tp
            totals[code]["fp"] += sum(got[code].values()) - tp
            totals[code]["fn"] += sum(want[code].values()) - tp
            if verbose and got[code] != want[code] and code != "proselint weasel":
                print(
                    f"- {code} {case['text']!r}\n  found {dict(got[code])}, labelled {dict(want[code])}",
                    file=sys.stderr,
                )
    result = {"passages": passages}
    for code, t in totals.items():
        result[code] = {
            "precision": t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 1.0,
            "recall": t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0,
            "true_positive": t["tp"],
            "false_positive": t["fp"],
            "false_negative": t["fn"],
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--proselint", action="store_true")
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    args = parser.parse_args(argv)
    figures = score(args.labelled, args.verbose, args.proselint)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"claims detectors on {figures['passages']} labelled passages")
    for code, f in figures.items():
        if code == "passages":
            continue
        print(
            f"  {code:<17} precision {f['precision']:.3f}  recall {f['recall']:.3f}  "
            f"(tp {f['true_positive']}, fp {f['false_positive']}, fn {f['false_negative']})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
