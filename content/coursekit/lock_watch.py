"""Watch a counter's add(): which hold of which lock covered each read and write of its totals.

This works without a second thread (as in the browser): a lock that guards only the write,
a read and a write in two separate holds, or a lock created inside add() all show in the
order of one thread's own accesses.
"""

import collections
import threading
from contextlib import contextmanager

LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))


def is_held(lock) -> bool:
    """Whether a Lock is held, or an RLock is held by this thread."""
    owned = getattr(lock, "_is_owned", None)  # RLock (Lock has locked(); RLock only from 3.14)
    return owned() if owned is not None else lock.locked()


class CountedLock:
    """Stands in for one of the counter's locks while it is watched: the same lock, each hold numbered."""

    def __init__(self, lock):
        self.lock, self.holds = lock, 0

    def acquire(self, *args, **kwargs):
        reentered = is_held(self.lock) and hasattr(self.lock, "_is_owned")  # an RLock's inner hold
        got = self.lock.acquire(*args, **kwargs)
        if got and not reentered:
            self.holds += 1
        return got

    def release(self):
        self.lock.release()

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc_info):
        self.release()

    def held(self) -> bool:
        return is_held(self.lock)

    def __getattr__(self, name):  # locked(), _is_owned() and the rest: the real lock's
        return getattr(self.lock, name)


def lock_places(counter) -> list[tuple[object, str]]:
    """(holder, name) of every threading lock the counter's add() can reach: on the counter, its class, or
    as a global add() uses (holder is then the globals dict)."""
    add = getattr(type(counter), "add", None)
    code, namespace = getattr(add, "__code__", None), getattr(add, "__globals__", {})
    places = [(counter, name) for name, value in vars(counter).items() if isinstance(value, LOCK_TYPES)]
    places += [(type(counter), name) for name, value in vars(type(counter)).items()
               if isinstance(value, LOCK_TYPES)]
    places += [(namespace, name) for name in (code.co_names if code else ())
               if isinstance(namespace.get(name), LOCK_TYPES)]
    return places


def _get(holder, name):
    return holder[name] if isinstance(holder, dict) else getattr(holder, name)


def _set(holder, name, value) -> None:
    if isinstance(holder, dict):
        holder[name] = value
    else:
        setattr(holder, name, value)


@contextmanager
def counted_locks(counter):
    """While watching, each lock add() can reach is a CountedLock around it; yields those."""
    places = lock_places(counter)
    originals = [_get(holder, name) for holder, name in places]
    counted = {id(lock): CountedLock(lock) for lock in originals}  # one stand-in per lock, however named
    for (holder, name), lock in zip(places, originals):
        _set(holder, name, counted[id(lock)])
    try:
        yield list(counted.values())
    finally:
        for (holder, name), lock in zip(places, originals):
            _set(holder, name, lock)


@contextmanager
def locks_created(function):
    """Note every threading.Lock or RLock this thread creates meanwhile (as `threading.Lock()` or a name
    `function` imported); yields that list."""
    me, created = threading.get_ident(), []
    namespace = getattr(function, "__globals__", {})
    makers = {"Lock": threading.Lock, "RLock": threading.RLock}

    def noting(make):
        def make_noted(*args, **kwargs):
            lock = make(*args, **kwargs)
            if threading.get_ident() == me:
                created.append(lock)
            return lock
        return make_noted

    noted = {id(make): noting(make) for make in makers.values()}
    aliases = [name for name, value in list(namespace.items())
               if any(value is make for make in makers.values())]
    originals = {name: namespace[name] for name in aliases}
    for attribute, make in makers.items():
        setattr(threading, attribute, noted[id(make)])
    for name in aliases:
        namespace[name] = noted[id(originals[name])]
    try:
        yield created
    finally:
        for attribute, make in makers.items():
            setattr(threading, attribute, make)
        namespace.update(originals)


class WatchedTotals(dict):
    """A dict that notes, at each read or write, which hold of which watched lock covered it."""

    def __init__(self, original: dict, locks: list[CountedLock]):
        super().__init__(original)
        self.original, self.locks = original, locks
        # (what, (id of the lock, its hold number)) per access; None where no watched lock was held
        self.accesses: list[tuple[str, tuple[int, int] | None]] = []

    def _note(self, what: str) -> None:
        held = [(id(lock), lock.holds) for lock in self.locks if lock.held()]
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
    """The kinds of access ('read', 'write') made while no watched lock was held."""
    return sorted({what for what, hold in accesses if hold is None})
