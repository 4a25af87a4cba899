// @ts-check
/* The course's service worker: a cache of the site for offline use and quick opens, in front of
 * JupyterLite's own worker, which is imported at the end unchanged and still answers what it alone
 * can (the kernel's access to the learner's files, input(), its heartbeat).
 *
 * The build lists every file a lesson needs in offline.json with a revision (a hash of its bytes).
 * - A page's request for a listed file is answered from the cache when the cached bytes hash to the
 *   revision the site publishes now (the list is fetched afresh at every page load and when the worker
 *   starts), else from the network; with no network at all, from the cache when its bytes hash to the
 *   revision of the list the cache was last synced to (marked x-course-offline, so the lesson-update
 *   check knows it saw no published copy). Every script of the origin can write this cache (on GitHub
 *   Pages, every site of the account), so nothing it holds is served on its word: not a header, only
 *   a hash checked here.
 * - Pages load the whole list in the background ({type: syncMessage}): the landing page while the
 *   learner reads it, a lesson once its first cell has run. Files new to the cache come first, in the
 *   list's order; changed ones last, entry pages after the chunks they load, so a sync cut short
 *   leaves pages whose files are cached. While pages ask for files (a lesson opening) the sync
 *   starts no download, and a page asking for a file the sync is downloading gets it once stored.
 * - Of the files the list's variants name (the kernel's snapshot made with WebAssembly stack switching
 *   and the one made without), a browser needs one: the others are left out of what this worker
 *   caches and serves (a tenth of the site for nothing).
 * - Anything else goes to JupyterLite's worker (which, as the course configures it, goes to the network).
 */
// COURSE_VALUES (the names it shares with the extension and the tests) is a line the build writes
// before this script (coursebuild/site/offline.py).
// In a function of its own: JupyterLite's script, imported into the same global scope, declares CACHE too.
(function () {
  'use strict';

  const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
  const SCOPE = new URL(worker.registration.scope);
  const CACHE = `${COURSE_VALUES.cachePrefix}${SCOPE.pathname}`; // two courses on one host keep apart
  const LIST = new URL('offline.json', SCOPE).href;
  const REVISION = COURSE_VALUES.revisionHeader;
  const OFFLINE = COURSE_VALUES.offlineHeader;
  const JUPYTERLITE_ONLY = /\/api\/(drive|stdin\/|service-worker-heartbeat)/;
  const PARALLEL = 4; // downloads at a time while syncing
  // How long pages must have asked for none of the site's files before the sync starts another
  // download: a lesson being opened comes first (its requests, its kernel's included, come closer
  // together than this until its first cell has run)
  const PAGES_FIRST_MS = 1000;

  let pagesAskedAt = 0; // when a page last asked for one of the site's files (Date.now())
  const storing = new Map(); // url -> the sync's download of it, while under way
  let published = null; // Map url -> revision, as last fetched from the site; null until then
  let synced = null; // the list the cache was last synced to (kept in the cache under LIST); null until read

  /** The cache's key for a URL: no query (the site is static), and a folder's index.html. */
  function keyOf(url) {
    const key = new URL(url.pathname, url);
    return key.pathname.endsWith('/') ? key.href + 'index.html' : key.href;
  }

  async function hexDigest(buffer) {
    const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
    return [...bytes.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  // The variant this browser's kernel restores: Pyodide's own test, which kernel_start.mjs picks by
  const SWITCHING = 'Suspending' in WebAssembly || 'Suspender' in WebAssembly;
  const VARIANT = SWITCHING ? 'stackSwitching' : 'noStackSwitching';

  /** A list's files this browser needs, by URL: their revisions. */
  function parse(text) {
    const { files, variants = {} } = JSON.parse(text); // a list kept by an older site has none
    const others = Object.entries(variants).filter(([name]) => name !== VARIANT).map(([, path]) => path);
    const needed = Object.entries(files).filter(([path]) => !others.includes(path));
    return new Map(needed.map(([path, rev]) => [new URL(path, SCOPE).href, rev]));
  }

  /** The published list, fetched afresh; its text too (a completed sync keeps it). */
  async function refreshList() {
    const response = await fetch(LIST, { cache: 'no-cache' });
    if (!response.ok) {
      throw new Error(`${LIST}: ${response.status}`);
    }
    const text = await response.text();
    published = parse(text);
    return { list: published, text };
  }

  async function syncedList() {
    if (!synced) {
      const kept = await (await caches.open(CACHE)).match(LIST);
      synced = kept ? parse(await kept.text()) : new Map();
    }
    return synced;
  }

  let starting = null; // the first fetch of the list since the worker started, which every request awaits

  /** The list to serve by: the site's, fetched once per worker start; without a network, the synced one. */
  async function publishedList() {
    if (!published) {
      starting = starting || refreshList().catch(() => null);
      await starting;
    }
    return published || syncedList();
  }

  /** A cached copy whose bytes hash to `revision` (a new response holding them), or null. */
  async function verified(cached, revision) {
    const body = await cached.arrayBuffer();
    if (!revision || (await hexDigest(body)) !== revision) {
      return null;
    }
    const { status, statusText, headers } = cached;
    return new Response(body, { status, statusText, headers });
  }

  /** A verified copy, marked as served without a network. */
  function offlineCopy(copy) {
    const headers = new Headers(copy.headers);
    headers.set(OFFLINE, '1');
    return new Response(copy.body, { status: copy.status, statusText: copy.statusText, headers });
  }

  /** The cached copy of a URL, if its bytes have the revision `list` gives it; else null. */
  async function listedCopy(cache, key, list) {
    const cached = await cache.match(key);
    return cached && verified(cached, list.get(key));
  }

  async function respond(request, url) {
    const key = keyOf(url);
    const cache = await caches.open(CACHE);
    const revalidating =
      request.mode === 'navigate' || ['no-cache', 'reload', 'no-store'].includes(request.cache);
    if (!revalidating) {
      const list = await publishedList();
      let copy = await listedCopy(cache, key, list);
      if (!copy && storing.has(key)) {
        // the sync is downloading it: served from the cache once stored, one download and not two
        await storing.get(key).catch(() => null);
        copy = await listedCopy(cache, key, list);
      }
      if (copy) {
        return copy;
      }
    }
    try {
      // a page load refreshes the list while its HTML downloads, so its files are checked against it
      const listed = request.mode === 'navigate' ? refreshList().catch(() => null) : null;
      const response = await fetch(request);
      await listed;
      return response;
    } catch (error) {
      const cached = await cache.match(key);
      const copy = cached && (await verified(cached, (await syncedList()).get(key)));
      if (copy) {
        return offlineCopy(copy);
      }
      throw error;
    }
  }

  /** Download a listed file and cache it if its bytes have the listed revision
   * (else, once, bypassing the HTTP cache). */
  async function store(cache, url, revision) {
    for (const mode of /** @type {RequestCache[]} */ (['default', 'reload'])) {
      const response = await fetch(url, { cache: mode, priority: 'low' });
      const body = await response.arrayBuffer();
      if (response.ok && (await hexDigest(body)) === revision) {
        const type = response.headers.get('content-type') || 'application/octet-stream';
        await cache.put(url, new Response(body, { headers: { 'content-type': type, [REVISION]: revision } }));
        return;
      }
    } // still another revision: the site was redeployed during the sync; the next sync gets it
  }

  /** Resolves once pages have asked for none of the site's files for PAGES_FIRST_MS. */
  async function afterPages() {
    const wait = () => pagesAskedAt + PAGES_FIRST_MS - Date.now();
    while (wait() > 0) {
      await new Promise((resolve) => setTimeout(resolve, wait()));
    }
  }

  /** Bring the cache to the published list: new files first, changed ones last (entry pages last of all);
   * then keep the list, the one offline copies are checked against. */
  async function sync() {
    const { list, text } = await refreshList();
    const cache = await caches.open(CACHE);
    const have = new Map(); // the revision each entry was stored with: which to fetch, not what to serve
    for (const request of await cache.keys()) {
      have.set(request.url, (await cache.match(request)).headers.get(REVISION));
    }
    const missing = [...list].filter(([url]) => !have.has(url));
    const changed = [...list].filter(([url, rev]) => have.has(url) && have.get(url) !== rev).reverse();
    for (const batch of [missing, changed]) {
      const queue = [...batch];
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          await afterPages();
          const [url, revision] = next;
          storing.set(url, store(cache, url, revision));
          await storing.get(url).finally(() => storing.delete(url));
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
    }
    for (const url of have.keys()) {
      if (!list.has(url) && url !== LIST) {
        await cache.delete(url);
      }
    }
    await cache.put(LIST, new Response(text, { headers: { 'content-type': 'application/json' } }));
    synced = list;
  }

  let syncing = null;
  worker.addEventListener('message', (event) => {
    if (event.data && event.data.type === COURSE_VALUES.syncMessage) {
      syncing = syncing || sync().finally(() => (syncing = null));
      event.waitUntil(syncing.catch((error) => console.warn('course: offline cache not synced', error)));
    }
  });

  // Registered before JupyterLite's listener: requests for the site's files stop here.
  worker.addEventListener('fetch', (event) => {
    const { request } = event;
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname) ||
        JUPYTERLITE_ONLY.test(url.pathname)) {
      return;
    }
    event.stopImmediatePropagation();
    if (keyOf(url) !== LIST) {
      pagesAskedAt = Date.now();
    }
    event.respondWith(respond(request, url));
  });
})();

importScripts('./jupyterlite-service-worker.js');
