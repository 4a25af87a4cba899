// The grading page: each dropped work file is re-run in a Pyodide worker of its own (the browser is
// the sandbox; a worker past its time limit is terminated), one file at a time; rows, lines and CSV
// come from the same Python as `build.py grade --rerun` (coursebuild/grading/in_browser.py).
const workerDir = new URL(document.querySelector('script[data-worker]').dataset.worker, location.href);
const setup = await (await fetch(new URL('grading.json', workerDir))).json();
const rows = []; // {cells, csv} per graded file, in the order dropped
const queue = [];
let running = false;
const $ = (id) => document.getElementById(id);
$('time-limit').value = setup.timeLimit;

function say(lines) {
  if (lines.length) $('lines').textContent += lines.join('\n') + '\n';
}

function render() {
  const table = document.createElement('table');
  table.className = 'grades';
  const head = table.createTHead().insertRow();
  for (const text of setup.header) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    tr.dataset.state = row.state;
    for (const text of row.cells) tr.insertCell().textContent = text;
  }
  $('table').replaceChildren(table);
  $('download').disabled = rows.length === 0;
}

function status() {
  const done = rows.filter((row) => row.state !== 'running').length;
  $('status').dataset.state = running || queue.length ? 'grading' : 'done';
  $('status').textContent = running || queue.length
    ? `Grading: ${done} done, ${queue.length + 1} to go.` : `Done: ${rows.length} files in the table.`;
}

/**
 * Fill a row's verified columns from the worker's row. The learner's code ran in that worker and
 * could have posted a row of its own, so only those columns are taken, only known verdicts, and in a
 * file flagged for a human (said before their code ran) no pass: as the command line's judge.trusted.
 */
function verify(row, cells) {
  const [passed, , review, unchecked] = setup.verdicts;
  setup.header.forEach((head, i) => {
    if (!head.endsWith(' verified')) return;
    const verdict = setup.verdicts.includes(cells[i]) ? cells[i] : unchecked;
    row.cells[i] = row.csv[i] = row.flagged && verdict === passed ? review : verdict;
  });
  row.state = 'verified';
}

/** Re-run one file in a fresh worker; resolves once it is judged, failed or stopped. */
function grade(file, timeLimit) {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('worker.js', workerDir), { type: 'module' });
    let row = null;
    let stoppedLine = null; // the line the worker's Python gives, once it has loaded
    const finish = (lines) => {
      clearTimeout(timer);
      worker.terminate();
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
        row = { cells: message.row, csv: message.csv, flagged: message.flagged, state: 'running' };
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
    file.slice(0, setup.sizeLimit + 1).arrayBuffer().then((data) => {
      worker.postMessage({ name: file.name, data: new Uint8Array(data), timeLimit });
    });
  });
}

async function drain() {
  if (running) return;
  running = true;
  while (queue.length) {
    const file = queue.shift();
    status();
    await grade(file, Number($('time-limit').value) || setup.timeLimit);
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
$('files').addEventListener('change', (event) => add([...event.target.files]));
const drop = $('drop');
drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  add([...event.dataTransfer.files]);
});
status();
