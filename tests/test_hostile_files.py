"""Hostile files in a corpus: huge files, binary and empty files, symbolic
links, odd file names, INDEX.md links that lead elsewhere.  `checks` reports
each with a file, a line and a code, reads nothing outside the corpus, and
never prints a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from conftest import BODY, WEIR, run_checks, seed_text, write_seed

A = "000_0123456789abcdef"
B = "001_1111111111111111"
SECRET = "correct horse battery staple"


def corpus_with_index(corpus):
    write_seed(corpus / "seeds", A)
    assert run_checks("index", cwd=corpus).code == 0
    return corpus


def test_a_file_of_hundreds_of_mb_is_refused_before_it_is_read(corpus):
    corpus_with_index(corpus)
    huge = corpus / "seeds" / f"{B}.txt"
    with open(huge, "wb") as stream:  # sparse: 600 MB that take no disk
        stream.truncate(600 * 1024 * 1024)
    # The run reports its own peak memory as it ends: VmHWM counts only what
    # the program touched, where the rusage of a child starts from its
    # parent's peak (Linux carries it across the fork and exec).
    report_peak = (
        "import sys; from checks.cli import main; code = main(sys.argv[1:]); "
        "sys.stderr.write(''.join(l for l in open('/proc/self/status') "
        "if l.startswith('VmHWM'))); sys.exit(code)"
    )
    process = subprocess.run(
        [sys.executable, "-c", report_peak, "--format", "json", "-j", "1"],
        cwd=corpus,
        capture_output=True,
        text=True,
    )
    assert process.returncode == 1, process.stderr
    report = json.loads(process.stdout)
    [unread] = [d for d in report["diagnostics"] if d["code"] == "ENC008"]
    assert unread["path"] == f"seeds/{B}.txt" and unread["line"] == 1
    assert "629,145,600 bytes, over the limit of 8,388,608" in unread["message"]
    # Not read into memory: the run stayed far below the file's size.
    peak_kib = int(process.stderr.split("VmHWM:")[1].split()[0])
    assert peak_kib < 300 * 1024
    # Nothing else is said of it: no rule ran on it.
    assert [
        d["code"] for d in report["diagnostics"] if B in d["message"] + d["path"]
    ] == ["ENC008"]


def test_the_size_limit_is_configurable(corpus):
    (corpus / "pyproject.toml").write_text(
        '[tool.checks]\ncorpus = "seeds"\nmax-seed-bytes = 100\n'
    )
    write_seed(corpus / "seeds", A)
    run = run_checks("--format", "json", "--select", "ENC,HDR", cwd=corpus)
    [d] = run.json["diagnostics"]
    assert d["code"] == "ENC008" and "over the limit of 100" in d["message"]
    (corpus / "pyproject.toml").write_text(
        '[tool.checks]\ncorpus = "seeds"\nmax-seed-bytes = "big"\n'
    )
    run = run_checks(cwd=corpus)
    assert run.code == 2 and "max-seed-bytes must be a whole number" in run.err


def test_binary_and_empty_files_are_reported_not_crashed_on(corpus):
    corpus_with_index(corpus)
    (corpus / "seeds" / f"{B}.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "seeds" / "002_2222222222222222.txt").write_bytes(b"")
    run = run_checks("--format", "json", cwd=corpus)
    assert run.code == 1 and "Traceback" not in run.err
    codes = {
        (d["path"].rsplit("/", 1)[-1][:3], d["code"]) for d in run.json["diagnostics"]
    }
    # Not UTF-8: only the rules that need no text run on it.
    assert ("001", "ENC001") in codes and ("002", "HDR001") in codes


def test_a_link_out_of_the_corpus_is_not_read(corpus, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    outside.write_text(seed_text(B, f"The key is {SECRET}.\n"))
    corpus_with_index(corpus)
    os.symlink(outside, corpus / "seeds" / f"{B}.txt")
    for fmt in ("text", "json", "sarif", "github"):
        run = run_checks("--format", fmt, cwd=corpus)
        assert run.code == 1 and SECRET not in run.out + run.err
    [d] = [
        d
        for d in run_checks("--format", "json", cwd=corpus).json["diagnostics"]
        if d["code"] == "ENC008"
    ]
    assert f"a symbolic link to {outside}, outside the corpus folder" in d["message"]
    # `checks pseudonyms` and `checks index` do not read it either.
    listing = run_checks("pseudonyms", "--format", "text", cwd=corpus)
    assert SECRET not in listing.out and "outside the corpus folder" in listing.out
    assert run_checks("index", cwd=corpus).code == 0
    assert SECRET not in (corpus / "seeds" / "INDEX.md").read_text()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_seed_swapped_for_a_fifo_during_the_run_cannot_hang_it(corpus):
    """Near-duplicates read two seeds' bodies again, after every seed was
    checked: that second read is bounded like the first, so a seed replaced
    meanwhile by a FIFO (or a link out, or a huge file) is not read."""
    write_seed(corpus / "seeds", A, WEIR)
    write_seed(corpus / "seeds", B, WEIR.replace("four months", "five months"))
    swap = f"""
import os
from checks.run.linter import Linter
checked = Linter.corpus_findings
def swapped(self, corpus, keep):
    path = os.path.join("seeds", "{B}.txt")
    os.unlink(path)
    os.mkfifo(path)
    return checked(self, corpus, keep)
Linter.corpus_findings = swapped
from checks.cli import main
raise SystemExit(main(["--no-cache", "--format", "json"]))
"""
    run = subprocess.run(
        [sys.executable, "-c", swap],
        cwd=corpus,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr
    codes = [d["code"] for d in json.loads(run.stdout)["diagnostics"]]
    assert "PRV003" not in codes  # B could not be read again to be compared


def test_a_link_that_leads_nowhere_is_reported(corpus):
    corpus_with_index(corpus)
    os.symlink(corpus / "gone.txt", corpus / "seeds" / f"{B}.txt")
    run = run_checks("--format", "json", cwd=corpus)
    [d] = [d for d in run.json["diagnostics"] if d["code"] == "ENC008"]
    assert d["path"] == f"seeds/{B}.txt" and "outside the corpus" in d["message"]


def test_a_link_within_the_corpus_is_read(corpus):
    (corpus / "seeds" / "drafts").mkdir(parents=True)
    write_seed(corpus / "seeds" / "drafts", B)
    os.symlink(corpus / "seeds" / "drafts" / f"{B}.txt", corpus / "seeds" / f"{B}.txt")
    run = run_checks("--format", "json", cwd=corpus)
    assert "ENC008" not in run.codes()


def test_a_linked_folder_is_not_followed(corpus, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / f"{B}.txt").write_text(f"{SECRET}\n")
    corpus_with_index(corpus)
    os.symlink(elsewhere, corpus / "seeds" / "more")
    run = run_checks("--format", "json", cwd=corpus)
    assert run.code == 0 and SECRET not in run.out
    assert run.json["summary"]["files"] == 2  # the seed and INDEX.md


ODD_NAMES = [
    "has space.txt",
    "-starts-with-dash.txt",
    "new\nline.txt",
    "tab\there.txt",
    "\u202egnp.txt",
    "caf\u00e9.txt",
    "\u65b0\u95fb.txt",
]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_odd_file_names_are_reported_in_every_format(corpus, fmt):
    corpus_with_index(corpus)
    for name in ODD_NAMES:
        (corpus / "seeds" / name).write_text(seed_text(A, BODY))
    os.mkdir(corpus / "seeds" / "sub")
    # A name that is not UTF-8 at all.
    with open(
        os.path.join(os.fsencode(corpus / "seeds" / "sub"), b"\xff\xfe.txt"), "w"
    ) as f:
        f.write(seed_text(A, BODY))
    run = run_checks("--format", fmt, cwd=corpus)
    assert run.code == 1 and "Traceback" not in run.err, run
    if fmt == "json":
        named = {d["path"] for d in run.json["diagnostics"] if d["code"] == "HDR013"}
        assert len(named) == len(ODD_NAMES) + 1
    elif fmt in ("sarif", "junit"):
        ET.fromstring(run.out) if fmt == "junit" else json.loads(run.out)
    else:
        # One line per diagnostic: a line break in a name does not split it.
        code = "title=HDR013 " if fmt == "github" else " HDR013 "
        lines = [line for line in run.out.splitlines() if code in line]
        assert len(lines) == len(ODD_NAMES) + 1
        assert all(line.startswith(("seeds/", "::")) for line in lines)


@pytest.mark.parametrize(
    "link",
    [
        "../elsewhere/secret.txt",
        "/etc/passwd",
        "file:///etc/passwd",
        "https://example.org/x.txt",
    ],
)
def test_index_links_out_of_the_corpus_are_reported_and_never_opened(corpus, link):
    (corpus / "elsewhere").mkdir()
    (corpus / "elsewhere" / "secret.txt").write_text(SECRET)
    corpus_with_index(corpus)
    index = corpus / "seeds" / "INDEX.md"
    index.write_text(index.read_text().replace(f"]({A}.txt)", f"]({link})"))
    run = run_checks("--format", "json", cwd=corpus)
    [d] = run.json["diagnostics"]
    assert d["code"] == "IDX004" and repr(link) in d["message"]
    assert SECRET not in run.out and "root:" not in run.out
    assert run_checks("--fix", cwd=corpus).code == 0
    assert f"]({A}.txt)" in index.read_text()


def test_an_index_that_links_out_of_the_corpus_is_not_read_nor_replaced(
    corpus, tmp_path_factory
):
    outside = tmp_path_factory.mktemp("elsewhere") / "INDEX.md"
    outside.write_text(f"{SECRET}\n")
    write_seed(corpus / "seeds", A)
    index = corpus / "seeds" / "INDEX.md"
    os.symlink(outside, index)
    for args in (["--format", "json"], ["--fix", "--format", "json"]):
        run = run_checks(*args, cwd=corpus)
        assert run.code == 1 and SECRET not in run.out
        [d] = run.json["diagnostics"]
        assert d["code"] == "IDX002" and "outside the corpus folder" in d["message"]
    assert run_checks("index", cwd=corpus).code == 1
    assert index.is_symlink() and outside.read_text() == f"{SECRET}\n"


def test_an_index_of_hundreds_of_mb_is_not_read_nor_replaced(corpus):
    write_seed(corpus / "seeds", A)
    index = corpus / "seeds" / "INDEX.md"
    with open(index, "wb") as stream:
        stream.truncate(300 * 1024 * 1024)
    run = run_checks("--fix", "--format", "json", cwd=corpus)
    [d] = run.json["diagnostics"]
    assert d["code"] == "IDX002" and "over the limit of 268,435,456" in d["message"]
    assert index.stat().st_size == 300 * 1024 * 1024
