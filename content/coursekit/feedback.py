"""How every exercise check talks to the learner: one line, marked correct or not yet."""

from . import progress

PASS, NOT_YET = "✔ Correct:", "✘ Not yet:"


def passed(message: str) -> bool:
    print(f"{PASS} {message}")
    progress.record(True)
    return True


def not_yet(message: str) -> bool:
    print(f"{NOT_YET} {message}")
    progress.record(False)
    return False


def describe_error(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def call_mistake(what: str, function, *args):
    """(result, None) or (None, what went wrong) for a learner's function call."""
    try:
        return function(*args), None
    except NotImplementedError:
        return None, f"{what} still raises NotImplementedError: replace that line with your code."
    except Exception as error:  # any mistake in learner code becomes feedback, not a traceback
        return None, f"{what} raised {describe_error(error)}."


def call_safely(what: str, function, *args):
    """(result, None) or (None, feedback already printed) for a learner's function call."""
    result, mistake = call_mistake(what, function, *args)
    return (result, None) if mistake is None else (None, not_yet(mistake))
