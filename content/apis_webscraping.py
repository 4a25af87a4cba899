# ---
# jupyter:
#   kernelspec:
#     display_name: Python (Pyodide)
#     language: python
#     name: python
# ---

# %% [markdown]
# # APIs and web scraping
#
# Business data lives on other people's servers: a supplier's order API, a marketplace's
# price list, a competitor's store page. This lesson fetches data over real HTTP, turns
# JSON records into a sales summary in exact money, reads a table out of a web page
# politely, and shows the rules a browser enforces on all of it.
#
# Everything here talks to files that ship with this course site: a small JSON "API" and
# a pretend store website. The requests are real HTTP requests to the site you opened;
# nothing leaves it.
#
# **Time needed:** about 80 minutes: 40 to read and run the lesson, 40 for its four
# exercises. **Prerequisites:** the lesson *Concurrency for IO-bound business tasks*
# (`async`/`await`, `asyncio.gather`), Python dicts and loops.

# %%
from coursekit import web
from coursekit.runtime import describe

print("Running in", describe())
print("HTTP requests go through", web.VIA)
print("The course's files are at", web.site_url())

# %% [markdown]
# ## Learning objectives
#
# By the end of this lesson you can:
#
# 1. send a request, read the status code and decode a JSON response;
# 2. turn 404s, 500s and timeouts into clear messages instead of tracebacks, and retry
#    the failures worth retrying, honouring `Retry-After`;
# 3. add up money from JSON exactly, in `Decimal`, rounded to the cent as a business does;
# 4. follow an API's pagination and summarise its records (sales per region);
# 5. read a table from an HTML page with `html.parser`, respecting `robots.txt` and rate
#    limits, and say what breaks scrapers;
# 6. say what works for HTTP in the browser (`pyfetch`, `requests` through the browser's
#    fetch) and what does not (raw sockets, `urllib.request`), and what CORS blocks.
#
# ## Requests and responses
#
# A client sends a **request** (a method such as `GET` and a URL); the server sends back a
# **response**: a **status code**, headers and a body. JSON APIs put their data in the body
# as JSON text. This lesson sends its requests with `web.fetch`, a helper of this course
# that works unchanged in CPython and in the browser: it returns the status, headers and
# body, and raises `web.FetchFailed` when no answer came. In the browser it asks the
# browser's own `fetch()` (through Pyodide's `js` module, as `pyodide.http.pyfetch` does);
# in CPython it uses `urllib.request`.

# %%
first_page_url = web.site_url("data/api/v1/sales/page-1.json")
answer = await web.fetch(first_page_url)
page = answer.json()

print(f"GET {first_page_url}")
print(f"-> {answer.status} ({'success' if answer.ok else 'error'}), "
      f"{len(answer.text)} characters of JSON via {answer.via}")
print(f"page {page['page']} of {page['total_pages']}, "
      f"{len(page['records'])} of {page['total_records']} records; next: {page['next']}")
print("first record:", page["records"][0])

# %% [markdown]
# `web` and its `FetchFailed` exist only in this course. In your own notebooks you use one
# of these two, and the lines are almost the same:
#
# ```python
# import requests                        # in the browser, install it first: %pip install requests
#
# reply = requests.get(url, timeout=10)  # requests.Timeout / requests.ConnectionError if no answer
# reply.raise_for_status()               # an error status becomes requests.HTTPError
# data = reply.json()
#
# from pyodide.http import pyfetch       # in the browser only
#
# reply = await pyfetch(url)             # reply.status, reply.ok
# data = await reply.json()
# ```
#
# > **Keep API keys out of notebooks you hand in.** A real API wants a key, sent in a header
# > (`headers={"Authorization": f"Bearer {key}"}`), never in the URL. A notebook keeps its
# > cells and its outputs: a key typed into a cell, or printed, goes wherever the notebook
# > goes. Read it from a file or an environment variable that stays on your computer, and
# > never print it.
#
# ## Status codes and errors
#
# | Code | Meaning | What to do |
# |---|---|---|
# | 200 | OK | use the body |
# | 400 | Bad Request | fix the request (its parameters or body); retrying as is will not help |
# | 401 | Unauthorized | send valid credentials (an API key or token); retrying as is will not help |
# | 403 | Forbidden | these credentials may not see this; retrying will not help |
# | 404 | Not Found | the address is wrong; retrying will not help |
# | 408 | Request Timeout | the server gave up waiting for your request: send it again |
# | 429 | Too Many Requests | back off: wait as long as the `Retry-After` header says, then retry |
# | 500 | the server failed | retry later, waiting longer each time; report it if it persists |
# | 502 | Bad Gateway | a proxy in front of the server got no good answer: retry after a pause |
# | 503 | Service Unavailable | back off as for 429, honouring `Retry-After` |
# | 504 | Gateway Timeout | a proxy waited too long for the server: retry after a pause |
#
# 502, 503 and 504 are the ones worth retrying: the server, or a proxy in front of it, is
# briefly unable to answer, and the next try often works. Retry only requests that are
# **idempotent**: sending them twice has the same effect as once (`GET`, `PUT`,
# `DELETE`). A `POST` that places an order may have worked before the answer was lost;
# sending it again can place a second order.
#
# An error status is still an answer: check it before you use the body.
# `web.raise_for_status` turns an error status into an exception whose message says what
# happened and what to do. Here is a real 404: page 9 does not exist.

# %%
def fetch_or_explain(answer):
    """The JSON of a successful answer, or None after one clear sentence about the failure."""
    try:
        return web.raise_for_status(answer).json()
    except web.HTTPStatusError as error:
        print("Request failed:", error)
        return None


missing = await web.fetch(web.site_url("data/api/v1/sales/page-9.json"))
fetch_or_explain(missing)

# %% [markdown]
# A static site like this one cannot make its server fail on purpose, so for a 500 we
# build the answer a failing server would send and hand it to the same code:

# %%
failing = web.Response(first_page_url, 500, "Internal Server Error")  # simulated: no server sent it
fetch_or_explain(failing)

# %% [markdown]
# ### Timeouts
#
# A server that never answers is worse than one that fails: without a **timeout** your
# program waits forever. Always set one. Here a timeout of one microsecond is too short for
# any server, so the request gives up and says so:

# %%
try:
    await web.fetch(first_page_url, timeout=0.000_001)
except web.FetchFailed as error:
    print("Request failed:", error)

# %% [markdown]
# ### Backing off and retrying
#
# A busy server answers 503 and may say how long to wait in a `Retry-After` header (in
# seconds; it may also be a date). Wait that long, then try again; without the header,
# wait a little longer after each failure (**exponential backoff**), and give up after a
# few tries. Below, a pretend supplier API answers 503, then 502, then 200 (simulated
# answers again: our static server never fails), and `get_with_retries` works through them.

# %%
import asyncio

RETRY_STATUSES = {408, 429, 502, 503, 504}


async def get_with_retries(get, url, attempts=4, first_wait=0.25):
    """The first answer worth keeping: retries the statuses above, at most `attempts` tries."""
    wait = first_wait
    for attempt in range(1, attempts + 1):
        answer = await get(url)
        if answer.status not in RETRY_STATUSES or attempt == attempts:
            return answer
        pause = float(answer.headers.get("Retry-After", wait))  # the server's word first
        print(f"try {attempt}: {answer.status}; waiting {pause:g} s")
        await asyncio.sleep(pause)
        wait *= 2  # backoff: twice as long after each failure


replies = iter([web.Response(first_page_url, 503, "", headers={"Retry-After": "1"}),
                web.Response(first_page_url, 502, ""),
                web.Response(first_page_url, 200, "{}")])


async def busy_supplier(url):
    """Stands in for web.fetch: a server that is busy twice, then answers."""
    return next(replies)


final = await get_with_retries(busy_supplier, "https://supplier.example/v1/orders")
print(f"final answer: {final.status}")

# %% [markdown]
# ## Money from JSON: `Decimal`, not `float`
#
# Records are raw material. A manager wants **revenue**: units times unit price, added up
# and shown in pounds and pence. Python's `float` is binary: it cannot hold 0.1 or 0.29
# exactly, so sums of prices drift off the cent, and `round()` then works on the drifted
# number (and rounds an exact half to the even digit):

# %%
print("0.1 + 0.2 =", 0.1 + 0.2)
print("3 * 0.29 =", 3 * 0.29, "-> cut to cents:", int(3 * 0.29 * 100) / 100)
print("round(2.675, 2) =", round(2.675, 2), "(a business expects 2.68)")

# %% [markdown]
# Business code keeps money in `decimal.Decimal` (or in whole pence, as integers).
# `json.loads(text, parse_float=Decimal)` reads every number with a decimal point as a
# `Decimal`, exactly as written (`web.Response.json` passes that option on, as requests'
# `.json()` does). Sums of `Decimal` are exact, and `quantize` rounds to the cent with the
# rounding you name: `ROUND_HALF_UP`, the one shops and invoices use, takes an exact half
# cent up.

# %%
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

print("3 * Decimal('0.29') =", 3 * Decimal("0.29"))
print("Decimal('2.675') rounded half up:", Decimal("2.675").quantize(CENT, rounding=ROUND_HALF_UP))
print("round(Decimal('2.665'), 2) =", round(Decimal("2.665"), 2), "(round() rounds halves to even)")

records = answer.json(parse_float=Decimal)["records"]
print("first record's unit price:", repr(records[0]["unit_price"]))
revenue = sum((r["units"] * r["unit_price"] for r in records), Decimal(0))
print(f"page 1 revenue: £{revenue.quantize(CENT, rounding=ROUND_HALF_UP)}")

# %% [markdown]
# > **Common mistake: `round()` on floats for money.** `round(total, 2)` on a float sum
# > can be a cent off both ways: the sum may sit just below the cent, and an exact half
# > goes to the even digit. Add up `Decimal`s, and round once, at the end, with
# > `quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)`. Convert a float you were given with
# > `Decimal(str(x))`: `Decimal(0.29)` copies the binary error into the Decimal.
#
# ### Exercise 1: revenue per region
#
# Write `region_totals(records)`: from order records whose unit prices are `Decimal` (as
# `parse_float=Decimal` reads them), return a dict mapping each region to its revenue
# (units × unit price, added up), in pounds, rounded half up to the cent. The check runs
# it on orders of its own, where floats drift and totals end in exactly half a cent.
#
# <details><summary>Hint 1</summary>
#
# Start from an empty dict; for each record, add its `units * unit_price` to its region's
# entry (`dict.get(region, Decimal(0))` helps).
#
# </details>
# <details><summary>Hint 2</summary>
#
# Keep everything in `Decimal` while you add: one `float` in the sum brings the binary
# error back.
#
# </details>
# <details><summary>Hint 3</summary>
#
# Round each region's total once, when you build the result, with the `quantize` call
# shown above, not with `round()`.
#
# </details>

# %%
from decimal import ROUND_HALF_UP, Decimal


def region_totals(records):
    """{region: revenue in pounds, rounded half up to the cent} for a list of order records."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
from decimal import ROUND_HALF_UP, Decimal


def region_totals(records):
    """{region: revenue in pounds, rounded half up to the cent} for a list of order records."""
    totals = {}
    for record in records:
        region = record["region"]
        totals[region] = totals.get(region, Decimal(0)) + record["units"] * record["unit_price"]
    cent = Decimal("0.01")
    return {region: total.quantize(cent, rounding=ROUND_HALF_UP) for region, total in totals.items()}


# %%
from coursekit.web_checks import check_exercise_1

check_exercise_1(region_totals)

# %% [markdown]
# ### Exercise 2: an invoice with VAT
#
# A new case: an invoice. Its **net** is the sum of its lines (units × unit price); the
# **VAT** is the net times the VAT rate (a fraction: `Decimal("0.20")` is 20 %), rounded
# half up to the penny; the **gross**, what the customer pays, is net plus VAT. Write
# `invoice_totals(lines, vat_rate=Decimal("0.20"))` returning `(net, vat, gross)`, each a
# `Decimal` in pounds. The check also uses other rates (5 %, 17.5 %).
#
# <details><summary>Hint 1</summary>
#
# Add up the lines as in Exercise 1, for one invoice instead of per region.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Multiply the net by the rate you are given (not always 20 %), and round that product,
# not a float of it.
#
# </details>
# <details><summary>Hint 3</summary>
#
# `(a, b, c)` returns three values at once; a list of three works too.
#
# </details>

# %%
from decimal import ROUND_HALF_UP, Decimal


def invoice_totals(lines, vat_rate=Decimal("0.20")):
    """(net, VAT, gross) of an invoice's lines, VAT rounded half up to the penny."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
from decimal import ROUND_HALF_UP, Decimal


def invoice_totals(lines, vat_rate=Decimal("0.20")):
    """(net, VAT, gross) of an invoice's lines, VAT rounded half up to the penny."""
    net = sum((line["units"] * line["unit_price"] for line in lines), Decimal(0))
    vat = (net * vat_rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return net, vat, net + vat


# %%
from coursekit.web_checks import check_exercise_2

check_exercise_2(invoice_totals)

# %% [markdown]
# ## Query parameters
#
# Real APIs take options in the URL's **query string**: `?region=North&page=2`. Build it
# with `urllib.parse.urlencode`, which escapes spaces and symbols correctly, rather than by
# gluing strings together. This course's API is a set of static files, so it puts its one
# parameter, the page, in the path instead (`page-2.json`); a static server ignores a query
# string.

# %%
from urllib.parse import urlencode, urljoin

query = urlencode({"region": "North", "product": "Coffee beans 1 kg", "page": 2})
print("A real API's URL:", "https://api.example.com/v1/sales?" + query)
print("This course's page 2:", urljoin(first_page_url, page["next"]))

# %% [markdown]
# ## Pagination: following `next`
#
# APIs split long lists into **pages**. Each page here says where the next one is
# (`"next": "page-2.json"`, relative to the current page) and the last says `null`. The
# loop below follows those links, so it works however many pages there are, and then adds
# up revenue per region over every page, in `Decimal`.

# %%
async def fetch_all_pages(url):
    """Every record of a paginated API, following each page's `next` link until it is null."""
    records = []
    while url is not None:
        data = web.raise_for_status(await web.fetch(url)).json(parse_float=Decimal)
        records.extend(data["records"])
        url = urljoin(url, data["next"]) if data["next"] else None
    return records


all_records = await fetch_all_pages(first_page_url)
print(f"{len(all_records)} records from {page['total_pages']} pages; the last:", all_records[-1])

revenue = {}
for record in all_records:
    region = record["region"]
    revenue[region] = revenue.get(region, Decimal(0)) + record["units"] * record["unit_price"]

print(f"{'Region':<8}{'Revenue (£)':>12}")
for region, total in sorted(revenue.items(), key=lambda item: -item[1]):
    print(f"{region:<8}{total.quantize(CENT, rounding=ROUND_HALF_UP):>12}")
print(f"{'Total':<8}{sum(revenue.values()).quantize(CENT, rounding=ROUND_HALF_UP):>12}")

# %% [markdown]
# ### Exercise 3: follow the pages yourself
#
# Write `fetch_all_records(first_page_url)` without looking at `fetch_all_pages` above:
# fetch a page with `await web.fetch(url)`, keep its records, and follow its `next` link
# (relative: resolve it with `urljoin(url, next)`) until `next` is `null` (`None`). The check
# also runs it on another API's first page, one your code has never seen.
#
# <details><summary>Hint 1</summary>
#
# Keep a `url` variable: start with the first page's URL and replace it with the next page's after each fetch.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Loop while there is a URL to fetch; what ends the loop is the page itself saying there is
# no next page.
#
# </details>
# <details><summary>Hint 3</summary>
#
# Only a null `next` means the end: an empty page in the middle
# is not the last one, and page names need not be numbered.
#
# </details>

# %%
from urllib.parse import urljoin

from coursekit import web


async def fetch_all_records(first_page_url):
    """Every record of every page, in order."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
from urllib.parse import urljoin

from coursekit import web


async def fetch_all_records(first_page_url):
    """Every record of every page, in order."""
    records, url = [], first_page_url
    while url:
        body = web.raise_for_status(await web.fetch(url)).json()
        records += body["records"]
        url = urljoin(url, body["next"]) if body["next"] else None
    return records


# %%
from coursekit.web_checks import check_exercise_3

await check_exercise_3(fetch_all_records, first_page_url)

# %% [markdown]
# ## Fetching pages concurrently
#
# Pages are IO-bound work, exactly like the store APIs of the previous lesson. Over a real
# network each request waits for a round trip; here every request gets a **simulated 0.3 s
# of latency** (the course's files are served too fast to show it). One by one, the waits
# add up; with `asyncio.gather` they overlap, and this works in the browser too.
#
# With three pages that is fine. With three hundred, `gather` would fire them all at once,
# which a server may answer with 429 (or block you). An `asyncio.Semaphore(n)` keeps at
# most `n` requests in flight; the last line below fetches the pages two at a time.

# %%
import time

page_urls = [web.site_url(f"data/api/v1/sales/page-{n}.json") for n in (1, 2, 3)]

started = time.perf_counter()
one_by_one = [await web.fetch(url, latency=0.3) for url in page_urls]
elapsed_one_by_one = time.perf_counter() - started

started = time.perf_counter()
together = await asyncio.gather(*(web.fetch(url, latency=0.3) for url in page_urls))
elapsed_together = time.perf_counter() - started

print(f"One by one: {elapsed_one_by_one:.2f} s")
print(f"asyncio.gather: {elapsed_together:.2f} s ({elapsed_one_by_one / elapsed_together:.1f}× faster), "
      f"same pages: {[a.text for a in together] == [a.text for a in one_by_one]}")

polite = asyncio.Semaphore(2)  # at most two requests in flight


async def fetch_politely(url):
    """web.fetch, waiting for a free place first."""
    async with polite:
        return await web.fetch(url, latency=0.3)


started = time.perf_counter()
limited = await asyncio.gather(*(fetch_politely(url) for url in page_urls))
print(f"gather with Semaphore(2): {time.perf_counter() - started:.2f} s (two rounds of 0.3 s), "
      f"same pages: {[a.text for a in limited] == [a.text for a in one_by_one]}")

# %% [markdown]
# ## Web scraping
#
# When there is no API, the data may still be on a web page, inside HTML. **Scraping**
# means fetching the page and pulling the data out of its markup. Do it politely:
#
# - read the site's **`robots.txt`** first and skip what it disallows. Crawlers look for it
#   only at the root of the host (`https://shop.example/robots.txt`; RFC 9309), never in
#   a folder;
# - wait between requests (a second or more), so you never look like an attack. Some
#   sites ask for a pause with a `Crawl-delay` line: it is **not part of the standard**,
#   and some crawlers ignore it, but a polite scraper honours it;
# - prefer an API when there is one, and respect the site's terms.
#
# Our pretend shop would live on a host of its own; here it sits in the course site's
# folder `data/web/`, so its `robots.txt` is in that folder and we read the rules as if
# that folder were the host's root (`/private/` means `data/web/private/`). And, as with
# any response, check the status before you parse it: RFC 9309 says that if robots.txt is
# missing (a 4xx status) you may crawl, and if the server fails (5xx) you must assume
# everything is disallowed. Both cases are written as rules the parser reads: no rules at
# all, or one rule that disallows everything.

# %%
from urllib.robotparser import RobotFileParser

site = web.site_url("data/web/")
robots = RobotFileParser()
robots_reply = await web.fetch(site + "robots.txt")
if robots_reply.ok:
    robots.parse(robots_reply.text.splitlines())
elif 400 <= robots_reply.status < 500:
    robots.parse([])  # no robots.txt: no rules, everything allowed
else:
    robots.parse(["User-agent: *", "Disallow: /"])  # the server failed: assume nothing is allowed
print(f"robots.txt: status {robots_reply.status}")
delay = robots.crawl_delay("*") or 1

for path in ["/stores.html", "/private/rota.html"]:
    verdict = "allowed" if robots.can_fetch("*", path) else "disallowed: we skip it"
    print(f"{path}: {verdict}")
print(f"Crawl-delay: {delay} s between requests")

# %% [markdown]
# The page holds a `<table>`. Python's standard library reads HTML with `html.parser`: a
# parser calls your methods for every start tag, end tag and piece of text, and you keep
# what you need. `coursekit.scraping.table_cells` (about 30 lines, printed below) collects a
# table's header cells and its rows of cell texts.

# %%
import inspect

from coursekit import scraping

print(inspect.getsource(scraping.TableCells))

# %% [markdown]
# Fetch the page (after the crawl delay, like every request to this site), read the
# table, and add up weekly revenue per region, in `Decimal` again. This first scraper
# picks cells **by position**: the store is cell 0, the region cell 2, the revenue cell 4.

# %%
from coursekit.scraping import table_cells

await asyncio.sleep(delay)  # polite: one request per crawl delay
stores_page = (await web.fetch(site + "stores.html")).text
headers, rows = table_cells(stores_page)
print("Columns:", headers)


def revenue_by_region_by_position(rows):
    """Weekly revenue per region, reading cells by their position in the row."""
    totals = {}
    for row in rows:
        region, weekly = row[2], Decimal(row[4].replace(",", ""))
        totals[region] = totals.get(region, Decimal(0)) + weekly
    return {region: str(total) for region, total in totals.items()}


print("Weekly revenue per region (£):", revenue_by_region_by_position(rows))

# %% [markdown]
# ### What breaks scrapers
#
# A web page is made for people, not programs, and it changes without notice: columns move,
# headings are renamed, a table becomes a list of cards, content arrives later by
# JavaScript (which `html.parser` never runs), or the site starts refusing robots. Here the
# shop has redesigned its store list: the same stores, with the columns in a new order. A
# positional scraper now reads the wrong cells: at best it crashes, as here; at worst the
# wrong cells still look like numbers and it quietly returns nonsense.

# %%
from decimal import InvalidOperation

await asyncio.sleep(delay)
redesign_page = (await web.fetch(site + "stores-redesign.html")).text
new_headers, new_rows = table_cells(redesign_page)
print("New columns:", new_headers)
try:
    print("By position:", revenue_by_region_by_position(new_rows))
except InvalidOperation:
    print(f"By position, the scraper now fails: cell 4 is now {new_rows[0][4]!r}, which is no amount")

# %% [markdown]
# Keying each cell by its **column header** makes a scraper survive this kind of change,
# and checking that the headers you rely on are present turns a silent error into a loud
# one.
#
# > **Common mistake: parsing whatever came back.** A 404 page or a "we are down" page is
# > HTML too; check the status (and the headers you need) before you trust what you parsed.
#
# ### Exercise 4: a scraper that survives a redesign
#
# Write `parse_store_table(page)` with `table_cells`:
#
# 1. check that the headers you rely on, `REQUIRED` below, are all there; if any is
#    missing, raise `ValueError` with a message naming it;
# 2. return one dict per store row, keyed by the column headers
#    (`{'Store': 'Harbour Street', 'City': 'Bristol', ...}`);
# 3. with `'Weekly revenue (£)'` converted to money (`Decimal('18420.50')`, not `'18,420.50'`).
#
# The check runs it on the original page, the redesign, another shop's page you have not
# seen, and pages that each lack one of the required headers.
#
# <details><summary>Hint 1</summary>
#
# `table_cells(page)` gives the headers and the rows; pair each cell of a row with the
# header above it.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Find every required header that is not among the page's headers before you read any
# row, and raise only if there is one.
#
# </details>
# <details><summary>Hint 3</summary>
#
# `Decimal` reads `'18420.50'` but not `'18,420.50'`: remove the thousands separators first.
#
# </details>

# %%
from decimal import Decimal

from coursekit.scraping import table_cells

REQUIRED = ["Store", "Region", "Weekly revenue (£)"]


def parse_store_table(page):
    """One dict per table row, keyed by column header, revenue as a Decimal."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
from decimal import Decimal

from coursekit.scraping import table_cells

REQUIRED = ["Store", "Region", "Weekly revenue (£)"]


def parse_store_table(page):
    """One dict per table row, keyed by column header, revenue as a Decimal."""
    headers, rows = table_cells(page)
    missing = [name for name in REQUIRED if name not in headers]
    if missing:
        raise ValueError(f"the table has no {missing} column; its headers are {headers}")
    stores = [dict(zip(headers, row)) for row in rows]
    for store in stores:
        store["Weekly revenue (£)"] = Decimal(store["Weekly revenue (£)"].replace(",", ""))
    return stores


# %%
from coursekit.web_checks import check_exercise_4

check_exercise_4(parse_store_table, stores_page, redesign_page)

# %% [markdown]
# ## The browser's rules
#
# In the browser, Python runs inside a web page, and a page may not open network
# connections of its own: there are **no raw sockets**, only the browser's `fetch` (and
# WebSockets). What that means for Python's HTTP libraries:
#
# - `pyodide.http.pyfetch` asks the browser to fetch: it works.
# - `requests` works too once installed, because its `urllib3` notices it runs in Pyodide
#   and sends each request through the browser. From urllib3 2.3 on, that is the
#   browser's `fetch` wherever the browser can pause Python while it waits (Chromium and
#   Firefox); elsewhere (Safari's engine) it is a synchronous `XMLHttpRequest`, the only
#   way urllib3 2.2 had. Either way it obeys the browser's rules, CORS included. This site
#   ships `requests` in its own package set, so `micropip` (or `%pip install requests`)
#   installs it from the site, with nothing from PyPI.
# - `urllib.request` is built on Python's sockets, which Pyodide only emulates: there is
#   no real connection to open, so `urlopen` raises `urllib.error.URLError` even for the
#   site's own files.
#
# The cell below tries `requests` and `urllib.request` in whichever Python you are running;
# **[What runs in your browser](what-runs-in-your-browser.ipynb)** lists what the course
# measured in both runtimes, sockets included.

# %%
import urllib.error
import urllib.request

requests = await web.load_requests()  # in the browser: micropip installs it from this site
reply = requests.get(first_page_url, timeout=5)
print(f"requests {requests.__version__}: GET -> {reply.status_code}, {len(reply.json()['records'])} records")

try:
    with urllib.request.urlopen(first_page_url, timeout=5) as answer:
        print(f"urllib.request.urlopen: {answer.status}, it works in this Python.")
except urllib.error.URLError as error:
    print(f"urllib.request.urlopen failed here: URLError: {error.reason}")

# %% [markdown]
# ### CORS: whom a page may read from
#
# A page may send requests to its own **origin** (scheme, host and port) freely. Reading a
# response from another origin is allowed only if that server says so, with
# **CORS** headers (`Access-Control-Allow-Origin`). Otherwise the browser blocks the
# response, and all your code learns is that the fetch failed: no status, no reason. This
# protects you: a page you visit cannot read your bank's pages with your cookies.
#
# On your own computer the same server answers as `127.0.0.1` and as `localhost`: two
# names, so two origins. Our server sends no CORS headers, so asking it under the other name
# is a cross-origin request. Outside the browser there is no CORS at all: CPython fetches it.
# On a site served from elsewhere there is no second origin the lesson may safely ask, so
# the cell shows what the course measured in each browser engine when it was built.

# %%
elsewhere = web.other_origin(first_page_url)
if elsewhere is None:
    print("Asking another origin, as measured when this course was built:")
    for runtime, (works, detail) in (await web.recorded("cross_origin_fetch")).items():
        print(f"  {runtime}: {'read it' if works else 'blocked'} ({detail})")
else:
    try:
        reply = await web.fetch(elsewhere, timeout=5)
        print(f"{web.VIA} read {elsewhere} (status {reply.status}): no CORS outside a browser.")
    except web.FetchFailed as error:
        print("Blocked by the browser (CORS):", error)

# %% [markdown]
# `requests` in the browser goes through the same browser machinery, so the same rule stops
# it: it raises its `ConnectionError`, and Python's `except` catches it as usual.
#
# > **A Pyodide bug to know about.** In Chromium and Firefox (Chrome, Edge, Firefox), Pyodide
# > also reports a browser failure that Python then catches, as if nothing had caught it
# > (pyodide/pyodide issue 4912): the notebook shows it in red, marks the cell failed, and Run
# > All stops there. The course's `web.caught_stays_caught()` keeps those stray reports out, so
# > you see only what your `except` does; use it around `requests` calls that may fail in your
# > own browser notebooks (its few lines are in `coursekit/web.py`). Safari's engine sends
# > `requests` through a different browser function and makes no stray report.

# %%
if elsewhere is not None:
    with web.caught_stays_caught():
        try:
            reply = requests.get(elsewhere, timeout=5)
            print(f"requests read {elsewhere} (status {reply.status_code}): no CORS outside a browser.")
        except requests.ConnectionError as error:
            print("requests was blocked too: ConnectionError:", error)

# %% [markdown]
# **What works instead:** call APIs that send CORS headers for everyone (many public APIs
# do), host the data on the same site as the page (as this course does), or run the code
# outside the browser, in a real Python process, where CORS does not apply.
#
# ## Key points
#
# - Check the status before you use a response, and turn failures into clear messages;
#   retry 408, 429, 502, 503 and 504 with backoff (honour `Retry-After`), and retry only
#   idempotent requests.
# - Always set a timeout; follow pagination links rather than guessing page counts.
# - Money is `Decimal` (`json.loads(..., parse_float=Decimal)`), rounded once with
#   `quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)`; never float `round()`.
# - Overlap requests with `asyncio.gather`, and cap them with an `asyncio.Semaphore`.
# - Scrape politely (`robots.txt` at the host's root, a delay between requests), key data
#   by header, not position, and fail loudly when a header you need is missing.
# - In the browser, HTTP goes through the browser (`pyfetch`, or `requests` via urllib3),
#   under its CORS rules; raw sockets and `urllib.request` do not work there. Keep API
#   keys out of notebooks you hand in.
