"""The cache: a second run gives what a first run gives, reads again only
what changed, and starts afresh when the rules or the code change."""

import os
import pickle
from pathlib import Path

from conftest import BODY, run_checks, write_seed

A = "000_0123456789abcdef"
B = "001_1111111111111111"


def cache_files(corpus):
    """The files of seeds' entries (INDEX.md as parsed is in index.pickle)."""
    [folder] = [p for p in (corpus / ".checks_cache").iterdir() if p.is_dir()]
    return sorted(folder.glob("??.pickle"))


def payload(path):
    """A cache file's pickle, after its header line and its 32-byte HMAC."""
    return path.read_bytes().split(b"\n", 1)[1][32:]


def cache_entries(corpus):
    entries = {}
    for path in cache_files(corpus):
        entries.update(pickle.loads(payload(path)))
    return entries


def two_seeds(corpus):
    write_seed(corpus / "seeds", A, BODY.replace("bakery", "bak\u200bery"))
    write_seed(corpus / "seeds", B, "Snow closed the road above Vell.\n", source=None)
    run_checks("index", cwd=corpus)


def test_a_second_run_reports_the_same_from_the_cache(corpus):
    two_seeds(corpus)
    first = run_checks("--format", "json", cwd=corpus)
    assert (corpus / ".checks_cache" / ".gitignore").read_text() == "*\n"
    assert set(cache_entries(corpus)) == {f"seeds/{A}.txt", f"seeds/{B}.txt"}
    second = run_checks("--format", "json", cwd=corpus)
    assert second.out == first.out and first.codes() == ["ENC005", "HDR014"]


def test_a_changed_seed_is_read_again(corpus):
    two_seeds(corpus)
    run_checks(cwd=corpus)
    before = cache_entries(corpus)
    path = corpus / "seeds" / f"{A}.txt"
    path.write_text(path.read_text().replace("bak\u200bery", "bakery"))
    run = run_checks("--format", "json", cwd=corpus)
    assert run.codes() == ["PRV001", "HDR014"]
    after = cache_entries(corpus)
    # Entries are (SHA-256 of the file, results): B kept its entry, A got a new one.
    assert after[f"seeds/{B}.txt"][0] == before[f"seeds/{B}.txt"][0]
    assert after[f"seeds/{B}.txt"][1][0] == before[f"seeds/{B}.txt"][1][0]
    assert after[f"seeds/{A}.txt"][0] != before[f"seeds/{A}.txt"][0]


def test_an_edited_index_is_read_again(corpus):
    two_seeds(corpus)
    assert run_checks("--format", "json", cwd=corpus).codes() == ["ENC005", "HDR014"]
    [kept] = (corpus / ".checks_cache").glob("*/index.pickle")
    index = corpus / "seeds" / "INDEX.md"
    index.write_text(index.read_text().replace("| Anholm Courier |", "| Somebody |"))
    run = run_checks("--format", "json", cwd=corpus)
    assert run.codes() == ["ENC005", "HDR014", "IDX006"]
    assert "source is 'Somebody' in the row" in run.json["diagnostics"][2]["message"]
    assert kept.exists()


def test_a_change_rewrites_only_the_cache_file_of_that_seed(corpus):
    for n in range(40):
        write_seed(
            corpus / "seeds", f"{n:03d}_{n:016x}", f"Seed {n} speaks of rain in Vell.\n"
        )
    run_checks("index", cwd=corpus)
    run_checks(cwd=corpus)
    before = {p.name: p.stat().st_ino for p in cache_files(corpus)}
    path = corpus / "seeds" / "007_0000000000000007.txt"
    path.write_text(path.read_text().replace("rain", "snow"))
    run_checks(cwd=corpus)
    after = {p.name: p.stat().st_ino for p in cache_files(corpus)}
    assert len(before) > 10 and before.keys() == after.keys()
    rewritten = [name for name in after if after[name] != before[name]]
    assert len(rewritten) == 1
    entries = pickle.loads(payload(cache_files(corpus)[0].parent / rewritten[0]))
    assert "seeds/007_0000000000000007.txt" in entries


def test_other_rules_do_not_reuse_the_results(corpus):
    two_seeds(corpus)
    run_checks(cwd=corpus)
    assert run_checks("--format", "json", "--select", "ENC", cwd=corpus).codes() == [
        "ENC005"
    ]
    assert run_checks("--format", "json", "--select", "HDR", cwd=corpus).codes() == [
        "HDR014"
    ]


def test_no_cache_keeps_none(corpus):
    two_seeds(corpus)
    assert run_checks("--no-cache", cwd=corpus).code == 0
    assert not (corpus / ".checks_cache").exists()


def test_a_damaged_cache_is_ignored(corpus):
    two_seeds(corpus)
    run_checks(cwd=corpus)
    for path in cache_files(corpus):
        path.write_bytes(b"not a pickle")
    run = run_checks("--format", "json", cwd=corpus)
    assert run.code == 0 and run.codes() == ["ENC005", "HDR014"]


class Planted:
    """What a hostile cache file would hold: unpickling it writes a file."""

    def __init__(self, target):
        self.target = str(target)

    def __reduce__(self):
        return (open, (self.target, "w"))


def test_a_cache_file_from_elsewhere_is_never_unpickled(corpus):
    two_seeds(corpus)
    first = run_checks("--format", "json", cwd=corpus)
    planted = corpus / "planted"
    for path in cache_files(corpus):
        # A pull request's own file, where the cache keeps one: without this
        # machine's key it cannot carry a valid HMAC.
        bomb = pickle.dumps({f"seeds/{A}.txt": (b"", Planted(planted))})
        path.write_bytes(b"checks-cache\n" + bytes(32) + bomb)
    second = run_checks("--format", "json", cwd=corpus)
    assert not planted.exists()
    assert second.out == first.out
    # The key lives outside the repository, readable by its owner alone.
    key = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    assert (key / "checks" / "cache-key").stat().st_mode & 0o077 == 0
