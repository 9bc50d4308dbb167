"""Connection control from a module: IHttpContext::CancelIo, IHttpResponse::SetNeedDisconnect,
IHttpResponse::ResetConnection and HTTP_SEND_RESPONSE_FLAG_DISCONNECT set in OnSendResponse.

The contract is semantics.md §5 and decisions 5-7 of §11: CancelIo with nothing pending is S_OK
and changes nothing; SetNeedDisconnect answers with "Connection: close" and closes gracefully after
the body; ResetConnection aborts the TCP connection at once (RST); the DISCONNECT flag does what
SetNeedDisconnect does, for that send.
"""

from __future__ import annotations

import socket

import pytest

import api_helpers as api
import lintel_harness as harness


@pytest.fixture
def probe(lintel, lintel_env) -> api.ProbeServer:
    return api.start_probe(lintel, lintel_env)


def connection_tokens(reply: harness.Reply) -> list[str]:
    value = api.joined_header(reply, "Connection") or ""
    return [token.strip().lower() for token in value.split(",") if token.strip()]


def test_cancel_io_with_nothing_pending(probe):
    with api.Wire(probe.port) as raw:
        raw.send(harness.raw_request("GET", "/probe/cancelio"))
        reply = raw.read_reply("GET")
        assert reply.status == 200
        assert api.hr(api.parse_report(reply.body), "hr") == api.S_OK
        assert "close" not in connection_tokens(reply), "nothing was cancelled: keep-alive stays"
        # The connection is still usable.
        raw.send(harness.raw_request("GET", "/probe/hello?n=2"))
        again = raw.read_reply("GET")
        assert again.status == 200 and api.parse_report(again.body)["n"] == "2"


def test_set_need_disconnect_closes_after_the_response(probe):
    with api.Wire(probe.port) as raw:
        raw.send(harness.raw_request("GET", "/probe/disconnect", [("Connection", "keep-alive")]))
        reply = raw.read_reply("GET")
        assert reply.status == 200
        assert reply.body == b"bye", "the whole body arrives before the close"
        assert "close" in connection_tokens(reply), \
            f"SetNeedDisconnect: Connection: close expected, got {reply.headers}"
        ending = raw.ending()
        assert ending == "eof", f"decision 7: graceful close after the response, got {ending}"


def test_reset_connection_aborts_and_the_next_connection_works(probe):
    sock = socket.create_connection(("127.0.0.1", probe.port), timeout=harness.IO_TIMEOUT_SECONDS)
    try:
        sock.sendall(harness.raw_request("GET", "/probe/reset"))
        data, how = api.read_until_close(sock)
    finally:
        sock.close()
    assert how in ("reset", "eof"), f"the connection was not closed ({how})"
    assert not data.startswith(b"HTTP/"), \
        f"a reset connection must not deliver a response: {data[:200]!r}"
    assert b"must-not-arrive" not in data
    # The server carries on: a new connection is served normally.
    reply = probe.request("GET", "/probe/hello?n=after-reset")
    assert reply.status == 200 and api.parse_report(reply.body)["n"] == "after-reset"


def test_reset_connection_is_a_tcp_reset(probe):
    sock = socket.create_connection(("127.0.0.1", probe.port), timeout=harness.IO_TIMEOUT_SECONDS)
    try:
        sock.sendall(harness.raw_request("GET", "/probe/reset"))
        data, how = api.read_until_close(sock)
    finally:
        sock.close()
    # Decision 6: aborted at once with RST (linger 0), not a graceful FIN.
    assert how == "reset", f"expected ConnectionResetError, got {how} after {data[:100]!r}"


def test_pipeline_keeps_running_after_reset_connection(probe):
    # Decision 6: without FINISH_REQUEST the pipeline carries on; later writes and flushes are
    # discarded, the connection reports itself gone, and the server stays healthy.
    probe_id = api.new_probe_id()
    sock = socket.create_connection(("127.0.0.1", probe.port), timeout=harness.IO_TIMEOUT_SECONDS)
    try:
        sock.sendall(harness.raw_request("GET", "/probe/reset?continue=1",
                                         [("X-Probe-Id", probe_id)]))
        data, how = api.read_until_close(sock)
    finally:
        sock.close()
    assert how in ("reset", "eof"), f"the connection was not closed ({how})"
    assert b"written-after-reset" not in data and not data.startswith(b"HTTP/"), data[:200]
    assert probe.log.wait_for(probe_id, "end"), probe.log.events(probe_id)
    names = probe.log.names(probe_id)
    assert "post_execute" in names and "log" in names, \
        f"the pipeline must keep running after ResetConnection: {names}"
    after = next(words for words in probe.log.events(probe_id) if words[0] == "after_reset")
    assert "connected=0" in after, f"IHttpConnection::IsConnected after ResetConnection: {after}"
    reply = probe.request("GET", "/probe/hello?n=still-serving")
    assert reply.status == 200 and api.parse_report(reply.body)["n"] == "still-serving"


def test_send_response_disconnect_flag_closes_after_the_response(probe):
    probe_id = api.new_probe_id()
    with api.Wire(probe.port) as raw:
        raw.send(harness.raw_request("GET", "/probe/hello?n=flag",
                                     [("X-Probe-Send-Disconnect", "1"), ("X-Probe-Id", probe_id),
                                      ("Connection", "keep-alive")]))
        reply = raw.read_reply("GET")
        assert reply.status == 200
        assert api.parse_report(reply.body)["n"] == "flag"
        assert "close" in connection_tokens(reply), \
            f"decision 7: the DISCONNECT flag behaves like SetNeedDisconnect: {reply.headers}"
        ending = raw.ending()
        assert ending == "eof", \
            f"HTTP_SEND_RESPONSE_FLAG_DISCONNECT: graceful close after the send, got {ending}"
    assert probe.log.wait_for(probe_id, "send")
    flags = int(api.send_events(probe.log, probe_id)[0]["flags"], 16)
    assert flags & api.HTTP_SEND_RESPONSE_FLAG_DISCONNECT, \
        "GetFlags must show the flag the module set"


# --------------------------------------------------------------------------------------------------
# Graceful stop: SIGTERM closes the listeners, lets the request in flight finish, then exits cleanly.

def test_sigterm_drains_the_request_in_flight(lintel, lintel_env, tmp_path):
    import signal
    import socket as socket_module

    probe = api.start_probe(lintel, lintel_env)
    release = tmp_path / "release"
    probe_id = api.new_probe_id()
    wire = api.Wire(probe.port)
    wire.send(f"GET /probe/hold HTTP/1.1\r\nHost: x\r\nX-Probe-Id: {probe_id}\r\n"
              f"X-Release-File: {release}\r\n\r\n".encode())
    assert probe.log.wait_for_words(probe_id, ["held"]), "the request never reached the module"
    probe.server.process_.send_signal(signal.SIGTERM)

    def refused() -> bool:
        try:
            socket_module.create_connection(("127.0.0.1", probe.port), timeout=0.5).close()
            return False
        except OSError:
            return True

    assert harness.wait_until(refused), "the listener must close when the stop begins"
    assert probe.server.is_running(), "the server must wait for the request in flight"
    release.write_text("go")
    reply = wire.read_reply("GET")
    assert reply.status == 200 and b"held=1" in reply.body
    assert harness.wait_until(lambda: not probe.server.is_running()), "the server must exit once drained"
    assert probe.server.process_.returncode == 0
    assert probe.log.wait_for_words(probe_id, ["end"]), "LOG/END must run for the drained request"


# --------------------------------------------------------------------------------------------------
# webLimits connectionTimeout closes idle keep-alive connections

def test_web_limits_connection_timeout_closes_idle_connections(lintel, lintel_env):
    image = lintel_env.test_module(api.PROBE_MODULE)
    config, port = lintel.config(global_modules=[(api.PROBE_NAME, image)],
                                 handlers=[harness.Handler("ProbeHandler", api.PROBE_NAME)])
    text = config.path.read_text()
    text = text.replace("<system.applicationHost>",
                        '<system.applicationHost><webLimits connectionTimeout="00:00:01" />', 1)
    config.path.write_text(text)
    lintel.start(config, port)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(harness.raw_request("GET", "/probe/hello?n=1"))
        data, how = api.read_until_close(sock, timeout=8.0)
    assert data.startswith(b"HTTP/1.1 200"), data[:100]
    assert how == "eof", f"the idle keep-alive connection must be closed by the server, got {how}"
