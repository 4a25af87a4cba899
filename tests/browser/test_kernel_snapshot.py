"""A lesson's kernel starts from the build's memory snapshot (coursebuild/site/kernel_snapshot.py) and
takes from the learner's computer, not from the one that made the snapshot, what Python read at its
start: the local time zone and the random generator's seed."""

import re

import pytest

from coursebuild.browsers.engines import ENGINES
from coursebuild.browsers.notebook import Notebook
from coursebuild.site import kernel_snapshot
from coursebuild.site.kernel_snapshot import ENVIRON_NAME, START_SCRIPT
from tests.support.course import lesson_stems

NOTEBOOK = f"{lesson_stems()[0]}.ipynb"
# A zone unlike the build machine's UTC, with summer time in January: Python's time module names the
# standard zone first and counts seconds west of UTC
ZONE = "Australia/Sydney"
ZONE_IN_PYTHON = "('UTC+1000', 'UTC+1100') -36000 -39600 1 UTC+1100 +1100"
CHECK = (f"import os, random, site, time\n"
         f"print('snapshot', os.environ.get('{ENVIRON_NAME}'))\n"
         "print('unpacked', sorted(name.split('-')[0] for name in os.listdir(site.getsitepackages()[0])\n"
         "                         if name.endswith('.dist-info')))\n"
         "print('environ', sorted(os.environ.values()))\n"
         "print(time.tzname, time.timezone, time.altzone, time.daylight, "
         "time.strftime('%Z %z', time.localtime(1767225600)))\n"  # 2026-01-01, summer in Sydney
         "print('random', random.random())")
# what the open notebook's kernel prints running some code
PRINTED = """async (code) => {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const future = kernel.requestExecute({ code });
    let printed = '';
    future.onIOPub = (message) => {
        if (message.header.msg_type === 'stream') { printed += message.content.text; }
        if (message.header.msg_type === 'error') { printed += message.content.evalue; }
    };
    await future.done;
    return printed;
}"""


def kernel_says(engine, site_url: str) -> str:
    """Open the first lesson in a new session of `engine` in Sydney's time zone; what CHECK prints."""
    session = engine.new_session(time_zone=ZONE)
    try:
        notebook = Notebook(session, site_url)
        notebook.open(NOTEBOOK)
        return session.evaluate(PRINTED, CHECK)
    finally:
        session.close()


@pytest.mark.parametrize("engine_name", list(ENGINES))
def test_the_kernel_starts_from_the_snapshot_with_the_learners_time_zone_and_its_own_seed(
        engines, engine_name, site_url, built_site):
    start_script = (built_site / "static" / "pyodide" / START_SCRIPT).read_text()
    key = re.search(r'"kernel-(\w+)\.snapshot\.gz"', start_script).group(1)

    first, second = (kernel_says(engines(engine_name), site_url) for _ in range(2))
    assert f"snapshot {key}" in first and f"snapshot {key}" in second
    assert ZONE_IN_PYTHON in first
    # the deferred wheels wait for an import that needs them (the first completion, test_kernel_help)
    unpacked = [name.replace("-", "_") for name in kernel_snapshot.UNPACKED_AT_START]
    assert f"unpacked {sorted(unpacked)}" in first
    assert kernel_snapshot.MAKER.name not in first  # nothing of the computer that made it
    # a snapshot's generator, unseeded, would give every kernel started from it the same numbers
    assert first.split("random")[1] != second.split("random")[1]

