"""Machine-readable reports (GitHub annotations, SARIF, JUnit), --output,
--statistics and the baseline, as a CI system and a maintainer meet them."""

import io
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import (
    BODY,
    REPO,
    new_corpus,
    run_checks,
    run_in_process,
    seed_text,
    write_seed,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.report.diagnostic import ORDER, Diagnostic, Fix, Severity, source_window
from checks.report.reporters import (
    JsonReporter,
    JunitReporter,
    SarifReporter,
    Summary,
    TextReporter,
    json_text,
    printable,
)

A = "000_0123456789abcdef"
B = "001_1111111111111111"
SARIF_SCHEMA = REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
BAD = (
    "The harbour wall gave way.\n\n"
    '"The sea came through in less than an hour, and nobody, not one person, was ready."\n'
)


@pytest.fixture
def findings(corpus):
    """A corpus with an error (CLM001) and a warning (HDR014), indexed."""
    write_seed(corpus / "seeds", A, BAD)
    write_seed(corpus / "seeds", B, "Snow closed the road above Vell.\n", source=None)
    assert run_checks("index", cwd=corpus).code == 0
    return corpus


def test_github_annotations_name_the_file_line_and_rule(findings):
    run = run_checks("--format", "github", cwd=findings)
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0] == (
        f"::error file=seeds/{A}.txt,line=12,col=1,endLine=12,endColumn=84,"
        "title=CLM001 quote-without-speaker::quote with no speaker: "
        '"The sea came through in less than an hour, and nobody, n...'
    )
    assert lines[1].startswith(f"::warning file=seeds/{B}.txt,line=1,col=1,")
    assert (
        "title=HDR014 incomplete-source::no source%3A" not in lines[1]
    )  # only properties are escaped
    assert lines[-1] == "Found 1 error, 1 warning in 2 of 3 files."


def test_sarif_is_valid_against_the_official_schema(findings):
    if not SARIF_SCHEMA.is_file():
        pytest.skip(
            f"the SARIF 2.1.0 schema is kept beside the repository, at {SARIF_SCHEMA}"
        )
    run = run_checks("--format", "sarif", cwd=findings)
    log = json.loads(run.out)
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    [sarif_run] = log["runs"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    rules = sarif_run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"CLM001", "HDR014", "PSN001"}
    clm = next(r for r in rules if r["id"] == "CLM001")
    assert "## What it does" in clm["help"]["text"]
    [error] = [r for r in sarif_run["results"] if r["level"] == "error"]
    assert error["ruleId"] == "CLM001" and rules[error["ruleIndex"]]["id"] == "CLM001"
    region = error["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (
        12,
        1,
        84,
    )


def test_sarif_columns_count_code_points(corpus):
    body = "Caf\u00e9 news.\n\n\U0001f600 \u201cThe river took the bridge, the road and the school with it.\u201d\n"
    write_seed(corpus / "seeds", A, body)
    run_checks("index", cwd=corpus)
    [result] = json.loads(run_checks("--format", "sarif", cwd=corpus).out)["runs"][0][
        "results"
    ]
    region = result["locations"][0]["physicalLocation"]["region"]
    # The emoji before the quote is one code point (two UTF-16 units, four bytes).
    assert (region["startColumn"], region["endColumn"]) == (3, 64)


def test_junit_has_a_failing_case_per_file_with_errors(findings):
    run = run_checks("--format", "junit", cwd=findings)
    suite = ET.fromstring(run.out).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("3", "1")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    failure = cases[f"seeds/{A}.txt"].find("failure")
    assert failure.get("type") == "CLM001"
    assert f"seeds/{A}.txt:12:1: CLM001" in failure.text
    assert cases[f"seeds/{B}.txt"].find("failure") is None
    assert "HDR014" in cases[f"seeds/{B}.txt"].find("system-out").text


def test_output_writes_the_report_and_prints_a_summary(findings):
    run = run_checks("--format", "sarif", "--output", "report.sarif", cwd=findings)
    assert run.code == 1
    assert (
        run.out
        == "Found 1 error, 1 warning in 2 of 3 files. Report written to report.sarif.\n"
    )
    assert json.loads((findings / "report.sarif").read_text())["version"] == "2.1.0"


def test_statistics_count_per_rule(findings):
    run = run_checks("--statistics", cwd=findings)
    assert run.out == (
        "1  CLM001  quote-without-speaker\n"
        "1  HDR014  incomplete-source\n"
        "Found 1 error, 1 warning in 2 of 3 files.\n"
    )


def test_a_baseline_lets_only_new_findings_fail_and_shrinks(findings):
    (findings / "pyproject.toml").write_text(
        '[tool.checks]\ncorpus = "seeds"\nbaseline = "checks-baseline.json"\n'
    )
    said = run_checks("baseline", cwd=findings).out
    assert said.startswith("Recorded 2 findings in ") and said.count("\n") == 1
    recorded = json.loads((findings / "checks-baseline.json").read_text())["findings"]
    assert [(e["path"], e["code"]) for e in recorded] == [
        (f"seeds/{A}.txt", "CLM001"),
        (f"seeds/{B}.txt", "HDR014"),
    ]
    assert run_checks(cwd=findings).out == "All checks passed (3 files).\n"
    # Lines added above the finding move it; its fingerprint stays.
    seed = findings / "seeds" / f"{A}.txt"
    seed.write_text(
        seed.read_text().replace(
            "The harbour wall gave way.", "Storm.\n\nThe harbour wall gave way."
        )
    )
    run_checks(
        "--fix", "--select", "HDR", cwd=findings
    )  # no hash fix: the body changed
    run = run_checks("--format", "json", "--select", "CLM", cwd=findings)
    assert run.codes() == []
    # A new finding fails; a finding that went away is reported as stale.
    write_seed(
        findings / "seeds",
        B,
        'Snow closed the road.\n\n"Nobody came to clear it for a whole week."\n',
    )
    run = run_checks("--format", "json", "--select", "CLM,HDR", cwd=findings)
    assert run.codes() == ["CLM001"] and run.code == 1
    assert run.json["summary"]["baseline_stale"] == 1
    assert "1 baseline entry no longer match" in run.err
    assert f"seeds/{B}.txt: HDR014" in run.err


def test_a_baseline_the_configuration_does_not_name_is_said_to_be_unused(findings):
    recorded = run_checks("baseline", cwd=findings)
    assert recorded.out.splitlines()[1] == (
        '`checks` uses it once [tool.checks] says baseline = "checks-baseline.json" '
        "(or with --baseline checks-baseline.json)."
    )
    assert run_checks(cwd=findings).code == 1  # not read: the findings still fail
    assert run_checks("--baseline", "checks-baseline.json", cwd=findings).code == 0


def test_a_baseline_named_on_the_command_line_must_exist(findings):
    run = run_checks("--baseline", "missing.json", cwd=findings)
    assert run.code == 2
    assert run.err.startswith("checks: error: missing.json: cannot read the baseline")


SUMMARY = re.compile(
    r"^Found .* in (\d+) of (\d+) files?"
    r"(?: \((?:(\d+) fixable with `checks --fix`)?(?:; )?"
    r"(?:(\d+) (?:more )?with `checks --fix --unsafe-fixes`, to review)?\))?\.$"
)
KINDS = {
    "sound": lambda stem: seed_text(stem),
    "legacy": lambda stem: " date 2022-12-13 " + BODY,
    "no header": lambda stem: BODY,
    "bad hash": lambda stem: seed_text(stem, sha256="0" * 64),
    "pseudonym": lambda stem: seed_text(stem, "Daria (name changed) left.\n"),
    "accepts a copy": lambda stem: seed_text(
        stem, accept="\n  - rule: PRV002\n    reason: kept as sent"
    ),
}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    kinds=st.lists(st.sampled_from(sorted(KINDS)), max_size=4),
    index=st.sampled_from(["written", "missing", "empty"]),
    named=st.lists(st.integers(0, 3), max_size=3),
    select=st.sampled_from([[], ["--select", "HDR"], ["--select", "IDX,PRV"]]),
)
def test_the_summary_adds_up_whatever_the_corpus(kinds, index, named, select):
    """'in F of M files' never has F > M, and what it calls fixable is what
    the report marks [*]; unsafe fixes are counted apart."""
    with tempfile.TemporaryDirectory() as folder:
        corpus = new_corpus(Path(folder))
        stems = [f"{n:03d}_{n + 1:016x}" for n in range(len(kinds))]
        for stem, kind in zip(stems, kinds):
            (corpus / "seeds" / f"{stem}.txt").write_text(KINDS[kind](stem))
        if index != "missing":
            run_in_process(corpus, "index")
        if index == "empty":
            (corpus / "seeds" / "INDEX.md").write_text("")
        paths = sorted({f"seeds/{stems[n]}.txt" for n in named if n < len(stems)})
        args = ["--no-cache", *select, *paths]
        code, text, _ = run_in_process(corpus, *args)
        code, out, _ = run_in_process(corpus, "--format", "json", *args)
    report = json.loads(out)
    last = text.splitlines()[-1]
    if not report["diagnostics"]:
        assert last.startswith("All checks passed"), text
        return
    found = SUMMARY.match(last)
    assert found, last
    with_findings, files = int(found[1]), int(found[2])
    assert with_findings == len({d["path"] for d in report["diagnostics"]})
    assert with_findings <= files == report["summary"]["files"]
    marked = sum(" [*] " in line for line in text.splitlines())
    safe = sum(d["fixable"] for d in report["diagnostics"])
    unsafe = sum(d["unsafe_fix"] for d in report["diagnostics"])
    assert int(found[3] or 0) == safe == marked == report["summary"]["fixable"]
    assert int(found[4] or 0) == unsafe == report["summary"]["unsafe_fixable"]


# Any text a path or message can hold: control characters, quotes,
# backslashes, non-ASCII and the lone surrogates that stand for the bytes of a
# name that is not UTF-8 (U+DC80 to U+DCFF, as os.fsdecode gives them).
_TEXT = st.text(
    st.characters(codec="utf-8")
    | st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),
    max_size=30,
)
_DIAGNOSTICS = st.builds(
    Diagnostic,
    path=_TEXT,
    line=st.integers(1, 10**6),
    column=st.integers(1, 10**4),
    end_line=st.integers(1, 10**6),
    end_column=st.integers(1, 10**4),
    code=st.sampled_from(["HDR001", "CLM003", "XYZ999"]),
    name=st.sampled_from(["missing-header", "weasel-attribution"]),
    severity=st.sampled_from(list(Severity)),
    message=_TEXT,
    fix=st.sampled_from([None, Fix("f", (), True), Fix("f", (), False)]),
    source=_TEXT,
)


@settings(max_examples=300, deadline=None)
@given(diagnostics=st.lists(_DIAGNOSTICS, max_size=4))
def test_the_streamed_json_report_is_the_json_of_its_diagnostics(diagnostics):
    """The JSON report is written a diagnostic at a time; it must read as
    json.dumps writes the whole, byte for byte."""
    stream = io.StringIO()
    summary = Summary.of(1, diagnostics, 0)
    JsonReporter(stream).report(diagnostics, [], summary)
    whole = {
        "diagnostics": [d.as_dict() for d in diagnostics],
        "summary": summary.as_dict(),
    }
    assert stream.getvalue() == json_text(whole, indent=2) + "\n"


@settings(max_examples=100, deadline=None)
@given(diagnostics=st.lists(_DIAGNOSTICS, max_size=3))
def test_the_streamed_sarif_report_reads_back_as_its_diagnostics(diagnostics):
    stream = io.StringIO()
    SarifReporter(stream).report(diagnostics, [], Summary.of(1, diagnostics, 0))
    [run] = json.loads(stream.getvalue())["runs"]
    assert [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in run["results"]
    ] == [(d.code, d.line) for d in diagnostics]
    assert [r["message"]["text"] for r in run["results"]] == [
        printable(d.message) for d in diagnostics
    ]


def _printed(source: str, source_start: int, column: int, end: tuple[int, int]) -> str:
    d = Diagnostic(
        "a.txt",
        1,
        column,
        *end,
        "CLM003",
        "w",
        Severity.WARNING,
        "m",
        None,
        source,
        source_start,
    )
    stream = io.StringIO()
    TextReporter(stream).report([d], [], Summary.of(1, [d], 0))
    return stream.getvalue()


@pytest.mark.parametrize("size", [199, 200, 201, 202, 241, 242, 330])
def test_an_excerpt_from_the_kept_window_is_the_excerpt_from_the_whole_line(size):
    """A diagnostic keeps only the part of a long line its excerpt can show;
    what the text report prints must be what the whole line would give, for
    a span at every column, on one line or running on to the next."""
    line = "".join("ab \u00e9\u4e2d\u200b"[i * 7 % 6] for i in range(size))
    for start in range(size + 1):
        column = start + 1
        for end in [
            *((1, min(size, start + n) + 1) for n in (0, 1, 5, 81, 200)),
            (2, 1),
        ]:
            on_line = end[1] if end[0] == 1 else column
            window, cut = source_window(line, column, on_line)
            expected = _printed(line, 0, column, end)
            assert _printed(window, cut, column, end) == expected, (start, end)


@settings(max_examples=200, deadline=None)
@given(diagnostics=st.lists(_DIAGNOSTICS, max_size=6), files=st.integers(0, 8))
def test_the_streamed_junit_report_has_a_case_per_file_with_its_errors(
    diagnostics, files
):
    diagnostics = sorted(diagnostics, key=ORDER)
    stream = io.StringIO()
    summary = Summary.of(files, diagnostics, 0)
    JunitReporter(stream).report(diagnostics, [], summary)
    [suite] = ET.fromstring(stream.getvalue().encode("utf-8", "surrogatepass"))
    paths = sorted({d.path for d in diagnostics})
    cases = suite.findall("testcase")
    passed = files - len(paths)
    assert [c.get("name") for c in cases] == [printable(p) for p in paths] + (
        [f"{passed} more files without findings"] if passed > 0 else []
    )
    failing = [
        p
        for p in paths
        if any(d.path == p and d.severity is Severity.ERROR for d in diagnostics)
    ]
    assert suite.get("failures") == str(len(failing))
    assert suite.get("tests") == str(max(files, len(paths)))
    for case, path in zip(cases, paths):
        errors = [
            d for d in diagnostics if d.path == path and d.severity is Severity.ERROR
        ]
        failure = case.find("failure")
        assert (failure is not None) == bool(errors)
        if errors:
            assert failure.get("type") == errors[0].code
