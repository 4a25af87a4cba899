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
