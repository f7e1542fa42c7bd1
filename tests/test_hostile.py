"""Hostile and broken input, generated: whatever bytes a seed, INDEX.md or the
configuration holds, `checks` reports diagnostics that point inside the file
(or a one-line usage error for a configuration), never a traceback; `--fix`
never changes a body, and a second `--fix` changes nothing.

Each example runs `checks` in this process (the same `main()` the command
calls, through conftest's run_in_process), so that hypothesis can try
hundreds of inputs in seconds; set CHECKS_EXAMPLES to try more.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from conftest import BODY, files_of, run_in_process, seed_text
from conftest import new_corpus as empty_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.seed.document import Document

SEED = "000_0123456789abcdef"
OTHER = "001_1111111111111111"

# Pieces that matter to a parser or a rule, spliced into otherwise sound text.
PIECES = [
    "---\n",
    "---",
    "\n",
    "\r\n",
    "\r",
    " date 2022-12-13 ",
    "date: 2022-13-45\n",
    "id: 000_0123456789abcdef\n",
    "sha256: 00\n",
    "accept:\n  - rule: CLM001\n    reason: x\n",
    "pseudonyms: [Ana]\n",
    "cites: [Vell Herald, Vell Herald]\n",
    "&a [1]\n",
    "*a\n",
    "!!python/object/apply:os.system ['true']\n",
    "{[{[",
    "? [1, 2]\n: 3\n",
    '"',
    "\u201c",
    "\u201d",
    "\u2018",
    "'",
    "(name changed)",
    " are not their real names",
    "Sergei*",
    " said ",
    "according to the Vell Herald",
    "reportedly",
    "experts say",
    "\x00",
    "\ufeff",
    "\u202e",
    "\u200b",
    "\udcff",
    "\t",
    "| [000_0123456789abcdef](../000_0123456789abcdef.txt) |",
    "<!-- checks:index:start -->",
    "<!-- checks:index:end -->",
    "|---|---|",
    "\\|",
]


@st.composite
def mutated(draw, base: bytes) -> bytes:
    """`base` with a few pieces, random bytes or deletions at random places."""
    data = bytearray(base)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["piece", "bytes", "delete", "text"]))
        if kind == "piece":
            piece = draw(st.sampled_from(PIECES))
            data[at:at] = piece.encode("utf-8", "surrogateescape")
        elif kind == "bytes":
            data[at:at] = draw(st.binary(max_size=12))
        elif kind == "text":
            data[at:at] = draw(st.text(max_size=12)).encode("utf-8", "surrogatepass")
        else:
            data[at : at + draw(st.integers(1, 40))] = b""
    return bytes(data)


SOUND_SEED = seed_text(SEED, BODY).encode("utf-8")
LEGACY_SEED = b" date 2022-12-13 " + BODY.encode("utf-8")
seed_bytes = st.one_of(
    mutated(SOUND_SEED), mutated(LEGACY_SEED), st.binary(max_size=300)
)


def new_corpus(folder: Path, seeds: dict[str, bytes]) -> Path:
    empty_corpus(folder)
    for stem, raw in seeds.items():
        (folder / "seeds" / f"{stem}.txt").write_bytes(raw)
    return folder


def assert_inside(folder: Path, report: dict) -> None:
    """Every diagnostic's span lies inside the file it names."""
    for d in report["diagnostics"]:
        if not (folder / d["path"]).exists():  # "there is no INDEX.md"
            assert (d["line"], d["column"]) == (1, 1), d
            continue
        doc = Document(Path(d["path"]), (folder / d["path"]).read_bytes())
        starts = doc._line_starts + [len(doc.text)]

        def width(line: int, starts=starts) -> int:
            """The line's characters, its line break included."""
            return starts[line] - starts[line - 1]

        assert 1 <= d["line"] <= d["end_line"] <= len(starts) - 1, d
        assert 1 <= d["column"] <= width(d["line"]) + 1, d
        assert 1 <= d["end_column"] <= width(d["end_line"]) + 1, d
        if d["end_line"] == d["line"]:
            assert d["end_column"] >= d["column"], d


def checked(folder: Path) -> dict:
    code, out, err = run_in_process(folder, "--no-cache", "--format", "json")
    assert code in (0, 1), (code, out, err)
    report = json.loads(out)
    assert_inside(folder, report)
    return report


# CHECKS_EXAMPLES=5000 pytest tests/test_hostile.py for a longer search.
EXAMPLES = settings(
    max_examples=int(os.environ.get("CHECKS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@EXAMPLES
@given(raw=seed_bytes)
def test_any_seed_bytes_give_diagnostics_inside_the_file(raw):
    with tempfile.TemporaryDirectory() as folder:
        corpus = new_corpus(Path(folder), {SEED: raw})
        run_in_process(corpus, "index")
        checked(corpus)


@EXAMPLES
@given(raw=seed_bytes, unsafe=st.booleans())
def test_fix_never_changes_a_body_and_a_second_fix_changes_nothing(raw, unsafe):
    with tempfile.TemporaryDirectory() as folder:
        corpus = new_corpus(
            Path(folder), {SEED: raw, OTHER: seed_text(OTHER).encode("utf-8")}
        )
        path = corpus / "seeds" / f"{SEED}.txt"
        body = Document(path, raw).body
        flags = ["--no-cache", "--fix"] + (["--unsafe-fixes"] if unsafe else [])
        code, out, err = run_in_process(corpus, *flags)
        assert code in (0, 1), (out, err)
        assert Document(path, path.read_bytes()).body == body
        after_first = files_of(corpus)
        code, out, err = run_in_process(corpus, *flags)
        assert code in (0, 1), (out, err)
        assert files_of(corpus) == after_first
        checked(corpus)


SOUND_INDEX = None


def sound_index() -> bytes:
    global SOUND_INDEX
    if SOUND_INDEX is None:
        with tempfile.TemporaryDirectory() as folder:
            corpus = new_corpus(
                Path(folder),
                {SEED: SOUND_SEED, OTHER: seed_text(OTHER).encode("utf-8")},
            )
            run_in_process(corpus, "index")
            SOUND_INDEX = (corpus / "seeds" / "INDEX.md").read_bytes()
    return SOUND_INDEX


@st.composite
def index_bytes(draw) -> bytes:
    return draw(st.one_of(mutated(sound_index()), st.binary(max_size=300)))


@EXAMPLES
@given(raw=index_bytes(), fix=st.booleans())
def test_any_index_bytes_give_diagnostics_inside_the_file(raw, fix):
    with tempfile.TemporaryDirectory() as folder:
        corpus = new_corpus(
            Path(folder), {SEED: SOUND_SEED, OTHER: seed_text(OTHER).encode("utf-8")}
        )
        seeds = {
            p: (corpus / "seeds" / p).read_bytes()
            for p in (f"{SEED}.txt", f"{OTHER}.txt")
        }
        (corpus / "seeds" / "INDEX.md").write_bytes(raw)
        if fix:
            code, out, err = run_in_process(corpus, "--no-cache", "--fix")
            assert code in (0, 1), (out, err)
            assert all(
                (corpus / "seeds" / p).read_bytes() == b for p, b in seeds.items()
            )
        checked(corpus)


SOUND_CONFIG = (
    b'[tool.checks]\ncorpus = "seeds"\nselect = ["HDR", "CLM"]\nignore = ["CLM005"]\n'
    b'near-duplicate = 0.8\n[tool.checks.severity]\nCLM003 = "error"\n'
)
CONFIG_PIECES = [
    b"[tool.checks]\n",
    b"[tool.checks.severity]\n",
    b'select = ["XYZ"]\n',
    b"near-duplicate = 7\n",
    b'near-duplicate = "high"\n',
    b"corpus = 3\n",
    b'baseline = "/dev/null"\n',
    b"unknown = 1\n",
    b'CLM003 = "loud"\n',
    b"=",
    b'"',
    b"[",
    b"\x00",
    b"\xff",
]


@st.composite
def config_bytes(draw) -> bytes:
    data = bytearray(draw(st.sampled_from([SOUND_CONFIG, b""])))
    for _ in range(draw(st.integers(0, 5))):
        at = draw(st.integers(0, len(data)))
        if draw(st.booleans()):
            data[at:at] = draw(st.sampled_from(CONFIG_PIECES))
        else:
            data[at:at] = draw(st.binary(max_size=8))
    return bytes(data)


@EXAMPLES
@given(raw=config_bytes())
def test_any_configuration_gives_diagnostics_or_one_line_of_usage_error(raw):
    with tempfile.TemporaryDirectory() as folder:
        corpus = new_corpus(Path(folder), {SEED: SOUND_SEED})
        (corpus / "pyproject.toml").write_bytes(raw)
        code, out, err = run_in_process(corpus, "--no-cache", "--format", "json")
        if code == 2:
            assert out == "" and err.startswith("checks: error: "), (out, err)
            assert err.count("\n") == 1, err
        else:
            assert code in (0, 1), (code, out, err)
            assert_inside(corpus, json.loads(out))
