"""The lessons' simulated business workloads: fixed delays and fixed results, so every run agrees."""

import heapq
import time
from decimal import ROUND_HALF_UP, Decimal

#: Eight store APIs to call, with how long each one takes to answer (seconds).
STORE_DELAYS = {f"store-{n}": round((n % 3) * 0.05 + 0.05, 2) for n in range(1, 9)}


def daily_sales(store: str) -> int:
    """The sales figure a store's API answers with (deterministic, from the store's number)."""
    number = int(store.rsplit("-", 1)[1])
    return 1_000 + 250 * number


def store_metrics(store_id: int) -> dict[str, Decimal]:
    """The exercises' store figures in Decimal: sales, and profit at 15 % rounded half up to the cent."""
    sales = Decimal("1000.00") + Decimal("37.45") * (store_id * 37 % 100)
    return {"sales": sales, "profit": (sales * Decimal("0.15")).quantize(Decimal("0.01"), ROUND_HALF_UP)}


def fetch_sales(store: str, timeline) -> tuple[str, int]:
    """Call one store's API (simulated: a blocking wait) and return (store, sales)."""
    with timeline.span(store):
        time.sleep(STORE_DELAYS[store])
        return store, daily_sales(store)


def pool_schedule(delays, workers: int) -> list[tuple[int, float, float]]:
    """(worker, start, end) of each task when a pool hands tasks in order to the first free worker."""
    free_at = [(0.0, worker) for worker in range(1, workers + 1)]
    schedule = []
    for delay in delays:
        start, worker = heapq.heappop(free_at)
        schedule.append((worker, start, round(start + delay, 6)))
        heapq.heappush(free_at, (round(start + delay, 6), worker))
    return schedule


def ideal_pool(delays, workers: int) -> float:
    """A pool handing tasks in order to the first free worker: when the busiest worker finishes."""
    return max(end for _, _, end in pool_schedule(delays, workers))


def simulate_prices(seed: int, steps: int = 1_000_000) -> int:
    """CPU-bound work: a deterministic pseudo-random price walk, returning the final price in cents."""
    price, state = 10_000, seed
    for _ in range(steps):
        state = (state * 1_103_515_245 + 12_345) % 2**31
        price += (state % 201) - 100
    return price


def timed(function, *args):
    """(seconds taken, result) of calling function(*args)."""
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result
