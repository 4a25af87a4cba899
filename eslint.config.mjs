// ESLint for the course's own browser scripts (npm run lint): the JupyterLab extension and the landing page.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/', 'dist*/', 'build/', '.cache/', 'test-results/'] },
  js.configs.recommended,
  {
    files: ['coursebuild/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'script', globals: { ...globals.browser } },
    rules: { 'max-len': ['error', { code: 110, ignoreUrls: true }] },
  },
  {
    // the course's service worker runs in a ServiceWorkerGlobalScope, and loads JupyterLite's with importScripts
    // COURSE_VALUES: a line the build writes before it (coursebuild/site/offline.py)
    files: ['coursebuild/assets/templates/service_worker.js'],
    languageOptions: { globals: { ...globals.serviceworker, COURSE_VALUES: 'readonly' } },
  },
  {
    // the grading page's script and its Pyodide worker are modules (the worker imports pyodide.mjs)
    files: ['coursebuild/assets/templates/grading.js', 'coursebuild/assets/templates/grading_worker.js'],
    languageOptions: { sourceType: 'module' },
  },
  {
    files: ['coursebuild/assets/templates/grading_worker.js'],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    // work_file.js and course.js export their functions to Node's test runner too
    files: ['coursebuild/assets/templates/work_file.js', 'coursebuild/assets/labextensions/**/course.js'],
    languageOptions: { globals: { module: 'readonly' } },
  },
  {
    files: ['coursebuild/assets/templates/landing.js'],
    languageOptions: { globals: { courseWorkFor: 'readonly' } },
  },
  {
    // Node scripts: the build's bytecode step and the benchmark's import timer
    files: ['**/*.mjs'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
  },
  {
    // the kernel's start runs in the kernel's (module) worker; KERNEL_SNAPSHOT: a line the build writes
    // before it (coursebuild/site/kernel_snapshot.py)
    files: ['coursebuild/assets/templates/kernel_start.mjs'],
    languageOptions: { globals: { ...globals.worker, KERNEL_SNAPSHOT: 'readonly' } },
    rules: { 'max-len': ['error', { code: 110, ignoreUrls: true }] },
  },
  {
    files: ['tests/js/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { 'max-len': ['error', { code: 120 }] },
  },
];
