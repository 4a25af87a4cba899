"""The course's offline cache as a page of the site sees it (the tests and the benchmark wait on it)."""

from coursebuild.browsers.engines import wait_for_async
from coursebuild.shared_values import CACHE_PREFIX, REVISION_HEADER

# How many files of the published offline.json the course's cache lacks or holds in another revision,
# plus one until it keeps that list (the last step of a sync: offline copies are checked against it)
# (run in a page of the site, given the site's URL).
CACHE_LACKS = """async ([site, cachePrefix, revisionHeader]) => {
    const text = await (await fetch(site + 'offline.json', { cache: 'no-store' })).text();
    const cache = await caches.open(cachePrefix + new URL(site).pathname);
    const kept = await cache.match(site + 'offline.json');
    let lacking = !kept || (await kept.text()) !== text;
    for (const [path, revision] of Object.entries(JSON.parse(text).files)) {
        const cached = await cache.match(new URL(path, site).href);
        lacking += !cached || cached.headers.get(revisionHeader) !== revision;
    }
    return lacking;
}"""


def wait_until_cached(page, site: str) -> None:
    """Wait until the course's cache holds every published file in its published revision (Playwright)."""
    wait_for_async(page, f"(args) => ({CACHE_LACKS})(args).then((n) => n === 0)",
                   [site, CACHE_PREFIX, REVISION_HEADER], timeout_ms=120_000, polling_ms=500)
