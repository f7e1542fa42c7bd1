"""Precision and recall of the claims detectors, per rule, on the labelled
passages in tests/data/claims.jsonl, and on real text in ../shared/corpora.

    python benchmarks/claims.py [--verbose] [--json] [--proselint] [--shared DIR]

Each passage lists what should be found: quotes without a speaker (CLM001),
unattributed claims (CLM002), weasel phrases (CLM003), the sources it cites
(what CLM004 compares with the header), and how many quote-mark problems it
has (CLM006).  Items are compared as written (white space, case and a leading
"the" aside); a found phrase matches a labelled one that it contains or that
contains it.
--proselint scores proselint's weasel-word check on the same passages, for
comparison (it needs proselint installed: pip install proselint==0.16.0).

Real text, read from ../shared/corpora (or --shared), and skipped with a
message when it is absent (see that folder's README for what each set is):
- weasel attribution (CLM003), sentence by sentence: the sentences Wikipedia
  editors tagged "weasel inline" are the positives, the Szeged Uncertainty
  Corpus's Wikipedia sentences annotated certain the negatives.  Recall is the
  share of positives flagged, the false-positive rate the share of negatives;
  precision is given for classes of equal size (recall over recall plus the
  false-positive rate), since the two sets' sizes are an accident of
  sampling, and also as counted on the sets as they are.
- quotes (CLM001 and `checks quotes`), on PolNeAR's news articles with gold
  attribution relations (one annotator's file an article, the first by
  name).  A sourced quote is a quote the reader finds, of four words or more or
  with a full stop, inside the Content of a relation that has a Source.  Given:
  the share of sourced quotes CLM001 flags (it should not), the share whose
  speaker overlaps the gold Source, and the share CLM001 flags once the Source
  and Cue of every relation in the quote's paragraph are cut from it (the
  paragraph read on its own: it should).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from checks.detect.claims import analyse, is_claim

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "data" / "claims.jsonl"
SHARED = ROOT.parent / "shared" / "corpora"
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


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def weasel_real(shared: Path, verbose: bool = False) -> dict:
    """CLM003 on tagged Wikipedia sentences against sentences marked certain."""
    positives = [
        c["text"]
        for c in _jsonl(shared / "claims" / "wikipedia-tagged.jsonl")
        if c["template"] == "weasel inline"
    ]
    negatives = [
        c["text"]
        for c in _jsonl(shared / "claims" / "szeged-wiki.jsonl")
        if not c["uncertain"]
    ]
    tp = sum(bool(analyse(t).weasels) for t in positives)
    flagged = [t for t in negatives if analyse(t).weasels]
    fp = len(flagged)
    if verbose:
        for t in positives:
            if not analyse(t).weasels:
                print(f"- weasel missed: {t!r}", file=sys.stderr)
        for t in flagged:
            print(f"- weasel on a certain sentence: {t!r}", file=sys.stderr)
    recall = tp / len(positives)
    fpr = fp / len(negatives)
    precision = recall / (recall + fpr) if recall + fpr else 1.0
    return {
        "positives": len(positives),
        "negatives": len(negatives),
        "true_positive": tp,
        "false_positive": fp,
        "recall": recall,
        "false_positive_rate": fpr,
        "precision_equal_classes": precision,
        "f1_equal_classes": 2 * precision * recall / (precision + recall)
        if precision + recall
        else 0.0,
        "precision_as_counted": tp / (tp + fp) if tp + fp else 1.0,
    }


def _brat_spans(field: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (p.split() for p in field.split(";"))]


def polnear_articles(folder: Path):
    """(text, relations) for each article; a relation maps its roles (Source,
    Cue, Content) to their spans."""
    seen = set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        if article in seen:
            continue  # one annotator an article
        seen.add(article)
        text = (folder / "text" / f"{article}.txt").read_text(encoding="utf-8")
        spans, relations = {}, []
        for line in ann.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) >= 2 and fields[0][:1] == "T" and fields[0][1:].isdigit():
                _, where = fields[1].split(" ", 1)
                spans[fields[0]] = _brat_spans(where)
            elif len(fields) == 2 and fields[0][:1] == "E" and fields[0][1:].isdigit():
                roles = dict(arg.split(":") for arg in fields[1].split())
                relations.append(
                    {role: spans[t] for role, t in roles.items() if t in spans}
                )
        yield text, relations


def _overlaps(span: tuple[int, int] | None, others: list[tuple[int, int]]) -> bool:
    return span is not None and any(span[0] < b and a < span[1] for a, b in others)


def _cut(text: str, cuts: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The text with the spans taken out, and the kept pieces' offsets."""
    kept, pieces, at = [], [], 0
    for a, b in sorted(cuts):
        if a > at:
            kept.append(text[at:a])
            pieces.append((at, a))
        at = max(at, b)
    kept.append(text[at:])
    pieces.append((at, len(text)))
    return "".join(kept), pieces


def _moved(offset: int, pieces: list[tuple[int, int]]) -> int | None:
    shift = 0
    for a, b in pieces:
        if a <= offset < b:
            return offset - a + shift
        shift += b - a
    return None


def quotes_real(folder: Path, verbose: bool = False) -> dict:
    """CLM001 and the quotes' speakers on PolNeAR."""
    sourced = flagged = named = cut_total = cut_flagged = 0
    for text, relations in polnear_articles(folder):
        claims = analyse(text)
        prose = claims.prose
        unsourced = set(claims.quotes_without_speaker)
        with_source = [r for r in relations if "Source" in r and "Content" in r]
        by_paragraph: dict[int, list] = {}
        for a in claims.attributions:
            q = a.quote
            if not is_claim(q.inner(text)):
                continue
            gold = next(
                (
                    r
                    for r in with_source
                    if any(s <= q.start and q.end <= e + 1 for s, e in r["Content"])
                ),
                None,
            )
            if gold is None:
                continue
            sourced += 1
            by_paragraph.setdefault(q.paragraph, []).append(q)
            if (q.start, q.end) in unsourced:
                flagged += 1
                if verbose:
                    print(
                        f"- CLM001 on a sourced quote: {_context(text, q)}",
                        file=sys.stderr,
                    )
            if _overlaps(a.speaker, gold["Source"]):
                named += 1
            elif verbose:
                speaker = text[a.speaker[0] : a.speaker[1]] if a.speaker else None
                gold_source = " ".join(text[s:e] for s, e in gold["Source"])
                print(
                    f"- speaker {speaker!r}, gold {gold_source!r}: {_context(text, q)}",
                    file=sys.stderr,
                )
        for index, quotes in by_paragraph.items():
            start, end = prose.paragraphs[index]
            cuts = [
                (max(s, start) - start, min(e, end) - start)
                for r in relations
                for role in ("Source", "Cue")
                for s, e in r.get(role, ())
                if s < end and start < e
            ]
            paragraph, pieces = _cut(text[start:end], cuts)
            left = analyse(paragraph)
            found = set(left.quotes_without_speaker)
            starts = {q.start: q.end for q in left.prose.quotes}
            for q in quotes:
                moved = _moved(q.start - start, pieces)
                if moved is None or moved not in starts:
                    continue  # the cut took the quote's mark with it
                cut_total += 1
                if (moved, starts[moved]) in found:
                    cut_flagged += 1
                elif verbose:
                    print(f"- not flagged once cut: {paragraph!r}", file=sys.stderr)
    return {
        "sourced_quotes": sourced,
        "flagged_share": flagged / sourced if sourced else 0.0,
        "speaker_share": named / sourced if sourced else 0.0,
        "cut_quotes": cut_total,
        "cut_flagged_share": cut_flagged / cut_total if cut_total else 0.0,
    }


def _context(text: str, q) -> str:
    return repr(text[max(0, q.start - 100) : q.end + 100])


def real(shared: Path, verbose: bool = False) -> dict:
    """The figures on ../shared/corpora, or why there are none."""
    figures: dict = {}
    if (shared / "claims" / "wikipedia-tagged.jsonl").is_file() and (
        shared / "claims" / "szeged-wiki.jsonl"
    ).is_file():
        figures["weasel"] = weasel_real(shared, verbose)
    if (shared / "polnear-train" / "attributions").is_dir():
        figures["quotes"] = quotes_real(shared / "polnear-train", verbose)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--proselint", action="store_true")
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument(
        "--real-only", action="store_true", help="only the real text's figures"
    )
    args = parser.parse_args(argv)
    figures = (
        {} if args.real_only else score(args.labelled, args.verbose, args.proselint)
    )
    figures.update(real(args.shared, args.verbose))
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    if not args.real_only:
        _print_labelled(figures)
    _print_real(figures, args.shared)
    return 0


def _print_labelled(figures: dict) -> None:
    print(f"claims detectors on {figures['passages']} labelled passages")
    for code, f in figures.items():
        if code in ("passages", "weasel", "quotes"):
            continue
        print(
            f"  {code:<17} precision {f['precision']:.3f}  recall {f['recall']:.3f}  "
            f"(tp {f['true_positive']}, fp {f['false_positive']}, fn {f['false_negative']})"
        )


def _print_real(figures: dict, shared: Path) -> None:
    weasel, quotes = figures.get("weasel"), figures.get("quotes")
    if weasel:
        print(
            f"weasel attribution on Wikipedia ({weasel['positives']} tagged weasel inline, "
            f"{weasel['negatives']} annotated certain)\n"
            f"  CLM003            precision {weasel['precision_equal_classes']:.3f}  "
            f"recall {weasel['recall']:.3f}  F1 {weasel['f1_equal_classes']:.3f}  "
            f"(equal classes; tp {weasel['true_positive']}, fp {weasel['false_positive']}, "
            f"false-positive rate {weasel['false_positive_rate']:.4f}, "
            f"precision as counted {weasel['precision_as_counted']:.3f})"
        )
    else:
        print(f"weasel attribution on Wikipedia: skipped, no claims/ sets in {shared}")
    if quotes:
        print(
            f"quotes in PolNeAR news ({quotes['sourced_quotes']} quotes tied to a source)\n"
            f"  CLM001 on sourced quotes        {quotes['flagged_share']:.3f}  (lower is better)\n"
            f"  speaker overlaps the gold       {quotes['speaker_share']:.3f}\n"
            f"  CLM001 once source and cue cut  {quotes['cut_flagged_share']:.3f}  "
            f"({quotes['cut_quotes']} quotes)"
        )
    else:
        print(f"quotes in PolNeAR news: skipped, no polnear-train/ in {shared}")


if __name__ == "__main__":
    raise SystemExit(main())
