"""Unattributed claims: the detectors' figures, what `checks` says of the
first seed, and the CLM rules as a user meets them."""

import json
import subprocess
import sys

import pytest
from conftest import REPO, lint, run_checks, run_in_process, seed_text, write_seed

from checks.detect.claims import analyse
from checks.detect.prose import read_prose

A = "000_0123456789abcdef"
DATA = REPO / "tests" / "data"


def figures(name, *extra):
    run = subprocess.run(
        [
            sys.executable,
            REPO / "benchmarks" / "claims.py",
            "--json",
            "--labelled",
            DATA / name,
            "--shared",
            REPO / "tests" / "no-such-folder",
            *extra,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


@pytest.mark.parametrize("name", ["claims.jsonl", "claims-heldout.jsonl"])
def test_each_rule_meets_its_targets_on_the_labelled_passages(name):
    result = figures(name)
    for code in ("CLM001", "CLM002", "CLM003", "CLM004", "CLM006"):
        assert result[code]["precision"] >= 0.90, (code, result[code])
    assert result["CLM001"]["recall"] >= 0.80
    assert result["CLM003"]["recall"] >= 0.80


def test_the_labelled_set_is_large_with_hard_cases_both_ways():
    cases = [
        json.loads(line) for line in (DATA / "claims.jsonl").read_text().splitlines()
    ]
    assert len(cases) >= 150
    keys = ("quote_without_speaker", "unattributed_claim", "weasel_attribution")
    with_findings = [c for c in cases if any(c[k] for k in keys)]
    clean = [
        c for c in cases if not any(c[k] for k in keys) and not c["unbalanced_quote"]
    ]
    assert len(with_findings) >= 60 and len(clean) >= 60


def test_the_first_seed_has_exactly_the_mixed_quote_marks_and_accepts_them():
    raw = (REPO / "seeds" / "000_972d40d4eaee384f.txt").read_bytes()
    body = raw.split(b"\n---\n", 1)[1]
    claims = analyse(body.decode(), body)
    assert [p.message for p in claims.quote_problems] == [
        "a quote opened with '\"' is closed with '\u201d'"
    ]
    assert claims.quotes_without_speaker == claims.unattributed == claims.weasels == []
    assert claims.source_names == ["BBC"]
    # The header accepts that finding after review; the entry is used, so
    # nothing is reported at all (an unused entry would be HDR015).
    run = run_checks("--format", "json", cwd=REPO)
    assert run.json["diagnostics"] == []


def test_quotes_in_every_style_and_over_paragraphs():
    text = (
        "«Le pont est fermé», a dit le maire. He added: \u201cWe will rebuild it.\u201d\n\n"
        '"First the sirens," said Omar. "Then the lights went out.\n\n'
        '"By morning the street was full of glass."\n\n'
        "\u201cI told him: \u2018Stay inside,\u2019 but he went out,\u201d his wife said. "
        "The soldiers' families waited."
    )
    prose = read_prose(text)
    quoted = [text[q.start : q.end] for q in prose.quotes]
    assert quoted[0] == "«Le pont est fermé»"
    assert '"Then the lights went out.' in quoted
    assert prose.quotes[3].runs_on and prose.quotes[4].continues
    assert quoted[-1].startswith("\u201cI told him") and quoted[-1].endswith(
        "out,\u201d"
    )
    assert prose.problems == []


def test_a_quote_without_a_speaker_is_an_error_on_the_quote():
    body = 'The wall gave way on Tuesday.\n\n"The sea came through in less than an hour."\n'
    [d] = lint(seed_text(A, body), "CLM")
    assert (d.code, d.severity.value, d.line, d.column, d.end_column) == (
        "CLM001",
        "error",
        12,
        1,
        45,
    )
    assert (
        d.message
        == 'quote with no speaker: "The sea came through in less than an hour."'
    )


def test_a_reviewed_claim_is_accepted_with_its_reason():
    body = "The storm reached the town.\n\nMore than 200 homes were flooded along the quay.\n"
    accept = (
        "\n- code: CLM002\n  text: More than 200 homes were flooded along the quay."
        "\n  reason: counted by our reporter on the day"
    )
    assert [d.code for d in lint(seed_text(A, body), "CLM")] == ["CLM002"]
    assert lint(seed_text(A, body, accept=accept), "CLM,HDR") == []
    # With the claim gone, the entry accepts nothing, and says so.
    other = body.replace("More than 200", "Two")
    [unused] = lint(seed_text(A, other, accept=accept), "CLM,HDR")
    assert (unused.code, unused.message) == (
        "HDR015",
        "accept entry for CLM002 matches no finding",
    )


def test_unsafe_fix_declares_the_cited_sources_and_says_so(corpus):
    body = "The harbour stays closed, the Port Authority said. Reuters reported the closure first.\n"
    path = write_seed(corpus / "seeds", A, body, cites="[Coast Guard]")
    run = run_checks("--format", "json", "--select", "CLM", cwd=corpus)
    assert sorted(run.codes()) == ["CLM004", "CLM004", "CLM005"]
    before = path.read_bytes()
    assert run_checks("--fix", "--select", "CLM", cwd=corpus).code == 1
    assert path.read_bytes() == before
    fixed = run_checks("--fix", "--unsafe-fixes", "--select", "CLM004", cwd=corpus)
    assert fixed.code == 0, fixed
    assert (
        f"seeds/{A}.txt: fixed: added Port Authority, Reuters to the header's cites, for review"
        in fixed.out
    )
    assert "cites: [Coast Guard, Port Authority, Reuters]\n" in path.read_text()
    assert path.read_text().endswith(body)


def test_a_seed_not_in_english_gets_one_note():
    french = '"Nous resterons ici jusqu\'au printemps prochain."\n'
    found = lint(seed_text(A, french, language="fr"), "CLM")
    assert [(d.code, d.severity.value) for d in found] == [("CLM007", "info")]


def test_weasel_words_inside_a_quote_are_the_speakers_own():
    body = (
        '"Experts say the wall is safe, but nobody believes them," said Ines Harlow.\n'
    )
    assert lint(seed_text(A, body), "CLM") == []


def test_sentences_end_where_a_reader_expects():
    cases = [
        json.loads(line) for line in (DATA / "sentences.jsonl").read_text().splitlines()
    ]
    from checks.detect.prose import split_sentences

    wrong = [
        c["text"]
        for c in cases
        if [c["text"][s:e] for s, e in split_sentences(c["text"], 0, len(c["text"]))]
        != c["sentences"]
    ]
    assert len(cases) >= 30 and wrong == []


def test_checks_new_names_the_cite_options(corpus, tmp_path):
    text = tmp_path / "story.txt"
    text.write_text(
        "The harbour stays closed until May, the Port Authority said in a statement.\n"
    )
    run = run_checks("new", text, "--date", "2024-03-01", cwd=corpus)
    assert run.code == 1
    assert "add: --cite 'Port Authority'" in run.err


def test_the_figure_shortcut_agrees_with_its_pattern_on_every_short_text():
    """A reporting word after "a" or "an" describes a figure ("an estimated
    12,000"); most words are cleared by a look at the two characters before
    them, the rest by the pattern.  Every text of up to five characters from
    an alphabet of the cases that matter gets the pattern's answer."""
    import itertools

    from checks.detect.claims import _ADJECTIVAL, _adjectival

    alphabet = "aAnNx. \t\r\u00a0"
    for length in range(6):
        for chars in itertools.product(alphabet, repeat=length):
            text = "".join(chars) + "estimated 40"
            expected = _ADJECTIVAL.search(text, max(0, length - 4), length) is not None
            assert _adjectival(text, length) == expected, repr(text)


def test_without_the_shared_corpora_the_real_text_figures_say_they_are_skipped():
    run = subprocess.run(
        [
            sys.executable,
            REPO / "benchmarks" / "claims.py",
            "--real-only",
            "--shared",
            REPO / "tests" / "no-such-folder",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "weasel attribution on Wikipedia: skipped" in run.stdout
    assert "quotes in PolNeAR news: skipped" in run.stdout


def _tied(text):
    """Each quote's words with its speaker's and cue's, as written."""
    claims = analyse(text)
    return [
        (
            a.quote.inner(text),
            a.speaker and text[a.speaker[0] : a.speaker[1]],
            a.cue and text[a.cue[0] : a.cue[1]],
        )
        for a in claims.attributions
    ]


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        (
            '"The ferry will not run on Sunday," Odile Marchetti said.',
            "Odile Marchetti",
            "said",
        ),
        (
            '"The ferry will not run on Sunday," said the harbour master.',
            "the harbour master",
            "said",
        ),
        ('"The ferry will not run on Sunday," she told the council.', "she", "told"),
        (
            '"Why close it now?" asked a fisherman on the quay.',
            "a fisherman on the quay",
            "asked",
        ),
        (
            '"The ferry will not run on Sunday." \u2015 Odile Marchetti',
            "Odile Marchetti",
            "\u2015",
        ),
        (
            '"The ferry will not run," according to Odile Marchetti.',
            "Odile Marchetti",
            "according to",
        ),
        (
            '"It is a loss for the island," as one skipper put it.',
            "one skipper",
            "put it",
        ),
        (
            'Odile Marchetti said: "The ferry will not run on Sunday."',
            "Odile Marchetti",
            "said",
        ),
        (
            'Odile Marchetti: "The ferry will not run on Sunday."',
            "Odile Marchetti",
            ":",
        ),
        (
            'A neighbour commented: "The ferry will not run again."',
            "A neighbour",
            "commented",
        ),
        (
            'Odile Marchetti (Harbour Board) wrote in a statement that "the ferry will not run."',
            "Odile Marchetti",
            "wrote",
        ),
        (
            'Odile Marchetti called the closure "a loss for every family here."',
            "Odile Marchetti",
            "called",
        ),
        (
            'In a letter to the council, Odile Marchetti, the harbour master, tweeted that "the ferry is done."',
            "Odile Marchetti, the harbour master",
            "tweeted",
        ),
        (
            'The skipper spoke for an hour, adding "we have nothing left to sell."',
            "The skipper",
            "adding",
        ),
        ('"The ferry is done," the skipper sang.', "the skipper", "sang"),
        (
            '"The ferry is done," said Sen. Odile Marchetti.',
            "Sen. Odile Marchetti",
            "said",
        ),
        (
            '"The ferry is done," Odile Marchetti (Harbour Board) recalls.',
            "Odile Marchetti",
            "recalls",
        ),
        (
            '"The ferry is done," a skipper, Piet Laan told the radio.',
            "a skipper",
            "told",
        ),
        (
            '"The ferry is done and the quay is for sale." [Anholm Courier.]',
            "Anholm Courier",
            "[",
        ),
        (
            '"It is done" unless the board pays, said the harbour master.',
            "the harbour master",
            "said",
        ),
        (
            'The harbour board blamed the closure on "a decade of neglect by the county."',
            "The harbour board",
            "blamed",
        ),
    ],
)
def test_a_quote_is_tied_to_the_speaker_and_cue_that_introduce_it(text, speaker, cue):
    assert _tied(text)[0][1:] == (speaker, cue)


def test_a_speaker_goes_on_to_the_quotes_that_follow_and_to_a_reopened_quote():
    text = (
        '"We sail at six," said Odile Marchetti. "The tide will not wait."\n\n'
        '"And nobody has told us why the ferry is stopping.\n\n'
        '"Not one letter has come from the board."'
    )
    assert [s for _, s, _ in _tied(text)] == ["Odile Marchetti"] * 4


def test_a_reporting_word_that_is_not_linked_to_a_quote_attributes_nothing():
    for text in (
        '"Leave the island before winter." No one has said who wrote the note.',
        'Records show the ferry ran every day.\n\n"Leave the island before winter or regret it."',
    ):
        claims = analyse(text)
        assert [text[s:e] for s, e in claims.quotes_without_speaker] == [
            text[text.index('"') : text.rindex('"') + 1]
        ], text


def test_a_quote_after_a_linking_verb_has_no_speaker():
    text = 'The plan was "a disaster for every family on the island."'
    assert analyse(text).quotes_without_speaker == [(13, len(text))]


def test_a_capitalised_reporting_word_inside_a_name_is_no_cue():
    text = 'The United States has "a duty to the island and its ferry."'
    assert [t for t in _tied(text)][0][1:] != ("The United", "States")


def test_titles_and_short_terms_in_quotes_are_not_claims():
    text = 'The band closed with "Down by the Old Mill Stream" and called it "a rest".'
    assert analyse(text).quotes_without_speaker == []


@pytest.mark.parametrize(
    "text, flagged",
    [
        (
            "It is believed that the bridge was first built by Anton Weller.",
            "It is believed",
        ),
        (
            "Some critics have inferred that Marlow borrowed the plot.",
            "Some critics have inferred",
        ),
        (
            "The chapel is considered by many to be the finest in Brandt County.",
            "is considered",
        ),
        (
            "Several commentators have drawn parallels with the 1931 flood.",
            "Several commentators",
        ),
        ("The harbour was probably built before the war.", "probably"),
        ("There are reports that the quay was sold.", "There are reports"),
        ("The quay may have been sold before the war.", "may have been"),
        ("Scholars have tended to date the chapel too early.", "Scholars have tended"),
        ("The chapel has been called the finest in the county.", "has been called"),
        ("The mill was built by a family said to have been millers.", "said to have"),
        ("There is no consensus among historians on the date.", "no consensus among"),
        ("Arguments exist that the quay was never finished.", "Arguments exist"),
        ("The date is taken by some authorities as 1820.", "taken by some authorities"),
        (
            "Because of its colour, people often call it the red mill.",
            "people often call it",
        ),
        (
            "Former harbour staff claim the quay was sold in secret.",
            "Former harbour staff claim",
        ),
        (
            "A growing body of evidence links the mill to the fire.",
            "A growing body of evidence",
        ),
        ("Experts declare the quay unsafe.", "Experts declare"),
        # a finding is not someone's words: it does not excuse the adverb
        ("When the board found out, the keeper allegedly left.", "allegedly"),
        (
            "The chapel is considered by Edith Moss to be the finest in the county.",
            None,
        ),
        (
            "The chapel, it is believed, was finished in 1820, the parish council said.",
            None,
        ),
        ("The critics of the plan argue that it costs too much.", None),
        ("Several of the soldiers said they had not been paid.", None),
    ],
)
def test_a_weasel_cue_is_excused_only_by_its_own_agent(text, flagged):
    found = [text[s:e] for s, e in analyse(text).weasels]
    assert found == ([flagged] if flagged else []), found


def test_checks_quotes_lists_each_quote_with_its_speaker_and_cue(corpus):
    body = (
        "The ferry to Anholm stops next month.\n\n"
        '"We sail at six," said Odile Marchetti.\n\n'
        "The last boat leaves at noon.\n\n"
        '"Leave the island before winter or regret it."\n'
    )
    write_seed(corpus / "seeds", A, body)
    code, out, err = run_in_process(corpus, "quotes", "--format", "json")
    assert code == 0, err
    [seed] = json.loads(out)
    assert seed["path"] == f"seeds/{A}.txt"
    first, second = seed["quotes"]
    assert first["text"] == '"We sail at six,"'
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (
        first["line"],
        1,
        first["line"],
        18,
    )
    assert first["speaker"]["text"] == "Odile Marchetti"
    assert first["speaker"]["line"] == first["line"]
    assert first["speaker"]["column"] == 24
    assert first["cue"]["text"] == "said" and first["cue"]["column"] == 19
    assert second["speaker"] is None and second["cue"] is None
    lines = (corpus / "seeds" / f"{A}.txt").read_text().splitlines()
    assert lines[first["line"] - 1].startswith('"We sail at six,"')
    # The same quote with no speaker is what CLM001 reports, at the same place.
    run = run_checks("--format", "json", "--select", "CLM001", cwd=corpus)
    [diagnostic] = run.json["diagnostics"]
    assert (diagnostic["line"], diagnostic["column"]) == (
        second["line"],
        second["column"],
    )
    code, out, _ = run_in_process(corpus, "quotes")
    assert f"seeds/{A}.txt:{second['line']}:1: " in out and "NO SPEAKER" in out
    assert "'Odile Marchetti' ('said' at" in out


@pytest.mark.parametrize(
    "quote",
    [
        "\u201eLeave the island before winter or regret it.\u201c",
        "\u2039Leave the island before winter or regret it.\u203a",
        "\u2033Leave the island before winter or regret it.\u2033",
        "\uff02Leave the island before winter or regret it.\uff02",
    ],
)
def test_quotes_in_every_style_are_read_and_need_a_speaker(quote):
    claims = analyse(f"The note was pinned to the door. {quote}")
    assert claims.quote_problems == []
    [(start, end)] = claims.quotes_without_speaker
    assert claims.prose.text[start:end] == quote
    tagged = analyse(f"{quote[:-2]},{quote[-1]} the harbour master said.")
    assert tagged.quotes_without_speaker == []


def test_dialogue_led_by_a_dash_is_speech_when_a_tag_says_so():
    dialogue = (
        "\u2014 Where are you taking the boat? \u2014 asked the harbour master.\n\n"
        "\u2014 To the island, before the storm comes in tonight."
    )
    speakers = [
        dialogue[a.speaker[0] : a.speaker[1]] for a in analyse(dialogue).attributions
    ]
    assert speakers == ["the harbour master", "the harbour master"]
    # A list led by dashes, with no tag, is not dialogue.
    listing = (
        "\u2014 The council voted to close the quay at the end of the month.\n\n"
        "\u2014 The ferry will stop running on Sunday."
    )
    assert analyse(listing).prose.quotes == []


SHARED = REPO.parent / "shared" / "corpora"


@pytest.mark.skipif(
    not (SHARED / "polnear-train").is_dir(), reason="../shared/corpora is not here"
)
def test_on_real_text_the_claim_rules_meet_their_targets():
    run = subprocess.run(
        [sys.executable, REPO / "benchmarks" / "claims.py", "--json", "--real-only"],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(run.stdout)
    weasel, quotes = figures["weasel"], figures["quotes"]
    assert weasel["precision_equal_classes"] >= 0.85, weasel
    assert weasel["recall"] >= 0.55, weasel
    assert quotes["flagged_share"] <= 0.05, quotes
    assert quotes["speaker_share"] >= 0.85, quotes
    assert quotes["cut_flagged_share"] >= 0.85, quotes


def test_checks_quotes_lists_a_seed_it_cannot_read_with_no_quotes(corpus):
    write_seed(
        corpus / "seeds", A, '"Wir fahren nicht mehr," sagte sie.\n', language="de"
    )
    code, out, err = run_in_process(corpus, "quotes", "--format", "json")
    assert code == 0, err
    assert json.loads(out) == [
        {
            "path": f"seeds/{A}.txt",
            "checked": False,
            "reason": "not English",
            "quotes": [],
        }
    ]
    code, out, _ = run_in_process(corpus, "quotes")
    assert out == f"seeds/{A}.txt: not checked (not English)\n"


@pytest.mark.parametrize("separator", ["\n\n", "\r\r", "\r\n\r\n", "\u2029", "\n \n"])
def test_every_paragraph_break_a_reader_sees_separates_paragraphs(separator):
    text = separator.join(
        [
            "Ferry to stop",
            "The last boat leaves the quay on Sunday.",
            '"Leave the island before winter or regret it."',
        ]
    )
    claims = analyse(text)
    assert len(claims.prose.paragraphs) == 3
    assert claims.prose.is_heading(0) and not claims.prose.is_heading(1)
    [(start, end)] = claims.quotes_without_speaker
    assert text[start:end] == '"Leave the island before winter or regret it."'


def _texts_with_quotes():
    for name in ("claims.jsonl", "claims-heldout.jsonl", "pseudonyms.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            yield json.loads(line)["text"]
    yield (REPO / "seeds" / "000_972d40d4eaee384f.txt").read_text(encoding="utf-8")
    speakers = ["he", "she", "I", "Ana", "Ana Ruiz", "Sen. Ruiz", "Monday", "Sterling"]
    speakers += [
        "the mayor",
        "Ana Ruiz of the Vell Herald",
        "Ana Ruiz (R-Vell)",
        "J. Ruiz",
    ]
    for who in speakers:
        for cue in ("said", "says", "told", "asked", "noted", "wrote"):
            for end in (".", ",", "!", " on Monday."):
                yield f'"The ferry is done for this year," {who} {cue}{end}'
                yield f'"The ferry is done for this year," {cue} {who}{end}'
                yield f'"Why is the ferry done?" {cue} {who}{end}'
    polnear = SHARED / "polnear-train" / "text"
    if polnear.is_dir():
        for path in sorted(polnear.glob("*.txt")):
            yield path.read_text(encoding="utf-8")


def test_the_pattern_for_common_tags_agrees_with_the_reader_of_tokens(monkeypatch):
    from checks.detect import attribution

    cases = []
    for text in _texts_with_quotes():
        prose = read_prose(text)
        for n, q in enumerate(prose.quotes):
            limit = (
                prose.quotes[n + 1].start if n + 1 < len(prose.quotes) else len(text)
            )
            cases.append((text, q, limit, attribution._after(text, q, limit)))
    common = attribution._common_tag
    used = []
    monkeypatch.setattr(
        attribution,
        "_common_tag",
        lambda *args: used.append(common(*args)) or None,
    )
    for text, q, limit, fast in cases:
        used.clear()
        full = attribution._after(text, q, limit)
        assert fast == full, (text[q.start : q.end + 80], fast, full)
    # The pattern did read a good share of them.
    assert sum(1 for text, q, limit, fast in cases if common(text, q.end, limit)) > 100
