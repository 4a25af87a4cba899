// @ts-check
// While the learner reads the landing page, the course's service worker fetches what the lessons
// need (coursebuild/assets/templates/service_worker.js): after the page has rendered, when the browser
// is idle, and not on a connection that asks to save data. The page says how far it got in
// data-prefetch.
(function () {
  'use strict';

  const mark = (state) => (document.documentElement.dataset.prefetch = state);
  const saveData = () => Boolean(navigator.connection && navigator.connection.saveData);

  async function prefetch() {
    if (!('serviceWorker' in navigator)) {
      return mark('no service worker');
    }
    if (saveData()) {
      return mark('off: the connection saves data');
    }
    // the very URL JupyterLite registers, so both pages share one worker
    await navigator.serviceWorker.register('service-worker.js?enableCache=false');
    const registration = await navigator.serviceWorker.ready;
    // the message's type is the build's (the landing page's course-data, below this script)
    const { values } = JSON.parse(document.getElementById('course-data').textContent);
    registration.active.postMessage({ type: values.syncMessage });
    mark('started');
  }

  const whenIdle = window.requestIdleCallback || ((callback) => setTimeout(callback, 0));
  const start = () => whenIdle(() => prefetch().catch((error) => mark(`failed: ${error.message || error}`)));
  if (document.readyState === 'complete') {
    start();
  } else {
    window.addEventListener('load', start, { once: true });
  }
})();
