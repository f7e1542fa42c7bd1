"""Every report `checks` prints, written to files, so that two versions of the
code can be compared byte for byte (`diff -r BEFORE AFTER`): a change that
should not change behaviour must leave them all equal.

    python benchmarks/outputs.py OUT [--seeds 10000] [--corpus DIR]

writes, into OUT, each format (text, json, github, sarif, junit) and
--statistics on the bundled seeds; text, json, sarif, github, --statistics,
`pseudonyms` and `quotes` (JSON) on a generated corpus (made with
benchmarks/generate.py unless --corpus names one); `rules`, `explain CLM001`
and `schema`; and the files and output of `--fix --unsafe-fixes` on a copy
of the generated corpus.  Each run is a process of its own, as a user's;
the exit status is the file's last line.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))


def checks(out: Path, name: str, cwd: Path, *args: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "checks", *args], cwd=cwd, capture_output=True
    )
    (out / name).write_bytes(
        run.stdout + run.stderr + f"rc={run.returncode}\n".encode()
    )


def tree_digest(folder: Path) -> str:
    """One line per file: its path and SHA-256, the cache left out."""
    return "".join(
        f"{p.relative_to(folder)} {hashlib.sha256(p.read_bytes()).hexdigest()}\n"
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".checks_cache" not in p.parts
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seeds", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, help="a corpus to use instead")
    options = parser.parse_args(argv)
    out = options.out
    out.mkdir(parents=True, exist_ok=True)
    for form in ("text", "json", "github", "sarif", "junit"):
        checks(out, f"bundled.{form}", REPO, "--no-cache", "--format", form)
    checks(out, "bundled.stats", REPO, "--no-cache", "--statistics")
    with tempfile.TemporaryDirectory() as scratch:
        corpus = options.corpus
        if corpus is None:
            from generate import generate

            corpus = Path(scratch) / "generated"
            generate(corpus, options.seeds)
        for form in ("text", "json", "sarif", "github"):
            checks(out, f"corpus.{form}", corpus, "--no-cache", "--format", form)
        checks(out, "corpus.stats", corpus, "--no-cache", "--statistics")
        checks(out, "corpus.pseudonyms", corpus, "pseudonyms", "--format", "json")
        checks(out, "corpus.quotes", corpus, "quotes", "--format", "json")
        fixed = Path(scratch) / "fixed"
        shutil.copytree(corpus, fixed)
        checks(out, "corpus.fix", fixed, "--no-cache", "--fix", "--unsafe-fixes")
        (out / "corpus.fixed-files").write_text(tree_digest(fixed))
    checks(out, "rules.txt", REPO, "rules")
    checks(out, "explain.txt", REPO, "explain", "CLM001")
    checks(out, "schema.json", REPO, "schema")
    print(f"wrote {len(list(out.iterdir()))} files to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
