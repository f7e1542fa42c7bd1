"""The command line as a user meets it: exit codes, formats, flags, config."""

import json
import subprocess
import sys

import pytest
from conftest import BODY, REPO, run_checks, write_seed

from checks import __version__

A = "000_0123456789abcdef"
B = "001_1111111111111111"
C = "002_2222222222222222"


OTHER_BODY = "A reading room opened in the old customs house.\n\nIts maps were drawn by pilots.\n"
SNOW_BODY = (
    "Snow closed the mountain road above Vell for a second week.\n\n"
    "Drivers on the pass were told to use the valley route until the plough returns.\n"
)


def index(corpus):
    run = run_checks("index", cwd=corpus)
    assert run.code == 0, run


def test_bundled_corpus_passes():
    run = run_checks(cwd=REPO, process=True)  # the README's main job, as run
    assert run.code == 0, run
    assert run.out.endswith("All checks passed (2 files).\n")  # a seed and INDEX.md


def test_clean_corpus_exits_0(corpus):
    write_seed(corpus / "seeds", A)
    index(corpus)
    run = run_checks(cwd=corpus)
    assert (run.code, run.out, run.err) == (0, "All checks passed (2 files).\n", "")


def test_warnings_alone_exit_0(corpus):
    write_seed(corpus / "seeds", A, source=None)
    index(corpus)
    run = run_checks(cwd=corpus)
    assert run.code == 0
    assert "HDR014 no source" in run.out
    assert run.out.endswith("Found 0 errors, 1 warning in 1 of 2 files.\n")


def bad_corpus(corpus):
    """A broken header, a non-UTF-8 seed and a bidi override, one seed each."""
    seeds = corpus / "seeds"
    write_seed(seeds, A, OTHER_BODY, title="[unclosed")
    write_seed(seeds, B).write_bytes(
        (seeds / f"{B}.txt").read_bytes().replace(b"flour", b"fl\xf6ur")
    )
    write_seed(seeds, C, SNOW_BODY.replace("plough", "\u202eplough"))
    index(corpus)


def test_each_problem_gets_its_own_code_and_line_in_json(corpus):
    bad_corpus(corpus)
    # A process of its own: what reaches a terminal, bytes that are not UTF-8 included.
    run = run_checks("--format", "json", cwd=corpus, process=True)
    assert run.code == 1
    got = [
        (d["path"], d["line"], d["column"], d["code"], d["severity"])
        for d in run.json["diagnostics"]
    ]
    assert got == [
        (f"seeds/{A}.txt", 9, 8, "HDR004", "error"),
        (f"seeds/{B}.txt", 12, 28, "ENC001", "error"),
        (f"seeds/{C}.txt", 12, 65, "ENC004", "error"),
    ]
    assert set(run.json["diagnostics"][0]) == {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
        "fixable",
        "unsafe_fix",
    }
    assert run.json["summary"] == {
        "files": 4,
        "errors": 3,
        "warnings": 0,
        "infos": 0,
        "fixable": 0,
        "unsafe_fixable": 0,
        "fixed": 0,
    }


def test_each_problem_gets_its_own_code_and_line_in_text(corpus):
    bad_corpus(corpus)
    run = run_checks(cwd=corpus, process=True)
    assert run.code == 1
    heads = [line for line in run.out.splitlines() if line.startswith("seeds/")]
    assert [h.split(" ")[0:2] for h in heads] == [
        [f"seeds/{A}.txt:9:8:", "HDR004"],
        [f"seeds/{B}.txt:12:28:", "ENC001"],
        [f"seeds/{C}.txt:12:65:", "ENC004"],
    ]
    assert run.out.endswith("Found 3 errors, 0 warnings in 3 of 4 files.\n")


def test_quiet_prints_only_diagnostic_lines(corpus):
    bad_corpus(corpus)
    run = run_checks("--quiet", cwd=corpus)
    assert all(line.startswith("seeds/") for line in run.out.splitlines())
    assert len(run.out.splitlines()) == 3


def test_long_line_is_shown_as_a_window_with_the_caret_under_the_span(corpus):
    body = "word " * 300 + "\u200b" + "tail " * 300 + "\n"
    write_seed(corpus / "seeds", A, body)
    index(corpus)
    run = run_checks(cwd=corpus)
    lines = run.out.splitlines()
    quoted, carets = lines[1], lines[2]
    assert len(quoted) < 140
    assert quoted.startswith(" 10 | ...word") and quoted.endswith("...")
    assert carets.index("^") == quoted.index("<U+200B>")


def test_select_and_ignore_by_prefix(corpus):
    write_seed(corpus / "seeds", A, BODY.replace("bakery", "bak\u200bery"), source=None)
    index(corpus)
    assert run_checks("--format", "json", cwd=corpus).codes() == ["HDR014", "ENC005"]
    assert run_checks("--format", "json", "--select", "ENC", cwd=corpus).codes() == [
        "ENC005"
    ]
    assert (
        run_checks("--format", "json", "--ignore", "ENC,HDR01", cwd=corpus).codes()
        == []
    )
    assert (
        run_checks(
            "--format", "json", "--select", "HDR", "--ignore", "HDR0", cwd=corpus
        ).codes()
        == []
    )


def test_configuration_is_read_and_flags_override_it(corpus):
    write_seed(corpus / "seeds", A, BODY.replace("bakery", "bak\u200bery"), source=None)
    index(corpus)
    (corpus / "pyproject.toml").write_text(
        '[tool.checks]\ncorpus = "seeds"\nignore = ["HDR014"]\n[tool.checks.severity]\nENC005 = "error"\n'
    )
    run = run_checks("--format", "json", cwd=corpus / "seeds")
    assert [(d["code"], d["severity"]) for d in run.json["diagnostics"]] == [
        ("ENC005", "error")
    ]
    assert run.code == 1
    assert run_checks("--format", "json", "--ignore", "ENC", cwd=corpus).codes() == [
        "HDR014"
    ]


def test_corpus_folder_comes_from_configuration(corpus):
    (corpus / "pyproject.toml").write_text('[tool.checks]\ncorpus = "texts"\n')
    write_seed(corpus / "texts", A, title="[broken")
    index(corpus)
    assert (corpus / "texts" / "INDEX.md").is_file()
    run = run_checks("--format", "json", cwd=corpus)
    assert [d["path"] for d in run.json["diagnostics"]] == [f"texts/{A}.txt"]


@pytest.mark.parametrize(
    "config, message",
    [
        (
            '[tool.checks]\ncolour = "always"\n',
            "has unknown key 'colour'; allowed: corpus, select, ignore, severity, near-duplicate, base, baseline",
        ),
        (
            '[tool.checks]\nselect = "HDR"\n',
            "select must be a list of rule codes or prefixes, not 'HDR'",
        ),
        ('[tool.checks]\nselect = ["XYZ"]\n', "select: 'XYZ' matches no rule code"),
        (
            '[tool.checks.severity]\nHDR001 = "fatal"\n',
            "severity of HDR001 must be error, warning or info, not 'fatal'",
        ),
        ("[tool.checks\n", "not valid TOML"),
    ],
)
def test_bad_configuration_is_one_line_and_exit_2(corpus, config, message):
    (corpus / "pyproject.toml").write_text(config)
    run = run_checks(cwd=corpus)
    assert run.code == 2
    assert len(run.err.splitlines()) == 1
    assert run.err.startswith("checks: error: ") and message in run.err
    assert "Traceback" not in run.err and run.out == ""


@pytest.mark.parametrize(
    "args, message",
    [
        (["--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["--select", "QQQ"], "--select: 'QQQ' matches no rule code"),
        (["--unsafe-fixes"], "--unsafe-fixes goes with --fix"),
        (["no/such/folder"], "no/such/folder: no such file or folder"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(corpus, args, message):
    run = run_checks(*args, cwd=corpus)
    assert run.code == 2
    assert len(run.err.splitlines()) == 1 and message in run.err


def test_version_from_script_and_module():
    module = run_checks("--version", process=True)
    script = subprocess.run(["checks", "--version"], capture_output=True, text=True)
    assert module.out == script.stdout == f"checks {__version__}\n"


def test_rules_as_json():
    run = run_checks("rules", "--format", "json")
    listing = json.loads(run.out)
    assert {
        "code": "HDR002",
        "name": "legacy-header",
        "severity": "error",
        "fixable": True,
        "summary": "A seed still has the old inline header.",
    } in listing


def test_a_rule_that_raises_is_reported_not_a_traceback(corpus):
    """A bug in one rule costs its own finding, not the run."""
    write_seed(corpus / "seeds", A)
    index(corpus)
    script = (
        "import sys\n"
        "from checks.rules.registry import all_rules\n"
        "from checks.cli import main\n"
        "rule = all_rules()['HDR010']\n"
        "def broken(doc, ctx):\n"
        "    raise KeyError('boom')\n"
        "object.__setattr__(rule, 'check', broken)\n"
        "sys.exit(main(['--format', 'json']))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=corpus, capture_output=True, text=True
    )
    assert run.returncode == 1
    [diagnostic] = json.loads(run.stdout)["diagnostics"]
    assert diagnostic["code"] == "HDR010"
    assert (
        diagnostic["message"]
        == "internal error in rule HDR010: KeyError: 'boom'; please report it"
    )


def test_the_top_level_help_shows_the_options_of_checks_alone(tmp_path):
    for asked in (["--help"], ["-h"]):
        run = run_checks(*asked, cwd=tmp_path)
        assert run.code == 0
        commands, options = run.out.split("checks [PATH ...]:\n", 1)
        assert "init " in commands and "merge-index" in commands
        for flag in ("--fix", "--unsafe-fixes", "--format", "--diff-base", "--select"):
            assert flag in options
        assert "and its options:" in options


def on_a_terminal(command, cwd, env):
    """Run `command` with its standard error on a pseudo-terminal: its exit
    status, standard output, and what reached the terminal."""
    import os
    import pty

    terminal, other_end = pty.openpty()
    done = subprocess.run(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=other_end, env=env
    )
    os.close(other_end)
    seen = b""
    while True:
        try:
            part = os.read(terminal, 4096)
        except OSError:  # the other end is closed: all is read
            break
        if not part:
            break
        seen += part
    os.close(terminal)
    return done.returncode, done.stdout, seen


def test_a_progress_line_shows_on_a_terminal_and_never_in_a_pipe(corpus):
    import os

    write_seed(corpus / "seeds", "000_0000000000000000")
    run_checks("index", cwd=corpus)
    command = [sys.executable, "-m", "checks", "--no-cache"]
    env = dict(os.environ, CHECKS_PROGRESS_AFTER="0")
    code, out, seen = on_a_terminal(command, corpus, env)
    assert code == 0 and out == b"All checks passed (2 files).\n"
    assert b"\rchecks: 1 of 1 seeds checked" in seen
    assert seen.endswith(b"\r\x1b[K")  # cleared: what follows stands alone
    piped = subprocess.run(command, cwd=corpus, capture_output=True, env=env)
    assert piped.returncode == 0 and piped.stderr == b""
    # A run quicker than two seconds shows nothing, on a terminal too.
    env.pop("CHECKS_PROGRESS_AFTER")
    assert on_a_terminal(command, corpus, env)[2] == b""


BASH_COMPLETES = """
source <($CHECKS completion bash)
complete -p checks
for typed in "$@"; do
    read -ra COMP_WORDS <<< "$typed"
    [[ $typed == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _checks_complete
    echo "${COMPREPLY[*]}"
done
"""


def test_bash_completes_subcommands_options_choices_and_rule_codes(tmp_path):
    (tmp_path / "ferry.txt").write_text("A text.\n")
    typed = {
        "checks ini": "init",
        "checks --unsafe": "--unsafe-fixes",
        "checks --format s": "sarif",
        "checks --select PSN00": "PSN001 PSN002 PSN003 PSN004",
        "checks explain HDR01": " ".join(f"HDR01{n}" for n in range(10)),
        "checks new --da": "--date",
        "checks init --f": "--force",
        "checks new fer": "ferry.txt",
        "checks completion --h": "--help",
    }
    done = subprocess.run(
        ["bash", "-c", BASH_COMPLETES, "bash", *typed],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"CHECKS": f"{sys.executable} -m checks", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "complete -o filenames -F _checks_complete checks"
    assert dict(zip(typed, lines[1:])) == typed


def test_zsh_gets_the_bash_completion_through_bashcompinit():
    zsh = run_checks("completion", "zsh")
    bash = run_checks("completion", "bash")
    assert zsh.out.startswith("# Completion for checks")
    assert "autoload -U +X bashcompinit && bashcompinit\n" in zsh.out
    assert zsh.out.endswith(bash.out)


def test_fix_diff_shows_what_fix_writes_and_writes_nothing(tmp_path):
    """The diff, applied with `git apply`, gives the very files `--fix`
    writes; then nothing is left to show."""
    from conftest import files_of, new_corpus

    old_form = {
        "000_0123456789abcdef": " date 2024-03-01 The quay reopened on Friday, "
        "the harbour office said.\n",
        "001_1111111111111111": " date 2024-03-02 Mira (not her real name) sells "
        'mussels there. "The tide came in fast," she told the Anholm Courier.\r\n',
    }
    dry, fixed = tmp_path / "dry", tmp_path / "fixed"
    for corpus in (dry, fixed):
        corpus.mkdir()
        new_corpus(corpus)
        for stem, text in old_form.items():
            (corpus / "seeds" / f"{stem}.txt").write_bytes(text.encode())
    before = files_of(dry)
    shown = run_checks("--fix", "--diff", "--unsafe-fixes", cwd=dry)
    assert shown.code == 1
    assert files_of(dry) == before  # nothing written
    assert "--- a/seeds/001_1111111111111111.txt\n" in shown.out
    assert "+++ b/seeds/INDEX.md\n" in shown.out and "--- /dev/null\n" in shown.out
    assert shown.err == "3 files would change.\n"
    run_checks("--fix", "--unsafe-fixes", cwd=fixed)
    (tmp_path / "change.diff").write_text(shown.out)
    applied = subprocess.run(
        ["git", "apply", str(tmp_path / "change.diff")],
        cwd=dry,
        capture_output=True,
        text=True,
    )
    assert applied.returncode == 0, applied.stderr
    assert files_of(dry) == files_of(fixed)
    again = run_checks("--fix", "--diff", "--unsafe-fixes", cwd=dry)
    assert (again.code, again.out, again.err) == (0, "", "No file would change.\n")


def test_diff_goes_with_fix(corpus):
    run = run_checks("--diff", cwd=corpus)
    assert run.code == 2
    assert (
        run.err
        == "checks: error: --diff goes with --fix: it shows what --fix would write\n"
    )
