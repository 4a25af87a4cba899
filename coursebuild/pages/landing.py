"""The course's landing page: the site's root index.html, generated from the table of contents."""

import html
import json
from string import Template

from .. import TEMPLATES
from ..exercises import exercise_numbers
from ..grading.work import FORMAT, VERSION
from ..inputs.toc import Course
from ..shared_values import PROGRESS_KEY_PREFIX, STORAGE_PREFIX, SYNC_MESSAGE

TEMPLATE = TEMPLATES / "landing.html"
STYLE = TEMPLATES / "course.css"  # shared with the page "What runs in your browser"
SCRIPT = TEMPLATES / "landing.js"  # progress, Download my work, Restore my work
WORK_FILE = TEMPLATES / "work_file.js"  # what a restore accepts and writes (landing.js uses it)
PREFETCH = TEMPLATES / "prefetch.js"  # the lessons' files, fetched while the learner reads


def page_values() -> dict:
    """The names landing.js, prefetch.js and work_file.js share with the extension, the service worker,
    JupyterLite and grading."""
    return {"progressKeyPrefix": PROGRESS_KEY_PREFIX, "storagePrefix": STORAGE_PREFIX,
            "syncMessage": SYNC_MESSAGE, "workFormat": FORMAT, "workVersion": VERSION}


def landing_page(course: Course) -> str:
    """The landing page's HTML; every link is relative, so it works under any sub-path."""
    items = "\n".join(
        f'    <li data-notebook="{html.escape(lesson.notebook)}"'
        f' data-exercises="{len(exercise_numbers(lesson.source))}">'
        f'<a href="{html.escape(lesson.url)}">{html.escape(lesson.title)}</a>'
        f'<p>{html.escape(lesson.summary)}</p><p class="progress" hidden></p></li>'
        for lesson in course.lessons
    )
    # what the page's script needs to know; every "<" escaped, so no text in it can close its script
    # element or open an HTML comment ("<!--") that swallows the scripts after it
    data = json.dumps({"title": course.title, "values": page_values()}).replace("<", "\\u003c")
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        title=html.escape(course.title),
        description=html.escape(course.description),
        description_attr=html.escape(course.description, quote=True),
        lessons=items,
        style=STYLE.read_text(encoding="utf-8"),
        course_data=data,
        script=WORK_FILE.read_text(encoding="utf-8") + SCRIPT.read_text(encoding="utf-8"),
        offline=PREFETCH.read_text(encoding="utf-8"),
    )
