"""Documents per second and peak memory of `checks`, every rule on, against
proselint 0.16.0 on the same corpus, each run as a whole process; and a cost
model that predicts a run from its corpus.

    pip install -e '.[bench]'
    python benchmarks/generate.py /tmp/corpus-5k --seeds 5000
    python benchmarks/speed.py /tmp/corpus-5k [--runs 3] [--formats text,json]
    python benchmarks/speed.py --model [--runs 3]

With a corpus, prints for each tool (checks once per format asked for:
text, quiet, json, sarif, github, statistics) the best wall time of the
runs, its CPU time, documents per second and peak resident memory (from the
kernel's accounting of the child process), and the ratio of checks'
documents per second to proselint's.

With --model, builds corpora of three kinds in a temporary folder (clean
seeds as benchmarks/generate.py writes them; messy ones, migrated by
`checks --fix` and indexed, about 1.7 KB each; and messy ones of about 4 KB),
three sizes each, times `checks --no-cache` on each in the default text
format, and fits

    time = start-up + a * seeds + b * KB + c * findings

by least squares, for the wall time and for the CPU time.  It prints the four
costs and the fit's error (the root mean square of the residuals, and the
largest residual as a share of its run), so that a user can predict a run on
their corpus from three numbers `checks --statistics` and `du` give.

Both tools are measured as installed: proselint's bytecode was written when pip
installed it, and checks' is written here first, since an editable install
under PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module from
source in every run.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import checks

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate, generate_messy  # noqa: E402

FORMATS = {
    "text": [],
    "quiet": ["--quiet"],
    "json": ["--format", "json"],
    "sarif": ["--format", "sarif"],
    "github": ["--format", "github"],
    "statistics": ["--statistics"],
}


def measure(command: list[str], cwd: Path) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak RSS in KiB, exit status) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    return (
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss,
        os.waitstatus_to_exitcode(status),
    )


def checks_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "checks", *args]


def best_runs(commands: dict[str, tuple[list[str], Path]], runs: int) -> dict:
    """The best (least wall time) of `runs` runs of each command, the
    commands taking turns."""
    results: dict[str, list] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, cwd) in commands.items():
            results[name].append(measure(command, cwd))
    return {name: min(found) for name, found in results.items()}


def compare(corpus: Path, runs: int, formats: list[str], extra: list[str]) -> None:
    seeds = corpus / "seeds"
    count = sum(1 for _ in seeds.glob("*.txt"))
    commands = {
        f"checks {form}": (checks_command(*FORMATS[form], *extra), corpus)
        for form in formats
    }
    proselint = shutil.which("proselint")
    if proselint:
        commands["proselint 0.16.0"] = ([proselint, "check", "seeds"], corpus)
    else:
        print("proselint is not installed: pip install -e '.[bench]'", file=sys.stderr)
    print(f"{count} seeds in {seeds}, best of {runs} runs, checks {' '.join(extra)}")
    results = best_runs(commands, runs)
    for name, (wall, cpu, rss, status) in results.items():
        print(
            f"  {name:<18} {wall:7.2f} s wall  {cpu:7.2f} s CPU  "
            f"{count / wall:9.0f} docs/s  {cpu / count * 1e6:7.0f} us CPU/doc  "
            f"peak {rss / 1024:6.0f} MiB  (exit {status})"
        )
    if proselint:
        peer = results["proselint 0.16.0"][0]
        for form in formats:
            ratio = peer / results[f"checks {form}"][0]
            print(f"  checks {form} / proselint, documents per second: {ratio:.1f}")


# The cost model -------------------------------------------------------------


def solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix · x = vector (Gaussian elimination, partial pivoting)."""
    n = len(vector)
    rows = [row[:] + [value] for row, value in zip(matrix, vector)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(col + 1, n):
            factor = rows[r][col] / rows[col][col]
            for c in range(col, n + 1):
                rows[r][c] -= factor * rows[col][c]
    x = [0.0] * n
    for r in reversed(range(n)):
        x[r] = (rows[r][n] - sum(rows[r][c] * x[c] for c in range(r + 1, n))) / rows[r][
            r
        ]
    return x


def least_squares(rows: list[list[float]], ys: list[float]) -> list[float]:
    """The coefficients that minimise the squared residuals of rows · x = ys,
    each column scaled to unit size first, so that seconds, seeds, kilobytes
    and findings, of very different sizes, weigh alike."""
    width = len(rows[0])
    scale = [max(abs(row[c]) for row in rows) or 1.0 for c in range(width)]
    scaled = [[row[c] / scale[c] for c in range(width)] for row in rows]
    normal = [
        [sum(row[i] * row[j] for row in scaled) for j in range(width)]
        for i in range(width)
    ]
    right = [sum(row[i] * y for row, y in zip(scaled, ys)) for i in range(width)]
    return [x / s for x, s in zip(solve(normal, right), scale)]


def corpus_size(corpus: Path) -> tuple[int, float, int]:
    """(seeds, kilobytes of seed files, findings) of a corpus."""
    files = list((corpus / "seeds").glob("*.txt"))
    kilobytes = sum(f.stat().st_size for f in files) / 1024
    run = subprocess.run(
        checks_command("--no-cache", "--statistics", "--format", "json"),
        cwd=corpus,
        capture_output=True,
        text=True,
    )
    summary = json.loads(run.stdout)["summary"]
    return (
        len(files),
        kilobytes,
        summary["errors"] + summary["warnings"] + summary["infos"],
    )


def build_corpora(folder: Path) -> list[Path]:
    """Clean, messy and messy 4 KB corpora, three sizes each; the messy ones
    migrated and indexed as a team adopting checks would."""
    corpora = []
    for kind, counts in (
        ("clean", (300, 1000, 3000)),
        ("messy", (300, 1000, 3000)),
        ("messy-4k", (200, 700, 2000)),
    ):
        for count in counts:
            corpus = folder / f"{kind}-{count}"
            if kind == "clean":
                generate(corpus, count)
            else:
                generate_messy(corpus, count, size=4000 if kind == "messy-4k" else 1500)
                for args in (("--fix", "--no-cache", "--quiet"), ("index",)):
                    subprocess.run(
                        checks_command(*args), cwd=corpus, capture_output=True
                    )
            corpora.append(corpus)
    return corpora


def model(runs: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        corpora = build_corpora(Path(scratch))
        sizes = {c.name: corpus_size(c) for c in corpora}
        commands = {c.name: (checks_command("--no-cache"), c) for c in corpora}
        results = best_runs(commands, runs)
    print(f"best of {runs} runs of `checks --no-cache` (text) on each corpus")
    print(
        f"  {'corpus':<15} {'seeds':>6} {'KB':>8} {'findings':>9} {'wall':>7} {'CPU':>7}"
    )
    for name, (seeds, kilobytes, findings) in sizes.items():
        wall, cpu = results[name][:2]
        print(
            f"  {name:<15} {seeds:6} {kilobytes:8.0f} {findings:9} {wall:7.2f} {cpu:7.2f}"
        )
    rows = [[1.0, s, k, f] for s, k, f in sizes.values()]
    for label, column in (("wall", 0), ("CPU", 1)):
        ys = [results[name][column] for name in sizes]
        start, seed, kilobyte, finding = least_squares(rows, ys)
        fitted = [
            sum(a * b for a, b in zip(row, (start, seed, kilobyte, finding)))
            for row in rows
        ]
        residuals = [y - f for y, f in zip(ys, fitted)]
        rms = (sum(r * r for r in residuals) / len(residuals)) ** 0.5
        worst = max(abs(r) / y for r, y in zip(residuals, ys))
        print(
            f"{label:>4} = {start * 1e3:.0f} ms + {seed * 1e6:.0f} us a seed + "
            f"{kilobyte * 1e6:.0f} us a KB + {finding * 1e6:.1f} us a finding"
            f"   (fit error: {rms * 1e3:.0f} ms RMS, at most {worst:.0%} of a run)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "corpus", type=Path, nargs="?", help="a folder made by benchmarks/generate.py"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--formats",
        default="quiet",
        help=f"checks' output formats to time, comma-separated: {', '.join(FORMATS)}",
    )
    parser.add_argument(
        "--checks-args", default="--no-cache", help="extra arguments for checks"
    )
    parser.add_argument("--model", action="store_true", help="fit the cost model")
    args = parser.parse_args(argv)
    formats = args.formats.split(",")
    if unknown := [f for f in formats if f not in FORMATS]:
        parser.error(f"unknown formats: {', '.join(unknown)}")
    if not args.model and args.corpus is None:
        parser.error("name a corpus, or ask for --model")
    compileall.compile_dir(Path(checks.__file__).parent, quiet=1)
    if args.model:
        model(args.runs)
    else:
        compare(args.corpus, args.runs, formats, args.checks_args.split())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
