"""Where a check's probe watches the learner's code: in this process, or, for the grader, in the learner's.

A check that needs the learner's own process (threads, a lock, an event loop) splits in two: a probe,
which runs the learner's code under watch and returns what it saw as plain data (values, counts, and
failures it found, never a verdict), and a judge, which decides from that data. In a lesson both run
here. The grader's checker runs the judge in a process of its own and sets `remote`, so that each probe
runs in the learner's process and only its data comes back.
"""

# Set by the grader's checker: a function (probe, args) -> the probe's data, run in the learner's process.
remote = None


def probe(function):
    """Mark a function as a probe: the only functions the grader's learner side runs for a checker."""
    function.is_probe = True
    return function


def observe(watch, *args):
    """What the probe `watch` saw of the learner's code, here or in the learner's process."""
    return watch(*args) if remote is None else remote(watch, args)


async def observe_async(watch, *args):
    """observe, for a probe that is a coroutine function (awaited here; in the grader, the learner's
    process awaits it)."""
    return await watch(*args) if remote is None else remote(watch, args)
