"""The course's small data files, read the same way in the browser and in CPython."""

import csv
import io

from . import web


async def read_csv(name: str) -> list[dict]:
    """The rows of content/data/<name> as dicts, fetched from the course site as the lessons fetch data."""
    answer = web.raise_for_status(await web.fetch(web.site_url(f"data/{name}")))
    return list(csv.DictReader(io.StringIO(answer.text)))
