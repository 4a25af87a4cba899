"""Time zones in both runtimes: zoneinfo, with the tzdata wheel where there is no system database."""

import warnings
import zoneinfo
from datetime import timedelta, timezone
from pathlib import Path

from .runtime import IN_BROWSER


def database_of(key: str) -> str:
    """Where zoneinfo finds `key`: a system folder of zoneinfo.TZPATH, else the tzdata package."""
    for folder in zoneinfo.TZPATH:
        if Path(folder, key).is_file():
            return f"the system database {folder}"
    return "the tzdata package"


async def install_tzdata() -> str:
    """Make the tzdata package importable (in the browser micropip installs it from the site's lock)."""
    if IN_BROWSER:
        import micropip

        await micropip.install("tzdata")  # the site's lock pins it: nothing is fetched from PyPI
    import tzdata

    return f"tzdata {tzdata.__version__} (IANA {tzdata.IANA_VERSION})"


async def zone(key: str, fallback_hours: float):
    """ZoneInfo(key); without a database, tzdata is installed; if that fails, a fixed offset, with a warning.

    A fixed offset knows no daylight saving: it is right for half the year only, so the
    warning says so rather than letting the learner's numbers go quietly wrong.
    """
    try:
        return zoneinfo.ZoneInfo(key)
    except zoneinfo.ZoneInfoNotFoundError:
        pass
    try:
        await install_tzdata()
        return zoneinfo.ZoneInfo(key)
    except (ImportError, ValueError, zoneinfo.ZoneInfoNotFoundError) as error:
        warnings.warn(f"no time-zone database for {key} ({error}); using a fixed UTC{fallback_hours:+g} "
                      "offset, which ignores daylight saving", stacklevel=2)
        return timezone(timedelta(hours=fallback_hours), f"UTC{fallback_hours:+g} (fixed)")
