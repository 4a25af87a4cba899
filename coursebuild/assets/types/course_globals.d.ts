// What the course's scripts find beside them at run time, for TypeScript's checks of their JSDoc
// (npm run lint); nothing here ships.

/** The values the build writes before the service worker (coursebuild/site/offline.py). */
declare const COURSE_VALUES: {
  cachePrefix: string;
  revisionHeader: string;
  offlineHeader: string;
  syncMessage: string;
};

/** The kernel's snapshot beside kernel_start.mjs, a line the build writes before it (kernel_snapshot.py). */
declare const KERNEL_SNAPSHOT: {
  snapshots: { stackSwitching: string; noStackSwitching: string };
  deferred: string[];
  finder: string;
  start: string;
};

/** The values the landing page's course-data hands work_file.js (coursebuild/pages/landing.py). */
interface CourseWorkValues {
  workFormat: string;
  workVersion: number;
  progressKeyPrefix: string;
  storagePrefix: string;
  syncMessage: string;
}

/** work_file.js's factory of the work file's functions, inlined before landing.js. */
declare function courseWorkFor(values: CourseWorkValues): any;

interface Window {
  /** JupyterLite's registry of federated extensions, where course.js puts its container. */
  _JUPYTERLAB: { [name: string]: unknown };
  courseWorkFor: typeof courseWorkFor;
}

interface Navigator {
  /** The Network Information API (Chromium): whether the learner asked to save data. */
  connection?: { saveData?: boolean };
}
