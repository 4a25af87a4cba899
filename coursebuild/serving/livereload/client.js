// @ts-check
/* The preview's live reload, added to each page by `build.py serve --watch` (the published site has
 * none of it): waits for the preview's next build, then reloads the page, or says on the page that
 * the build failed while the last good site stays served. */
(function () {
  'use strict';

  const script = /** @type {HTMLScriptElement} */ (document.currentScript);
  const STATE = new URL('state', script.src); // beside this script: <base>__livereload/
  const BANNER_ID = 'course-preview-build-failed';
  const RETRY_MS = 1000; // while the preview server restarts or is busy

  /** Show (or, with no failure, remove) the banner saying the last build failed. */
  function showFailure(failure) {
    let banner = document.getElementById(BANNER_ID);
    if (!failure) {
      banner?.remove();
      return;
    }
    if (!banner) {
      banner = document.createElement('div');
      banner.id = BANNER_ID;
      banner.setAttribute('role', 'alert');
      banner.style.cssText = 'position:fixed;top:0;left:0;right:0;z-index:100000;padding:0.6em 1em;' +
        'background:#8b0000;color:#fff;font:14px/1.4 sans-serif;white-space:pre-wrap';
      document.body.append(banner);
    }
    banner.textContent = `The build failed; this page shows the last good build.\n${failure}`;
  }

  async function follow() {
    let seen = -1; // the build this page shows; -1 until the preview answers
    for (;;) {
      let state;
      try {
        const response = await fetch(`${STATE.href}?after=${seen}`, { cache: 'no-store' });
        state = await response.json();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        continue;
      }
      if (seen !== -1 && state.build !== seen && !state.failure) {
        window.location.reload();
        return;
      }
      seen = state.build;
      showFailure(state.failure);
    }
  }

  follow();
})();
