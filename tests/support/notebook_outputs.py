"""What an executed notebook printed, shown and raised, read back out of its cells."""


def stream_text(notebook, name: str = "stdout") -> str:
    """Everything the notebook printed on one stream, in order."""
    return "".join(out.text for cell in notebook.cells if cell.cell_type == "code"
                   for out in cell.outputs if out.output_type == "stream" and out.name == name)


def error_outputs(notebook) -> list[str]:
    """Every stderr text and error of the run."""
    return [out.get("text") or f"{out.ename}: {out.evalue}"
            for cell in notebook.cells if cell.cell_type == "code"
            for out in cell.outputs if out.output_type == "error" or out.get("name") == "stderr"]


def rich_outputs(notebook, mime: str) -> list[str]:
    """Every display or result of one MIME type."""
    return [out.data[mime] for cell in notebook.cells if cell.cell_type == "code"
            for out in cell.outputs if mime in out.get("data", {})]
