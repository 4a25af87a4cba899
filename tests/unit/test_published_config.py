"""The published site keeps JupyterLite's app to itself: only test builds expose it as window.jupyterapp."""

import json

import yaml

from coursebuild.paths import LITE_CONFIG
from coursebuild.site.pipeline import expose_app
from tests.support.course import REPO


def test_the_course_config_does_not_expose_the_app():
    config = json.loads((LITE_CONFIG / "jupyter-lite.json").read_text())["jupyter-config-data"]
    assert "exposeAppInBrowser" not in config


def test_expose_app_sets_and_removes_the_option(tmp_path):
    site_config = tmp_path / "jupyter-lite.json"
    site_config.write_text(json.dumps({"jupyter-config-data": {"appName": "x"}}))
    expose_app(tmp_path, True)
    assert json.loads(site_config.read_text())["jupyter-config-data"]["exposeAppInBrowser"] == "true"
    expose_app(tmp_path, False)
    assert json.loads(site_config.read_text())["jupyter-config-data"] == {"appName": "x"}


def test_the_workflow_publishes_a_site_built_after_the_tests():
    jobs = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text())["jobs"]
    steps = [step for job in jobs.values() for step in job["steps"]]
    runs = [step.get("run", "").strip() for step in steps]
    upload = next(i for i, step in enumerate(steps) if "upload-pages-artifact" in step.get("uses", ""))
    tests = runs.index("python -m pytest")
    assert "python build.py" in runs[tests + 1:upload]
