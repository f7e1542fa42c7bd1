"""Every rule has documentation, a failing and a passing example, and the
examples give exactly the diagnostics written beside them."""

import re
import shutil

import pytest
from conftest import FIXTURES, REPO, commit_all, git, run_checks

from checks.rules.registry import all_rules

RULES = sorted(all_rules().values(), key=lambda r: r.code)
CODES = [r.code for r in RULES]


def diagnostics_of(code: str, folder, tmp_path):
    """Run `checks` on a copy of the example as a corpus of its own.  When the
    rule has a `base/` example, that is committed first and the example
    becomes the working tree, checked with `--diff-base HEAD`; an example's
    `pyproject.toml` then replaces the committed one."""
    (tmp_path / "pyproject.toml").write_text('[tool.checks]\ncorpus = "seeds"\n')
    seeds = tmp_path / "seeds"
    base = folder.parent / "base"
    args = ["--format", "json"]
    if base.is_dir():
        shutil.copytree(base, seeds)
        git(tmp_path, "init", "-q")
        commit_all(tmp_path, "base")
        shutil.rmtree(seeds)
        args += ["--diff-base", "HEAD"]
    shutil.copytree(
        folder,
        seeds,
        symlinks=True,
        ignore=shutil.ignore_patterns("expected.out", "pyproject.toml"),
    )
    if (folder / "pyproject.toml").is_file():
        shutil.copy(folder / "pyproject.toml", tmp_path / "pyproject.toml")
    run = run_checks(*args, cwd=tmp_path)
    assert run.code in (0, 1), run
    return sorted(
        f"{d['path'].rsplit('/', 1)[-1]}:{d['line']}:{d['column']}: {d['code']}"
        for d in run.json["diagnostics"]
        if d["code"] == code
    )


@pytest.mark.parametrize("code", CODES)
def test_failing_example_gives_the_expected_diagnostics(code, tmp_path):
    folder = FIXTURES / code / "fail"
    expected = sorted((folder / "expected.out").read_text().splitlines())
    assert expected, f"{code} has an empty expected.out"
    assert diagnostics_of(code, folder, tmp_path) == expected


@pytest.mark.parametrize("code", CODES)
def test_passing_example_gives_none(code, tmp_path):
    folder = FIXTURES / code / "pass"
    assert list(folder.glob("*.txt")) or list(folder.glob("*.jsonl")), (
        f"{code} has no passing example"
    )
    assert diagnostics_of(code, folder, tmp_path) == []


def test_every_fixture_folder_names_a_rule():
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == CODES


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_rule_is_documented(rule):
    assert re.fullmatch(r"[A-Z]{3}[0-9]{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.summary and rule.summary.endswith(".")
    assert "## What it does" in rule.doc
    says_fixable = re.search(r"^## Fix \((safe|unsafe)\)", rule.doc, re.M) is not None
    assert says_fixable == rule.fixable


def test_names_are_unique():
    assert len({r.name for r in RULES}) == len(RULES)


def test_checks_rules_lists_every_rule():
    run = run_checks("rules")
    assert run.code == 0
    for r in RULES:
        assert re.search(rf"^{r.code}\s+{r.name}\s+{r.severity.value}", run.out, re.M)


def test_readme_lists_every_rule():
    readme = (REPO / "README.md").read_text()
    for r in RULES:
        assert f"| {r.code} | {r.name} | {r.severity.value} |" in readme


def test_readme_shows_every_command():
    from checks.cli import SUBCOMMANDS

    readme = (REPO / "README.md").read_text()
    for name in SUBCOMMANDS:
        assert f"checks {name}" in readme or name == "check", name


@pytest.mark.parametrize("code", ["HDR002", "legacy-header", "hdr002"])
def test_explain_prints_the_rule_documentation(code):
    run = run_checks("explain", code)
    assert run.code == 0
    assert run.out.startswith("HDR002 legacy-header (error, fixable)")
    assert "## What it does" in run.out


def test_explain_unknown_code_is_a_usage_error():
    run = run_checks("explain", "XYZ999")
    assert run.code == 2
    assert (
        run.err.strip() == "checks: error: no rule 'XYZ999'; `checks rules` lists them"
    )


def readme_blocks(language: str) -> list[str]:
    text = (REPO / "README.md").read_text()
    return [part.split("```", 1)[0] for part in text.split(f"```{language}\n")[1:]]


def test_the_readmes_configuration_example_is_a_valid_configuration(tmp_path):
    from checks.config import KEYS, parse_table

    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    [example] = [b for b in readme_blocks("toml") if "[tool.checks]" in b]
    table = tomllib.loads(example)["tool"]["checks"]
    config = parse_table(table, tmp_path / "pyproject.toml")
    assert config.max_accepted == {"CLM001": 0.02}
    assert set(table) == set(KEYS)  # every key shown


def test_the_readmes_hook_example_names_hooks_this_repository_offers():
    import yaml

    offered = {
        h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    }
    [example] = [b for b in readme_blocks("yaml") if "repos:" in b]
    config = yaml.safe_load(example)
    named = {h["id"] for h in config["repos"][0]["hooks"]}
    commented = set(re.findall(r"#\s*- id: ([\w-]+)", example))
    commented |= set(
        re.findall(r"checks-[a-z]+", example.split("one family at a time:")[1])
    )
    assert named | commented == offered


def usage_lines() -> list[str]:
    """The README's Usage block, a command a line, comments left out."""
    text = (REPO / "README.md").read_text()
    block = text.split("\n## Usage\n", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    lines = [line.split("  #", 1)[0].strip() for line in block.splitlines()]
    # git runs the merge driver (%O %A %B %P): tests/test_merge.py runs it so.
    return [line for line in lines if line.startswith("checks") and "%O" not in line]


# Words of the Usage block that stand for the reader's own: what is put there.
PLACEHOLDERS = {
    "[FOLDER]": "harbour",
    "[SEED]": "",
    "SEED": "000_972d40d4eaee384f",
    '"..."': '"a reason"',
}


@pytest.mark.parametrize("line", usage_lines())
def test_each_usage_line_of_the_readme_runs_on_the_bundled_corpus(line, tmp_path):
    """As written (the placeholders filled in), in a git repository of the
    bundled corpus: an answer, not a usage error or a traceback."""
    import glob
    import shlex
    import shutil

    from conftest import commit_all, git, run_in_process

    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "pyproject.toml").write_text('[tool.checks]\ncorpus = "seeds"\n')
    (tmp_path / "article.txt").write_text(
        "The ferry ran again on Friday, the harbour office said.\n"
    )
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, "the bundled corpus")
    for placeholder, value in PLACEHOLDERS.items():
        line = line.replace(placeholder, value)
    words = []
    for word in shlex.split(line)[1:]:
        words += sorted(glob.glob(word, root_dir=tmp_path)) if "*" in word else [word]
    code, out, err = run_in_process(tmp_path, *words)
    assert code in (0, 1), (line, err)
    assert "Traceback" not in err and not err.startswith("checks: error"), (line, err)
    assert out or err, line
