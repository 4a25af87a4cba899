// Unit tests of the course extension's pure functions (course.js), under `node --test`.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const course = require('../../coursebuild/assets/labextensions/@programming-for-business/course/static/course.js');

// the values the build hands the extension, from tests/unit/test_javascript.py
const VALUES = JSON.parse(process.env.COURSE_VALUES).extension;
const CALLS = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'data', 'exercise_calls.json'), 'utf8'));
const code = (source) => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null });

for (const { source, exercises } of CALLS.cases) {
  test(`an exercise call, as the build counts them: ${JSON.stringify(source)}`, () => {
    assert.deepEqual([...course.exerciseNumbers([code(source)], VALUES.exerciseCall)], exercises);
  });
}

test('only code cells count: a Markdown cell naming a check is no call', () => {
  const cells = [{ cell_type: 'markdown', source: 'check_exercise_1(answer)', metadata: {} },
    code(['x = 1\n', 'check_exercise_2(x)'])];
  assert.deepEqual([...course.exerciseNumbers(cells, VALUES.exerciseCall)], [2]);
});

test('a learner copy is named after the lesson and the day, numbered from the second', () => {
  assert.equal(course.copyName('dir/lesson.ipynb', '2026-11-29', 1), 'dir/lesson (my work 2026-11-29).ipynb');
  assert.equal(course.copyName('lesson.ipynb', '2026-11-29', 2), 'lesson (my work 2026-11-29 2).ipynb');
});

test('a copy is edited when its cells differ from its stamp, or it has none', () => {
  assert.equal(course.isEdited({ stamp: 'abc', cells: 'abc' }), false);
  assert.equal(course.isEdited({ stamp: 'abc', cells: 'def' }), true);
  assert.equal(course.isEdited({ stamp: undefined, cells: 'abc' }), true);
});

const update = (displayId, data) => ({
  header: { msg_type: 'update_display_data' },
  content: { transient: { display_id: displayId }, data },
});

test('an outcome is read only from an update of the progress display', () => {
  const sent = { exercise: 3, passed: 1, when: '2026-11-29T06:00:00.000Z' };
  assert.deepEqual(course.outcomeIn(update(VALUES.outcomeDisplayId, { [VALUES.outcomeMime]: sent }), VALUES),
    { exercise: 3, passed: true, when: sent.when });
  assert.equal(course.outcomeIn(update('another display', { [VALUES.outcomeMime]: sent }), VALUES), null);
  assert.equal(course.outcomeIn({ header: { msg_type: 'stream' }, content: { text: 'x' } }, VALUES), null);
});

test("an exercise's latest outcome replaces its earlier one; others stay; the lesson is the last worked on", () => {
  const progress = { lessons: { 'a.ipynb': { 1: { passed: true, when: 'T1' } } } };
  course.recordOutcome(progress, 'a.ipynb', { exercise: 2, passed: false, when: 'T2' });
  course.recordOutcome(progress, 'a.ipynb', { exercise: 2, passed: true, when: 'T3' });
  course.recordOutcome(progress, 'b.ipynb', { exercise: 1, passed: false, when: 'T4' });
  assert.deepEqual(progress, {
    lessons: { 'a.ipynb': { 1: { passed: true, when: 'T1' }, 2: { passed: true, when: 'T3' } },
      'b.ipynb': { 1: { passed: false, when: 'T4' } } },
    last: { path: 'b.ipynb', when: 'T4' },
  });
});

test('the toolbar counts exercises passed, never more than the lesson has', () => {
  const outcomes = { 1: { passed: true, when: 'T' }, 2: { passed: false, when: 'T' }, 9: { passed: true, when: 'T' } };
  assert.equal(course.progressLabel(3, outcomes), '2 of 3 exercises done');
  assert.equal(course.progressLabel(1, outcomes), '1 of 1 exercises done');
  assert.equal(course.progressLabel(0, {}), '0 of 0 exercises done');
});
