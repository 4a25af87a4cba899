"""The course's landing page: the site's root index.html, generated from the table of contents."""

import html
from pathlib import Path
from string import Template

from .course import Course

TEMPLATE = Path(__file__).with_name("landing.html")
STYLE = Path(__file__).with_name("course.css")  # shared with the page "What runs in your browser"


def landing_page(course: Course) -> str:
    """The landing page's HTML; every link is relative, so it works under any sub-path."""
    items = "\n".join(
        f'    <li><a href="{html.escape(lesson.url)}">{html.escape(lesson.title)}</a>'
        f"<p>{html.escape(lesson.summary)}</p></li>"
        for lesson in course.lessons
    )
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        title=html.escape(course.title),
        description=html.escape(course.description),
        description_attr=html.escape(course.description, quote=True),
        lessons=items,
        style=STYLE.read_text(encoding="utf-8"),
    )
