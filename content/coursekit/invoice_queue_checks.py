"""Exercise 5's check: a month's invoices sent by a few worker coroutines fed from an asyncio.Queue.

The check stands in for the payment provider. It notes each send, the sends in flight together and
the task that made each one, so it judges what the code did (how many workers, each invoice sent
once, receipts in their places), never how long it took. The expected receipts are what the stand-in
returns: there is no answer to hide.
"""

import asyncio
import collections
import inspect
from decimal import Decimal

from .concurrency_checks import shape_mistake
from .feedback import describe_error, not_yet, passed
from .observing import observe_async, probe
from .stopping import finished_within

# invoices the lesson never shows, numbered in an order that sorting does not restore; each takes its
# own time to send, so receipts collected as sends finish come back in yet another order
INVOICES = [{"invoice": number, "customer": who, "amount": Decimal(amount)} for number, who, amount in [
    (4417, "Harbour Street", "120.00"), (4402, "Quayside", "89.90"), (4431, "Arcade", "1500.00"),
    (4409, "Cathedral Lane", "42.35"), (4425, "Market Row", "610.10"), (4403, "Mill Yard", "7.99"),
    (4428, "Station Road", "233.40"), (4414, "Old Bank", "95.00"), (4420, "Bridge End", "18.75"),
    (4406, "Castle Gate", "402.60"), (4433, "Riverside", "77.70"), (4411, "Canal Wharf", "1210.05")]]
WORKER_RUNS = (2, 5)  # neither is the function's default (3), so code that ignores `workers` shows
CHECK_LIMIT_S = 2.0  # a run still going after this is stopped: its workers wait on an empty queue


def send_seconds(number: int) -> float:
    """How long the provider takes to confirm one invoice: 0.01 to 0.04 s."""
    return 0.01 * (number * 7 % 4 + 1)


def receipt(invoice: dict) -> dict:
    """What the provider answers for one invoice."""
    return {"invoice": invoice["invoice"], "paid": invoice["amount"],
            "reference": f"PAY-{invoice['invoice'] * 37 % 10_000:04d}"}


class PaymentProvider:
    """Stands in for the provider's API: counts each invoice's sends, the sends in flight, the senders."""

    def __init__(self):
        self.sends = collections.Counter()
        self.in_flight = self.most_in_flight = 0
        self.senders = []  # each task that sent something: the workers, however they were started

    async def send(self, invoice):
        task = asyncio.current_task()
        if all(task is not sender for sender in self.senders):
            self.senders.append(task)
        self.sends[invoice["invoice"]] += 1
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(send_seconds(invoice["invoice"]))
            return receipt(invoice)
        finally:
            self.in_flight -= 1


def first_failure(error: BaseException) -> BaseException:
    """The first exception inside an ExceptionGroup (a TaskGroup raises one), or the error itself."""
    while isinstance(error, BaseExceptionGroup):
        error = error.exceptions[0]
    return error


def failure_mistake(error: BaseException) -> str:
    """What an exception out of send_invoices says about the code."""
    error = first_failure(error)
    if isinstance(error, NotImplementedError):
        return "send_invoices still raises NotImplementedError: replace that line with your code."
    if isinstance(error, asyncio.QueueEmpty):
        return ("a worker took from an empty queue (get_nowait raises asyncio.QueueEmpty): let a worker stop "
                "when the queue is empty instead.")
    return f"send_invoices raised {describe_error(error)}."


def receipts_mistake(seen: dict) -> str | None:
    """What is wrong with one run's receipts and the way they were sent (one_run's data), or None."""
    results, workers, sends = seen["receipts"], seen["workers"], seen["sends"]
    twice = [(number, count) for number, count in sends.items() if count > 1]
    if twice:
        return (f"invoice {twice[0][0]} was sent {twice[0][1]} times: its customer would be charged "
                f"{twice[0][1]} times. Each invoice goes into the queue once and is taken out once.")
    unsent = [invoice["invoice"] for invoice in INVOICES if not sends.get(invoice["invoice"])]
    if unsent:
        return (f"{len(unsent)} of the {len(INVOICES)} invoices never went out (invoice {unsent[0]} among "
                "them): every invoice goes into the queue, and the workers go on until it is empty.")
    expected = [receipt(invoice) for invoice in INVOICES]
    if list(results) != expected:
        if len(results) != len(expected):
            return f"send_invoices gave {len(results)} receipts for {len(INVOICES)} invoices: one each."
        if sorted(map(repr, results)) == sorted(map(repr, expected)):
            return ("the receipts are all there, but not in the order of the invoices you were given: "
                    "workers finish in their own order, so keep each invoice's position with it and put its "
                    "receipt there.")
        return "the receipts differ from what send returned: return each invoice's receipt as send gave it."
    if seen["most"] > workers:
        return (f"{seen['most']} invoices were in flight at once: the provider allows at most `workers` "
                f"({workers}) at a time.")
    if seen["most"] < 2:
        return ("the invoices were sent one at a time: start `workers` worker coroutines, so that several "
                "sends wait together.")
    if seen["senders"] > workers:
        return (f"{seen['senders']} tasks sent invoices: one task per invoice "
                "(as gather or create_task for each one makes) exists from the start, however many invoices "
                "there are. Start only `workers` workers, each taking invoice after invoice from the queue.")
    if seen["waiting"]:
        return (f"send_invoices returned while {seen['waiting']} of its workers still waited for the next "
                "invoice; they would wait for ever in the background. Stop every worker before you return.")
    return None


async def one_run(send_invoices, workers: int) -> dict:
    """Run send_invoices once with this many workers: what it returned, each invoice's sends, the sends in
    flight at most, the tasks that sent and those still waiting after it returned; and a mistake only
    this process can see (it never ended, it raised, it returned no list), which can only fail it."""
    provider = PaymentProvider()
    task = asyncio.ensure_future(send_invoices(provider.send, [dict(i) for i in INVOICES], workers))
    try:
        if not await finished_within(task, CHECK_LIMIT_S):
            return {"workers": workers, "mistake": (
                f"send_invoices was still waiting after {CHECK_LIMIT_S:g} s, with "
                f"{sum(provider.sends.values())} of {len(INVOICES)} invoices sent: a worker that waits for "
                "the next invoice once the queue is empty waits for ever.")}
        if task.cancelled() or task.exception() is not None:
            error = task.exception() if not task.cancelled() else asyncio.CancelledError()
            return {"workers": workers, "mistake": failure_mistake(error)}
        mistake = shape_mistake(task.result(), "send_invoices")
        if mistake:
            return {"workers": workers, "mistake": mistake}
        for _ in range(3):  # workers cancelled on the way out end within a few turns of the loop
            await asyncio.sleep(0)
        return {"workers": workers, "mistake": None, "receipts": task.result(), "sends": dict(provider.sends),
                "most": provider.most_in_flight, "senders": len(provider.senders),
                "waiting": sum(1 for sender in provider.senders if not sender.done())}
    finally:
        for sender in provider.senders:  # nothing the learner started outlives the check
            await finished_within(sender, 0)


@probe
async def send_invoices_seen(send_invoices) -> dict:
    """Exercise 5's probe: one_run with each number of workers, until a mistake only it can see."""
    if not inspect.iscoroutinefunction(send_invoices):
        return {"mistake": "define send_invoices with `async def`: it awaits send for each invoice."}
    runs = []
    for workers in WORKER_RUNS:
        runs.append(await one_run(send_invoices, workers))
        if runs[-1]["mistake"]:
            break
    return {"mistake": None, "runs": runs}


def judge_send_invoices(seen: dict) -> bool:
    """Exercise 5's verdict from its probe's data."""
    if seen["mistake"]:
        return not_yet(seen["mistake"])
    for run in seen["runs"]:
        mistake = run["mistake"] or receipts_mistake(run)
        if mistake:
            return not_yet(f"with workers={run['workers']}: {mistake}")
    if [run["workers"] for run in seen["runs"]] != list(WORKER_RUNS):
        return not_yet(f"send_invoices should run with workers={' and then '.join(map(str, WORKER_RUNS))}.")
    runs = " and then ".join(map(str, WORKER_RUNS))
    return passed(f"{len(INVOICES)} invoices you had not seen, each sent once by {runs} workers, never more "
                  "in flight than that and no task per invoice; the receipts came back in invoice order.")


async def check_send_invoices(send_invoices) -> bool:
    """Exercise 5: every invoice sent once, by at most `workers` workers, receipts in invoice order."""
    return judge_send_invoices(await observe_async(send_invoices_seen, send_invoices))


async def check_exercise_5(send_invoices) -> None:
    """Exercise 5: a month's invoices through a queue."""
    await check_send_invoices(send_invoices)
