"""The pull-request workflow: valid for GitHub, checked offline, and running
what the README says."""

from pathlib import Path

import yaml
from conftest import REPO, github_workflow_check

WORKFLOW = REPO / ".github" / "workflows" / "checks.yml"


def test_the_workflow_is_valid_against_githubs_schema():
    run = github_workflow_check(WORKFLOW)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ok -- validation done" in run.stdout


def test_the_workflow_gates_pull_requests_on_what_they_change():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert "pull_request" in workflow[True]  # YAML reads the key `on` as true
    steps = [
        s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]
    ]
    assert any(
        'checks --diff-base "origin/${{ github.base_ref }}" --format github' in s
        for s in steps
    )
    assert any("--format sarif --output checks.sarif" in s for s in steps)
    uploads = [
        s
        for job in workflow["jobs"].values()
        for s in job["steps"]
        if "upload-sarif" in s.get("uses", "")
    ]
    assert uploads and uploads[0]["with"]["sarif_file"] == "checks.sarif"


def test_the_workflow_runs_the_test_command_of_the_readme():
    readme = (REPO / "README.md").read_text()
    assert "pip install -e '.[test]' && pytest" in readme.splitlines()[4]
    assert (
        "python -m pip install -e '.[test]'\n          pytest" in WORKFLOW.read_text()
    )
    assert Path(REPO / ".ci" / "run").read_text().count("pytest") >= 1
