"""Running on many seeds: several processes give exactly what one gives, and
the benchmark corpus generator is deterministic."""

import hashlib
import sys

import pytest
from conftest import REPO, run_checks

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("generated")
    generate(out, 260, seed=11, bad=0.05)
    return out


def digest_of(folder):
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


def test_the_generator_gives_the_same_bytes_for_the_same_arguments(generated, tmp_path):
    generate(tmp_path, 260, seed=11, bad=0.05)
    assert digest_of(tmp_path / "seeds") == digest_of(generated / "seeds")
    bodies = [
        p.read_bytes().split(b"\n---\n", 1)[1]
        for p in (generated / "seeds").glob("*.txt")
    ]
    assert 3500 <= sum(map(len, bodies)) / len(bodies) <= 5000


def test_several_processes_give_the_same_diagnostics_in_the_same_order(generated):
    one = run_checks("--format", "json", "--no-cache", "--jobs", "1", cwd=generated)
    four = run_checks("--format", "json", "--no-cache", "--jobs", "4", cwd=generated)
    assert one.code == four.code == 1
    assert one.out == four.out
    codes = {d["code"] for d in one.json["diagnostics"]}
    assert {
        "PRV001",
        "HDR011",
        "CLM001",
        "PSN001",
    } <= codes  # the broken seeds are found


def test_a_bad_jobs_count_is_a_usage_error(generated):
    run = run_checks("--jobs", "0", cwd=generated)
    assert run.code == 2 and "--jobs must be 1 or more" in run.err
