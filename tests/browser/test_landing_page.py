"""The course's own pages, under a sub-path: every lesson in order, reachable by keyboard, accessible."""

import pytest

from coursebuild.inputs.toc import read_course
from coursebuild.paths import CONTENT
from tests.support.accessibility import serious_accessibility_violations

COURSE = read_course(CONTENT)


def test_landing_lists_every_lesson_in_order(page, site_url, foreign_requests):
    page.goto(site_url)
    assert page.title() == COURSE.title
    links = page.locator("ol.lessons a")
    assert links.all_text_contents() == [lesson.title for lesson in COURSE.lessons]
    assert ([links.nth(i).get_attribute("href") for i in range(links.count())]
            == [lesson.url for lesson in COURSE.lessons])
    assert "runs entirely in your browser" in page.locator("header").text_content()
    assert "Supported browsers" in page.content()
    assert page.get_by_role("heading", name="Your work").is_visible()  # a section learners can find
    assert "Reset lesson" in page.locator("main").text_content()  # which explains how to start afresh
    assert page.locator("#no-service-worker").is_hidden()  # this browser runs service workers
    assert foreign_requests == []


@pytest.mark.parametrize("index", range(len(COURSE.lessons)),
                         ids=[lesson.source.stem for lesson in COURSE.lessons])
def test_each_link_opens_its_lesson(page, site_url, foreign_requests, index):
    # the URL each lesson's kernel is proved to start at, in every engine, by the lesson runs
    # (test_lessons_in_browser.py); a boot per link here would add one per lesson for no new claim
    lesson = COURSE.lessons[index]
    page.set_default_timeout(60_000)
    page.goto(site_url)
    page.locator("ol.lessons a").nth(index).click()
    page.wait_for_url(f"{site_url}notebooks/index.html?path={lesson.notebook}")
    page.locator(".jp-MarkdownCell h1", has_text=lesson.title).first.wait_for()
    assert foreign_requests == []


def test_keyboard_alone_reaches_and_opens_the_first_lesson_and_its_kernel_starts(lesson_page, site_url):
    page = lesson_page.page  # the kernel of a lesson opened from the landing page, as learners open one
    page.goto(site_url)
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == COURSE.lessons[0].title
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/notebooks/index.html?path={COURSE.lessons[0].notebook}")
    lesson_page.wait_for_kernel()


@pytest.mark.parametrize("path", ["", "runtime.html"], ids=["landing-page", "runtime-page"])
def test_no_serious_or_critical_accessibility_violations(page, site_url, path):
    page.goto(site_url + path)
    assert serious_accessibility_violations(page) == []
