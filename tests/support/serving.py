"""A built site served on a free port, as GitHub Pages serves a project site."""

from pathlib import Path

from coursebuild.serving.server import base_url, make_server, serve_in_background

SUB_PATH = "/course/"  # as a GitHub Pages project site is served


def served(root: Path, sub_path: str = SUB_PATH):
    """Serve a built site on a free port at /course/ (or sub_path) until the generator is closed."""
    server = make_server(root, 0, sub_path)
    serve_in_background(server)
    yield base_url(server)
    server.shutdown()
