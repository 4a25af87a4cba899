"""The site's server answers only to loopback names: a page rebinding its name to 127.0.0.1 reads nothing."""

import http.client

import pytest

from coursebuild.serving.server import make_server, serve_in_background


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    """A tiny site served at /; yields its port."""
    root = tmp_path_factory.mktemp("site")
    (root / "index.html").write_text("<h1>solutions</h1>")
    server = make_server(root, 0)
    serve_in_background(server)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def get(port: int, host: str | None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", "/", skip_host=True)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    answer = connection.getresponse()
    try:
        return answer.status, answer.read()
    finally:
        connection.close()


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST", "[::1]:{port}",
                                  "127.0.0.1"])
def test_loopback_names_are_answered(port, host):
    assert get(port, host.format(port=port)) == (200, b"<h1>solutions</h1>")


@pytest.mark.parametrize("host", ["attacker.example:{port}", "attacker.example", "127.0.0.1.attacker.example",
                                  "", None])
def test_any_other_host_is_refused(port, host):
    code, body = get(port, None if host is None else host.format(port=port))
    assert code == 421 and b"solutions" not in body
