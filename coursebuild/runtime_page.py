"""The page "What runs in your browser": the runtime report as a table people can read."""

import html
from pathlib import Path
from string import Template

import nbformat

from .lessons import generated_notebook
from .report import outcome

TEMPLATE = Path(__file__).with_name("runtime_page.html")
STYLE = Path(__file__).with_name("course.css")  # shared with the landing page
# lessons link to this notebook: JupyterLite opens notebooks in the notebook view, where
# Markdown tables render, whereas an .html file would open as source text
CONTENT_PAGE = "what-runs-in-your-browser.ipynb"


def verdict(row: dict) -> str:
    """supported / fails in the browser with X / differs."""
    cpython, pyodide = row["cpython"], row["pyodide"]
    if pyodide is None or cpython is None:
        return "measured in one runtime only"
    if pyodide["works"] and cpython["works"]:
        return "supported"
    if not pyodide["works"] and cpython["works"]:
        return f"fails in the browser with {pyodide['detail'].split(':')[0]}"
    if pyodide["works"] and not cpython["works"]:
        return "differs: works in the browser, not in CPython's notebook"
    return "fails in both"


def measured_line(report: dict) -> str:
    """When and on which versions the report was measured."""
    versions = report["versions"]
    return (f"Measured {report['measured_at']}: CPython {versions['cpython']['python']}; "
            f"Pyodide {versions['pyodide'].get('pyodide', '?')} (Python {versions['pyodide']['python']}) "
            f"in {versions['pyodide']['browser']}.")


def probe_rows(report: dict) -> list[dict]:
    """The rows a reader sees: every probe but the versions."""
    return [row for row in report["probes"] if row["name"] != "versions"]


def runtime_notebook(report: dict) -> bytes:
    """The report as a notebook of Markdown, for the lessons' links inside JupyterLite."""
    def cell(text: str) -> str:
        return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")

    table = ["| Question | CPython | In your browser (Pyodide) | Verdict |", "|---|---|---|---|"]
    table += [f"| {cell(row['question'])} | {cell(outcome(row['cpython']))} | {cell(outcome(row['pyodide']))} "
              f"| {cell(verdict(row))} |" for row in probe_rows(report)]
    return generated_notebook([nbformat.v4.new_markdown_cell(
        "# What runs in your browser\n\nEach row is a probe: a small program that tries one thing, run "
        "unchanged in CPython (a Jupyter kernel on a computer) and in this site's Pyodide kernel. "
        f"{measured_line(report)}\n\n" + "\n".join(table) + "\n\nTo measure your own browser, open "
        "[runtime-probes.ipynb](runtime-probes.ipynb) and run all its cells.")])


def runtime_page(report: dict, course_title: str) -> str:
    """The report as the HTML page at the site's root."""
    rows = []
    for row in probe_rows(report):
        cells = [f'<th scope="row">{html.escape(row["question"])}</th>']
        for runtime in ("cpython", "pyodide"):
            result = row[runtime]
            css = "" if result is None else ("works" if result["works"] else "fails")
            cells.append(f'<td class="{css}">{html.escape(outcome(result))}</td>')
        cells.append(f"<td>{html.escape(verdict(row))}</td>")
        rows.append("    <tr>" + "".join(cells) + "</tr>")
    body = ("  <table>\n    <caption>Probe results, CPython and Pyodide side by side</caption>\n"
            '    <thead><tr><th scope="col">Question</th><th scope="col">CPython</th>'
            '<th scope="col">In your browser (Pyodide)</th><th scope="col">Verdict</th></tr></thead>\n'
            "    <tbody>\n" + "\n".join(rows) + "\n    </tbody>\n  </table>")
    back = '<a href="index.html">Back to the course</a> · <a href="pyodide-report.json">the measurements as JSON</a>'
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        course=html.escape(course_title), measured=html.escape(measured_line(report)), body=body, back=back,
        style=STYLE.read_text(encoding="utf-8"))
