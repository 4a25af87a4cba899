"""Learners' text made safe to show: no terminal escapes on screen, no formulas in a spreadsheet."""

import re

# C0 controls but tab, DEL and C1 controls: escape sequences start with ESC (C0) or CSI (C1)
CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what Excel, LibreOffice and Sheets read as a formula


def terminal_safe(text: str) -> str:
    """Text with every control character shown as `?`, so it cannot move the cursor or recolour."""
    return CONTROLS.sub("?", text)


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell
