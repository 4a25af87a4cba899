"""Answer keys that are not answers: a short SHA-256 of a value's canonical text."""

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation


def canonical(value):
    """The value as plain JSON, numbers as decimal text: 18.5, 18.50 and Decimal('18.5') read the same."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float | Decimal):
        try:  # repr is a float's shortest exact text: 0.1 reads "0.1", not its binary neighbour's digits
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            return "#" + format(number.normalize(), "f")
        except (InvalidOperation, ValueError):
            return "#" + repr(value)
    if isinstance(value, Mapping):
        return {str(key): canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    return "?" + type(value).__name__  # anything else matches no key


def digest(value) -> str:
    """sha256 of the canonical JSON, first 16 hex digits: what a check compares, never the answer itself."""
    text = json.dumps(canonical(value), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
