"""Crash safety: `checks --fix` killed (SIGKILL) at any moment, and writers
run at once on one corpus, leave every file either as it was or as it should
be; nothing is half-written and nothing is lost.

The kill trials fork this process (which has already imported and warmed up
`checks`) and run the same `main()` the command runs, so that a few hundred
real processes can be started and killed in seconds.  Set CHECKS_TRIALS to
run more.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import BODY, run_in_process, seed_text

from checks.cli import main
from checks.seed.files import corpus_lock

TRIALS = int(os.environ.get("CHECKS_TRIALS", "150"))
# The families whose fixes rewrite these seeds; the others only take longer.
FIX = ["--fix", "--no-cache", "-j", "1", "--quiet", "--select", "HDR,ENC,IDX"]
SEEDS = 24


def damaged_corpus(folder: Path, count: int = SEEDS) -> None:
    """Seeds that `--fix` rewrites: old inline headers, byte-order marks,
    missing hashes; and no INDEX.md."""
    (folder / "pyproject.toml").write_text('[tool.checks]\ncorpus = "seeds"\n')
    seeds = folder / "seeds"
    seeds.mkdir()
    for n in range(count):
        stem = f"{n:03d}_{n:016x}"
        body = BODY.replace("Friday", f"day {n}")
        if n % 3 == 0:
            raw = f" date 2024-03-{n % 28 + 1:02d} {body}".encode()
        elif n % 3 == 1:
            raw = b"\xef\xbb\xbf" + seed_text(stem, body).encode()
        else:
            raw = seed_text(stem, body, sha256=None).encode()
        (seeds / f"{stem}.txt").write_bytes(raw)


def state(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in (folder / "seeds").iterdir()
        if not p.name.startswith(".")
    }


def restore(folder: Path, original: dict[str, bytes]) -> None:
    for p in (folder / "seeds").iterdir():
        if p.name not in original:
            p.unlink()
    for name, raw in original.items():
        (folder / "seeds" / name).write_bytes(raw)


def checks_in_child(folder: Path, args: list[str] = FIX, stderr: int = -1) -> int:
    """Fork a process that runs `checks ARGS` in `folder`; its pid.  Its
    standard error goes to the file descriptor `stderr`, or nowhere."""
    pid = os.fork()
    if pid == 0:  # the child: run, then leave without pytest's teardown
        code = 3
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null if stderr < 0 else stderr, 2)
            os.chdir(folder)
            code = main(args)
        finally:
            os._exit(code)
    return pid


def test_fix_killed_at_any_moment_leaves_each_file_as_it_was_or_as_it_should_be(
    tmp_path,
):
    # Warm-up: a run in this process, whose imports and compiled patterns
    # every child then inherits.
    (tmp_path / "warm").mkdir()
    damaged_corpus(tmp_path / "warm")
    assert run_in_process(tmp_path / "warm", *FIX, "--select", "ALL")[0] == 0
    tmp_path = tmp_path / "trials"
    tmp_path.mkdir()
    damaged_corpus(tmp_path)
    original = state(tmp_path)
    # The state a whole run reaches, and how long the quickest of three runs
    # takes: a run slowed by a busy machine would set the kills too late.
    whole = float("inf")
    for _ in range(3):
        restore(tmp_path, original)
        started = time.perf_counter()
        _, status = os.waitpid(checks_in_child(tmp_path), 0)
        whole = min(whole, time.perf_counter() - started)
        assert os.waitstatus_to_exitcode(status) == 0
    final = state(tmp_path)
    assert set(final) == set(original) | {"INDEX.md"}
    assert all(final[n] != original[n] for n in original)  # every seed is fixed

    rng = random.Random(20221213)
    partly = killed = 0
    for trial in range(TRIALS):
        restore(tmp_path, original)
        pid = checks_in_child(tmp_path)
        time.sleep(rng.uniform(0, whole * 1.1))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        killed += os.WIFSIGNALED(status)
        now = state(tmp_path)
        assert set(now) <= set(final), trial
        for name, raw in now.items():
            assert raw in (original.get(name), final[name]), (trial, name)
        fixed = sum(now[n] == final[n] for n in original)
        partly += 0 < fixed < len(original)
        leftovers = [
            p.name for p in (tmp_path / "seeds").iterdir() if p.name.startswith(".")
        ]
        # A killed writer may leave its hidden temporary file, never a seed.
        assert all(n.endswith(".tmp") for n in leftovers), leftovers
        if trial % 25 == 0:  # and the next run finishes the work
            os.waitpid(checks_in_child(tmp_path), 0)
            assert state(tmp_path) == final, trial
    print(
        f"{TRIALS} trials of a {whole:.2f} s run, {killed} killed mid-run, "
        f"{partly} with some seeds fixed and others not yet"
    )
    # The kills did land while files were being written.
    assert killed > TRIALS // 2 and partly > TRIALS // 10


def test_writers_at_once_take_turns(tmp_path):
    """`checks --fix`, `checks index` and `checks new` processes started
    together end as if they had run one after another: every seed fixed,
    every new text added once under a number of its own, and INDEX.md listing
    them all."""
    fix = ["--fix", "--quiet", "-j", "1"]
    (tmp_path / "alone").mkdir()
    damaged_corpus(tmp_path / "alone")
    assert run_in_process(tmp_path / "alone", *fix)[0] == 0
    fixed = state(tmp_path / "alone")
    del fixed["INDEX.md"]
    damaged_corpus(tmp_path)
    original = state(tmp_path)
    texts = []
    for n in range(4):
        texts.append(tmp_path / f"new-{n}.txt")
        texts[-1].write_text(BODY.replace("Friday", f"week {n}"))
    writers = [fix, ["index"], fix, ["index"]] + [
        ["new", str(text), "--date", "2024-05-01"] for text in texts
    ]
    for round in range(4):
        restore(tmp_path, original)
        errors = [tmp_path / f"err-{round}-{n}" for n in range(len(writers))]
        children = []
        for args, error in zip(writers, errors):
            with open(error, "wb") as handle:
                children.append(checks_in_child(tmp_path, args, handle.fileno()))
        codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children]
        told = [error.read_text() for error in errors]
        assert codes == [0] * len(writers), told
        now = state(tmp_path)
        added = sorted(set(now) - set(original) - {"INDEX.md"})
        assert [name[:4] for name in added] == ["024_", "025_", "026_", "027_"]
        assert {now[name].split(b"\n---\n", 1)[1] for name in added} == {
            text.read_bytes() for text in texts
        }
        assert {name: now[name] for name in fixed} == fixed
        listed = run_in_process(tmp_path, "--select", "IDX,PRV", "--quiet")
        assert listed[0] == 0, listed


def test_a_writer_waits_for_the_one_at_work_and_a_reader_does_not(tmp_path):
    damaged_corpus(tmp_path)
    original = state(tmp_path)
    command = [sys.executable, "-m", "checks"]
    with corpus_lock(tmp_path / "seeds"):  # another writer at work
        writer = subprocess.Popen([*command, "--fix", "--quiet"], cwd=tmp_path)
        reader = subprocess.run(
            [*command, "--quiet"], cwd=tmp_path, capture_output=True, timeout=120
        )
        assert reader.returncode == 1  # it ran to the end, and found the damage
        time.sleep(1)
        assert writer.poll() is None and state(tmp_path) == original
    assert writer.wait(timeout=120) == 0
    assert "INDEX.md" in state(tmp_path)
