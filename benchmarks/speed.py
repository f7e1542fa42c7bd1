"""Documents per second and peak memory of `checks`, every rule on, against
proselint 0.16.0 on the same corpus, each run as a whole process.

    pip install -e '.[bench]'
    python benchmarks/generate.py /tmp/corpus-5k --seeds 5000
    python benchmarks/speed.py /tmp/corpus-5k [--runs 3]

Prints, for each tool, the best wall time of the runs, its CPU time, documents
per second and peak resident memory (from the kernel's accounting of the
child process), and the ratio of checks' documents per second to proselint's.

Both tools are measured as installed: proselint's bytecode was written when pip
installed it, and checks' is written here first, since an editable install
under PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module from
source in every run.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import checks


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "corpus", type=Path, help="a folder made by benchmarks/generate.py"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--checks-args", default="--no-cache", help="extra arguments for checks"
    )
    args = parser.parse_args(argv)
    seeds = args.corpus / "seeds"
    count = sum(1 for _ in seeds.glob("*.txt"))
    tools = {
        "checks": [
            sys.executable,
            "-m",
            "checks",
            "--quiet",
            *args.checks_args.split(),
        ],
    }
    proselint = shutil.which("proselint")
    if proselint:
        tools["proselint 0.16.0"] = [proselint, "check", "seeds"]
    else:
        print("proselint is not installed: pip install -e '.[bench]'", file=sys.stderr)
    compileall.compile_dir(Path(checks.__file__).parent, quiet=1)
    print(f"{count} seeds in {seeds}, best of {args.runs} runs, cold (no cache)")
    rates = {}
    for name, command in tools.items():
        runs = [measure(command, args.corpus) for _ in range(args.runs)]
        wall, cpu, rss, status = min(runs)
        rates[name] = count / wall
        print(
            f"  {name:<17} {wall:7.2f} s wall  {cpu:7.2f} s CPU  "
            f"{count / wall:9.0f} docs/s  {cpu / count * 1e6:7.0f} us CPU/doc  "
            f"peak {rss / 1024:6.0f} MiB  (exit {status})"
        )
    if len(rates) == 2:
        print(
            f"  checks / proselint documents per second: {rates['checks'] / rates['proselint 0.16.0']:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
