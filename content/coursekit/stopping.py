"""Stopping a learner's coroutine that overran a check's time limit, never waiting on it without a limit."""

import asyncio

# asyncio.wait_for before Python 3.12 can swallow a cancellation that arrives as what it awaits
# completes (CPython issue 86296), so a coroutine that loops on it may need cancelling again
CANCEL_TRIES, CANCEL_WAIT_S = 5, 0.5


async def finished_within(task: asyncio.Future, seconds: float) -> bool:
    """Whether the task finished within `seconds`; if not, it is cancelled until it stops (or the tries
    run out), and its outcome is dropped."""
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if done:
        return True
    for _ in range(CANCEL_TRIES):
        task.cancel()
        done, _ = await asyncio.wait({task}, timeout=CANCEL_WAIT_S)
        if done:
            break
    if task.done() and not task.cancelled():
        task.exception()  # retrieved, so that asyncio does not report it as never retrieved
    return False
