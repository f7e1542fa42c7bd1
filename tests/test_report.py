"""`checks report`: the HTML page, opened from disk in headless Chromium
(Debian's, driven by Playwright) and used as a reviewer uses it."""

import os
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_checks, write_seed

sys.path.insert(0, str(REPO / "benchmarks"))
from browser import CHROMIUM, launch  # noqa: E402

CLEAN = "000_0000000000000000"
FOUND = "001_1111111111111111"
HOSTILE = "002_2222222222222222"
FOUND_BODY = (
    "Daria (not her real name) sells mussels at the quay.\n\n"
    '"We sell what the boats bring in every morning," Daria said.\n\n'
    "Her stall is reportedly the oldest in Anholm.\n"
)
HOSTILE_BODY = (
    'The page said <script>window.pwned = 1</script> and "><img src=x '
    'onerror="window.pwned = 2"> and </script><script>window.pwned = 3</script>, '
    "the harbour office said.\n"
)


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    """A report of three seeds: a clean one, one with findings (one of them
    accepted), and one whose text and title are markup."""
    from conftest import new_corpus

    corpus = new_corpus(tmp_path_factory.mktemp("report"))
    write_seed(corpus / "seeds", CLEAN)
    write_seed(
        corpus / "seeds",
        FOUND,
        FOUND_BODY,
        accept="\n  - code: CLM003\n    reason: the oldest stall is common knowledge here",
    )
    write_seed(
        corpus / "seeds",
        HOSTILE,
        HOSTILE_BODY,
        title='\'<script>window.pwned = 4</script>"><b onmouseover="window.pwned=5">\'',
    )
    assert run_checks("index", cwd=corpus).code == 0
    done = run_checks("report", "-o", "page.html", cwd=corpus)
    assert done.code == 0, done.err
    assert done.out.startswith("Report written to page.html: 3 seeds, ")
    return corpus / "page.html"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        why = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CHECKS_NEED_CHROMIUM"):  # .ci/run installs it
            pytest.fail(why)
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, page_file):
    """The report opened from disk; what its scripts throw is kept."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.errors = []
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.on(
        "dialog", lambda dialog: opened.errors.append("dialog: " + dialog.message)
    )
    opened.goto(page_file.as_uri())
    yield opened
    assert opened.errors == []
    context.close()


def test_the_overview_reads_with_scripting_off(browser, page_file):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(page_file.as_uri())
    assert page.inner_text("#total-seeds") == "3"
    assert page.locator("#overview svg").count() >= 5
    by_rule = page.inner_text("#chart-rule table")
    assert "PSN001 undeclared-pseudonym" in by_rule
    assert "by outlet" in page.inner_text("#chart-outlet figcaption")
    context.close()


def test_a_rule_filter_keeps_only_its_findings(page):
    every = page.locator("#findings-rows tr").count()
    page.select_option("#filter-rule", "PSN001")
    codes = page.locator("#findings-rows tr").evaluate_all(
        "rows => rows.map(r => r.dataset.code)"
    )
    assert codes == ["PSN001"] and every > 1
    assert page.inner_text("#findings-count") == "1 findings"
    page.select_option("#filter-rule", "")
    page.fill("#filter-text", "no speaker")
    assert page.locator("#findings-rows tr").count() == 0


def test_a_findings_link_opens_its_seed_with_the_span_marked_and_a_hover_says_why(page):
    page.select_option("#filter-rule", "PSN001")
    page.click("#findings-rows a")
    number = page.evaluate("location.hash").removeprefix("#finding-")
    assert page.is_visible("#seed") and not page.is_visible("#overview")
    mark = page.locator(f"mark#finding-{number}")
    assert mark.inner_text() == "Daria"
    assert "current" in mark.get_attribute("class")
    assert page.inner_text("#seed h2") == f"seeds/{FOUND}.txt"
    mark.hover()
    tip = page.inner_text("#tip")
    assert page.is_visible("#tip")
    assert "PSN001 undeclared-pseudonym: 'Daria' is marked as not a real name" in tip
    assert "flagged as not a real name: Daria" in tip


def test_a_seed_has_a_link_of_its_own_and_shows_accepted_findings_apart(
    page, page_file
):
    page.goto(page_file.as_uri() + f"#seed-{FOUND}")
    assert page.inner_text("#seed h2") == f"seeds/{FOUND}.txt"
    accepted = page.inner_text("#seed ul.accepted")
    assert "CLM003 weasel-attribution" in accepted
    assert "accepted: the oldest stall is common knowledge here" in accepted
    header = page.inner_text("#seed table.header")
    assert f"id\t{FOUND}" in header and "pseudonyms" not in header
    assert page.locator("#seed mark.p").all_inner_texts() == ["Daria"]
    quote = page.locator("#seed mark.q")
    assert quote.inner_text() == '"We sell what the boats bring in every morning,"'
    assert page.inner_text("#seed ul.quotes") == (
        '"We sell what the boats bring in every morning," - Daria'
    )
    quote.hover()
    assert page.inner_text("#tip") == "quote: said by Daria"


def test_a_link_to_nothing_shows_the_overview(page, page_file):
    for hash in ("#seed-009_9999999999999999", "#finding-99999", "#seed-%E0%A4%A", "#%"):
        page.goto(page_file.as_uri() + hash)
        assert page.is_visible("#overview") and not page.is_visible("#seed")


def test_a_seed_written_as_markup_shows_as_text_and_runs_nothing(page, page_file):
    page.goto(page_file.as_uri() + f"#seed-{HOSTILE}")
    page.hover("#seed pre.text")
    assert page.evaluate("window.pwned") is None
    text = page.inner_text("#seed pre.text")
    assert "<script>window.pwned = 1</script>" in text
    assert '"><img src=x onerror="window.pwned = 2">' in text
    assert page.locator("img").count() == 0
    assert page.locator("#seed b").count() == 0
    title = page.inner_text("#seed table.header")
    assert "<script>window.pwned = 4</script>" in title
    page.goto(page_file.as_uri())
    page.fill("#filter-seed", HOSTILE)
    assert page.evaluate("window.pwned") is None


def test_the_overview_and_a_seed_render_to_png(page, page_file, tmp_path):
    overview = tmp_path / "overview.png"
    page.screenshot(path=str(overview))
    page.goto(page_file.as_uri() + f"#seed-{FOUND}")
    seed = tmp_path / "seed.png"
    page.screenshot(path=str(seed))
    for shot in (overview, seed):
        raw = shot.read_bytes()
        assert raw.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = (
            int.from_bytes(raw[16:20], "big"),
            int.from_bytes(raw[20:24], "big"),
        )
        assert (width, height) == (1280, 900)
        assert len(raw) > 20_000  # drawn, not blank
