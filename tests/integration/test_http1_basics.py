"""HTTP/1.1 behaviour of the front end with a module-handled site: keep-alive, pipelining,
HTTP/1.0, Expect: 100-continue, malformed requests, dot segments above the root, Date/Server headers
and the 404/405 answers of handler mapping (semantics.md decision 14).
"""

from __future__ import annotations

import email.utils
from datetime import datetime, timezone

import pytest

import api_helpers as api
import lintel_harness as harness


@pytest.fixture
def probe(lintel, lintel_env) -> api.ProbeServer:
    return api.start_probe(lintel, lintel_env)


def connection_tokens(reply: harness.Reply) -> list[str]:
    value = api.joined_header(reply, "Connection") or ""
    return [token.strip().lower() for token in value.split(",") if token.strip()]


def test_keep_alive_reuses_one_connection_for_50_requests(probe):
    conn = harness.connection(probe.port)
    try:
        local_address = None
        for index in range(50):
            conn.request("GET", f"/probe/hello?n={index}")
            response = conn.getresponse()
            body = response.read()
            assert response.status == 200
            assert api.parse_report(body)["n"] == str(index)
            assert conn.sock is not None, f"the server closed the connection after request {index}"
            if local_address is None:
                local_address = conn.sock.getsockname()
            assert conn.sock.getsockname() == local_address, \
                f"request {index} used a new connection"
    finally:
        conn.close()


def test_pipelined_requests_are_answered_in_order(probe):
    with api.Wire(probe.port) as raw:
        raw.send(b"".join(harness.raw_request("GET", f"/probe/hello?n={index}")
                          for index in range(10)))
        for index in range(10):
            reply = raw.read_reply("GET")
            assert reply.status == 200
            assert api.parse_report(reply.body)["n"] == str(index), f"response {index} out of order"


def test_http_1_0_closes_without_keep_alive(probe):
    with api.Wire(probe.port) as raw:
        raw.send(b"GET /probe/hello HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        reply = raw.read_reply("GET")
        assert reply.status == 200
        assert "keep-alive" not in connection_tokens(reply)
        ending = raw.ending()
        assert ending == "eof", f"HTTP/1.0 without keep-alive: the server closes, got {ending}"


def test_http_1_0_keep_alive_when_asked(probe):
    request = b"GET /probe/hello?n=%d HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"
    with api.Wire(probe.port) as raw:
        raw.send(request % 1)
        first = raw.read_reply("GET")
        assert first.status == 200
        assert "keep-alive" in connection_tokens(first), \
            f"a kept-alive HTTP/1.0 connection must say so: {first.headers}"
        assert first.header("Content-Length") is not None, \
            "HTTP/1.0 keep-alive needs a Content-Length"
        raw.send(request % 2)
        second = raw.read_reply("GET")
        assert second.status == 200 and api.parse_report(second.body)["n"] == "2"


def test_streamed_response_to_http_1_0_is_close_delimited(probe):
    # An HTTP/1.0 client cannot read chunked framing: the body ends with the connection.
    with api.Wire(probe.port) as raw:
        raw.send(b"GET /probe/stream HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        reply = raw.read_reply("GET")
    assert reply.status == 200
    assert reply.header("Transfer-Encoding") is None, "no chunked framing for HTTP/1.0"
    assert reply.body == b"part1;headers_sent=1;part2"


def test_keep_alive_survives_an_asynchronous_request(probe):
    # The first request completes through PostCompletion/OnAsyncCompletion; the pipelined second one
    # must still be read and answered on the same connection.
    with api.Wire(probe.port) as raw:
        raw.send(harness.raw_request("GET", "/probe/postcompletion?bytes=7")
                 + harness.raw_request("GET", "/probe/hello?n=after-async"))
        first = raw.read_reply("GET")
        second = raw.read_reply("GET")
    assert first.status == 200 and b"completion_bytes=7" in first.body, first.body
    assert second.status == 200 and api.parse_report(second.body)["n"] == "after-async"


def test_expect_100_continue(probe):
    body = b"0123456789" * 10
    head = harness.raw_request("POST", "/probe/read", [("Expect", "100-continue"),
                                                        ("Content-Length", str(len(body)))])
    with api.Wire(probe.port) as raw:
        raw.send(head)
        interim = raw.read_reply("POST")
        assert interim.status == 100, f"expected 100 Continue before the body, got {interim.status}"
        raw.send(body)
        final = raw.read_reply("POST")
    assert final.status == 200
    report = api.parse_report(final.body)
    assert report["length"] == str(len(body)) and report["fnv"] == api.fnv1a64(body)


@pytest.mark.parametrize("request_bytes", [
    b"GARBAGE\r\n\r\n",
    b"GET /probe/hello HTTP/1.1 trailing\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET /probe/hello HTTQ/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"G(T /probe/hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET probe/hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
], ids=["no-parts", "extra-part", "bad-version", "bad-method-char", "relative-target"])
def test_malformed_request_line_gets_400_and_close(probe, request_bytes):
    with api.Wire(probe.port) as raw:
        raw.send(request_bytes)
        reply = raw.read_reply("GET")
        assert reply.status == 400
        ending = raw.ending()
        assert ending in ("eof", "reset"), f"the connection must close after the 400, got {ending}"


@pytest.mark.parametrize("target", ["/../x", "/a/../../x", "/%2e%2e/x"])
def test_url_above_the_root_gets_400(probe, target):
    with api.Wire(probe.port) as raw:
        raw.send(harness.raw_request("GET", target))
        reply = raw.read_reply("GET")
    assert reply.status == 400, f"{target} climbs above the root"


def test_date_and_server_headers(probe):
    reply = probe.request("GET", "/probe/hello")
    assert reply.status == 200
    server = reply.header("Server")
    assert server, f"no Server header: {reply.headers}"
    date = reply.header("Date")
    assert date, f"no Date header: {reply.headers}"
    parsed = email.utils.parsedate_to_datetime(date)
    assert date.endswith(" GMT"), f"Date must be an IMF-fixdate: {date!r}"
    assert abs((datetime.now(timezone.utc) - parsed).total_seconds()) < 600, date


def test_unmapped_path_is_404_and_unlisted_verb_is_405(lintel, lintel_env):
    server = api.start_probe(lintel, lintel_env, handlers=[
        harness.Handler("ProbeHandler", api.PROBE_NAME, path="*.probe", verb="GET,HEAD")])
    assert server.request("GET", "/probe/hello.probe").status == 200, \
        "control: the mapped path works"
    assert server.request("GET", "/x.txt").status == 404
    reply = server.request("POST", "/probe/hello.probe", body=b"x")
    assert reply.status == 405, f"POST is not in the handler's verb list: got {reply.status}"
