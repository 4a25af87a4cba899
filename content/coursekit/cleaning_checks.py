"""Checks for the cleaning messy data lesson's exercises, on values the learner has not seen.

Every check types its own messy values from clean ones it picks (as a person would mistype
them), so the expected answer is known by construction; `check_exercise_*` are what the lesson calls.
"""

import random
import unicodedata
from decimal import Decimal

from .feedback import call_safely, describe_error, not_yet, passed

FIRST = ["Anna", "Jürgen", "Björn", "Zoë", "Mehmet", "Sophie", "Ömer", "Clara", "Felix", "Greta",
         "Lukas", "Elif", "Noah", "Ida", "René", "Hélène", "Kai", "Jonas", "Marta", "Otto"]
LAST = ["Müller", "Schröder", "Weber", "Koch", "Fischer", "Straße", "Schäfer", "Wagner", "Becker",
        "Krüger", "Köhler", "Günther", "Dubois", "Lefèvre", "Nowak", "Hoffmann", "Jäger", "Voß"]
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}

# Exercise 1: one key for names typed differently


def full_width(text: str) -> str:
    """ASCII letters as their full-width forms, as some Asian keyboards and systems type them."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def without_accents(text: str) -> str:
    """The text as a keyboard without accents types it: the letters, their marks left out."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


# (what a person did to the name, how, the advice when a key tells the two apart)
RETYPINGS = [
    ("CAPITALS", str.upper, "names that differ only in case get different keys: fold the case."),
    ("spaces", lambda n: "  " + "   ".join(n.split()) + " ", "extra spaces change the key: remove them "
     "at the ends and collapse runs of spaces inside to one (' '.join(text.split()))."),
    ("decomposed", lambda n: unicodedata.normalize("NFD", n), "the same letters in another Unicode form "
     "(ü as u plus a combining diaeresis) get another key: normalise with unicodedata.normalize."),
    ("full-width", full_width, "full-width letters (Ｋｏｃｈ) get another key: the NFKC normal form turns "
     "them into ordinary ones."),
    ("umlauts", lambda n: "".join(UMLAUTS.get(c, c) for c in n), "Müller and Mueller get different keys: "
     "write ä, ö and ü as ae, oe and ue (German spells them so without umlauts)."),
    ("no accents", without_accents,
     "Zoë and Zoe (or René and Rene) get different keys: drop accents (NFKD, then leave out the "
     "combining marks), after spelling out the umlauts."),
]


def name_variants(rng: random.Random) -> list:
    """(how it was retyped, name, retyped name, advice) for names the learner has not seen."""
    made = []
    for how, retype, advice in RETYPINGS:
        for _ in range(3):
            if how == "no accents":  # accents other than the umlauts, which German spells out
                name = f"{rng.choice(['Zoë', 'René', 'Hélène'])} {rng.choice(['Lefèvre', 'Dubois'])}"
            else:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            made.append((how, name, retype(name), advice))
    return made


def keys_of(match_key, texts):
    """(the learner's keys, None), or (None, feedback already printed)."""
    keys = []
    for text in texts:
        key, failed = call_safely(f"match_key({text!r})", match_key, text)
        if failed is not None:
            return None, failed
        if not isinstance(key, str):
            return None, not_yet(f"match_key({text!r}) returned {key!r}; return the key as a str.")
        keys.append(key)
    return keys, None


SHARP_S = ("ß", "Karl Straße", "KARL STRASSE", "'Straße' and 'STRASSE' get different keys: .lower() keeps "
           "ß, while .casefold() turns it into ss, as comparing without case needs.")
DIFFERENT = [("Anna Müller", "Hans Müller"), ("Peter Koch", "Petra Koch"), ("Jonas Weber", "Jona Weber"),
             ("Karl Straße", "Karl Strasser")]


def check_match_key(match_key) -> bool:
    """Exercise 1: the same key for retyped names, different keys for different names."""
    for _, name, retyped, advice in [*name_variants(random.Random(11)), SHARP_S]:
        keys, failed = keys_of(match_key, (name, retyped))
        if failed is not None:
            return failed
        if keys[0] != keys[1]:
            if keys[0].replace("ß", "ss") == keys[1].replace("ß", "ss"):
                advice = SHARP_S[-1]
            return not_yet(f"{name!r} and {retyped!r} gave {keys[0]!r} and {keys[1]!r}; {advice}")
    for one, other in DIFFERENT:
        keys, failed = keys_of(match_key, (one, other))
        if failed is not None:
            return failed
        if keys[0] == keys[1]:
            return not_yet(f"two different names, {one!r} and {other!r}, got the same key {keys[0]!r}: "
                           "a key may ignore how a name was typed, never which letters it has.")
    return passed(f"{len(RETYPINGS) * 3} names retyped in six ways (and Straße in capitals) "
                  "each kept their key, and different names kept theirs apart.")


# Exercise 2: order references, without a greedy pattern


def subject_lines(rng: random.Random) -> list:
    """(e-mail subject, references in order of first appearance) for subjects the learner has not seen."""
    made = []
    for _ in range(12):
        numbers = rng.sample(range(1000, 99999), rng.randint(1, 3))
        written = [f"[{rng.choice(['ORD', 'ord', 'Ord'])}{rng.choice(['-', ' ', ''])}{n}]" for n in numbers]
        words = [rng.choice(["Re:", "Fwd:", "Late:", "[URGENT]", "(2 parcels)", "about", "and", "also"])
                 for _ in written]
        if len(written) > 1 and rng.random() < 0.5:
            written.append(written[0])  # quoted again further on
            words.append("see")
        text = " ".join(f"{word} {ref}" for word, ref in zip(words, written)) + " - thanks [Kim]"
        made.append((text, [f"ORD-{n}" for n in numbers]))
    made.append(("Re: [ORD-4711] and [ORD-4712] both arrived late", ["ORD-4711", "ORD-4712"]))
    return made


def refs_mistake(result, text: str, expected: list) -> str | None:
    """What is wrong with order_refs(text), or None."""
    call = f"order_refs({text!r})"
    if isinstance(result, str) or not isinstance(result, (list, tuple)):
        return f"{call} returned {result!r}; return a list of references such as ['ORD-4711']."
    if any(not isinstance(ref, str) for ref in result):
        return f"{call} returned {list(result)!r}; each reference should be a str such as 'ORD-4711'."
    if any("]" in ref or "[" in ref for ref in result):
        return (f"{call} returned {list(result)!r}: the pattern ran from one bracket to the last one. "
                "`.*` is greedy (it takes as much as it can); make it lazy (`.*?`) or match what a "
                "reference really contains.")
    if list(result) == expected:
        return None
    if sorted(set(result)) == sorted(expected) and len(result) > len(expected):
        return f"{call} returned {list(result)!r}: list each reference once, at its first appearance."
    if sorted(result) == sorted(expected):
        return f"{call} returned {list(result)!r}: keep the references in the order they appear, {expected}."
    if set(result) < set(expected):
        return (f"{call} found {list(result)!r} but not all of {expected}: people type 'ord', 'Ord' and "
                "'ORD 4711' or 'ORD4711' too (re.IGNORECASE, an optional separator).")
    return f"{call} should be {expected}, not {list(result)!r}."


def check_order_refs(order_refs) -> bool:
    """Exercise 2: every bracketed order reference, normalised, once, in order."""
    cases = subject_lines(random.Random(12))
    for text, expected in cases:
        result, failed = call_safely(f"order_refs({text!r})", order_refs, text)
        if failed is not None:
            return failed
        mistake = refs_mistake(result, text, expected)
        if mistake:
            return not_yet(mistake)
    return passed(f"the order references of {len(cases)} subject lines you had never seen, each once, "
                  "in order, and no bracket too far.")


# Exercise 3: amounts of money as people type them


def amount_texts(rng: random.Random) -> list:
    """(typed text, Decimal) in the styles people use, for amounts the learner has not seen."""
    styles = [
        lambda whole, grouped, cents: f"{grouped.replace(',', '.')},{cents:02d} €",  # German
        lambda whole, grouped, cents: f"€{grouped}.{cents:02d}",                      # British, Irish
        lambda whole, grouped, cents: f"EUR {grouped.replace(',', ' ')},{cents:02d}",  # French
        lambda whole, grouped, cents: f" {whole}.{cents:02d} eur ",                   # currency last
        lambda whole, grouped, cents: f"{whole},{cents:02d}",                         # no currency
    ]
    made = []
    for style in styles:
        for _ in range(3):
            whole, cents = rng.randint(1000, 9_999_999), rng.randint(0, 99)
            made.append((style(whole, f"{whole:,}", cents), Decimal(f"{whole}.{cents:02d}")))
    whole, cents = rng.randint(1, 999), rng.randint(1, 99)
    made += [(f"-{whole},{cents:02d} €", Decimal(f"-{whole}.{cents:02d}")),  # a refund
             (f"{whole},{cents % 10}", Decimal(f"{whole}.{cents % 10}")),   # one decimal only
             ("1.234 €", Decimal(1234)), ("€1,234", Decimal(1234)), ("12", Decimal(12))]
    return made


NOT_AMOUNTS = ["", "n/a", "12 apples", "€", "1,2,3", "twelve euros"]


def check_parse_amount(parse_amount) -> bool:
    """Exercise 3: Decimal amounts from text typed in several national styles; ValueError for the rest."""
    for text, expected in amount_texts(random.Random(13)):
        call = f"parse_amount({text!r})"
        result, failed = call_safely(call, parse_amount, text)
        if failed is not None:
            return failed
        if isinstance(result, float):
            return not_yet(f"{call} returned the float {result!r}; money needs Decimal (Decimal('12.50')).")
        if not isinstance(result, (Decimal, int)) or isinstance(result, bool):
            return not_yet(f"{call} returned {result!r}; return a Decimal.")
        if result != expected:
            hint = (" A point or comma followed by three digits groups thousands; followed by one or two "
                    "digits at the end, it is the decimal separator.") if result * 1000 == expected or \
                result == expected * 1000 or result * 100 == expected else ""
            return not_yet(f"{call} should be {expected}, not {result}.{hint}")
    for text in NOT_AMOUNTS:
        call = f"parse_amount({text!r})"
        try:
            result = parse_amount(text)
        except ValueError as error:
            if text and text not in str(error):
                return not_yet(f"{call} raised ValueError, good; let its message quote the text "
                               f"({text!r}) so the row can be found (it says {str(error)!r}).")
            continue
        except NotImplementedError:
            return not_yet("parse_amount still raises NotImplementedError: replace that line with your code.")
        except Exception as error:  # any mistake in learner code becomes feedback
            return not_yet(f"{call} raised {describe_error(error)}; raise ValueError for text that is "
                           "not an amount, with a message that quotes it.")
        return not_yet(f"{call} returned {result!r}; text that is not an amount must raise ValueError "
                       "(never a silent None or 0), so the row is reported, not lost.")
    return passed("amounts typed in German, British and French styles, refunds included, became exact "
                  "Decimals, and text that is no amount raised a clear ValueError.")


# Exercise 4: duplicates, with a false-match rate measured on customers the learner has not seen


def typo(rng: random.Random, name: str) -> str:
    """The name with one slip of the finger: a letter left out, doubled, or two swapped."""
    spots = [i for i in range(1, len(name) - 1) if name[i].isalpha() and name[i + 1].isalpha()]
    i = rng.choice(spots)
    return rng.choice([name[:i] + name[i + 1:], name[:i] + name[i] + name[i:],
                       name[:i] + name[i + 1] + name[i] + name[i + 2:]])


def customer_pairs(rng: random.Random) -> tuple[list, list]:
    """(pairs of records of one customer, pairs of records of two different customers)."""
    same, different = [], []
    for _ in range(60):
        first, last = rng.sample(FIRST, 2), rng.choice(LAST)
        postcode, elsewhere = (f"{rng.randint(10000, 99999)}" for _ in range(2))
        person = {"name": f"{first[0]} {last}", "postcode": postcode}
        how, retype, _ = rng.choice(RETYPINGS[:5])
        same.append((person, {"name": retype(person["name"]), "postcode": f" {postcode}"}))
        same.append((person, {"name": typo(rng, person["name"]), "postcode": postcode}))
        different.append((person, {"name": retype(person["name"]), "postcode": elsewhere}))  # a namesake
        different.append((person, {"name": f"{first[1]} {last}", "postcode": postcode}))    # family
    return same, different


def check_same_customer(same_customer) -> bool:
    """Exercise 4: the learner's duplicate rule, measured on 240 pairs of customers it has not seen."""
    same, different = customer_pairs(random.Random(14))
    verdicts = []
    for pairs in (same, different):
        found = []
        for a, b in pairs:
            result, failed = call_safely(f"same_customer({a}, {b})", same_customer, a, b)
            if failed is not None:
                return failed
            if not isinstance(result, bool):
                return not_yet(f"same_customer({a}, {b}) returned {result!r}; return True or False.")
            found.append(result)
        verdicts.append(found)
    misses = [pair for pair, found in zip(same, verdicts[0]) if not found]
    false_matches = [pair for pair, found in zip(different, verdicts[1]) if found]
    rates = (f"on {len(same) + len(different)} pairs your code had never seen, it merged "
             f"{len(false_matches)} of {len(different)} pairs of different customers "
             f"(false-match rate {len(false_matches) / len(different):.1%}) and missed {len(misses)} of "
             f"{len(same)} duplicates ({len(misses) / len(same):.1%})")
    if false_matches:
        a, b = false_matches[0]
        reason = ("they live at different postcodes" if a["postcode"].strip() != b["postcode"].strip()
                  else "their first names differ")
        return not_yet(f"{rates}. For example {a['name']!r} and {b['name']!r} are two people: {reason}. "
                       "Raise the threshold, or compare the postcodes too.")
    if len(misses) > len(same) // 10:
        a, b = misses[0]
        return not_yet(f"{rates}. For example {a['name']!r} and {b['name']!r} at {a['postcode']} are one "
                       "customer: clean both names with match_key first, and lower the threshold a little.")
    return passed(f"{rates}: no two customers merged.")


def check_exercise_1(match_key) -> None:
    """Exercise 1: a matching key for names."""
    check_match_key(match_key)


def check_exercise_2(order_refs) -> None:
    """Exercise 2: order references."""
    check_order_refs(order_refs)


def check_exercise_3(parse_amount) -> None:
    """Exercise 3: amounts of money as typed."""
    check_parse_amount(parse_amount)


def check_exercise_4(same_customer) -> None:
    """Exercise 4: duplicate customers."""
    check_same_customer(same_customer)
