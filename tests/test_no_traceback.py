"""Whatever a corpus or a command line holds, `checks` answers with a
diagnostic (exit 1) or one line of usage error (exit 2), never a traceback:
damaged and deeply nested shards, seeds that are not UTF-8 under every
subcommand, arguments that are not UTF-8, outputs that cannot be written.

The generated cases run in this process (conftest's run_in_process), where an
exception would fail the test instead of being printed."""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import json
import lzma
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import BODY, git, new_corpus, run_in_process, seed_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.cli import SUBCOMMANDS
from checks.seed.header import MAX_DEPTH

zstd = pytest.importorskip("backports.zstd") if sys.version_info < (3, 14) else None
if zstd is None:
    from compression import zstd

SEED = "000_0123456789abcdef"
EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

COMPRESSORS = {
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
    ".zst": zstd.compress,
}
OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open, ".zst": zstd.open}


def lines_before_refusal(suffix: str, data: bytes) -> tuple[int, bool]:
    """How many lines the decompressor gives from `data`, and whether it then
    refuses the stream.  A stream whose checksum comes at the end of a block
    (bzip2's) gives a damaged block's lines, as other text, before it does."""
    count = 0
    try:
        with OPENERS[suffix](io.BytesIO(data)) as stream:
            while stream.readline():
                count += 1
    except Exception:  # noqa: BLE001 - every way a stream can be refused
        return count, True
    return count, False


def record(number: int) -> str:
    return json.dumps(
        {"id": f"{number:03d}_{number:016x}", "date": "2024-03-01", "text": BODY}
    )


def report(folder: Path, *args: str) -> tuple[int, dict, str]:
    code, out, err = run_in_process(
        folder, "--no-cache", "--format", "json", "--select", "HDR016", *args
    )
    assert code in (0, 1), (code, out, err)
    return code, json.loads(out), err


@EXAMPLES
@given(
    suffix=st.sampled_from(sorted(COMPRESSORS)),
    records=st.integers(1, 40),
    cut=st.floats(0, 1, exclude_max=True),
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255))),
)
def test_a_damaged_compressed_shard_is_hdr016_where_reading_stopped(
    suffix, records, cut, flips
):
    whole = "".join(record(n) + "\n" for n in range(records)).encode()
    data = bytearray(COMPRESSORS[suffix](whole))
    data = data[: max(1, int(len(data) * (1 - cut)))] if cut else data
    for where, mask in flips:
        data[int(where * len(data))] ^= mask
    given_lines, refused = lines_before_refusal(suffix, bytes(data))
    with tempfile.TemporaryDirectory() as folder:
        corpus = new_corpus(Path(folder))
        (corpus / "seeds" / f"part.jsonl{suffix}").write_bytes(bytes(data))
        code, found, err = report(corpus)
    stopped = [
        d
        for d in found["diagnostics"]
        if "cannot read the shard" in d["message"] or "damaged after" in d["message"]
    ]
    # A stream the decompressor refuses stops reading at one line; one it
    # reads (a flipped byte in a stream with no checksum reads as other
    # text) is read to its end, its lines checked as records.
    assert len(stopped) == (1 if refused else 0), (refused, found)
    for d in stopped:
        assert 1 <= d["line"] <= given_lines + 1, (given_lines, d)


@EXAMPLES
@given(
    depth=st.one_of(st.integers(1, 12), st.integers(900, 1100), st.just(10_000)),
    kind=st.sampled_from(["[]", "{}"]),
)
def test_a_record_nested_to_any_depth_is_hdr016_past_a_headers_depth(depth, kind):
    value = '"x"'
    for level in range(depth):
        value = f"[{value}]" if kind == "[]" else f'{{"k{level}": {value}}}'
    line = f'{{"id": "{SEED}", "text": "A body.", "nested": {value}}}'
    with tempfile.TemporaryDirectory() as folder:
        corpus = new_corpus(Path(folder))
        (corpus / "seeds" / "part.jsonl").write_text(line + "\n")
        code, found, err = report(corpus)
    deep = [d for d in found["diagnostics"] if "nests deeper" in d["message"]]
    # The field's value is at level 1 of the header; each bracket one more.
    assert bool(deep) == (depth + 1 > MAX_DEPTH), found
    assert all(d["line"] == 1 for d in deep)


@pytest.mark.parametrize(
    "line, message",
    [
        (
            '{"text": "a", "n": ' + "1" * 5000 + "}",
            "not read as JSON: Exceeds the limit",
        ),
        ('{"text": "a", "n": 1e999999}', "n is Infinity: header values are strings"),
        ('{"text": "\\ud800 a lone surrogate"}', None),
        ("[1, 2", "not valid JSON: Expecting"),
    ],
)
def test_a_record_json_cannot_hold_is_hdr016(tmp_path, line, message):
    corpus = new_corpus(tmp_path)
    (corpus / "seeds" / "part.jsonl").write_text(line + "\n")
    code, found, err = report(corpus)
    shard = [d["message"] for d in found["diagnostics"]]
    if message is None:
        assert shard == [], shard
    else:
        assert len(shard) == 1 and shard[0].startswith(message), shard


def test_a_zst_shard_without_a_zstd_module_says_what_to_install(tmp_path):
    """The decompressor is looked for when the shard is read: a Python that
    cannot import one (here: told so through sys.modules, as a missing
    package is) gets the diagnostic, not a shard read as raw bytes."""
    corpus = new_corpus(tmp_path)
    (corpus / "seeds" / "part.jsonl.zst").write_bytes(zstd.compress(b"{}\n"))
    program = (
        "import sys\n"
        "for name in ('compression.zstd', 'backports.zstd', 'zstandard'):\n"
        "    sys.modules[name] = None\n"
        "from checks.cli import main\n"
        "raise SystemExit(main(['--no-cache']))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", program], cwd=corpus, capture_output=True, text=True
    )
    assert run.returncode == 1, run.stderr
    assert run.stdout.startswith(
        "seeds/part.jsonl.zst:1:1: HDR016 a .zst shard needs Python 3.14's "
        "compression.zstd or the backports.zstd package"
    ), run.stdout
    assert "Traceback" not in run.stderr


# Each subcommand, with what it needs to get past its own arguments.
COMMANDS = {
    "check": [],
    "init": ["."],
    "baseline": [],
    "index": [],
    "new": ["{text}", "--date", "2024-05-01"],
    "amend": ["{seed}", "--reason", "mended"],
    "retract": ["{seed}", "--reason", "withdrawn"],
    "renumber": ["{seed}"],
    "merge-index": ["seeds/INDEX.md", "seeds/INDEX.md", "{seed}"],
    "pseudonyms": [],
    "quotes": [],
    "show": ["{seed}"],
    "stats": [],
    "report": ["-o", "page.html"],
    "rules": [],
    "explain": ["CLM001"],
    "schema": [],
    "completion": ["bash"],
}


def test_every_subcommand_is_tried_on_a_seed_that_is_not_utf8():
    assert set(COMMANDS) == set(SUBCOMMANDS)


@pytest.fixture(scope="module")
def not_utf8_corpus(tmp_path_factory):
    """A git repository of two seeds, one with bytes that are not UTF-8 in
    its header and its body, flagged names and a quote among them."""
    folder = new_corpus(tmp_path_factory.mktemp("not-utf8"))
    body = BODY + 'Sergei (name changed) said: "\udcfe hi."\n'
    sha = hashlib.sha256(body.encode("utf-8", "surrogateescape")).hexdigest()
    bad = (
        seed_text(SEED, "BODY\n", sha256=sha)
        .replace("BODY\n", body)
        .replace("Anholm Courier", "Anholm \udcff Courier")
        .encode("utf-8", "surrogateescape")
    )
    (folder / "seeds" / f"{SEED}.txt").write_bytes(bad)
    other = "001_1111111111111111"
    (folder / "seeds" / f"{other}.txt").write_text(seed_text(other))
    run_in_process(folder, "index")
    (folder / "new.txt").write_bytes(
        b"A new text \xff with a byte that is not UTF-8.\n"
    )
    git(folder, "init", "-q", "-b", "main")
    git(folder, "-c", "user.email=t@example.org", "-c", "user.name=T", "add", "-A")
    git(
        folder,
        "-c",
        "user.email=t@example.org",
        "-c",
        "user.name=T",
        "commit",
        "-qm",
        "start",
    )
    return folder


ONE_FORM = ("baseline", "completion", "explain", "init", "merge-index", "schema")


@pytest.mark.parametrize(
    "command, form",
    [(c, "text") for c in sorted(COMMANDS)]
    + [(c, "json") for c in sorted(COMMANDS) if c not in ONE_FORM],
)
def test_every_subcommand_on_a_seed_that_is_not_utf8_answers_without_a_traceback(
    not_utf8_corpus, command, form, tmp_path
):
    folder = tmp_path / "corpus"
    subprocess.run(["cp", "-a", str(not_utf8_corpus), str(folder)], check=True)
    args = [
        a.format(text="new.txt", seed=f"seeds/{SEED}.txt") for a in COMMANDS[command]
    ]
    extra = [] if command in ONE_FORM else ["--format", form]
    code, out, err = run_in_process(folder, command, *args, *extra)
    if code == 2:
        assert err.startswith("checks") and err.count("\n") == 1, err
    else:
        assert code in (0, 1), (code, out, err)
    if command in ("pseudonyms", "quotes") and form == "json":
        entry = next(e for e in json.loads(out) if e["path"] == f"seeds/{SEED}.txt")
        assert (entry["checked"], entry["reason"]) == (False, "not UTF-8")
    elif command in ("pseudonyms", "quotes"):
        assert f"seeds/{SEED}.txt: not checked (not UTF-8)\n" in out


TEXT_OPTIONS = [
    ("new", ["new.txt", "--date", "2024-05-01"], "--title"),
    ("new", ["new.txt", "--date", "2024-05-01"], "--source-name"),
    ("new", ["new.txt", "--date", "2024-05-01"], "--url"),
    ("new", ["new.txt", "--date", "2024-05-01"], "--language"),
    ("new", ["new.txt", "--date", "2024-05-01"], "--cite"),
    ("new", ["new.txt", "--date", "2024-05-01"], "--pseudonym"),
    ("new", ["new.txt"], "--date"),
    ("amend", [f"seeds/{SEED}.txt"], "--reason"),
    ("retract", [f"seeds/{SEED}.txt"], "--reason"),
    ("renumber", [f"seeds/{SEED}.txt"], "--base"),
    ("check", [], "--diff-base"),
    ("check", [], "--select"),
    ("check", [], "--ignore"),
]


@settings(max_examples=80, deadline=None)
@given(
    option=st.sampled_from(TEXT_OPTIONS),
    before=st.text(max_size=8),
    byte=st.integers(0x80, 0xFF),
    after=st.text(max_size=8),
)
def test_an_argument_that_is_not_utf8_is_one_line_of_usage_error(
    option, before, byte, after
):
    command, args, flag = option
    # Bytes that are not UTF-8 reach Python's argv as lone surrogates.
    value = before + chr(0xDC00 + byte) + after
    with tempfile.TemporaryDirectory() as folder:
        corpus = new_corpus(Path(folder))
        (corpus / "seeds" / f"{SEED}.txt").write_text(seed_text(SEED))
        (corpus / "new.txt").write_text(BODY)
        before_files = sorted(p.name for p in corpus.rglob("*"))
        code, out, err = run_in_process(corpus, command, *args, f"{flag}={value}")
        assert sorted(p.name for p in corpus.rglob("*")) == before_files
    assert code == 2, (out, err)
    assert err == (
        f"checks: error: argument {flag}: not UTF-8: byte 0x{byte:02x} at character "
        f"{len(before) + 1}\n"
    )


def test_output_naming_a_folder_is_a_usage_error_before_anything_runs(tmp_path):
    corpus = new_corpus(tmp_path)
    (corpus / "seeds" / f"{SEED}.txt").write_text(seed_text(SEED))
    (corpus / "reports").mkdir()
    for command in (["check"], ["baseline"]):
        code, out, err = run_in_process(corpus, *command, "--output", "reports")
        assert (code, out) == (2, "")
        assert (
            err
            == "checks: error: argument --output/-o: reports is a folder: name a file\n"
        )
    code, out, err = run_in_process(corpus, "--output", "missing/report.txt")
    assert (code, err) == (
        2,
        "checks: error: argument --output/-o: missing/report.txt: there is no folder missing\n",
    )
    assert sorted(p.name for p in corpus.iterdir()) == [
        "pyproject.toml",
        "reports",
        "seeds",
    ]


@pytest.mark.parametrize("form", ["sarif", "github", "junit"])
def test_statistics_in_a_format_that_has_no_counts_is_a_usage_error(tmp_path, form):
    corpus = new_corpus(tmp_path)
    code, out, err = run_in_process(corpus, "--statistics", "--format", form)
    assert (code, out) == (2, "")
    assert err == (
        f"checks: error: --statistics prints counts per rule as text or json, not as {form}\n"
    )
