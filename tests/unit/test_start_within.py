"""start_within: a browser session's start-up with a deadline (WebKitWebDriver can hang for ever)."""

import threading

import pytest

from coursebuild.browsers.engines import start_within


def test_a_start_in_time_gives_its_result():
    assert start_within(5, lambda: "session", lambda: None) == "session"


def test_a_hung_start_is_cancelled_and_gives_none():
    released = threading.Event()
    assert start_within(0.2, lambda: released.wait(), released.set) is None
    assert released.is_set()


def test_a_failed_start_raises_its_own_error():
    with pytest.raises(ZeroDivisionError):
        start_within(5, lambda: 1 / 0, lambda: None)
