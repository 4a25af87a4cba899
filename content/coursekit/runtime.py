"""Which Python is running the lesson: CPython on a computer, or Pyodide in the browser."""

import platform
import sys

IN_BROWSER = sys.platform == "emscripten"


def describe() -> str:
    """One line naming the runtime and its versions."""
    python = platform.python_version()
    if IN_BROWSER:
        import pyodide

        return f"Pyodide {pyodide.__version__} (Python {python}) in your browser"
    return f"{platform.python_implementation()} {python} on {sys.platform}"


def threads_available() -> bool:
    """Whether this Python can start a thread (Pyodide cannot: RuntimeError)."""
    import threading

    try:
        thread = threading.Thread(target=lambda: None)
        thread.start()
    except RuntimeError:
        return False
    thread.join()
    return True
