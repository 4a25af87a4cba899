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
    files: ['coursebuild/assets/templates/service_worker.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
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
    // work_file.js exports its functions to Node's test runner too; landing.js gets them as courseWork
    files: ['coursebuild/assets/templates/work_file.js'],
    languageOptions: { globals: { module: 'readonly' } },
  },
  {
    files: ['coursebuild/assets/templates/landing.js'],
    languageOptions: { globals: { courseWork: 'readonly' } },
  },
  {
    files: ['tests/js/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { 'max-len': ['error', { code: 120 }] },
  },
];
