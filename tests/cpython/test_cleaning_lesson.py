"""Lesson 4 (cleaning messy data) in CPython: its output, and its checks fed right and wrong answers."""

import re
import unicodedata
from decimal import Decimal
from difflib import SequenceMatcher

import pytest

from tests.support.cases import wrong_answers
from tests.support.check_lines import assert_check_lines
from tests.support.lesson_fixtures import lesson_fixtures
from tests.support.lesson_text import PASS

LESSON = "cleaning_messy_data"


text, checks, lesson = lesson_fixtures(LESSON, "cleaning_checks")


def test_unicode_phone_numbers_and_the_audit_trail(text):
    assert "'Straße'.lower() == 'STRASSE'.lower():       False" in text
    assert "'Straße'.casefold() == 'STRASSE'.casefold(): True" in text
    assert "Names equal after casefold:       False\n...and after NFC normalisation:   True" in text
    assert "NFKC makes it 'Peter Koch'" in text
    assert "Mehmet Yılmaz: without accents 'Mehmet Yılmaz'" in text
    for typed in ["'+49 30 1234567'", "'030/1234567'", "'(030) 987 6543'", "'0049-40-5550123'",
                  "'+49 (0)40 5550123'", "'040 55 50 987'", "'+49-89-123-4567'"]:
        assert re.search(rf"{re.escape(typed)} -> \+49\d+\n", text), typed
    assert "'n/a' -> None" in text
    assert "Greedy:         ['ring twice) after 10:00 (not Mondays']" in text
    assert "18 of 18 rows kept" in text and "C016: phone 'n/a' is not a German number; kept as typed" in text


def test_thresholds_are_measured_on_the_lessons_pairs(text):
    assert "153 pairs, 5 of them duplicates" in text
    assert "threshold 0.8: 5 of 5 duplicates found, 5 false matches" in text
    assert ("threshold 0.9: 4 of 5 duplicates found, 3 false matches [('C003', 'C017'), ('C013', 'C015')"
            in text)


def test_learner_and_instructor_checks(executed_lesson):
    instructor = assert_check_lines(executed_lesson, LESSON, not_yet={1: 1, 2: 1, 3: 1, 4: 1})
    assert "false-match rate 0.0%" in instructor


@pytest.fixture
def answers(solutions):
    return solutions(LESSON)


def test_solutions_pass(checks, answers, capsys, mode):
    assert checks.check_match_key(answers["match_key"])
    assert checks.check_order_refs(answers["order_refs"])
    assert checks.check_parse_amount(answers["parse_amount"])
    assert checks.check_same_customer(answers["same_customer"])
    assert capsys.readouterr().out.count(PASS) == 4


UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def key_with(fold=str.casefold, form="NFKC", spell=True, accents=True, spaces=True):
    """A match_key built from the lesson's steps, with one of them changed or left out."""
    def key(name):
        text = fold(unicodedata.normalize(form, name) if form else name)
        text = text.translate(UMLAUTS) if spell else text
        if accents:
            text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        return " ".join(text.split()) if spaces else text.strip()
    return key


@wrong_answers({
    "lower": (key_with(fold=str.lower), ".lower() keeps ß"),
    "no-normalisation": (key_with(form=None), "another Unicode form"),
    "nfc-without-nfkd": (key_with(form="NFC", accents=False), "full-width letters"),
    "umlauts-dropped": (key_with(spell=False), "write ä, ö and ü as ae, oe and ue"),
    "accents-kept": (key_with(accents=False), "drop accents"),
    "strip-only": (key_with(spaces=False), "collapse runs of spaces"),
    "no-letters": (lambda name: "", "got the same key"),
    "not-a-str": (lambda name: name.split(), "return the key as a str"),
})
def test_match_key_check_names_the_mistake(checks, capsys, wrong, message, mode):
    assert not checks.check_match_key(wrong)
    assert message in capsys.readouterr().out


def test_match_key_check_passes_another_order_of_steps(checks, mode):
    def key(name):
        text = " ".join(unicodedata.normalize("NFKD", name.casefold()).split())
        text = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text).casefold()).translate(UMLAUTS)
        return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    assert checks.check_match_key(key)


def refs_with(pattern, flags=re.IGNORECASE, unique=True):
    def refs(subject):
        found = [f"ORD-{number}" for number in re.findall(pattern, subject, flags)]
        return list(dict.fromkeys(found)) if unique else found
    return refs


@wrong_answers({
    "greedy": (lambda subject: re.findall(r"\[(.*)\]", subject), "`.*` is greedy"),
    "case-sensitive": (refs_with(r"\[ORD[-\s]?(\d+)\]", flags=0), "re.IGNORECASE"),
    "repeats": (refs_with(r"\[ORD[-\s]?(\d+)\]", unique=False), "list each reference once"),
    "sorted": (lambda subject: sorted(refs_with(r"\[ORD[-\s]?(\d+)\]")(subject)), "in the order they appear"),
    "a-string": (lambda subject: "ORD-1", "return a list of references"),
})
def test_order_refs_check_names_the_mistake(checks, capsys, wrong, message, mode):
    assert not checks.check_order_refs(wrong)
    assert message in capsys.readouterr().out


def test_order_refs_check_passes_a_tuple_from_a_lazy_pattern(checks, mode):
    def refs(subject):
        inside = re.findall(r"\[(.*?)\]", subject)
        numbers = [re.fullmatch(r"\s*ord[-\s]?(\d+)\s*", part, re.I) for part in inside]
        return tuple(dict.fromkeys(f"ORD-{match[1]}" for match in numbers if match))
    assert checks.check_order_refs(refs)


def last_separator_is_decimal(text):
    """The mistake of reading `1.234` as 1.234: whatever separator comes last is taken as the decimal one."""
    kept = re.sub(r"[^\d.,-]", "", text)
    last = max(kept.rfind("."), kept.rfind(","))
    sign = "-" if kept.startswith("-") else ""
    if last < 0:
        return Decimal(kept)
    return Decimal(sign + re.sub(r"\D", "", kept[:last]) + "." + kept[last + 1:])


def none_when_not_amount(parse):
    def parse_or_none(text):
        try:
            return parse(text)
        except ValueError:
            return None
    return parse_or_none


def quiet_error(parse):
    def parse_quietly(text):
        try:
            return parse(text)
        except ValueError:
            raise ValueError("bad amount") from None
    return parse_quietly


@pytest.fixture
def parse_amount(answers):
    return answers["parse_amount"]


@pytest.mark.parametrize("wrong, message", [
    (lambda parse: lambda text: float(parse(text)), "the float"),
    (lambda parse: last_separator_is_decimal, "groups thousands"),
    (none_when_not_amount, "must raise ValueError"),
    (quiet_error, "let its message quote the text"),
    (lambda parse: lambda text: str(parse(text)), "return a Decimal"),
], ids=["float", "last-separator-decimal", "none-for-nonsense", "message-without-text", "a-string"])
def test_parse_amount_check_names_the_mistake(checks, capsys, parse_amount, wrong, message, mode):
    assert not checks.check_parse_amount(wrong(parse_amount))
    assert message in capsys.readouterr().out


def test_parse_amount_check_passes_another_method(checks, mode):
    def parse(text):
        bare = re.sub(r"(?i)eur|€|\s", "", text)
        if not re.fullmatch(r"-?\d{1,3}([.,]?\d{3})*([.,]\d{1,2})?|-?\d+([.,]\d{1,2})?", bare or "x") \
                or len(set(re.findall(r"[.,]", bare[:-3]))) > 1:
            raise ValueError(f"{text!r} is not an amount")
        decimal = re.search(r"[.,](\d{1,2})$", bare)
        whole = bare[:decimal.start()] if decimal else bare
        return Decimal(re.sub(r"[.,]", "", whole) + (f".{decimal[1]}" if decimal else ""))
    assert checks.check_parse_amount(parse)


LESSON_KEY = key_with()


def same_when(threshold, postcode=True, key=LESSON_KEY):
    def same(a, b):
        if postcode and a["postcode"].strip() != b["postcode"].strip():
            return False
        return SequenceMatcher(None, key(a["name"]), key(b["name"])).ratio() >= threshold
    return same


@wrong_answers({
    "low-threshold": (same_when(0.8), "their first names differ"),
    "names-only": (same_when(0.92, postcode=False), "they live at different postcodes"),
    "exact-keys-only": (same_when(1.0), "missed"),
    "a-ratio": (lambda a, b: SequenceMatcher(None, a["name"], b["name"]).ratio(), "return True or False"),
})
def test_same_customer_check_names_the_mistake(checks, capsys, wrong, message, mode):
    assert not checks.check_same_customer(wrong)
    out = capsys.readouterr().out
    assert message in out
    if "merged" in out:
        assert "false-match rate" in out


def test_same_customer_check_passes_another_threshold(checks, capsys, mode):
    assert checks.check_same_customer(same_when(0.88))
    assert "false-match rate 0.0%" in capsys.readouterr().out


def test_unfinished_match_key_is_feedback_in_exercise_4(checks, capsys, mode):
    def unfinished(name):
        raise NotImplementedError
    assert not checks.check_same_customer(same_when(0.9, key=unfinished))
    assert "still raises NotImplementedError" in capsys.readouterr().out
