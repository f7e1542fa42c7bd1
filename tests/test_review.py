"""`checks show` and `checks stats`: a seed, and the corpus, as a reviewer
asks about them."""

import json

from conftest import run_checks, write_seed

A = "000_0123456789abcdef"
B = "001_1111111111111111"
C = "002_2222222222222222"
FLAGGED = (
    "Daria (not her real name) sells mussels at the quay, the harbour office "
    "told the Anholm Courier.\n"
)


def test_show_gives_a_seeds_header_hash_names_sources_and_findings(corpus):
    write_seed(corpus / "seeds", A, FLAGGED, title="Mussels")
    run_checks("index", cwd=corpus)
    seed = corpus / "seeds" / f"{A}.txt"
    seed.write_bytes(seed.read_bytes() + b"The stall closes in May.\n")
    shown = run_checks("show", A, "--format", "json", cwd=corpus)
    assert shown.code == 0, shown.err
    seen = json.loads(shown.out)
    assert seen["path"] == f"seeds/{A}.txt"
    assert seen["header"]["title"] == "Mussels"
    state = seen["hash"]
    assert state["header"] != state["body"] and not state["agrees"]
    assert state["index"] == state["header"][:12]
    assert seen["pseudonyms"] == {"declared": [], "flagged": ["Daria"]}
    assert seen["sources"] == {"declared": [], "cited": ["Anholm Courier"]}
    codes = {f["code"] for f in seen["findings"]}
    assert {"PRV001", "PSN001", "CLM004"} <= codes
    text = run_checks("show", f"seeds/{A}.txt", cwd=corpus).out
    assert text.startswith(f"seeds/{A}.txt\nheader:\n  id: {A}\n")
    assert (
        f"hash: the body's sha256 is {state['body'][:12]}, the header records {state['header'][:12]}, INDEX.md's row records {state['index']}\n"
        in text
    )
    assert "pseudonyms: declared none; flagged Daria\n" in text
    assert "sources: declared none; cited Anholm Courier\n" in text
    assert "PSN001 'Daria' is marked as not a real name" in text


def test_show_names_a_seed_that_is_not_there(corpus):
    run = run_checks("show", "009_9999999999999999", cwd=corpus)
    assert run.code == 1
    assert run.err == "checks show: no seed '009_9999999999999999' in seeds/\n"


def stats_corpus(corpus):
    write_seed(corpus / "seeds", A)
    write_seed(
        corpus / "seeds",
        B,
        FLAGGED,
        pseudonyms="[Daria]",
        cites="[Anholm Courier]",
        date="'2023-07-01'",
        language="de",
        accept="\n  - code: CLM004\n    reason: the outlet is named in the title",
    )
    write_seed(
        corpus / "seeds",
        C,
        "The ferry ran on time all week.\n",
        source="\n  name: Orrin Post\n  url: https://example.org/orrin\n  retrieved: '2024-03-02'",
    )
    assert run_checks("index", cwd=corpus).code == 0
    assert (
        run_checks("retract", C, "--reason", "a copy of another", cwd=corpus).code == 0
    )


def test_stats_counts_the_corpus_by_year_language_and_outlet(corpus):
    stats_corpus(corpus)
    run = run_checks("stats", "--format", "json", cwd=corpus)
    assert run.code == 0, run.err
    figures = json.loads(run.out)
    assert figures["seeds"] == 2 and figures["retracted"] == 1
    assert figures["amended"] == 0
    assert figures["pseudonymised"] == 1 and figures["pseudonymised_share"] == 0.5
    assert figures["by_year"] == {"2023": 1, "2024": 1}
    assert figures["by_language"] == {"en": 1, "de": 1}
    assert figures["by_outlet"] == {"Anholm Courier": 2}
    assert figures["accepted"] == {"CLM004": 1}
    assert figures["limits_crossed"] == []
    text = run_checks("stats", cwd=corpus).out
    assert "seeds: 2\nretracted: 1\namended: 0\nwith pseudonyms: 1 (50.0%)\n" in text


def test_stats_fails_when_a_limit_of_the_configuration_is_crossed(corpus):
    stats_corpus(corpus)
    (corpus / "pyproject.toml").write_text(
        '[tool.checks]\ncorpus = "seeds"\n\n[tool.checks.stats]\nmax-accepted = { CLM004 = 0.25 }\n'
    )
    run = run_checks("stats", cwd=corpus)
    assert run.code == 1
    assert run.err == (
        "checks stats: CLM004 is accepted in 50.0% of seeds (1 of 2), "
        "over the 25.0% [tool.checks.stats] max-accepted allows\n"
    )
    (corpus / "pyproject.toml").write_text(
        "[tool.checks]\n[tool.checks.stats]\nmax-accepted = { CLM004 = 0.5 }\n"
    )
    assert run_checks("stats", cwd=corpus).code == 0
    (corpus / "pyproject.toml").write_text(
        "[tool.checks]\n[tool.checks.stats]\nmax-accepted = { CLM004 = 2 }\n"
    )
    bad = run_checks("stats", cwd=corpus)
    assert bad.code == 2
    assert "stats max-accepted CLM004 must be a share from 0 to 1, not 2" in bad.err
