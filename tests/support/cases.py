"""Parametrizing a check's test over named wrong answers."""

import pytest


def wrong_answers(cases: dict, names: str = "wrong, message"):
    """Parametrize a test over named wrong answers, {test id: (the answer..., what the check should say)}."""
    return pytest.mark.parametrize(names, list(cases.values()), ids=list(cases))
