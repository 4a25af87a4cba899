"""Watch a counter's totals: was one and the same lock held at every read and write?

This works without a second thread (as in the browser): a lock that guards only the write,
or is never taken, shows as an access made while no lock was held.
"""

import collections
import threading

LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))


def is_held(lock) -> bool:
    """Whether a Lock is held, or an RLock is held by this thread."""
    owned = getattr(lock, "_is_owned", None)  # RLock (Lock has locked(); RLock only from 3.14)
    return owned() if owned is not None else lock.locked()


def locks_of(counter) -> list:
    """Every threading lock the counter can reach: on itself, its class, or as a global its add() uses."""
    add = getattr(type(counter), "add", None)
    code, namespace = getattr(add, "__code__", None), getattr(add, "__globals__", {})
    global_values = [namespace[name] for name in (code.co_names if code else ()) if name in namespace]
    values = [*vars(counter).values(), *vars(type(counter)).values(), *global_values]
    return [value for value in values if isinstance(value, LOCK_TYPES)]


class WatchedTotals(dict):
    """A dict that notes, at each read or write, which of the counter's locks was held."""

    def __init__(self, original: dict, counter):
        super().__init__(original)
        self.original, self.counter = original, counter
        self.accesses: list[tuple[str, object]] = []  # (what, the held lock or None)

    def _note(self, what: str) -> None:
        held = [lock for lock in locks_of(self.counter) if is_held(lock)]
        self.accesses.append((what, held[0] if held else None))

    def __getitem__(self, key):
        self._note("read")
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note("read")
        return super().get(key, default)

    def __contains__(self, key):
        self._note("read")
        return super().__contains__(key)

    def setdefault(self, key, default=None):
        self._note("read")
        return super().setdefault(key, default)

    def __setitem__(self, key, value):
        self._note("write")
        super().__setitem__(key, value)

    def __missing__(self, key):
        # keep the learner's defaultdict or Counter behaviour for missing keys
        if isinstance(self.original, collections.defaultdict) and self.original.default_factory:
            value = self.original.default_factory()
            super().__setitem__(key, value)
            return value
        if isinstance(self.original, collections.Counter):
            return 0
        raise KeyError(key)


def unguarded(accesses) -> list[str]:
    """The kinds of access ('read', 'write') made while no lock was held."""
    return sorted({what for what, lock in accesses if lock is None})
