"""The HTML report on a large corpus: the page's size, the time to write it,
and the time to open it in headless Chromium, each against a peer in the
same run.

    python benchmarks/report.py CORPUS [--runs 3]

Writing is timed against `checks --format json -o FILE`, the same findings
as data (both warm, as a CI job writes them after `checks` ran).  Opening is
timed against the page a report without drawing on demand would be: every
seed's text, its findings marked, in the page's markup (built here from the
same data), until the page has loaded and drawn its first table; then a
seed is opened from its link.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from browser import launch


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def everything_in_the_markup(page: Path, out: Path) -> None:
    """The peer: the report's data drawn into the page at once."""
    text = page.read_text(encoding="utf-8")
    raw = re.search(
        r'<script type="application/json" id="data">(.*?)</script>', text, re.S
    ).group(1)
    data = json.loads(raw)
    parts = ["<!doctype html><meta charset=utf-8><title>every seed</title>"]
    for seed in data["seeds"]:
        body = seed["text"]
        cuts = sorted(
            {0, len(body)} | {f[k] for f in seed["findings"] for k in ("start", "end")}
        )
        parts.append(f"<h2>{html.escape(seed['path'])}</h2><pre>")
        for a, b in zip(cuts, cuts[1:]):
            piece = html.escape(body[a:b])
            over = [f for f in seed["findings"] if f["start"] <= a and b <= f["end"]]
            parts.append(f"<mark>{piece}</mark>" if over else piece)
        parts.append("</pre><ol>")
        parts += [
            f"<li>{f['code']} {html.escape(f['message'])}</li>"
            for f in seed["findings"]
        ]
        parts.append("</ol>")
    out.write_text("".join(parts), encoding="utf-8")


def opening(pages: dict[str, tuple[Path, str]], runs: int) -> dict[str, list[float]]:
    """Seconds from asking for each page to its `ready` selector, the pages
    taking turns in one browser."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {name: [] for name in pages}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for _ in range(runs):
            for name, (path, ready) in pages.items():
                context = browser.new_context()
                page = context.new_page()
                start = time.perf_counter()
                page.goto(path.as_uri(), wait_until="load", timeout=600_000)
                page.wait_for_selector(ready, state="attached", timeout=600_000)
                times[name].append(time.perf_counter() - start)
                if name == "report":
                    link = page.get_attribute("#seeds-list a", "href")
                    start = time.perf_counter()
                    page.evaluate(f"location.hash = {json.dumps(link)}")
                    page.wait_for_selector("#seed pre.text")
                    times.setdefault("a seed drawn", []).append(
                        time.perf_counter() - start
                    )
                context.close()
        browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    checks = [sys.executable, "-m", "checks"]
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        report, peer = folder / "report.html", folder / "report.json"
        subprocess.run([*checks, "--quiet"], cwd=args.corpus, stdout=subprocess.DEVNULL)
        writing = {"report": [], "json": []}
        for _ in range(args.runs):
            writing["report"].append(
                timed([*checks, "report", "-o", str(report)], args.corpus)
            )
            writing["json"].append(
                timed([*checks, "--format", "json", "-o", str(peer)], args.corpus)
            )
        markup = folder / "markup.html"
        everything_in_the_markup(report, markup)
        opened = opening(
            {"report": (report, "#findings-rows tr"), "markup": (markup, "ol")},
            args.runs,
        )
        size = {
            name: p.stat().st_size
            for name, p in (("report", report), ("json", peer), ("markup", markup))
        }
    seeds = len(list((args.corpus / "seeds").glob("*.txt")))
    print(f"{seeds} seeds in {args.corpus}, best of {args.runs}")
    print(
        f"  write: report {min(writing['report']):.2f} s, JSON report {min(writing['json']):.2f} s "
        f"({min(writing['report']) / min(writing['json']):.2f} times)"
    )
    print(
        f"  size: report {size['report'] / 2**20:.1f} MiB, JSON report "
        f"{size['json'] / 2**20:.1f} MiB ({size['report'] / size['json']:.2f} times), "
        f"every seed in the markup {size['markup'] / 2**20:.1f} MiB"
    )
    print(
        f"  open: report {min(opened['report']):.2f} s, every seed in the markup "
        f"{min(opened['markup']):.2f} s ({min(opened['report']) / min(opened['markup']):.2f} times); "
        f"a seed drawn from its link {min(opened['a seed drawn']) * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
