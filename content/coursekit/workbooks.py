"""Excel workbooks in both runtimes: openpyxl, installed from the site's own lock in the browser."""

from .runtime import IN_BROWSER


async def load_openpyxl():
    """The openpyxl module; in the browser micropip installs it (and et-xmlfile) from the site's lock."""
    if IN_BROWSER:
        import micropip

        await micropip.install("openpyxl")  # the site's lock pins it: nothing is fetched from PyPI
    import openpyxl

    return openpyxl
