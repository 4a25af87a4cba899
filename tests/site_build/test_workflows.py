"""The GitHub Pages workflow cannot run here, so its syntax is checked against the Actions schema."""

import subprocess
import sys

import pytest
import yaml

from tests.support.course import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_workflow_matches_the_github_actions_schema(workflow):
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(workflow)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_pages_workflow_deploys_only_from_main():
    jobs = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text())["jobs"]
    steps = [step for job in jobs.values() for step in job["steps"]]
    uploads = [step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    deploying = [job for job in jobs.values() if any(s.get("uses", "").startswith("actions/deploy-pages@")
                                                      for s in job["steps"])]
    assert uploads and deploying
    for guarded in [*uploads, *deploying]:
        assert "github.ref == 'refs/heads/main'" in guarded["if"] and "pull_request" in guarded["if"]


def test_ci_lints_before_it_tests():
    run = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()]
    commands = [" ".join(step.get("run", "").split()) for job in yaml.safe_load(
        (REPO / ".github" / "workflows" / "pages.yml").read_text())["jobs"].values() for step in job["steps"]]
    workflow = " ; ".join(commands)
    for lint in ("ruff check .", "npm run lint"):
        assert any(line.startswith(lint) for line in run) and lint in workflow
        assert run.index(next(line for line in run if line.startswith(lint))) < run.index("python3 -m pytest")
        assert workflow.index(lint) < workflow.index("python -m pytest")
