"""The course's offline cache as a page of the site sees it (the tests and the benchmark wait on it)."""

from coursebuild.browsers.engines import wait_for_async
from coursebuild.shared_values import CACHE_PREFIX, REVISION_HEADER

# How many files of the published offline.json the course's cache lacks or holds in another revision
# (of its variants, of which a browser needs one, one counts), plus one until it keeps that list (the
# last step of a sync: offline copies are checked against it) (run in a page of the site, given the
# site's URL).
CACHE_LACKS = """async ([site, cachePrefix, revisionHeader]) => {
    const text = await (await fetch(site + 'offline.json', { cache: 'no-store' })).text();
    const { files, variants } = JSON.parse(text);
    const cache = await caches.open(cachePrefix + new URL(site).pathname);
    const held = async (path) => {
        const cached = await cache.match(new URL(path, site).href);
        return Boolean(cached) && cached.headers.get(revisionHeader) === files[path];
    };
    const kept = await cache.match(site + 'offline.json');
    let lacking = !kept || (await kept.text()) !== text;
    const either = new Set(Object.values(variants));
    for (const path of Object.keys(files).filter((path) => !either.has(path))) {
        lacking += !(await held(path));
    }
    lacking += either.size > 0 && !(await Promise.all([...either].map(held))).some(Boolean);
    return lacking;
}"""


def wait_until_cached(page, site: str) -> None:
    """Wait until the course's cache holds every published file in its published revision (Playwright)."""
    wait_for_async(page, f"(args) => ({CACHE_LACKS})(args).then((n) => n === 0)",
                   [site, CACHE_PREFIX, REVISION_HEADER], timeout_ms=120_000, polling_ms=500)
