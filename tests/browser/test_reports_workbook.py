"""A workbook the reports lesson writes in the browser opens in LibreOffice: one Chromium run, one conversion
(cheap: one engine, one lesson run, one soffice call)."""

import base64
import csv
import shutil
import subprocess

LESSON = "reports_excel_charts"
# LibreOffice's CSV filter options: comma, double quote, UTF-8 (76), from row 1, default column types,
# English (1033), no quoting of all text, detect special numbers, and each cell "as shown" (its number format)
AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true"
# The file as the file browser's Download gets it: the notebook app's contents service, base64 for binaries.
AS_DOWNLOADED = """async (path) => {
    const options = {content: true, format: 'base64'};
    const model = await window.jupyterapp.serviceManager.contents.get(path, options);
    return [model.format, model.content];
}"""

CHART_TEXT = "() => document.querySelector('figure.course-chart svg[role=img] desc').textContent"


def test_a_workbook_made_in_the_browser_opens_in_libreoffice(lesson_page, foreign_requests, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "soffice not found: bash .ci/setup installs Debian's libreoffice-calc-nogui"
    lesson_page.open(f"{LESSON}.ipynb")
    lesson_page.run_all()
    chart = lesson_page.page.evaluate(CHART_TEXT)  # the lesson's chart, as a screen reader gets it
    assert "2026-01: 13,612.27 EUR; 2026-02: 13,752.62 EUR; 2026-03: 6,674.55 EUR" in chart
    kind, content = lesson_page.page.evaluate(AS_DOWNLOADED, "q1-report.xlsx")
    assert kind == "base64"
    workbook = tmp_path / "q1-report.xlsx"
    workbook.write_bytes(base64.b64decode(content))

    converted = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", AS_SHOWN, "--outdir", str(tmp_path / "csv"), str(workbook)],
        capture_output=True, text=True, timeout=180)
    assert converted.returncode == 0, converted.stderr
    with (tmp_path / "csv" / "q1-report.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["Date", "Invoice", "Store", "Customer", "Amount"]
    assert rows[1] == ["07.01.2026", "INV-2026001", "Hamburg", "Bean Bar Altona", "1,011.01 EUR"]
    assert rows[2][3] == "Café Hansa" and len(rows) == 1 + 30 + 2
    # LibreOffice computed the formula openpyxl left uncomputed, and it matches the value Python wrote
    assert rows[-2][3:] == ["Total (formula)", "34,039.44 EUR"]
    assert rows[-1][3:] == ["Total (value)", "34,039.44 EUR"]
    assert foreign_requests == []
