"""The page "What runs in your browser": the runtime report as a table people can read."""

import html
from datetime import datetime
from string import Template

import nbformat

from .. import TEMPLATES
from ..inputs.lessons import generated_notebook
from ..inputs.report import Probe, Report, outcome
from ..runtimes import CPYTHON, LABELS

TEMPLATE = TEMPLATES / "runtime_page.html"
STYLE = TEMPLATES / "course.css"  # shared with the landing page
# lessons link to this notebook: JupyterLite opens notebooks in the notebook view, where
# Markdown tables render, whereas an .html file would open as source text
CONTENT_PAGE = "what-runs-in-your-browser.ipynb"
# the browsers learners know an engine by, where its own name (engines.LABELS) is not one of them
KNOWN_AS = {"chromium": "Chrome, Edge", "webkit": "Safari"}


def browser_label(runtime: str) -> str:
    """A column heading for one engine, as learners know their browsers."""
    return f"{LABELS[runtime]} ({KNOWN_AS[runtime]})" if runtime in KNOWN_AS else LABELS[runtime]


def verdict(row: Probe, browsers: list[str]) -> str:
    """supported / fails in the browser with X / differs between browsers / ..."""
    cpython = row.result(CPYTHON)
    measured = [found for b in browsers if (found := row.result(b)) is not None]
    if cpython is None or len(measured) < len(browsers):
        return "not measured everywhere"
    working = [LABELS[b] for b in browsers if row.result(b).works]
    if 0 < len(working) < len(browsers):
        failing = [b for b in browsers if not row.result(b).works]
        return (f"differs between browsers: works in {', '.join(working)}; fails in "
                + ", ".join(f"{LABELS[b]} ({row.result(b).detail.split(':')[0]})" for b in failing))
    if working and cpython.works:
        return "supported"
    if not working and cpython.works:
        return f"fails in the browser with {measured[0].detail.split(':')[0]}"
    if working:
        return "differs: works in the browser, not in CPython's notebook"
    return "fails in both"


def differing_rows(report: Report) -> list[str]:
    """The questions whose outcome (works or fails) is not the same in every browser."""
    return [row.question for row in probe_rows(report)
            if len({found.works for b in report.browsers if (found := row.result(b)) is not None}) > 1]


def measured_line(report: Report) -> str:
    """When and on which versions the report was measured."""
    versions, browsers = report.versions, report.browsers
    pyodide = versions[browsers[0]]
    when = datetime.fromisoformat(report.measured_at).strftime("%-d %B %Y, %H:%M UTC")
    return (f"Measured {when}: CPython {versions[CPYTHON]['python']}; "
            f"Pyodide {pyodide.get('pyodide', '?')} (Python {pyodide['python']}) in "
            + ", ".join(versions[b]["browser"] for b in browsers) + ".")


def differences_line(report: Report) -> str:
    """One plain sentence on which rows differ between browsers."""
    questions = differing_rows(report)
    if not questions:
        return "Every probe has the same outcome in every browser measured (timings and details may differ)."
    # each question is quoted: it ends in its own "?", and the sentence's full stop follows the quotes
    return ("These differ between browsers: " + ", ".join(f"“{question}”" for question in questions)
            + ". Everything else has the same outcome in every browser (timings and details may differ).")


def probe_rows(report: Report) -> list[Probe]:
    """The rows a reader sees: every probe but the versions."""
    return [row for row in report.probes if row.name != "versions"]


def runtime_notebook(report: Report) -> bytes:
    """The report as a notebook of Markdown, for the lessons' links inside JupyterLite."""
    def cell(text: str) -> str:
        return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")

    browsers = report.browsers
    headings = ["Question", "CPython", *(f"Pyodide in {browser_label(b)}" for b in browsers), "Verdict"]
    table = ["| " + " | ".join(headings) + " |", "|" + "---|" * len(headings)]
    for row in probe_rows(report):
        outcomes = [outcome(row.result(runtime)) for runtime in [CPYTHON, *browsers]]
        cells = [row.question, *outcomes, verdict(row, browsers)]
        table.append("| " + " | ".join(cell(text) for text in cells) + " |")
    return generated_notebook([nbformat.v4.new_markdown_cell(
        "# What runs in your browser\n\nEach row is a probe: a small program that tries one thing, run "
        "unchanged in CPython (a Jupyter kernel on a computer) and in this site's Pyodide kernel in "
        f"each browser engine. {measured_line(report)}\n\n{differences_line(report)}\n\n"
        + "\n".join(table) + "\n\nTo measure your own browser, open "
        "[runtime-probes.ipynb](runtime-probes.ipynb) and run all its cells.")])


def runtime_page(report: Report, course_title: str) -> str:
    """The report as the HTML page at the site's root."""
    browsers = report.browsers
    rows = []
    for row in probe_rows(report):
        cells = [f'<th scope="row">{html.escape(row.question)}</th>']
        for runtime in [CPYTHON, *browsers]:
            result = row.result(runtime)
            css = "" if result is None else ("works" if result.works else "fails")
            cells.append(f'<td class="{css}">{html.escape(outcome(result))}</td>')
        cells.append(f"<td>{html.escape(verdict(row, browsers))}</td>")
        rows.append("    <tr>" + "".join(cells) + "</tr>")
    headings = ["CPython", *(f"Pyodide in {browser_label(b)}" for b in browsers), "Verdict"]
    body = (f"  <p>{html.escape(differences_line(report))}</p>\n"
            "  <table>\n    <caption>Probe results, CPython and each browser engine side by side</caption>\n"
            '    <thead><tr><th scope="col">Question</th>'
            + "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headings) + "</tr></thead>\n"
            "    <tbody>\n" + "\n".join(rows) + "\n    </tbody>\n  </table>")
    back = ('<a href="index.html">Back to the course</a> · '
            '<a href="pyodide-report.json">the measurements as JSON</a>')
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        course=html.escape(course_title), measured=html.escape(measured_line(report)), body=body, back=back,
        style=STYLE.read_text(encoding="utf-8"))
