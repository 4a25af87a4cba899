"""A small HTML table reader built on the standard library's html.parser."""

import html.parser


class TableCells(html.parser.HTMLParser):
    """Collects the header cells and the body rows (lists of cell texts) of the tables in a page."""

    def __init__(self):
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: str | None = None  # the text of the cell being read, if any
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag in ("td", "th") and self._cell is not None:
            (self.rows[-1] if self._in_body else self.headers).append(self._cell.strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def table_cells(page: str) -> tuple[list[str], list[list[str]]]:
    """(header texts, rows of cell texts) of a page's table."""
    reader = TableCells()
    reader.feed(page)
    return reader.headers, reader.rows
