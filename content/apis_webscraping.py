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
# Business data lives on other people's servers: a supplier's order API, a competitor's store
# page. This lesson fetches it over real HTTP, turns JSON into exact money, reads a table out
# of a web page politely, and shows the rules a browser enforces on all of it. Every request
# goes to files shipped with this course site (a JSON "API" and a pretend shop): real HTTP.
#
# **Time needed:** about 80 minutes: 40 to read and run the lesson, 40 for its four
# exercises. **Prerequisites:** the lessons *Money and KPIs* (`Decimal`, `quantize`) and
# *Concurrency for IO-bound business tasks* (`async`/`await`, `asyncio.gather`).
#
# By the end you can: (1) send a request, read its status and decode its JSON; (2) turn
# 404s, 500s and timeouts into clear messages, and retry what is worth retrying, honouring
# `Retry-After`; (3) add up money from JSON exactly; (4) follow an API's pagination; (5) read
# a table from a web page politely and say what breaks scrapers; (6) say what works for HTTP
# in the browser and what CORS blocks.

# %%
from coursekit import web
from coursekit.runtime import describe

print("Running in", describe())
print("HTTP requests go through", web.VIA)

# %% [markdown]
# ## Requests and responses
#
# A client sends a **request** (a method such as `GET` and a URL); the server answers with a
# **response**: a **status code**, headers and a body (JSON text, from a JSON API). The lesson
# uses `web.fetch`, a course helper that runs unchanged in CPython (through `urllib.request`)
# and in the browser (through its `fetch()`, as `pyodide.http.pyfetch` does); it raises
# `web.FetchFailed` when no answer came.

# %%
first_page_url = web.site_url("data/api/v1/sales/page-1.json")
answer = await web.fetch(first_page_url)
page = answer.json()

print(f"GET {first_page_url}\n-> {answer.status} ({'success' if answer.ok else 'error'}), "
      f"{len(answer.text)} characters of JSON via {answer.via}")
print(f"page {page['page']} of {page['total_pages']}, "
      f"{len(page['records'])} of {page['total_records']} records; next: {page['next']}")
print("first record:", page["records"][0])

# %% [markdown]
# `web` exists only in this course. In your own notebooks you use one of these two:
#
# ```python
# import requests                        # in the browser, install it first: %pip install requests
# reply = requests.get(url, timeout=10)  # requests.Timeout / requests.ConnectionError if no answer
# reply.raise_for_status()               # an error status becomes requests.HTTPError
# data = reply.json()
#
# from pyodide.http import pyfetch       # in the browser only
# reply = await pyfetch(url)             # reply.status, reply.ok
# data = await reply.json()
# ```
#
# > **Keep API keys out of notebooks you hand in.** Send a key in a header (`headers={"Authorization":
# > f"Bearer {key}"}`), never in the URL. A key typed into a cell, or printed, goes wherever the
# > notebook goes: read it from a file or an environment variable that stays on your computer.
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
# 502, 503 and 504 (the server, or a proxy in front of it, briefly unable to answer) are the
# most worth retrying, but retry only **idempotent** requests, whose second sending has the
# same effect as the first (`GET`, `PUT`, `DELETE`): a `POST` that placed an order before its
# answer was lost places a second order when sent again.
#
# An error status is still an answer: check it before you use the body. `web.raise_for_status`
# (like requests' `raise_for_status()`) turns one into an exception that says what to do. Below,
# a real 404 (there is no page 9), then a 500 built by hand: a static site cannot fail on purpose.

# %%
failed = [await web.fetch(web.site_url("data/api/v1/sales/page-9.json")),
          web.Response(first_page_url, 500, "Internal Server Error")]  # simulated: no server sent it
for reply in failed:
    try:
        web.raise_for_status(reply)
    except web.HTTPStatusError as error:
        print("Request failed:", error)

# %% [markdown]
# ### Timeouts, backing off and retrying
#
# A server that never answers is worse than one that fails: without a **timeout** your program
# waits forever. Always set one (one microsecond, below, is too short for any server).
#
# A busy server answers 503 or 429 and may say how long to wait in a `Retry-After` header
# (seconds, or a date). Wait that long; without it, wait longer after each failure
# (**exponential backoff**); give up after a few tries. A simulated supplier answers 503,
# then 502, then 200:

# %%
import asyncio

try:
    await web.fetch(first_page_url, timeout=0.000_001)
except web.FetchFailed as error:
    print("Request failed:", error)

RETRY_STATUSES = {408, 429, 502, 503, 504}


async def get_with_retries(get, url, attempts=4, first_wait=0.1):
    """The first answer worth keeping: retries the statuses above, at most `attempts` tries."""
    wait = first_wait
    for attempt in range(1, attempts + 1):
        answer = await get(url)
        if answer.status not in RETRY_STATUSES or attempt == attempts:
            return answer
        pause = float(answer.headers.get("Retry-After", wait))  # the server's word first (in seconds)
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
# A manager wants **revenue**: units times unit price, added up, in pounds and pence. As
# *Money and KPIs* showed, a `float` cannot hold 0.29 exactly, so money belongs in `Decimal`,
# rounded once with `quantize`. But `json.loads` reads `0.29` as a float, unless you pass
# `parse_float=Decimal`: then every number with a decimal point becomes a `Decimal`, exactly
# as written. `web.Response.json` passes that option on, as requests' `.json()` does.

# %%
import json
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

price = json.loads('{"unit_price": 0.29}')["unit_price"]
print(f"3 * {price!r} = {3 * price!r} -> cut to cents: {int(3 * price * 100) / 100}")
price = json.loads('{"unit_price": 0.29}', parse_float=Decimal)["unit_price"]
print(f"3 * {price!r} = {3 * price}")


def revenue(records):
    """Units times unit price, added up in Decimal and rounded half up to the penny."""
    total = sum((r["units"] * r["unit_price"] for r in records), Decimal(0))
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


records = answer.json(parse_float=Decimal)["records"]
print("first record's unit price:", repr(records[0]["unit_price"]))
print(f"page 1 revenue: £{revenue(records)}")

# %% [markdown]
# > **Common mistake: floats from JSON.** Without `parse_float=Decimal` every price is a float,
# > and `round(total, 2)` on their sum can be a cent off either way. Convert a float you were
# > given with `Decimal(str(x))`: `Decimal(0.29)` copies the binary error.
#
# ### Exercise 1: revenue per region
#
# Write `region_totals(records)`: from order records with `Decimal` unit prices, return a dict
# mapping each region to its revenue (units × unit price, added up) in pounds, rounded half up
# to the cent. The check uses orders of its own, where totals end in exactly half a cent.
#
# <details><summary>Hint 1</summary>
#
# One pass over the records is enough if you keep a running total for each region you meet.
# </details>
# <details><summary>Hint 2</summary>
#
# Keep everything in `Decimal` while you add: one `float` in the sum brings the binary error
# back. Round each region's total once, at the end, and not with `round()`.
# </details>

# %%
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
# *Money and KPIs* totalled an invoice from CSV text; here its lines come from JSON, prices
# already `Decimal`. Write `invoice_totals(lines, vat_rate=Decimal("0.20"))` returning `(net,
# vat, gross)` in pounds: the **net** is the sum of units × unit price, the **VAT** the net
# times the rate (a fraction: `Decimal("0.20")` is 20 %) rounded half up to the penny, and the
# **gross** their sum. The check also uses other rates (5 %, 17.5 %).
#
# <details><summary>Hint 1</summary>
#
# Add up the lines as in Exercise 1, for one invoice instead of per region.
# </details>
# <details><summary>Hint 2</summary>
#
# Multiply the net by the rate you are given (not always 20 %), and round that product,
# not a float of it.
# </details>

# %%
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
# ## Pagination: following `next`
#
# APIs split long lists into **pages**. Each page here names the next one (`"next":
# "page-2.json"`, relative to the current page: `urljoin(url, next)` makes it a full URL);
# the last says `null`. Real APIs also take options in the URL's **query string**
# (`?region=North&page=2`): build it with `urllib.parse.urlencode`, which escapes spaces and
# symbols, never by gluing strings. This course's API is static files: the page is in the path.

# %%
from urllib.parse import urlencode, urljoin

query = urlencode({"region": "North", "product": "Coffee beans 1 kg", "page": 2})
print("A real API's URL:", "https://api.example.com/v1/sales?" + query)
print("This course's page 2:", urljoin(first_page_url, page["next"]))

# %% [markdown]
# ### Exercise 3: follow the pages
#
# Write `fetch_all_records(first_page_url)`: fetch a page with `await web.fetch(url)`, keep
# its records, and follow its `next` link until `next` is `null` (`None`), whatever the
# number of pages. The check also runs it on another API your code has never seen.
#
# <details><summary>Hint 1</summary>
#
# Keep the URL still to fetch in a variable, which each page you fetch replaces; what ends
# the loop is a page saying there is no next one.
# </details>
# <details><summary>Hint 2</summary>
#
# Only a null `next` means the end: an empty page in the middle is not the last one, and
# page names need not be numbered.
# </details>

# %%
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
# When the first page gives the number of pages (`total_pages`), the others can be fetched
# together: IO-bound work, like the previous lesson's store APIs. Each request waits for a network
# round trip, simulated as **0.1 s of latency** (the site's own files come too fast to show it).
# One by one, the waits add up; with `asyncio.gather` (or an `asyncio.TaskGroup`, which cancels
# the rest when one fails) they overlap, in the browser too. With three hundred pages they would
# all start at once, which a server may answer with 429: an `asyncio.Semaphore(n)` keeps at most
# `n` requests in flight.

# %%
import time

page_urls = [web.site_url(f"data/api/v1/sales/page-{n}.json") for n in range(1, page["total_pages"] + 1)]

started = time.perf_counter()
one_by_one = [await web.fetch(url, latency=0.1) for url in page_urls]
print(f"One by one: {time.perf_counter() - started:.2f} s ({len(page_urls)} waits of 0.1 s in a row)")

started = time.perf_counter()
together = await asyncio.gather(*(web.fetch(url, latency=0.1) for url in page_urls))
print(f"asyncio.gather: {time.perf_counter() - started:.2f} s (the waits overlap), "
      f"same pages: {[a.text for a in together] == [a.text for a in one_by_one]}")

polite = asyncio.Semaphore(2)  # at most two requests in flight


async def fetch_politely(url):
    """web.fetch, waiting for a free place first."""
    async with polite:
        return await web.fetch(url, latency=0.1)


started = time.perf_counter()
limited = await asyncio.gather(*(fetch_politely(url) for url in page_urls))
print(f"gather with Semaphore(2): {time.perf_counter() - started:.2f} s (two rounds of 0.1 s), "
      f"same pages: {[a.text for a in limited] == [a.text for a in one_by_one]}")

all_records = [r for reply in together for r in reply.json(parse_float=Decimal)["records"]]
print(f"{len(all_records)} records from {len(together)} pages, revenue £{revenue(all_records)}")

# %% [markdown]
# ## Web scraping
#
# With no API, the data may still be on a web page: **scraping** pulls it out of the HTML.
# Do it politely: prefer an API if one exists; read the site's **`robots.txt`** (only ever at
# the host's root, `https://shop.example/robots.txt`: RFC 9309) and skip what it disallows;
# wait a second or more between requests (a `Crawl-delay` line asks for a pause: **not in the
# standard**, but a polite scraper honours it). Check its status first: a missing robots.txt
# (4xx) lets you crawl, a failing server (5xx) means assume everything is disallowed. Our
# pretend shop's root is the folder `data/web/` (`/private/` means `data/web/private/`).

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
    print(f"{path}:", "allowed" if robots.can_fetch("*", path) else "disallowed: we skip it")
print(f"Crawl-delay: {delay} s between requests")

# %% [markdown]
# The page holds a `<table>`. The standard library's `html.parser` calls your methods for each
# start tag, end tag and piece of text; `coursekit.scraping.table_cells`, whose parser is printed
# below, keeps a table's header cells and rows of cell texts. After the crawl delay we fetch the
# page, and a first scraper picks cells **by position**: the store is cell 0, revenue cell 4.

# %%
import inspect

from coursekit.scraping import TableCells, table_cells

print(inspect.getsource(TableCells))

await asyncio.sleep(delay)  # polite: one request per crawl delay
stores_page = (await web.fetch(site + "stores.html")).text
headers, rows = table_cells(stores_page)
print("Columns:", headers)


def revenue_by_position(rows):
    """{store: weekly revenue}, reading cells by their position in the row."""
    return {row[0]: str(Decimal(row[4].replace(",", ""))) for row in rows}


print("Weekly revenue (£):", revenue_by_position(rows))

# %% [markdown]
# ### What breaks scrapers
#
# A page is made for people and changes without notice: columns move, headings are renamed,
# content arrives later by JavaScript (which `html.parser` never runs). Here the shop has put
# its columns in a new order, and a positional scraper reads the wrong cells: at best it
# crashes, as here; at worst they still look like numbers and it quietly returns nonsense.

# %%
from decimal import InvalidOperation

await asyncio.sleep(delay)
redesign_page = (await web.fetch(site + "stores-redesign.html")).text
new_headers, new_rows = table_cells(redesign_page)
print("New columns:", new_headers)
try:
    print("By position:", revenue_by_position(new_rows))
except InvalidOperation:
    print(f"By position, the scraper now fails: cell 4 is now {new_rows[0][4]!r}, which is no amount")

# %% [markdown]
# Keying cells by **column header** survives this change; checking that the headers you rely on
# are present turns a silent error into a loud one.
#
# > **Common mistake: parsing whatever came back.** A 404 page or a "we are down" page is
# > HTML too: check the status (and the headers you need) before you trust what you parsed.
#
# ### Exercise 4: a scraper that survives a redesign
#
# Write `parse_store_table(page)` with `table_cells`: (1) if any header of `REQUIRED` below
# is missing, raise `ValueError` naming it; (2) return one dict per store row, keyed by the
# column headers (`{'Store': 'Harbour Street', 'City': 'Bristol', ...}`), (3) with `'Weekly
# revenue (£)'` as money (`Decimal('18420.50')`, not `'18,420.50'`). The check uses both pages
# above, another shop's page you have not seen, and pages each lacking one required header.
#
# <details><summary>Hint 1</summary>
#
# `table_cells(page)` gives the headers and the rows: pair each cell of a row with its header.
# </details>
# <details><summary>Hint 2</summary>
#
# Find every required header missing from the page before you read any row, and raise only
# if there is one. The positional scraper above shows how revenue text becomes a `Decimal`.
# </details>

# %%
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
# In the browser, Python runs inside a web page, which may not open connections of its own:
# there are **no raw sockets**, only the browser's `fetch` (and WebSockets). So:
#
# - `pyodide.http.pyfetch` asks the browser to fetch: it works.
# - `requests` works once installed (this site ships it: `%pip install requests` installs it
#   from the site itself): its `urllib3` sends each request through the browser. From urllib3
#   2.3 on, that is the browser's `fetch` wherever the browser can pause Python while it waits
#   (Chromium and Firefox); elsewhere (Safari's engine) a synchronous `XMLHttpRequest`, as
#   urllib3 2.2 sent. Either way the browser's rules apply, CORS included.
# - `urllib.request` is built on sockets, which Pyodide only emulates: `urlopen` raises
#   `urllib.error.URLError` even for the site's own files.
#
# The cell tries the last two; **[What runs in your browser](what-runs-in-your-browser.ipynb)**
# lists what the course measured in both runtimes, sockets included.

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
# response from another origin is allowed only if that server says so, with a **CORS** header
# (`Access-Control-Allow-Origin`). Otherwise the browser withholds the response, and all your
# code learns is that the fetch failed: no status, no reason. This protects you: a page you
# visit cannot read your bank's pages with your cookies.
#
# ```mermaid
# sequenceDiagram
#     accTitle: The browser fetches from another origin but keeps the answer from the page
#     accDescr: The other origin answers 200 without a CORS header; Python learns only that the fetch failed.
#     participant P as Your Python (origin A)
#     participant B as The browser
#     participant S as Server (origin B)
#     P->>B: fetch a URL on origin B
#     B->>S: GET, saying "Origin: A"
#     S-->>B: 200 and the data, no Access-Control-Allow-Origin
#     B-->>P: "the fetch failed": no status, no data
# ```
#
# On your own computer the same server answers as `127.0.0.1` and as `localhost`: two names,
# so two origins, and our server sends no CORS headers; `requests` meets the same rule (a
# `ConnectionError`). Outside the browser there is no CORS at all. On a site served from
# elsewhere, with no second origin safe to ask, the cell shows what the course measured.
#
# > **A Pyodide bug to know about.** In Chromium and Firefox, Pyodide also reports a browser
# > failure that Python catches as uncaught (pyodide/pyodide issue 4912): the notebook shows it
# > in red and Run All stops there. `web.caught_stays_caught()` (a few lines in
# > `coursekit/web.py`) keeps those stray reports out: use it around `requests` calls that may
# > fail in your own browser notebooks. Safari's engine makes no stray report.

# %%
elsewhere = web.other_origin(first_page_url)
if elsewhere is None:
    print("Asking another origin, as the course's runtime report measured it:")
    for runtime, (works, detail) in (await web.recorded("cross_origin_fetch")).items():
        print(f"  {runtime}: {'read it' if works else 'blocked'} ({detail})")
else:
    try:
        reply = await web.fetch(elsewhere, timeout=5)
        print(f"{web.VIA} read {elsewhere} (status {reply.status}): no CORS outside a browser.")
    except web.FetchFailed as error:
        print("Blocked by the browser (CORS):", error)
    with web.caught_stays_caught():
        try:
            reply = requests.get(elsewhere, timeout=5)
            print(f"requests read {elsewhere} (status {reply.status_code}): no CORS outside a browser.")
        except requests.ConnectionError as error:
            print("requests was blocked too: ConnectionError:", error)

# %% [markdown]
# **What works instead:** call APIs that send CORS headers for everyone (many public APIs do),
# host the data on the page's own site (as this course does), or run the code in a real Python
# process, outside the browser, where CORS does not apply.
#
# ## Key points
#
# - Check the status before you use a response; always set a timeout; retry 408, 429, 502,
#   503 and 504 with backoff (honour `Retry-After`), and only idempotent requests.
# - Read money from JSON with `parse_float=Decimal`; round once, with `quantize`.
# - Follow pagination links; overlap requests with `asyncio.gather`, capped by a `Semaphore`.
# - Scrape politely (`robots.txt`, a delay between requests); key cells by header, not
#   position, and fail loudly when a header you need is missing.
# - In the browser, HTTP goes through the browser (`pyfetch`, `requests` via urllib3), under
#   its CORS rules; raw sockets and `urllib.request` do not work. Keep API keys out of notebooks.
