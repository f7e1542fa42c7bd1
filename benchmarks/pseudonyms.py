"""Precision and recall of the pseudonym detector on labelled passages.

    python benchmarks/pseudonyms.py [--verbose] [--json] [--labelled FILE ...]
    python benchmarks/pseudonyms.py --speed [--seeds 500]

With no --labelled, it scores the project's own sets (tests/data/pseudonyms.jsonl,
pseudonyms-heldout.jsonl and pseudonyms-forms.jsonl) and the real passages in
../shared/corpora/pseudonyms/real-passages.jsonl, which people outside the
project wrote (skipped, with a message, when ../shared is absent).

A labelled file holds one JSON object a line: `text`, and the names the text
flags as not real, under `names` (the project's sets) or `pseudonyms` (the
real passages).  The project's sets also count `unresolved` markers (markers
that name nobody) and mark hard `negative`s; in the real set a passage with no
name is a hard negative and markers that name nobody are not labelled.

A found name counts as right when the passage's label lists it; names are
compared as written.  --verbose prints every passage the detector gets wrong.

--speed measures instead the CPU that the PSN rules cost per 4 KB seed, in one
process: seeds made by benchmarks/generate.py (news-like prose, a marker now
and then), seeds whose bodies are the labelled passages joined to 4 KB (a
marker every few sentences), and the real passages joined likewise.  The PSN
cost is the CPU of the four PSN rules themselves, their findings made, on seeds
already read (the header parsed, the body decoded), best of five; the linter's
own work per seed (accept entries, sorting, a diagnostic's line and column) is
shared by every family and left out.  Beside it, in the same run, the detector against its peer: the
same marker table run pattern by pattern with Python's re, without the RE2
screen (detect(full=True)).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from checks.detect.pseudonyms import detect

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]
OWN = [
    ROOT / "tests" / "data" / "pseudonyms.jsonl",
    ROOT / "tests" / "data" / "pseudonyms-heldout.jsonl",
    ROOT / "tests" / "data" / "pseudonyms-forms.jsonl",
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
            clean_negatives += not got and (u_want is None or u_got == u_want)
        if verbose and (got != want or (u_want is not None and u_got != u_want)):
            print(
                f"- {case['text']!r}\n  found {sorted(got)} (+{u_got} unresolved), "
                f"labelled {sorted(want)}"
                + (f" (+{u_want})" if u_want is not None else ""),
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


def _bodies(passages: list[str], count: int, size: int = 4096) -> list[str]:
    """`count` bodies of `size` characters, each the passages joined in turn."""
    bodies, cursor = [], 0
    for _ in range(count):
        paragraphs, length = [], 0
        while length < size:
            paragraphs.append(passages[cursor % len(passages)])
            length += len(paragraphs[-1]) + 2
            cursor += 1
        bodies.append("\n\n".join(paragraphs)[:size].rstrip() + "\n")
    return bodies


def _best(run, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def speed(count: int) -> list[dict]:
    """CPU per seed of the PSN rules and of the detector, on three kinds of body."""
    import random

    from generate import FIRST, body

    from checks.rules.registry import all_rules, select
    from checks.run.context import Context
    from checks.seed.document import Document

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import seed_text

    rng = random.Random(7)
    kinds = {
        "generated seeds": [
            body(rng, 4096, rng.choice(FIRST) if rng.random() < 0.1 else None, False)
            for _ in range(count)
        ],
        "labelled passages joined": _bodies(
            [
                json.loads(line)["text"]
                for path in OWN
                for line in path.open(encoding="utf-8")
            ],
            count,
        ),
    }
    if REAL.is_file():
        real = [json.loads(line)["text"] for line in REAL.open(encoding="utf-8")]
        kinds["real passages joined"] = _bodies(real, count)
    psn = select(all_rules().values(), ["PSN"], [])
    context = Context()
    name = Path("000_0123456789abcdef.txt")
    results = []
    for kind, bodies in kinds.items():
        raws = [seed_text(name.stem, b, language="en").encode("utf-8") for b in bodies]

        def rules(raws=raws) -> float:
            """CPU of the PSN rules themselves (their findings made), on seeds
            already read."""
            spent = 0.0
            for raw in raws:
                doc = Document(name, raw)
                _ = doc.data, doc.text  # the seed read, as every run reads it
                start = time.process_time()
                for rule in psn:
                    list(rule.check(doc, context))
                spent += time.process_time() - start
            return spent

        rules()  # first use: patterns compiled
        family = min(rules() for _ in range(5)) / count
        encoded = [(b, b.encode("utf-8")) for b in bodies]
        screened = (
            _best(lambda encoded=encoded: [detect(b, r) for b, r in encoded]) / count
        )
        peer = (
            _best(lambda encoded=encoded: [detect(b, full=True) for b, _ in encoded])
            / count
        )
        results.append(
            {
                "bodies": kind,
                "seeds": count,
                "psn_rules_us": family * 1e6,
                "detector_us": screened * 1e6,
                "peer_us": peer * 1e6,
                "peer_ratio": peer / screened if screened else float("inf"),
            }
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--labelled", type=Path, nargs="+", metavar="FILE")
    parser.add_argument(
        "--speed", action="store_true", help="measure CPU per seed instead"
    )
    parser.add_argument(
        "--seeds", type=int, default=500, help="seeds per kind, with --speed"
    )
    args = parser.parse_args(argv)
    if args.speed:
        results = speed(args.seeds)
        if args.json:
            print(json.dumps(results, indent=2))
            return 0
        print("CPU per 4 KB seed, one process, best of five")
        for r in results:
            print(
                f"  {r['bodies']:<26} PSN rules {r['psn_rules_us']:6.1f} us   detector {r['detector_us']:6.1f} us"
                f"   peer (each pattern with Python's re) {r['peer_us']:7.1f} us: {r['peer_ratio']:.1f} times slower"
            )
        return 0
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
