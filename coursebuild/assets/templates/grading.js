// @ts-check
// The grading page: each dropped work file is re-run in two Pyodide workers of its own, the learner's
// code in one and the checker that decides the verdicts in the other, joined by a message port (the
// browser is the sandbox; workers past their time limit are terminated), one file at a time; rows,
// lines and CSV come from the same Python as `build.py grade --rerun` (coursebuild/grading/in_browser.py).
/** @type {HTMLScriptElement} */
const script = document.querySelector('script[data-worker]');
const workerDir = new URL(script.dataset.worker, location.href);
const setup = await (await fetch(new URL('grading.json', workerDir))).json();
const rows = []; // {cells, csv} per graded file, in the order dropped
const queue = [];
let running = false;
/** @type {(id: string) => HTMLElement} */
const $ = (id) => document.getElementById(id);
/** @type {HTMLInputElement} */
const timeLimitInput = document.querySelector('#time-limit');
timeLimitInput.value = setup.timeLimit;
$('kinds').textContent = setup.kinds;

function say(lines) {
  if (lines.length) $('lines').textContent += lines.join('\n') + '\n';
}

// The table the page shows is the CSV's, folded to fit a screen: a row per file and lesson, a column per
// exercise number, each cell what the browser recorded over what the re-run found (the CSV keeps a
// column per lesson and exercise, for spreadsheets).
const lessons = Object.entries(setup.course.labels).map(([notebook, label], index) => ({
  label,
  legend: setup.course.legend[index],
  // [exercise, the column of its recorded outcome, the column of its re-run outcome], in order
  exercises: setup.course.heads.flatMap(([head, nb, n], k) => (nb !== notebook ? []
    : [[n, setup.header.indexOf(head), setup.header.indexOf(setup.rerunHeads[k])]])),
}));
const widest = Math.max(...lessons.map((lesson) => lesson.exercises.length));
const [copiesColumn, humanColumn] = [setup.header.length - 2, setup.header.length - 1];

/**
 * A cell of the table: a header cell for that scope ('col', 'row', 'rowgroup'), else a data cell.
 * @param {HTMLTableRowElement} tr
 * @param {string} text
 * @param {string | false} [header]
 */
function cell(tr, text, header = false) {
  const td = document.createElement(header ? 'th' : 'td');
  if (header) td.scope = header;
  td.textContent = text;
  tr.append(td);
  return td;
}

function render() {
  const table = document.createElement('table');
  table.className = 'grades';
  const head = table.createTHead().insertRow();
  const exerciseHeads = Array.from({ length: widest }, (_, i) => `E${i + 1}`);
  for (const text of ['File', 'Lesson', ...exerciseHeads, 'Lessons re-run from', 'For a human']) {
    cell(head, text, 'col');
  }
  const body = table.createTBody();
  for (const row of rows) {
    lessons.forEach((lesson, index) => {
      const tr = body.insertRow();
      Object.assign(tr.dataset, { state: row.state, file: row.cells[0], lesson: lesson.label });
      if (index === 0) cell(tr, row.cells[0], 'rowgroup').rowSpan = lessons.length;
      cell(tr, lesson.label, 'row').title = lesson.legend;
      for (let i = 0; i < widest; i += 1) {
        const [, recorded, rerun] = lesson.exercises[i] ?? [];
        const td = cell(tr, '');
        if (recorded === undefined) continue;
        const [how] = setup.header[rerun].split(' ').slice(-1);
        td.append(`recorded ${row.cells[recorded]}`, document.createElement('br'),
          `${how} ${row.cells[rerun]}`);
      }
      if (index === 0) {
        for (const column of [copiesColumn, humanColumn]) {
          cell(tr, row.cells[column]).rowSpan = lessons.length;
        }
      }
    });
  }
  $('table').replaceChildren(table);
  /** @type {HTMLButtonElement} */ ($('download')).disabled = rows.length === 0;
}

function status() {
  const done = rows.filter((row) => row.state !== 'running').length;
  $('status').dataset.state = running || queue.length ? 'grading' : 'done';
  $('status').textContent = running || queue.length
    ? `Grading: ${done} done, ${queue.length + 1} to go.` : `Done: ${rows.length} files in the table.`;
}

/**
 * Fill a row's re-run columns from the checker's row: only those columns (the rest was read before any
 * learner code ran), only known verdicts.
 */
function verify(row, cells) {
  const unchecked = setup.verdicts.at(-1);
  setup.header.forEach((head, i) => {
    if (!setup.rerunHeads.includes(head)) return;
    row.cells[i] = row.csv[i] = setup.verdicts.includes(cells[i]) ? cells[i] : unchecked;
  });
  row.state = 'verified';
}

/** Re-run one file in two fresh workers; resolves once it is judged, failed or stopped. */
function grade(file, timeLimit) {
  return new Promise((resolve) => {
    const start = () => new Worker(new URL('worker.js', workerDir), { type: 'module' });
    const [worker, learner] = [start(), start()];
    let row = null;
    let stoppedLine = null; // the line the checker's Python gives, once both have loaded
    const finish = (lines) => {
      clearTimeout(timer);
      worker.terminate();
      learner.terminate();
      say(lines);
      if (row && row.state === 'running') row.state = 'stopped';
      render();
      resolve();
    };
    // loading Pyodide does not count against the time limit, but may take no longer than the default one
    const loading = Math.max(timeLimit, setup.timeLimit);
    const unloaded = `${file.name}: the re-run failed: Python did not load within ${loading} s`;
    let timer = setTimeout(() => finish([unloaded]), loading * 1000);
    worker.onmessage = ({ data: message }) => {
      if (message.kind === 'planned' && !row) {
        row = { cells: message.row, csv: message.csv, state: 'running' };
        rows.push(row);
        stoppedLine = message.stopped;
        say(message.lines);
        render();
        clearTimeout(timer);
        timer = setTimeout(() => finish([stoppedLine]), timeLimit * 1000);
      } else if (message.kind === 'verified' && row?.state === 'running') {
        verify(row, message.row);
        finish(message.lines);
      } else if (message.kind === 'error') {
        finish(message.lines);
      } else {
        finish([`${file.name}: the re-run failed: ${message.message}`]);
      }
    };
    worker.onerror = (event) => finish([`${file.name}: the re-run failed: ${event.message}`]);
    // the learner's code runs in that worker, so the page takes nothing from it but a failure to load
    learner.onmessage = ({ data: message }) => {
      if (message?.kind === 'failed') finish([`${file.name}: the re-run failed: ${message.message}`]);
    };
    learner.onerror = worker.onerror;
    const { port1, port2 } = new MessageChannel();
    learner.postMessage({ role: 'learner', port: port2 }, [port2]);
    file.slice(0, setup.sizeLimit + 1).arrayBuffer().then((data) => {
      const task = { role: 'checker', name: file.name, data: new Uint8Array(data), timeLimit, port: port1 };
      worker.postMessage(task, [port1]);
    });
  });
}

async function drain() {
  if (running) return;
  running = true;
  while (queue.length) {
    const file = queue.shift();
    status();
    await grade(file, Number(timeLimitInput.value) || setup.timeLimit);
  }
  running = false;
  status();
}

function add(files) {
  queue.push(...files);
  status();
  drain();
}

/** One CSV field as Python's csv module writes it (quoted when it holds a quote, comma or line end). */
function field(text) {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

$('download').addEventListener('click', () => {
  const lines = [setup.header, ...rows.map((row) => row.csv)].map((cells) => cells.map(field).join(','));
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv' }));
  link.download = 'grades.csv';
  link.click();
  URL.revokeObjectURL(link.href);
});
$('files').addEventListener('change', (event) => {
  add([.../** @type {HTMLInputElement} */ (event.target).files]);
});
const drop = $('drop');
drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  add([...event.dataTransfer.files]);
});
status();
