"""Running on many seeds: several processes give exactly what one gives, and
the benchmark corpus generator is deterministic."""

import hashlib
import shutil
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


def test_seeds_read_in_many_runs_give_what_one_run_gives(generated, monkeypatch):
    """A large corpus is read a run of seeds at a time, the next run read
    while processes check the last: the report must not show it."""
    from conftest import run_in_process

    import checks.run.engines
    import checks.run.reading

    whole = run_in_process(generated, "--format", "json", "--no-cache", "--jobs", "1")
    monkeypatch.setattr(checks.run.reading, "CHUNK", 40)  # 7 runs of 38 seeds
    monkeypatch.setattr(checks.run.engines, "PARALLEL_FROM", 10)
    for jobs in ("1", "3"):
        runs = run_in_process(generated, "--format", "json", "--no-cache", "-j", jobs)
        assert runs == whole
    # The main process pauses its garbage collector during a run, not after.
    import gc

    assert gc.isenabled()


def test_checking_leaves_no_garbage_for_the_collector(tmp_path):
    """Worker processes check with the garbage collector off: that is only
    sound while checking seeds, clean or messy, leaves no reference cycles."""
    import gc

    from generate import generate_messy

    from checks.config import load_config
    from checks.rules.registry import all_rules
    from checks.run.check import Job, SeedChecker

    generate(tmp_path / "clean", 40, seed=3, bad=0.3)
    generate_messy(tmp_path / "messy", 40)
    checker = SeedChecker(load_config(None, tmp_path), list(all_rules().values()))
    paths = sorted(tmp_path.glob("*/seeds/*.txt"))

    def jobs(paths=paths, fix=False):
        return [
            Job(str(p), p.read_bytes(), p.name, None, True, True, fix, fix)
            for p in paths
        ]

    # A first pass imports what the rules load lazily (jsonschema, say):
    # classes made at import leave cycles once, not for each seed.
    copies = tmp_path / "copies"
    shutil.copytree(tmp_path / "messy", copies / "messy")
    checker.check_all(jobs(paths=sorted(copies.glob("messy/seeds/*.txt")), fix=True))
    checker.check_all(jobs())
    collecting = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        before = checker.check_all(jobs())  # the messy seeds in the old form
        fixed = checker.check_all(jobs(fix=True))  # migrated
        assert sum(len(c.fixed) for c in fixed) >= 40
        checked = checker.check_all(jobs())
        assert sum(len(c.diagnostics) for c in checked) > 200
        del before, fixed, checked
        assert gc.collect() == 0
    finally:
        if collecting:
            gc.enable()


def test_a_warm_run_reports_what_a_cold_run_does_after_a_seed_changed(
    generated, monkeypatch, tmp_path
):
    """A warm run checks the few seeds that changed in a process that got
    ready while the others were read from the cache: the report is a cold
    run's."""
    import shutil

    from conftest import run_in_process

    import checks.run.engines
    import checks.run.reading

    corpus = tmp_path / "corpus"
    shutil.copytree(generated, corpus)
    monkeypatch.setattr(checks.run.reading, "CHUNK", 40)
    monkeypatch.setattr(checks.run.engines, "PARALLEL_FROM", 10)
    started = []
    start_spare = checks.run.engines.Processes._start_spare
    monkeypatch.setattr(
        checks.run.engines.Processes,
        "_start_spare",
        lambda engine: started.append(1) or start_spare(engine),
    )
    run_in_process(corpus, "--format", "json", "-j", "2")  # fills the cache
    seed = sorted((corpus / "seeds").glob("1*.txt"))[0]
    with seed.open("a", encoding="utf-8") as stream:
        stream.write("\nThe bridge was reportedly closed for a week.\n")
    warm = run_in_process(corpus, "--format", "json", "-j", "2")
    cold = run_in_process(corpus, "--format", "json", "--no-cache", "-j", "1")
    assert started == [1]  # the first run had no cache, the warm one did
    assert warm == cold
    assert f"{seed.name}" in warm[1] and "reportedly" in warm[1]


def test_a_bad_jobs_count_is_a_usage_error(generated):
    run = run_checks("--jobs", "0", cwd=generated)
    assert run.code == 2 and "--jobs must be 1 or more" in run.err


def shard_of(generated, out, count=30, extra=()):
    """The first generated seeds as one JSON Lines shard."""
    import json

    import yaml

    lines = []
    for path in sorted((generated / "seeds").glob("*.txt"))[:count]:
        head, body = path.read_text().split("\n---\n", 1)
        record = yaml.safe_load(head[4:])
        record = {
            k: v if isinstance(v, (dict, list)) else str(v) for k, v in record.items()
        }
        lines.append(json.dumps(dict(record, text=body)))
    out.write_text("\n".join([*lines, *extra]) + "\n")
    return out


def test_a_shard_gives_the_seeds_diagnostics_at_its_lines(generated, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.checks]\ncorpus = "shards"\n')
    (tmp_path / "shards").mkdir()
    shard = shard_of(
        generated, tmp_path / "shards" / "part-0.jsonl", extra=['{"text": 5}']
    )
    as_seeds = run_checks(
        "--format",
        "json",
        "--no-cache",
        "--select",
        "CLM001,PSN001,HDR011",
        cwd=generated,
    )
    in_shard = run_checks("--format", "json", "--no-cache", cwd=tmp_path)
    names = sorted(p.stem for p in (generated / "seeds").glob("*.txt"))[:30]
    expected = sorted(
        (names.index(d["path"].split("/")[-1][:-4]) + 1, d["code"])
        for d in as_seeds.json["diagnostics"]
        if d["path"].split("/")[-1][:-4] in names
    )
    got = [
        (d["line"], d["code"])
        for d in in_shard.json["diagnostics"]
        if d["code"] in ("CLM001", "PSN001", "HDR011")
    ]
    assert sorted(got) == expected and expected
    bad = [d for d in in_shard.json["diagnostics"] if d["code"] == "HDR016"]
    assert [(d["path"], d["line"], d["message"]) for d in bad] == [
        ("shards/part-0.jsonl", 31, "a record needs its body as a string `text`")
    ]
    assert "IDX001" not in in_shard.codes()  # shards are not listed in INDEX.md
    assert shard.is_file()


def with_near_copies(generated, out):
    """A shard of 12 generated seeds, then near-copies of the first 6 (one
    word changed) on lines 13 to 18."""
    import json

    copies = []
    for number, line in enumerate(
        shard_of(generated, out, 12).read_text().splitlines()
    ):
        if number < 6:
            record = json.loads(line)
            record["id"] = f"{900 + number}_{number + 1:016x}"
            record["text"] = record["text"].replace(" the ", " a ", 1)
            copies.append(json.dumps(record))
    return shard_of(generated, out, 12, extra=copies)


def test_a_shard_named_outside_the_corpus_gets_the_corpus_wide_rules(
    generated, tmp_path
):
    (tmp_path / "pyproject.toml").write_text('[tool.checks]\ncorpus = "seeds"\n')
    (tmp_path / "seeds").mkdir()
    shard = with_near_copies(generated, tmp_path / "elsewhere.jsonl")
    run = run_checks(
        "--format",
        "json",
        "--no-cache",
        "--select",
        "PRV003",
        shard.as_uri(),
        cwd=tmp_path,
    )
    assert [(d["line"], d["code"]) for d in run.json["diagnostics"]] == [
        (line, "PRV003") for line in range(13, 19)
    ], run


def test_near_copies_in_a_shard_are_found_reading_it_once_more(
    generated, tmp_path, monkeypatch
):
    """Near-duplicates are measured on the bodies, read again after every
    record was checked: a shard is read once for all of them, not once per
    seed (a 46 MB shard with 200 near-copies took 15 s, then 6.6 s)."""
    import json

    from conftest import run_in_process

    import checks.run.shards

    (tmp_path / "pyproject.toml").write_text('[tool.checks]\ncorpus = "shards"\n')
    (tmp_path / "shards").mkdir()
    with_near_copies(generated, tmp_path / "shards" / "part-0.jsonl")
    opened = []
    open_shard = checks.run.shards.open_shard
    monkeypatch.setattr(
        checks.run.shards,
        "open_shard",
        lambda url: opened.append(url) or open_shard(url),
    )
    code, out, err = run_in_process(
        tmp_path, "--format", "json", "--no-cache", "--select", "PRV003"
    )
    found = [(d["line"], d["code"]) for d in json.loads(out)["diagnostics"]]
    assert found == [(line, "PRV003") for line in range(13, 19)], err
    assert len(opened) == 2  # its records, then the six pairs' bodies


def test_a_compressed_shard_is_read_through_its_url(generated, tmp_path):
    import gzip

    plain = shard_of(generated, tmp_path / "part.jsonl", count=10)
    packed = tmp_path / "part.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    one = run_checks("--format", "json", "--no-cache", str(plain), cwd=tmp_path)
    other = run_checks("--format", "json", "--no-cache", packed.as_uri(), cwd=tmp_path)
    assert [(d["line"], d["code"], d["message"]) for d in one.json["diagnostics"]] == [
        (d["line"], d["code"], d["message"]) for d in other.json["diagnostics"]
    ]
    assert other.json["diagnostics"][0]["path"] == packed.as_uri()


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local.scheduler_address


def test_the_dask_engine_gives_what_a_local_run_gives(generated, cluster, tmp_path):
    local = run_checks("--format", "json", "--no-cache", "--jobs", "1", cwd=generated)
    remote = run_checks(
        "--format",
        "json",
        "--no-cache",
        "--engine",
        "dask",
        "--scheduler",
        cluster,
        cwd=generated,
    )
    assert remote.code == local.code == 1
    assert remote.out == local.out


def test_the_dask_engine_needs_a_scheduler(generated):
    run = run_checks("--engine", "dask", cwd=generated)
    assert run.code == 2 and "--engine dask needs --scheduler ADDRESS" in run.err
