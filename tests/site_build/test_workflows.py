"""The GitHub Pages workflow cannot run here, so its syntax is checked against the Actions schema."""

import subprocess
import sys

import pytest

from tests.conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_workflow_matches_the_github_actions_schema(workflow):
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_pages_workflow_deploys_only_from_main():
    text = (REPO / ".github" / "workflows" / "pages.yml").read_text()
    assert "actions/deploy-pages@" in text and "actions/upload-pages-artifact@" in text
    assert text.count("github.ref == 'refs/heads/main'") == 2
