// Unit tests of coursebuild/assets/templates/work_file.js (what a restore accepts and writes), under `node --test`.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
// the values the build hands the landing page, from tests/unit/test_javascript.py
const work = require('../../coursebuild/assets/templates/work_file.js')(JSON.parse(process.env.COURSE_VALUES).landing);

const COURSE = 'A course';
const WHEN = '2026-11-20T10:00:00.000Z';
const LATER = '2026-11-21T10:00:00.000Z';
const DAY = '2026-11-29';

const notebook = (source = 'print(1)') => ({
  cells: [{ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null }],
  metadata: {}, nbformat: 4, nbformat_minor: 5,
});
const record = (path, type = 'notebook', content = notebook()) =>
  ({ path, name: path.split('/').pop(), type, content, format: 'json', created: WHEN, last_modified: WHEN });
const fileOf = (fields) =>
  JSON.stringify({ format: work.FORMAT, version: work.VERSION, course: COURSE, made: WHEN, files: [],
    progress: {}, ...fields });
const read = (fields) => work.readWork('w.json', fileOf(fields), COURSE);

test('a well-formed work file is read, its records rebuilt', () => {
  const got = read({
    files: [['a.ipynb', record('a.ipynb')]],
    progress: { lessons: { 'a.ipynb': { 1: { passed: true, when: WHEN } } }, last: { path: 'a.ipynb', when: WHEN } },
  });
  assert.ok(!(got instanceof Error), got.message);
  assert.equal(got.files[0].path, 'a.ipynb');
  assert.equal(got.progress.lessons['a.ipynb']['1'].passed, true);
  assert.equal(Object.getPrototypeOf(got.files[0]), null);
});

test('restored notebooks lose their trust marks', () => {
  const trusted = notebook();
  trusted.cells[0].metadata.trusted = true;
  trusted.cells[0].outputs = [{ output_type: 'display_data', data: { 'text/html': '<script>x()</script>' },
    metadata: {} }];
  trusted.cells.push({ cell_type: 'markdown', source: 'hi', metadata: { trusted: true } });
  const got = read({ files: [['a.ipynb', record('a.ipynb', 'notebook', trusted)]] });
  assert.equal(got.files[0].content.cells[0].metadata.trusted, false);
  assert.equal('trusted' in got.files[0].content.cells[1].metadata, false);
});

test('__proto__ in progress is refused and pollutes nothing', () => {
  const text = fileOf({}).replace('"progress":{}', '"progress":{"lessons":{"__proto__":{"1":{"passed":true,' +
    `"when":"${WHEN}"}}}}`);
  assert.ok(work.readWork('w.json', text, COURSE) instanceof Error);
  const inner = fileOf({}).replace('"progress":{}', '"progress":{"lessons":{"a.ipynb":{"__proto__":' +
    `{"polluted":true}}}}`);
  assert.ok(work.readWork('w.json', inner, COURSE) instanceof Error);
  assert.equal({}.polluted, undefined);
});

test('progress must have numeric exercises, boolean passed and ISO-string when', () => {
  for (const outcome of [{ passed: 'yes', when: WHEN }, { passed: true, when: { a: 1 } },
    { passed: true, when: 'yesterday' }, { passed: true }]) {
    assert.ok(read({ progress: { lessons: { 'a.ipynb': { 1: outcome } } } }) instanceof Error, JSON.stringify(outcome));
  }
  assert.ok(read({ progress: { lessons: { 'a.ipynb': { one: { passed: true, when: WHEN } } } } }) instanceof Error);
  assert.ok(read({ progress: { last: { path: '../x.ipynb', when: WHEN } } }) instanceof Error);
});

test('paths must be normalized relative paths', () => {
  for (const path of ['', '/a.ipynb', '../a.ipynb', 'a/../b.ipynb', 'a//b.ipynb', './a.ipynb', 'a\\b.ipynb',
    'a\u0000.ipynb']) {
    assert.equal(work.isRelativePath(path), false, JSON.stringify(path));
    assert.ok(read({ files: [[path, record(path)]] }) instanceof Error, JSON.stringify(path));
  }
  assert.ok(work.isRelativePath('data/my.notes.txt'));
});

test('a record whose path disagrees with its key, or of an unknown type, is refused', () => {
  assert.ok(read({ files: [['a.ipynb', record('b.ipynb')]] }) instanceof Error);
  assert.ok(read({ files: [['a.ipynb', record('a.ipynb', 'script')]] }) instanceof Error);
  assert.ok(read({ files: [['a.ipynb', record('a.ipynb', 'notebook', { cells: 'no' })]] }) instanceof Error);
  assert.ok(read({ files: [['a.ipynb', record('a.ipynb')], ['a.ipynb', record('a.ipynb')]] }) instanceof Error);
});

test('other courses, formats and oversized files get their own sentence', () => {
  assert.match(work.readWork('w.json', fileOf({ course: 'Other' }), COURSE).message, /another course/);
  assert.match(work.readWork('w.json', fileOf({ version: 0 }), COURSE).message, /no longer reads/);
  assert.match(work.readWork('w.json', 'not json', COURSE).message, /damaged: nothing was changed/);
  const many = Array.from({ length: work.LIMITS.files + 1 }, (_, i) => [`f${i}.txt`, record(`f${i}.txt`)]);
  assert.match(read({ files: many }).message, /larger than/);
  assert.match(work.tooLarge('w.json').message, /“w.json” is larger than/);
});

test('freeName renames the file, never a folder of its path', () => {
  assert.equal(work.freeName('my.data/notes', new Set(), DAY), `my.data/notes (before restore ${DAY})`);
  assert.equal(work.freeName('a.ipynb', new Set([`a (before restore ${DAY}).ipynb`]), DAY),
    `a (before restore ${DAY} 2).ipynb`);
  assert.equal(work.freeName('.hidden', new Set(), DAY), `.hidden (before restore ${DAY})`);
});

test('mergeProgress keeps the latest outcome of each exercise and the latest lesson', () => {
  const mine = work.storedProgress(JSON.stringify({
    lessons: { 'a.ipynb': { 1: { passed: false, when: LATER }, 2: { passed: false, when: WHEN } } },
    last: { path: 'a.ipynb', when: LATER },
  }));
  const theirs = read({ progress: {
    lessons: { 'a.ipynb': { 1: { passed: true, when: WHEN }, 2: { passed: true, when: LATER } },
      'b.ipynb': { 3: { passed: true, when: WHEN } } },
    last: { path: 'b.ipynb', when: WHEN },
  } }).progress;
  const merged = work.mergeProgress(mine, theirs);
  assert.equal(merged.lessons['a.ipynb']['1'].passed, false);
  assert.equal(merged.lessons['a.ipynb']['2'].passed, true);
  assert.equal(merged.lessons['b.ipynb']['3'].passed, true);
  assert.equal(merged.last.path, 'a.ipynb');
});

test("this browser's malformed progress entries are left out, the rest kept", () => {
  const kept = work.storedProgress(JSON.stringify({
    lessons: { 'a.ipynb': { 1: { passed: true, when: WHEN }, 2: { passed: true, when: {} } }, '/x': {} },
  }));
  assert.deepEqual(Object.keys(kept.lessons), ['a.ipynb']);
  assert.deepEqual(Object.keys(kept.lessons['a.ipynb']), ['1']);
  assert.deepEqual(Object.keys(work.storedProgress('not json').lessons), []);
});

test('planRestore keeps a different stored copy, makes missing folders, and refuses a folder in the way', () => {
  const got = read({ files: [['a.ipynb', record('a.ipynb')], ['data/b.txt', { ...record('data/b.txt', 'file', 'x'),
    format: 'text' }]] });
  const stored = new Map([['a.ipynb', record('a.ipynb', 'notebook', notebook('mine'))]]);
  const plan = work.planRestore('w.json', stored, got, work.storedProgress(null), DAY);
  assert.deepEqual(plan.writes.map(([path]) => path),
    [`a (before restore ${DAY}).ipynb`, 'a.ipynb', 'data', 'data/b.txt']);
  assert.equal(plan.kept, 1);
  assert.equal(plan.writes[2][1].type, 'directory');

  const folderInTheWay = new Map([['a.ipynb', record('a.ipynb', 'directory', null)]]);
  assert.match(work.planRestore('w.json', folderInTheWay, got, work.storedProgress(null), DAY).message,
    /folder: nothing was changed/);
  const fileInTheWay = new Map([['data', record('data', 'file', 'x')]]);
  assert.match(work.planRestore('w.json', fileInTheWay, got, work.storedProgress(null), DAY).message,
    /puts files inside “data”, which is a file: nothing was changed/);
});

test('planRestore refuses progress larger than the course keeps', () => {
  const lessons = {};
  for (let i = 0; i < 400; i++) {
    lessons[`lesson-${i}.ipynb`] = Object.fromEntries(Array.from({ length: 10 }, (_, e) =>
      [String(e + 1), { passed: true, when: WHEN }]));
  }
  const got = read({ progress: { lessons } });
  assert.match(work.planRestore('w.json', new Map(), got, work.storedProgress(null), DAY).message,
    /more progress than/);
});
