// @ts-check
/* The course's JupyterLab extension: three plugins for learners.
 *
 * lesson-updates: a learner's edited lesson is never overwritten, and a newer lesson still
 * reaches them. The build stamps every lesson notebook with `metadata.course.version`, a hash of
 * its cells. When a lesson opens, the plugin fetches the published copy and compares versions:
 * - same version (or the very same cells): nothing to do;
 * - newer version, and the learner's copy still has the cells it was stamped with (they only ran
 *   it): the published lesson replaces the copy;
 * - newer version, and the learner edited cells: their copy stays open and a notification offers
 *   the new version; taking it first saves their copy under a new name.
 * The notebook toolbar's "Reset lesson" does the same on demand.
 *
 * early-kernel: the notebook in the page's URL gets its kernel as soon as the app has started,
 * instead of once the notebook view is built (seconds later), and the notebook connects to it.
 *
 * progress: each exercise check's outcome (sent by coursekit.progress as an update of a display no
 * notebook shows, which JupyterLab ignores) is kept in
 * localStorage under the site's path, with the lesson it came from; the lesson's toolbar shows
 * how many of its exercises are done. The landing page reads the same record.
 *
 * This file is a complete federated extension without a bundler: JupyterLite's bootstrap loads it,
 * calls `init` and `get('./extension')` on the container it registers, and activates the plugins.
 * They need only the application object (commands, document registry, services), so they share
 * no packages with the app.
 */
(function () {
  'use strict';

  const NAME = '@programming-for-business/course';
  const KEY = 'course'; // notebook metadata the build writes: {"version": "<16 hex digits>"}
  const RESET = 'course:reset-lesson';
  const NOTIFY = 'apputils:notify';
  const OPEN = 'docmanager:open';
  const SYNC_QUIET_MS = 10000; // the offline copy starts after a lesson's first run, or this long without one

  /** What the build hands this extension (coursebuild/site/extensions.py) in the page's
   * jupyter-config-data, under the extension's name: names it shares with coursekit, the service worker
   * and the landing page. */
  function courseValues() {
    const config = document.getElementById('jupyter-config-data');
    const values = config && JSON.parse(config.textContent)[NAME];
    if (!values) {
      throw new Error(`${NAME}: the page's jupyter-config-data has no ${NAME}: rebuild the site`);
    }
    return values;
  }

  /** FNV-1a (64 bit) of each cell's type and source: the same function as coursebuild/inputs/lessons.py. */
  function lessonVersion(cells) {
    const text = cells
      .map((cell) => `${cell.cell_type}\u0000${[].concat(cell.source).join('')}\u0000`)
      .join('');
    let hash = 0xcbf29ce484222325n;
    for (const byte of new TextEncoder().encode(text)) {
      hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    return hash.toString(16).padStart(16, '0');
  }

  /** A notebook's version stamp (if any) and the version of the cells it holds now. */
  function versionsOf(model) {
    return { stamp: (model.getMetadata(KEY) || {}).version, cells: lessonVersion(model.toJSON().cells) };
  }

  /** True when the cells are no longer those the version stamp was computed from. */
  const isEdited = ({ stamp, cells }) => stamp === undefined || cells !== stamp;

  /** The nth name for a learner's copy of a lesson on a day: "lesson (my work 2026-11-24).ipynb", then
   * "lesson (my work 2026-11-24 2).ipynb"...
   * @param {string} path @param {string} day @param {number} n */
  function copyName(path, day, n) {
    return `${path.replace(/\.ipynb$/, '')} (my work ${day}${n > 1 ? ` ${n}` : ''}).ipynb`;
  }

  /** The first copyName beside the lesson that names no file yet. */
  async function freeCopyName(contents, path) {
    const day = new Date().toISOString().slice(0, 10);
    for (let n = 1; ; n++) {
      const candidate = copyName(path, day, n);
      try {
        await contents.get(candidate, { content: false });
      } catch {
        return candidate; // not found: free
      }
    }
  }

  /** Record that the worker controlling this page is of the running JupyterLite's version, before
   * JupyterLite looks (this script runs before the app's plugins start).
   *
   * On a page load a worker controls, JupyterLite reads that record (localStorage,
   * `<worker URL>-version`); when it is missing or names another version, it unregisters every service
   * worker of the origin, the neighbouring sites' on USER.github.io too, then registers its own again.
   * It was missing on the first lesson opened after the landing page had registered the worker, and
   * out of date on the first load after a JupyterLite upgrade; offline, Firefox then could not register
   * the worker again and the kernel never started. With the record written first it unregisters
   * nothing; a changed worker still arrives, through the browser's own update check (which compares
   * imported scripts too).
   */
  function recordWorkerVersion() {
    const worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    const config = document.getElementById('jupyter-config-data');
    const version = config && JSON.parse(config.textContent).appVersion;
    if (worker && version) {
      window.localStorage.setItem(`${worker.scriptURL}-version`, version);
    }
  }

  /** Resolves once the kernel has finished running its first cell, or has run none for `quietMs`. */
  function firstRunOrQuiet(kernel, quietMs) {
    return new Promise((resolve) => {
      let running = false;
      const done = () => {
        clearTimeout(timer);
        kernel.iopubMessage.disconnect(onMessage);
        resolve();
      };
      const onMessage = (_, message) => {
        if (message.header.msg_type !== 'status' || message.parent_header.msg_type !== 'execute_request') {
          return;
        }
        running = message.content.execution_state !== 'idle';
        if (!running) {
          done();
        }
      };
      const timer = setTimeout(() => running || done(), quietMs);
      kernel.iopubMessage.connect(onMessage);
    });
  }

  /** Calls back with each notebook panel created, whether the notebook factory exists yet or not. */
  function onNotebookCreated(app, callback) {
    const hooked = new WeakSet();
    const hook = () => {
      const factory = app.docRegistry.getWidgetFactory('Notebook');
      if (factory && !hooked.has(factory)) {
        hooked.add(factory);
        factory.widgetCreated.connect((_, panel) => callback(panel));
      }
    };
    hook();
    app.docRegistry.changed.connect(hook); // the factory may be registered after our plugins start
  }

  // --- lesson-updates -------------------------------------------------------------------------
  // Each function takes `lessons`, what the plugin works with on this page (see lessonUpdatesState).

  /** The lesson-updates plugin's state on this page. */
  function lessonUpdatesState(app) {
    const siteRoot = app.serviceManager.serverSettings.baseUrl;
    return {
      app,
      contents: app.serviceManager.contents,
      siteRoot,
      offlineHeader: courseValues().offlineHeader, // on the service worker's answers from its cache
      syncMessage: courseValues().syncMessage, // asks the service worker to fill its cache
      published: new Map(), // path -> the published notebook, for each lesson opened on this page
      // Tabs of this site tell each other when one replaces a lesson's stored copy: another tab
      // showing that lesson would otherwise meet JupyterLab's "File Changed" dialog at its next
      // save, whose "Revert" drops its edits. Named after the site, as two courses on one host
      // share an origin.
      tabs: 'BroadcastChannel' in window ? new BroadcastChannel(`${NAME}:${siteRoot}`) : null,
      warnedNoServiceWorker: false,
    };
  }

  const notify = (lessons, message, type, options = {}) =>
    lessons.app.commands.execute(NOTIFY, { message, type, options });

  /** The open notebook panel of a path, or null. */
  function openPanel(lessons, path) {
    for (const widget of lessons.app.shell.widgets('main')) {
      if (widget.context && widget.context.path === path) {
        return widget;
      }
    }
    return null;
  }

  /** The current panel if it shows a lesson whose published copy this page has seen, else null. */
  function currentLesson(lessons) {
    const widget = lessons.app.shell.currentWidget;
    const path = widget && widget.context && widget.context.path;
    return lessons.published.has(path) ? widget : null;
  }

  /** The site's copy of a notebook (revalidated, so a redeploy is seen at once), or null if not a
   * lesson. */
  async function fetchPublished(lessons, path) {
    const url = lessons.siteRoot + 'files/' + path.split('/').map(encodeURIComponent).join('/');
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok || response.headers.get(lessons.offlineHeader)) {
      // the learner's own notebook (the site has no such file), or no network: nothing to compare
      return null;
    }
    const notebook = await response.json();
    return notebook.metadata && notebook.metadata[KEY] ? notebook : null;
  }

  /** Save the open notebook (unsaved edits included) as a "my work" copy; return its name. */
  function keepCopy(lessons, panel) {
    const save = async () => {
      const kept = await freeCopyName(lessons.contents, panel.context.path);
      const content = panel.context.model.toJSON();
      await lessons.contents.save(kept, { type: 'notebook', format: 'json', content });
      return kept;
    };
    // one tab at a time picks a free name and takes it, so two tabs never pick the same one
    return navigator.locks ? navigator.locks.request(`${NAME}:${lessons.siteRoot}:copies`, save) : save();
  }

  const keptNotice = (lessons, kept, message) =>
    notify(lessons, `${message} Your work is kept in “${kept}”.`, 'success', {
      autoClose: false,
      actions: [{ label: 'Open my copy', commandId: OPEN, args: { path: kept } }]
    });

  /** Put the published lesson in the learner's storage and show it in the open notebook. */
  async function loadPublished(lessons, panel, notebook) {
    await lessons.contents.save(panel.context.path, { type: 'notebook', format: 'json', content: notebook });
    // the other tabs learn at once, not after this tab's reload: until they do, an autosave of theirs
    // would meet the file written here (JupyterLab's "File Changed" dialog)
    if (lessons.tabs) {
      lessons.tabs.postMessage({ replaced: panel.context.path });
    }
    await panel.context.revert();
  }

  /** Another tab replaced this lesson's stored copy: keep this tab's edits as a copy, then show the
   * new one. */
  async function replacedElsewhere(lessons, panel) {
    const model = panel.context.model;
    const edited = model.dirty || isEdited(versionsOf(model));
    // no autosave of these edits over the file the other tab wrote ("File Changed"): they go to the copy
    model.dirty = false;
    const kept = edited ? await keepCopy(lessons, panel) : null;
    await panel.context.revert();
    if (kept) {
      await keptNotice(lessons, kept, 'This lesson was loaded again in another tab.');
    }
  }

  /** Keep the learner's copy (if they edited it) under a new name, then load the published lesson. */
  async function resetLesson(lessons, panel) {
    const path = panel.context.path;
    const notebook = (await fetchPublished(lessons, path)) || lessons.published.get(path);
    const kept = isEdited(versionsOf(panel.context.model)) ? await keepCopy(lessons, panel) : null;
    await loadPublished(lessons, panel, notebook);
    lessons.published.set(path, notebook);
    if (kept) {
      await keptNotice(lessons, kept, 'This is the published lesson.');
    } else {
      await notify(lessons, 'This is the published lesson.', 'success', { autoClose: 5000 });
    }
  }

  /** Compare an opened notebook with the published lesson and act on what differs. */
  async function checkLesson(lessons, panel) {
    await panel.context.ready;
    const path = panel.context.path;
    const notebook = await fetchPublished(lessons, path);
    if (!notebook) {
      return;
    }
    lessons.published.set(path, notebook);
    lessons.app.commands.notifyCommandChanged(RESET);
    const latest = notebook.metadata[KEY].version;
    const mine = versionsOf(panel.context.model);
    // up to date: stamped with the latest version, or holding exactly its cells (a copy saved
    // before lessons were stamped, say)
    if (mine.stamp === latest || mine.cells === latest) {
      return;
    }
    if (!isEdited(mine)) {
      await loadPublished(lessons, panel, notebook);
      await notify(lessons, 'This lesson was updated since you last opened it: this is the new version.',
        'info', { autoClose: 8000 });
      return;
    }
    await notify(lessons,
      'A newer version of this lesson was published. You are looking at your own copy, with your changes.',
      'warning',
      {
        autoClose: false,
        actions: [{
          label: 'Open the new version', commandId: RESET, args: { path },
          caption: 'Your copy is kept under a new name',
        }]
      }
    );
  }

  /** Without a service worker the kernel cannot reach the learner's files, and private windows forget. */
  async function checkServiceWorker(lessons, panel) {
    await panel.sessionContext.ready;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    if (kernel) {
      await kernel.info; // by now JupyterLite has set up (or failed to set up) its service worker
    }
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      const worker = navigator.serviceWorker.controller;
      // The kernel is up: now the course's worker can cache the site for offline use
      // (service_worker.js), once the learner's first cell has run: started at once, its downloads
      // and hashing took the CPU from that cell (0.4 s became 1.1 s on the 2-core machine).
      if (kernel) {
        await firstRunOrQuiet(kernel, SYNC_QUIET_MS);
      }
      worker.postMessage({ type: lessons.syncMessage });
      return;
    }
    if (lessons.warnedNoServiceWorker) {
      return;
    }
    lessons.warnedNoServiceWorker = true;
    await notify(lessons,
      'This window runs without a service worker (private windows often do). The lesson runs and ' +
        'your notebook is saved in the browser, but files your code writes are not kept, and a private ' +
        'window deletes everything when it closes: keep your work with File > Download.',
      'warning',
      { autoClose: false }
    );
  }

  function activateLessonUpdates(app) {
    const lessons = lessonUpdatesState(app);
    if (lessons.tabs) {
      lessons.tabs.onmessage = ({ data }) => {
        const panel = data && openPanel(lessons, data.replaced);
        if (panel) {
          replacedElsewhere(lessons, panel).catch(
            (error) => console.error(`${NAME}: replacedElsewhere failed`, error));
        }
      };
    }
    app.commands.addCommand(RESET, {
      label: 'Reset lesson',
      caption: 'Load the published lesson again; if you changed it, your copy is kept under a new name',
      isVisible: () => currentLesson(lessons) !== null,
      execute: (args) => {
        const panel = args.path ? openPanel(lessons, args.path) : currentLesson(lessons);
        return panel ? resetLesson(lessons, panel) : undefined;
      }
    });
    onNotebookCreated(app, (panel) => {
      for (const check of [checkLesson, checkServiceWorker]) {
        check(lessons, panel).catch((error) => console.error(`${NAME}: ${check.name} failed`, error));
      }
    });
  }

  /** Start the kernel of the notebook named in the URL now, and connect its panel to it once built. */
  async function startKernelEarly(app, path) {
    /** @type {any} */
    let created = null; // the notebook's panel, once built
    const panelCreated = new Promise((resolve) =>
      onNotebookCreated(app, (panel) => panel.context.path === path && resolve((created = panel)))
    );
    await app.started; // by now the kernel types are registered
    let notebook;
    try {
      notebook = await app.serviceManager.contents.get(path, { content: true });
    } catch {
      return; // no such notebook: the notebook view says so itself
    }
    const name = ((notebook.content.metadata || {}).kernelspec || {}).name;
    const specs = app.serviceManager.kernelspecs.specs;
    if (!name || !specs || !specs.kernelspecs[name]) {
      return; // the notebook view asks the learner, as it would without this plugin
    }
    if (created && created.context.isReady) {
      return; // the notebook loaded first (a slow machine): its own session context starts the kernel
    }
    await app.serviceManager.sessions.startNew({ path, name: path, type: 'notebook', kernel: { name } });
    // The panel's session context finds the session by path. Initializing it as soon as the panel
    // exists (before its cells are shown) connects it before a learner can run a cell: a cell run
    // while it had no session made JupyterLab start a kernel itself and ask which one.
    const panel = await panelCreated;
    await panel.sessionContext.initialize();
  }

  function activateEarlyKernel(app) {
    const path = new URLSearchParams(window.location.search).get('path');
    if (path && path.endsWith('.ipynb')) {
      startKernelEarly(app, path).catch((error) => console.error(`${NAME}: early kernel failed`, error));
    }
  }

  // --- progress -------------------------------------------------------------------------------
  const PROGRESS = 'course:progress';

  /** The exercise numbers code cells check: each match of `call` (the source of coursebuild's
   * exercises.CALL, by which the landing page counts them too) in a code cell. */
  function exerciseNumbers(cells, call) {
    const pattern = new RegExp(call, 'gm');
    const numbers = new Set();
    for (const cell of cells) {
      if (cell.cell_type === 'code') {
        for (const match of [].concat(cell.source).join('').matchAll(pattern)) {
          numbers.add(Number(match[1]));
        }
      }
    }
    return numbers;
  }

  /** @typedef {{passed: boolean, when: string}} Outcome
   * @typedef {{[path: string]: {[exercise: string]: Outcome}}} LessonOutcomes
   * @typedef {{lessons?: LessonOutcomes, last?: {path: string, when: string}}} Progress */

  /** The exercise outcome an iopub message carries (coursekit.progress sends it as an update of a
   * display no notebook shows), or null for any other message. */
  function outcomeIn(message, values) {
    const content = message.content || {};
    const displayId = (content.transient || {}).display_id;
    if (message.header.msg_type !== 'update_display_data' || displayId !== values.outcomeDisplayId) {
      return null;
    }
    const { exercise, passed, when } = content.data[values.outcomeMime];
    return { exercise, passed: Boolean(passed), when };
  }

  /** Note the lesson last worked on, and when (the landing page's "Continue").
   * @param {Progress} progress @param {string} path @param {string} when */
  function recordVisit(progress, path, when) {
    progress.last = { path, when };
  }

  /** File an outcome under its lesson: the latest outcome of an exercise replaces the one before.
   * @param {Progress} progress @param {string} path
   * @param {{exercise: number, passed: boolean, when: string}} outcome */
  function recordOutcome(progress, path, { exercise, passed, when }) {
    const lessons = (progress.lessons = progress.lessons || {});
    const done = (lessons[path] = lessons[path] || {});
    done[exercise] = { passed, when };
    recordVisit(progress, path, when);
  }

  /** "n of m exercises done" for a lesson: its exercises passed, never more than it has.
   * @param {number} total @param {{[exercise: string]: Outcome}} outcomes */
  function progressLabel(total, outcomes) {
    const done = Object.values(outcomes).filter((outcome) => outcome.passed).length;
    return `${Math.min(done, total)} of ${total} exercises done`;
  }

  /** The progress plugin's state on this page: the app, the values the build handed it, and the
   * localStorage key of this course's progress (the prefix and the site's path, as the landing page
   * reads it). */
  function progressState(app) {
    const values = courseValues();
    const sitePath = new URL(app.serviceManager.serverSettings.baseUrl, window.location.href).pathname;
    return { app, values, key: values.progressKeyPrefix + sitePath };
  }

  /** This course's progress in this browser; {} if none, or not ours. @returns {Progress} */
  function readProgress(state) {
    try {
      return JSON.parse(window.localStorage.getItem(state.key)) || {};
    } catch {
      return {}; // never written, or not ours: start afresh rather than fail the lesson
    }
  }

  /** Apply an update to the stored progress and refresh the toolbar's count. */
  function changeProgress(state, update) {
    const progress = readProgress(state);
    update(progress);
    window.localStorage.setItem(state.key, JSON.stringify(progress));
    state.app.commands.notifyCommandChanged(PROGRESS);
  }

  const isLesson = (panel) => Boolean(panel && panel.context && panel.model && panel.model.getMetadata(KEY));

  /** The current panel if it shows a lesson, else null. */
  function currentLessonPanel(state) {
    const widget = state.app.shell.currentWidget;
    return isLesson(widget) ? widget : null;
  }

  const exercisesOf = (state, panel) =>
    exerciseNumbers(panel.model.toJSON().cells, state.values.exerciseCall);

  /** File each outcome the panel's kernel sends under the panel's lesson; note a lesson opened. */
  function followPanel(state, panel) {
    panel.sessionContext.iopubMessage.connect((_, message) => {
      const outcome = outcomeIn(message, state.values);
      if (outcome) {
        changeProgress(state, (progress) => recordOutcome(progress, panel.context.path, outcome));
      }
    });
    panel.context.ready.then(() => {
      if (isLesson(panel)) {
        const opened = new Date().toISOString();
        changeProgress(state, (progress) => recordVisit(progress, panel.context.path, opened));
      }
    });
  }

  function activateProgress(app) {
    const state = progressState(app);
    onNotebookCreated(app, (panel) => followPanel(state, panel));
    app.commands.addCommand(PROGRESS, {
      label: () => {
        const panel = currentLessonPanel(state);
        const outcomes = panel && ((readProgress(state).lessons || {})[panel.context.path] || {});
        return panel ? progressLabel(exercisesOf(state, panel).size, outcomes) : '';
      },
      caption: 'Your progress in this lesson; opens the course page, with every lesson',
      isVisible: () => {
        const panel = currentLessonPanel(state);
        return panel !== null && exercisesOf(state, panel).size > 0;
      },
      execute: () => window.open(app.serviceManager.serverSettings.baseUrl, '_self')
    });
    if (app.shell.currentChanged) {
      app.shell.currentChanged.connect(() => app.commands.notifyCommandChanged(PROGRESS));
    }
  }

  const plugins = [
    {
      id: `${NAME}:lesson-updates`,
      description: 'Keeps lesson copies current without losing learners’ work; resets lessons.',
      autoStart: true,
      activate: activateLessonUpdates
    },
    {
      id: `${NAME}:early-kernel`,
      description: 'Starts the kernel of the notebook in the URL as soon as the app has started.',
      autoStart: true,
      activate: activateEarlyKernel
    },
    {
      id: `${NAME}:progress`,
      description: 'Keeps each exercise check’s outcome in the browser and shows a lesson’s progress.',
      autoStart: true,
      activate: activateProgress
    }
  ];

  if (typeof module === 'object' && module.exports) {
    // to Node's test runner (tests/js/): what the plugins decide, without JupyterLab
    module.exports = {
      lessonVersion, isEdited, copyName, exerciseNumbers, outcomeIn, recordOutcome, progressLabel,
    };
    return;
  }
  recordWorkerVersion();

  // The module federation container JupyterLite's bootstrap expects under window._JUPYTERLAB.
  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: async () => {}, // shares no packages with the app
    get: async (module) => {
      if (module !== './extension') {
        throw new Error(`${NAME} has no module ${module}`);
      }
      return () => ({ __esModule: true, default: plugins });
    }
  };
})();
