"""The runtimes the runtime report measures: CPython and Pyodide in each browser engine, by name."""

ENGINES = ("chromium", "firefox", "webkit")
LABELS = {"chromium": "Chromium", "firefox": "Firefox", "webkit": "WebKit"}
CPYTHON = "cpython"
RUNTIMES = (CPYTHON, *ENGINES)


def runtime_label(runtime: str) -> str:
    """`CPython` or `Pyodide in Firefox`, for messages."""
    return "CPython" if runtime == CPYTHON else f"Pyodide in {LABELS.get(runtime, runtime)}"
