"""The site's server: a site under a sub-path, everything outside it redirected there."""

import urllib.error
import urllib.request

import pytest

from coursebuild.serving.server import base_url, make_server, serve_in_background


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):  # let the test see the redirect itself
        return None


OPENER = urllib.request.build_opener(NoRedirects)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A tiny site served under /course/; yields the server's root URL (without the prefix)."""
    tmp_path = tmp_path_factory.mktemp("site")
    (tmp_path / "index.html").write_text("<h1>home</h1>")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "index.html").write_text("<h1>notebooks</h1>")
    (tmp_path / "app.mjs").write_text("export {};")
    server = make_server(tmp_path, 0, "course")  # slashes are added: "course", "/course", "/course/" are one
    serve_in_background(server)
    yield base_url(server).removesuffix("course/")
    server.shutdown()
    server.server_close()


def status(url: str) -> tuple[int, dict]:
    try:
        with OPENER.open(url) as answer:
            return answer.status, dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_the_site_is_served_under_its_prefix(site):
    with urllib.request.urlopen(site + "course/") as answer:
        assert answer.read() == b"<h1>home</h1>"
    with urllib.request.urlopen(site + "course/app.mjs") as answer:  # module workers need a script type
        assert answer.headers["Content-Type"] == "text/javascript"


@pytest.mark.parametrize("path", ["", "index.html", "other/course/", "cours"])
def test_a_path_outside_the_prefix_is_redirected_into_it(site, path):
    assert status(site + path)[0] == 302
    assert status(site + path)[1]["Location"] == "/course/"


def test_a_folder_is_redirected_with_its_prefix_kept(site):
    code, headers = status(site + "course/notebooks")
    assert code == 301 and headers["Location"] == "/course/notebooks/"


def test_a_missing_file_is_not_found(site):
    assert status(site + "course/missing.html")[0] == 404


@pytest.mark.parametrize("path", ["%00", "course/%00", "course/a%00b.html"])
def test_a_nul_byte_in_a_request_is_answered_400_without_a_traceback(site, capsys, path):
    assert status(site + path)[0] == 400
    assert "Traceback" not in capsys.readouterr().err


def test_root_prefix_serves_at_the_root(tmp_path):
    (tmp_path / "index.html").write_text("root")
    server = make_server(tmp_path, 0, "/")
    serve_in_background(server)
    try:
        with urllib.request.urlopen(base_url(server)) as answer:
            assert answer.read() == b"root"
    finally:
        server.shutdown()
        server.server_close()
