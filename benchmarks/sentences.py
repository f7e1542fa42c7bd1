"""Sentence segmentation: accuracy and speed of checks' own segmenter, and of
the libraries it was measured against when they are installed.

    python benchmarks/sentences.py

Accuracy is the share of labelled passages (tests/data/sentences.jsonl:
abbreviations, initials, quotes that end sentences, decimals, ellipses)
split exactly as labelled; speed is microseconds per 4 KB of news text
(the first seed's body, repeated), best of five runs.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from checks.detect.prose import split_sentences

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "data" / "sentences.jsonl"


def ours(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


def segmenters() -> dict:
    found = {"checks": ours}
    try:
        import pysbd  # type: ignore[import-not-found]

        seg = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = lambda t: [s.strip() for s in seg.segment(t)]
    except ImportError:
        pass
    try:
        import blingfire  # type: ignore[import-not-found]

        found["blingfire"] = lambda t: blingfire.text_to_sentences(t).split("\n")
    except ImportError:
        pass
    try:
        from syntok import segmenter  # type: ignore[import-not-found]

        def syntok(t: str) -> list[str]:
            out = []
            for paragraph in segmenter.analyze(t):
                for sentence in paragraph:
                    out.append(
                        "".join(tok.spacing + tok.value for tok in sentence).strip()
                    )
            return out

        found["syntok"] = syntok
    except ImportError:
        pass
    return found


def news_text() -> str:
    raw = (ROOT / "seeds" / "000_972d40d4eaee384f.txt").read_text(encoding="utf-8")
    body = raw.split("\n---\n", 1)[1].replace("\n\n", " ")
    return (body * 2)[:4096]


def main() -> int:
    cases = [
        json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()
    ]
    text = news_text()
    print(f"{len(cases)} labelled passages; speed on 4 KB of news text")
    for name, split in segmenters().items():
        right = sum(split(c["text"]) == c["sentences"] for c in cases)
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(20):
                split(text)
            best = min(best, (time.perf_counter() - start) / 20)
        print(f"  {name:<10} exact {right}/{len(cases)}  {best * 1e6:8.0f} us per 4 KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
