"""HTTP/1.1 conformance and abuse on the wire (issue 5): request smuggling and desync vectors,
pipelining with bodies, half-closed and vanishing clients, many idle keep-alive connections, and
the answers IIS gives to OPTIONS, TRACE and CONNECT.

Every smuggling vector is sent as one write that also carries a complete, innocent second request
("GET /probe/hello?n=smuggled"). Whatever the server thinks of the first request, a server that
frames the bytes some other way than the client meant would answer that second request; the tests
read everything until the server closes and assert that exactly one response came back, with the
status http.sys gives, and that the connection was closed after it.

The IIS facts asserted here (default applicationHost.config, IIS 10): OPTIONS is answered by the
ProtocolSupportModule's OPTIONSVerbHandler with 200, "Allow" and "Public" listing
"OPTIONS, TRACE, GET, HEAD, POST" and an empty body; TRACE goes to its TRACEVerbHandler, which
answers 501 Not Implemented (TRACE is off unless something handles it); docs/conformance.md has
the sources.
"""

from __future__ import annotations

import io
import resource
import socket
import struct
import time

import pytest

import api_helpers as api
import lintel_harness as harness

SMUGGLED = b"GET /probe/hello?n=smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


@pytest.fixture
def probe(lintel, lintel_env) -> api.ProbeServer:
    return api.start_probe(lintel, lintel_env)


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------

def converse(port: int, data: bytes, *, half_close: bool = False,
             timeout: float = harness.IO_TIMEOUT_SECONDS) -> tuple[bytes, str]:
    """Sends `data` in one write and returns everything the server sent until it closed, and how
    it closed ("eof", "reset", "timeout": still open after `timeout`, or "limit")."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may reject and close before reading all of it
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        return api.read_until_close(sock, limit=64 << 20, timeout=timeout)


def parse_replies(data: bytes, method: str = "GET") -> list[harness.Reply]:
    """Every complete response in `data`, in order."""
    reader = io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
    replies = []
    while reader.peek(1):
        try:
            replies.append(harness.read_reply(reader, method))
        except (EOFError, AssertionError, ValueError):
            break  # a truncated or unparseable tail: counted by the caller through the bytes
    return replies


def assert_rejected_alone(port: int, request: bytes, statuses: tuple[int, ...] = (400,)) -> None:
    """`request` + SMUGGLED in one write: exactly one response with one of `statuses`, the
    connection closed after it, and nothing answered from the smuggled bytes."""
    data, how = converse(port, request + SMUGGLED)
    replies = parse_replies(data)
    assert replies, f"no response at all (connection {how}); got {data[:300]!r}"
    first = replies[0]
    assert first.status in statuses, \
        f"expected {statuses}, got {first.status} {first.reason!r} for {request!r}"
    assert len(replies) == 1, \
        f"{len(replies)} responses from one write: the bytes were framed as several requests " \
        f"({[r.status for r in replies]}) for {request!r}"
    assert b"smuggled" not in data, f"the smuggled request was answered: {data[:600]!r}"
    assert how in ("eof", "reset"), f"the connection must close after a {first.status}, got {how}"
    connection = (first.header("Connection") or "").lower()
    assert "close" in connection, \
        f"an error that loses framing says Connection: close: {first.headers}"


def chunked_post(body: bytes, path: str = "/probe/read") -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Transfer-Encoding: chunked\r\n\r\n").encode() + body


def raise_nofile(wanted: int) -> int:
    """Raises this process's descriptor limit (the server started afterwards inherits it)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(wanted, hard) if hard != resource.RLIM_INFINITY else wanted
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# --------------------------------------------------------------------------------------------------
# Smuggling and desync: every ambiguous framing is rejected and the connection closed
# --------------------------------------------------------------------------------------------------

HEAD = b"POST /probe/read HTTP/1.1\r\nHost: 127.0.0.1\r\n"

SMUGGLING_VECTORS = {
    # Content-Length and Transfer-Encoding together (RFC 9112 §6.1: the classic CL.TE / TE.CL).
    "cl-te": HEAD + b"Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nX",
    "te-cl": HEAD + b"Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n1\r\nZ\r\n0\r\n\r\n",
    "cl-te-zero": HEAD + b"Content-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    # Two Content-Length values that differ, as two fields and as one list.
    "cl-cl-fields": HEAD + b"Content-Length: 4\r\nContent-Length: 5\r\n\r\nabcde",
    "cl-cl-list": HEAD + b"Content-Length: 4, 5\r\n\r\nabcde",
    "cl-sign": HEAD + b"Content-Length: +4\r\n\r\nabcd",
    "cl-hex": HEAD + b"Content-Length: 0x4\r\n\r\nabcd",
    "cl-space-inside": HEAD + b"Content-Length: 4 4\r\n\r\nabcd",
    "cl-empty": HEAD + b"Content-Length: \r\n\r\n",
    "cl-overflow": HEAD + b"Content-Length: 18446744073709551620\r\n\r\n",
    # Transfer-Encoding variants.
    "te-chunked-twice-list": HEAD + b"Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
    "te-chunked-twice-fields": HEAD + b"Transfer-Encoding: chunked\r\n"
                                      b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "te-chunked-not-last": HEAD + b"Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
    "te-quoted": HEAD + b"Transfer-Encoding: \"chunked\"\r\n\r\n0\r\n\r\n",
    "te-obs-fold": HEAD + b"Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n",
    "te-obs-fold-tab": HEAD + b"Transfer-Encoding: identity\r\n\tchunked\r\n\r\n0\r\n\r\n",
    "te-vertical-tab": HEAD + b"Transfer-Encoding: chunked\x0b\r\n\r\n0\r\n\r\n",
    "te-http10": b"POST /probe/read HTTP/1.0\r\nHost: 127.0.0.1\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    # Whitespace between the field name and the colon (RFC 9112 §5.1: MUST reject with 400).
    "space-before-colon-te": HEAD + b"Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
    "space-before-colon-cl": HEAD + b"Content-Length : 4\r\n\r\nabcd",
    "tab-before-colon": HEAD + b"Content-Length\t: 4\r\n\r\nabcd",
    "space-before-first-header": b"POST /probe/read HTTP/1.1\r\n Host: 127.0.0.1\r\n"
                                 b"Content-Length: 4\r\n\r\nabcd",
    # Bare LF and other line-ending damage in the chunked framing.
    "chunk-size-bare-lf": chunked_post(b"5\nhello\r\n0\r\n\r\n"),
    "chunk-data-bare-lf": chunked_post(b"5\r\nhello\n0\r\n\r\n"),
    "chunk-last-bare-lf": chunked_post(b"5\r\nhello\r\n0\n\n"),
    "chunk-ext-bare-lf": chunked_post(b"5;a=b\nhello\r\n0\r\n\r\n"),
    "chunk-bare-cr": chunked_post(b"5\rhello\r\n0\r\n\r\n"),
    "chunk-data-too-long": chunked_post(b"3\r\nhello\r\n0\r\n\r\n"),
    # Junk around the chunk size.
    "chunk-size-leading-space": chunked_post(b" 5\r\nhello\r\n0\r\n\r\n"),
    "chunk-size-trailing-space": chunked_post(b"5 \r\nhello\r\n0\r\n\r\n"),
    "chunk-size-plus": chunked_post(b"+5\r\nhello\r\n0\r\n\r\n"),
    "chunk-size-0x": chunked_post(b"0x5\r\nhello\r\n0\r\n\r\n"),
    "chunk-size-letter": chunked_post(b"5g\r\nhello\r\n0\r\n\r\n"),
    "chunk-size-empty": chunked_post(b"\r\nhello\r\n0\r\n\r\n"),
    "chunk-size-underscore": chunked_post(b"0_5\r\nhello\r\n0\r\n\r\n"),
    # A chunk size that does not fit in 64 bits (a parser that wraps would read it as small).
    "chunk-size-2^64": chunked_post(b"10000000000000005\r\nhello\r\n0\r\n\r\n"),
    "chunk-size-2^64-zeros": chunked_post(b"0" * 40 + b"10000000000000000\r\n\r\n0\r\n\r\n"),
    # NUL and other control bytes in the head.
    "nul-in-header-value": b"GET /probe/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\x00b\r\n\r\n",
    "nul-in-header-name": b"GET /probe/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX\x00A: b\r\n\r\n",
    "nul-in-target": b"GET /probe/he\x00llo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "cr-in-header-value": b"GET /probe/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\rb\r\n\r\n",
    # Tabs or other separators in the request line.
    "request-line-tabs": b"GET\t/probe/hello\tHTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "request-line-tab-before-version": b"GET /probe/hello\tHTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "request-line-two-spaces": b"GET  /probe/hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "request-line-vertical-tab": b"GET\x0b/probe/hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    # Host rules (RFC 9112 §3.2: missing or repeated Host is a 400).
    "host-missing": b"GET /probe/hello HTTP/1.1\r\n\r\n",
    "host-twice": b"GET /probe/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: other\r\n\r\n",
    "host-bad-chars": b"GET /probe/hello HTTP/1.1\r\nHost: a b\r\n\r\n",
}


@pytest.mark.parametrize("request_bytes", list(SMUGGLING_VECTORS.values()),
                         ids=list(SMUGGLING_VECTORS.keys()))
def test_ambiguous_framing_is_rejected_and_closed(probe, request_bytes):
    assert_rejected_alone(probe.port, request_bytes)


@pytest.mark.parametrize("coding", [b"xchunked", b"gzip, chunked", b"identity", b"chunked;q=1"],
                         ids=["xchunked", "gzip-chunked", "identity", "chunked-with-param"])
def test_unknown_transfer_coding_is_501_and_closed(probe, coding):
    # http.sys answers an unknown transfer-coding with 501; the body length is then unknown, so
    # the connection cannot continue either.
    assert_rejected_alone(probe.port, HEAD + b"Transfer-Encoding: " + coding + b"\r\n\r\n0\r\n\r\n",
                          statuses=(501,))


def test_bad_version_is_505_and_closed(probe):
    assert_rejected_alone(probe.port, b"GET /probe/hello HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n",
                          statuses=(505,))


def test_huge_chunk_size_never_answers_the_bytes_after_it(probe):
    # A chunk size that fits in 64 bits but is absurd: the bytes after it are chunk data, never a
    # request. The server may reject it at once (413) or keep reading the "data"; either way the
    # smuggled request must not be answered.
    body = b"ffffffffffffffff\r\nhello\r\n0\r\n\r\n"
    data, _ = converse(probe.port, chunked_post(body) + SMUGGLED, timeout=2.0)
    assert b"smuggled" not in data, f"the smuggled request was answered: {data[:600]!r}"
    replies = parse_replies(data, "POST")
    assert all(reply.status in (400, 413) for reply in replies), [r.status for r in replies]


@pytest.mark.xfail(strict=True, reason="maxAllowedContentLength for streamed chunked bodies belongs to the "
                   "RequestFilteringModule (issue 'Built-in modules, part 1')")
def test_chunked_body_larger_than_the_limit_is_413(probe):
    # maxAllowedContentLength (30,000,000 by default) applies to chunked bodies too.
    body = b"".join(b"%x\r\n" % (1 << 20) + b"x" * (1 << 20) + b"\r\n" for _ in range(30))
    data, how = converse(probe.port, chunked_post(body + b"0\r\n\r\n"), timeout=10.0)
    replies = parse_replies(data, "POST")
    assert replies and replies[0].status == 413, [r.status for r in replies] or data[:300]
    assert how in ("eof", "reset"), f"the connection must close after the 413, got {how}"


def test_absolute_form_target_wins_over_host(probe):
    # RFC 9112 §3.2.2: with an absolute-form target the Host field is ignored and the target's
    # authority is the host; http.sys cooks the URL from the target. One request, one answer, and
    # the connection stays usable.
    # The probe picks its action from the header here: its own URL parsing is not under test.
    request = (b"GET http://other.example/probe/raw?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               b"X-Probe-Action: raw\r\n\r\n"
               + harness.raw_request("GET", "/probe/hello?n=after"))
    with api.Wire(probe.port) as raw:
        raw.send(request)
        first = raw.read_reply("GET")
        second = raw.read_reply("GET")
    assert first.status == 200, f"{first.status} {first.reason} {first.body[:300]!r}"
    report = api.parse_report(first.body)
    assert (report.get("host") or "").split(":")[0] == "other.example", f"cooked host: {report}"
    assert report.get("abs_path") == "/probe/raw", report
    assert report.get("query") == "?x=1", report
    assert second.status == 200 and api.parse_report(second.body)["n"] == "after"


def test_absolute_form_scheme_is_case_insensitive(probe):
    # RFC 3986 §3.1: the scheme is case-insensitive; the parser accepts "HTTP://", so the URL
    # must be cooked from it as from "http://".
    data, how = converse(probe.port,
                         b"GET HTTP://127.0.0.1/probe/hello?n=upper HTTP/1.1\r\n"
                         b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
    replies = parse_replies(data)
    assert replies and replies[0].status == 200, [(r.status, r.reason) for r in replies]
    assert api.parse_report(replies[0].body)["n"] == "upper"


@pytest.mark.parametrize("target", [b"http://a#@evil.example/probe/hello", b"/probe/hello#frag"],
                         ids=["absolute-authority", "origin-form"])
def test_fragment_in_target_is_rejected(probe, target):
    # RFC 9112 §3.2: a request-target has no fragment. In the absolute form it is also ambiguous:
    # RFC 3986 reads "http://a#@evil.example/probe/hello" as host "a", empty path and a fragment,
    # so a front end that checks the path sees "/" while a server taking the path after the
    # authority would serve "/probe/hello".
    assert_rejected_alone(probe.port, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")


def test_absolute_form_with_userinfo_is_rejected(probe):
    assert_rejected_alone(probe.port, b"GET http://user@127.0.0.1/probe/hello HTTP/1.1\r\n"
                                      b"Host: 127.0.0.1\r\n\r\n")


# --------------------------------------------------------------------------------------------------
# Pipelining and connection handling
# --------------------------------------------------------------------------------------------------

def test_pipelined_requests_with_bodies(probe):
    bodies = [b"first body", b"", b"x" * 70000, b"chunked body bytes", b"last"]
    wire = bytearray()
    wire += harness.raw_request("POST", "/probe/read?n=0", body=bodies[0])
    wire += harness.raw_request("GET", "/probe/hello?n=1")
    wire += harness.raw_request("POST", "/probe/read?n=2", body=bodies[2])
    wire += (b"POST /probe/read?n=3 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
             b"Transfer-Encoding: chunked\r\n\r\n"
             b"7\r\nchunked\r\n1;ext=1\r\n \r\nA\r\nbody bytes\r\n0\r\nX-Trailer: t\r\n\r\n")
    wire += harness.raw_request("PUT", "/probe/read?n=4", body=bodies[4])
    with api.Wire(probe.port) as raw:
        raw.send(bytes(wire))
        replies = [raw.read_reply("POST") for _ in range(5)]
        for index, reply in enumerate(replies):
            assert reply.status == 200, f"response {index}: {reply.status} {reply.body[:200]!r}"
        for index in (0, 2, 3, 4):
            report = api.parse_report(replies[index].body)
            assert report["length"] == str(len(bodies[index])), (index, report)
            assert report["fnv"] == api.fnv1a64(bodies[index]), (index, report)
        assert api.parse_report(replies[1].body)["n"] == "1"
        assert raw.ending(timeout=0.5) == "open", "the connection stays open after the pipeline"


def test_pipelined_requests_sent_a_byte_at_a_time(probe):
    wire = (harness.raw_request("POST", "/probe/read", body=b"abc")
            + b"POST /probe/read HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
              b"2\r\nde\r\n0\r\n\r\n"
            + harness.raw_request("GET", "/probe/hello?n=end"))
    with api.Wire(probe.port) as raw:
        raw.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for byte in wire:
            raw.send(bytes([byte]))
        first, second, third = (raw.read_reply("POST") for _ in range(3))
    assert api.parse_report(first.body)["fnv"] == api.fnv1a64(b"abc")
    assert api.parse_report(second.body)["fnv"] == api.fnv1a64(b"de")
    assert api.parse_report(third.body)["n"] == "end"


def test_pipeline_after_a_rejected_request_is_not_answered(probe):
    wire = (harness.raw_request("GET", "/probe/hello?n=ok")
            + b"GET /probe/hello HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              b"Content-Length: 1\r\nContent-Length: 2\r\n\r\n"
            + SMUGGLED)
    data, how = converse(probe.port, wire)
    replies = parse_replies(data)
    assert [r.status for r in replies] == [200, 400], [r.status for r in replies]
    assert b"smuggled" not in data
    assert how in ("eof", "reset")


@pytest.mark.parametrize("size", [100, 4 * 1024 * 1024], ids=["small", "4MiB"])
def test_half_closed_client_still_gets_its_response(probe, size):
    # shutdown(SHUT_WR) after a complete request: the FIN is the end of the client's requests,
    # not of the connection; the response is still sent in full, then the server closes.
    path = probe.workdir / f"half-close-{size}.bin"
    request = harness.raw_request("GET", f"/probe/file?path={path}&size={size}")
    data, how = converse(probe.port, request, half_close=True, timeout=10.0)
    replies = parse_replies(data)
    assert len(replies) == 1, f"got {len(data)} bytes, connection {how}: {data[:300]!r}"
    assert replies[0].status == 200
    assert len(replies[0].body) == size + 2, f"body cut short: {len(replies[0].body)} of {size + 2}"
    assert how == "eof", f"after the response the server closes gracefully, got {how}"


def test_half_closed_client_with_pipelined_requests(probe):
    wire = b"".join(harness.raw_request("GET", f"/probe/hello?n={index}") for index in range(5))
    data, how = converse(probe.port, wire, half_close=True)
    replies = parse_replies(data)
    assert [api.parse_report(r.body)["n"] for r in replies] == [str(i) for i in range(5)]
    assert how == "eof"


def test_client_vanishing_mid_response_does_not_hurt_the_next(probe):
    size = 16 * 1024 * 1024
    path = probe.workdir / "vanish.bin"
    for attempt in range(5):
        sock = socket.create_connection(("127.0.0.1", probe.port), timeout=5)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.sendall(harness.raw_request("GET", f"/probe/file?path={path}&size={size}"))
        first = sock.recv(1024)
        assert first.startswith(b"HTTP/1.1 200"), first[:100]
        # RST instead of FIN: the server's next write fails with ECONNRESET / EPIPE.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    # The stream variant: the client leaves while a flushed, chunked response is in progress.
    for attempt in range(5):
        sock = socket.create_connection(("127.0.0.1", probe.port), timeout=5)
        sock.sendall(harness.raw_request("GET", "/probe/stream"))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    assert probe.server.is_running()
    reply = probe.request("GET", "/probe/hello?n=next")
    assert reply.status == 200 and api.parse_report(reply.body)["n"] == "next"


def test_many_idle_keep_alive_connections(lintel, lintel_env):
    count = 2000
    limit = raise_nofile(count + 512)
    if limit < count + 256:
        pytest.skip(f"descriptor limit {limit} too low for {count} connections")
    server = api.start_probe(lintel, lintel_env)
    wires: list[api.Wire] = []
    try:
        for index in range(count):
            wires.append(api.Wire(server.port))
        # One request on each: every connection is then an idle keep-alive connection.
        request = harness.raw_request("GET", "/probe/hello?n=idle")
        for wire in wires:
            wire.send(request)
        for index, wire in enumerate(wires):
            reply = wire.read_reply("GET")
            assert reply.status == 200, f"connection {index}: {reply.status}"
        # A new client is served while all of them sit idle...
        reply = server.request("GET", "/probe/hello?n=fresh")
        assert reply.status == 200 and api.parse_report(reply.body)["n"] == "fresh"
        # ...and every idle connection still works.
        for index, wire in enumerate(wires):
            wire.send(harness.raw_request("GET", f"/probe/hello?n=again{index}"))
        for index, wire in enumerate(wires):
            reply = wire.read_reply("GET")
            assert reply.status == 200, f"idle connection {index}: {reply.status}"
            assert api.parse_report(reply.body)["n"] == f"again{index}"
    finally:
        for wire in wires:
            wire.close()


def test_slow_head_is_assembled(probe):
    # A head that arrives in many small pieces with pauses is one request, not several.
    with api.Wire(probe.port) as raw:
        pieces = (b"GET /probe/hel", b"lo?n=slow HTTP/1.1\r", b"\nHost: 127.0.0.1\r\n", b"\r\n")
        for piece in pieces:
            raw.send(piece)
            time.sleep(0.05)
        reply = raw.read_reply("GET")
    assert reply.status == 200 and api.parse_report(reply.body)["n"] == "slow"


# --------------------------------------------------------------------------------------------------
# OPTIONS, TRACE and CONNECT as IIS answers them
# --------------------------------------------------------------------------------------------------

@pytest.fixture
def hello_get_only(lintel, lintel_env):
    """hello.so mapped for GET, HEAD and POST only: nothing in the configuration claims OPTIONS,
    TRACE or CONNECT, as in a default IIS site."""
    image = lintel_env.example_module("hello")
    config, port = lintel.config(global_modules=[("Hello", image)],
                                 handlers=[harness.Handler("HelloHandler", "Hello",
                                                           verb="GET,HEAD,POST")])
    lintel.start(config, port)
    return port


def allow_methods(reply: harness.Reply, name: str) -> list[str]:
    value = api.joined_header(reply, name) or ""
    return [token.strip().upper() for token in value.split(",") if token.strip()]


@pytest.mark.xfail(strict=True, reason="OPTIONSVerbHandler is the ProtocolSupportModule of issue "
                   "'Built-in modules, part 1'")
@pytest.mark.parametrize("target", ["*", "/", "/some/page"])
def test_options_is_answered_like_iis(hello_get_only, target):
    with api.Wire(hello_get_only) as raw:
        raw.send(f"OPTIONS {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
                 + harness.raw_request("GET", "/after"))
        reply = raw.read_reply("OPTIONS")
        after = raw.read_reply("GET")
    assert reply.status == 200, f"OPTIONS {target}: {reply.status} {reply.reason}"
    allow = allow_methods(reply, "Allow")
    assert {"OPTIONS", "GET", "HEAD", "POST"} <= set(allow), f"Allow: {allow}"
    assert allow_methods(reply, "Public"), f"IIS also sends Public: {reply.headers}"
    assert reply.body == b"" and reply.header("Content-Length") == "0"
    assert after.status == 200, "the connection goes on after OPTIONS"


@pytest.mark.xfail(strict=True, reason="TRACEVerbHandler is the ProtocolSupportModule of issue "
                   "'Built-in modules, part 1'")
def test_trace_is_not_implemented_by_default(hello_get_only):
    request = (b"TRACE /page HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: secret=1\r\n"
               b"Authorization: Basic c2VjcmV0\r\n\r\n")
    data, how = converse(hello_get_only, request + harness.raw_request("GET", "/after"))
    replies = parse_replies(data)
    assert replies, f"no response (connection {how})"
    assert replies[0].status == 501, f"IIS answers TRACE with 501: {replies[0].status}"
    assert b"secret" not in data and b"c2VjcmV0" not in data, "TRACE must not echo the request"


def test_connect_is_refused_without_a_module_for_it(hello_get_only):
    authority = f"127.0.0.1:{hello_get_only}"
    tunnel_bytes = b"GET /inside-the-tunnel HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    request = f"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n".encode() + tunnel_bytes
    data, how = converse(hello_get_only, request)
    replies = parse_replies(data)
    assert replies, f"no response (connection {how})"
    assert replies[0].status in (400, 405), f"CONNECT: {replies[0].status} {replies[0].reason}"
    # No tunnel: what follows is either refused with the connection or an ordinary request.
    for reply in replies[1:]:
        assert reply.status == 200 and reply.body.startswith(b"Hello"), reply
