"""IHttpContext as a module uses it: server variables, request memory, the module context
container, site and application, paths, notification control, the user, custom notifications,
asynchronous completion and HttpGetExtendedInterface.

The module is tests/modules/api_probe.cpp (loaded twice, as "Probe" and "Peer", where a second
module is needed); the contract is the IIS reference (ihttpcontext-*.md) and semantics.md §6, §10
and §11.
"""

from __future__ import annotations

import os

import pytest

import api_helpers as api
import lintel_harness as harness

USER_AGENT = "probe-agent/2.0"


@pytest.fixture
def probe(lintel, lintel_env) -> api.ProbeServer:
    return api.start_probe(lintel, lintel_env)


@pytest.fixture
def probe_and_peer(lintel, lintel_env) -> api.ProbeServer:
    """Probe and Peer loaded; the handler runs Probe, then Peer."""
    return api.start_probe(lintel, lintel_env, peer=True,
                           handlers=[harness.Handler("ProbeHandler",
                                                     f"{api.PROBE_NAME},{api.PEER_NAME}")])


def same_path(a: str, b: str) -> bool:
    return os.path.normpath(a) == os.path.normpath(b)


# --------------------------------------------------------------------------------------------------
# Server variables
# --------------------------------------------------------------------------------------------------

VARIABLES = ["REQUEST_METHOD", "URL", "QUERY_STRING", "REMOTE_ADDR", "REMOTE_PORT", "LOCAL_ADDR",
             "SERVER_PORT", "SERVER_NAME", "SERVER_PROTOCOL", "HTTP_USER_AGENT",
             "HTTP_X_CUSTOM_HEADER", "HEADER_X-Custom-Header", "ALL_RAW", "INSTANCE_ID",
             "APPL_PHYSICAL_PATH"]


def test_server_variables(probe):
    query_string = "&".join(f"name={name}" for name in VARIABLES)
    conn = harness.connection(probe.port)
    try:
        conn.request("GET", f"/probe/servervar?{query_string}",
                     headers={"User-Agent": USER_AGENT, "X-Custom-Header": "custom-value"})
        response = conn.getresponse()
        body = response.read()
        assert response.status == 200, body
        client_ip, client_port = conn.sock.getsockname()
    finally:
        conn.close()
    report = api.parse_report(body)

    expected = {
        "REQUEST_METHOD": "GET",
        "URL": "/probe/servervar",
        "QUERY_STRING": query_string,
        "REMOTE_ADDR": client_ip,
        "REMOTE_PORT": str(client_port),
        "LOCAL_ADDR": "127.0.0.1",
        "SERVER_PORT": str(probe.port),
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_USER_AGENT": USER_AGENT,
        "HTTP_X_CUSTOM_HEADER": "custom-value",   # dashes become underscores
        "HEADER_X-Custom-Header": "custom-value",  # the header's own name
        "INSTANCE_ID": "1",                        # the site id
    }
    problems = []
    for name in VARIABLES:
        key = f"v.{name}"
        if api.hr(report, f"{key}.hr") != api.S_OK:
            problems.append(f"{name}: GetServerVariable failed with {report[key + '.hr']}")
            continue
        value = report.get(key)
        if name in expected and value != expected[name]:
            problems.append(f"{name}: expected {expected[name]!r}, got {value!r}")
        if report.get(f"{key}.len") != str(len(value or "")):
            problems.append(f"{name}: length {report.get(key + '.len')} for {value!r}")
        if report.get(f"{key}.wlen") != str(len(value or "")):
            problems.append(f"{name}: wide length {report.get(key + '.wlen')} for {value!r}")
        # The wide overload returns the same text.
        if api.hr(report, f"{key}.whr") != api.S_OK or report.get(f"{key}.wide") != value:
            problems.append(f"{name}: wide overload gave {report.get(key + '.whr')} "
                            f"{report.get(key + '.wide')!r}, narrow {value!r}")
    all_raw = report.get("v.ALL_RAW") or ""
    for line in (f"User-Agent: {USER_AGENT}", "X-Custom-Header: custom-value",
                 f"Host: {probe.host()}"):
        if line not in all_raw.split("\r\n"):
            problems.append(f"ALL_RAW lacks the line {line!r}: {all_raw!r}")
    if not same_path(report.get("v.APPL_PHYSICAL_PATH") or "", str(probe.site_dir)):
        problems.append(f"APPL_PHYSICAL_PATH {report.get('v.APPL_PHYSICAL_PATH')!r} "
                        f"is not {probe.site_dir}")
    assert not problems, "\n".join(problems)


def test_unknown_server_variable_fails_with_invalid_index(probe):
    report = probe.report("/probe/servervar?name=NO_SUCH_VARIABLE_XYZ")
    assert api.hr(report, "v.NO_SUCH_VARIABLE_XYZ.hr") == api.HR_INVALID_INDEX
    assert api.hr(report, "v.NO_SUCH_VARIABLE_XYZ.whr") == api.HR_INVALID_INDEX


def test_set_server_variable_then_get(probe):
    report = probe.report("/probe/setvar?name=PROBE_CUSTOM_VAR&value=set-by-module")
    assert api.hr(report, "set_hr") == api.S_OK
    assert api.hr(report, "get_hr") == api.S_OK
    assert report["get"] == "set-by-module"
    assert report["wget"] == "set-by-module"


def test_set_server_variable_overrides_a_computed_one(probe):
    report = probe.report("/probe/setvar?name=HTTP_X_OVERRIDE&value=from-module",
                          {"X-Override": "from-client"})
    assert api.hr(report, "set_hr") == api.S_OK
    assert report["get"] == "from-module"


# --------------------------------------------------------------------------------------------------
# Request memory and module contexts
# --------------------------------------------------------------------------------------------------

def test_allocate_request_memory(probe):
    report = probe.report("/probe/alloc")
    assert report["non_null"] == "1"
    assert report["distinct"] == "1"
    assert report["intact"] == "1", "blocks overlap or are not writable"
    assert report["aligned"] == "1", \
        "every block must be 16-byte aligned (MEMORY_ALLOCATION_ALIGNMENT)"


def test_module_context_container(probe):
    first_id = api.new_probe_id()
    report = probe.report("/probe/context", {"X-Probe-Context": "1", "X-Probe-Id": first_id})
    assert report["tried"] == "1"
    assert api.hr(report, "set_hr") == api.S_OK
    assert api.hr(report, "second_hr") & 0x80000000, \
        "a second SetModuleContext for the same module must fail"
    assert report["found"] == "1" and report["same"] == "1", \
        "GetModuleContext in a later notification must return the stored context"

    assert probe.log.wait_for_words(first_id, ["cleanup", "first"]), \
        f"CleanupStoredContext was not called: {probe.log.events(first_id)}"
    # A later request that completes its own cleanup bounds the wait for a duplicate call on the
    # first one.
    second_id = api.new_probe_id()
    probe.report("/probe/context", {"X-Probe-Context": "1", "X-Probe-Id": second_id})
    assert probe.log.wait_for_words(second_id, ["cleanup", "first"])
    events = probe.log.events(first_id)
    assert events.count(["cleanup", "first"]) == 1, \
        f"CleanupStoredContext must run exactly once: {events}"
    assert ["cleanup", "second"] not in events, \
        "the rejected context must not be cleaned up by the server"


# --------------------------------------------------------------------------------------------------
# Site, application and paths
# --------------------------------------------------------------------------------------------------

def test_site_application_and_physical_path(probe):
    report = probe.report("/probe/site")
    assert report["site_id"] == "1"
    assert report["site_name"] == "Test"
    assert same_path(report["app_physical_path"], str(probe.site_dir))
    assert report["app_config_path"] == "MACHINE/WEBROOT/APPHOST/Test"
    assert same_path(report["physical_path"], str(probe.site_dir / "probe" / "site")), \
        f"GetPhysicalPath must map the URL under the physicalPath: {report['physical_path']!r}"
    assert report["physical_path_len"] == str(len(report["physical_path"]))
    assert report["script_name"] == "/probe/site"


def test_map_path_into_a_too_small_buffer(probe):
    report = probe.report("/probe/mappath?url=/deep/file.txt")
    assert api.hr(report, "small_hr") == api.HR_INSUFFICIENT_BUFFER
    assert api.hr(report, "hr") == api.S_OK
    path = report["path"]
    assert same_path(path, str(probe.site_dir / "deep" / "file.txt"))
    # The size is in bytes and counts the terminating NUL (WCHAR is 4 bytes, decision 13).
    assert report["needed"] == str((len(path) + 1) * 4)
    assert report["size_after"] == report["needed"]


# --------------------------------------------------------------------------------------------------
# Notification control
# --------------------------------------------------------------------------------------------------

def test_handler_modules_all_run_by_default(probe_and_peer):
    reply = probe_and_peer.request("GET", "/probe/handled")
    assert reply.status == 200
    assert reply.body.startswith(b"probe-ran;peer-ran;"), reply.body


def test_set_request_handled_stops_later_handler_modules(probe_and_peer):
    reply = probe_and_peer.request("GET", "/probe/handled?set=1")
    assert reply.status == 200
    assert reply.body == b"probe-ran;", \
        f"SetRequestHandled must keep Peer's handler from running: {reply.body!r}"


def test_get_is_last_notification(probe_and_peer):
    reply = probe_and_peer.request("GET", "/probe/islast")
    assert reply.status == 200
    report_text, _, peer_text = reply.body.partition(b"peer-ran;")
    report = api.parse_report(report_text)
    # Probe is subscribed to the post-event, LOG_REQUEST and END_REQUEST: more is pending either
    # way.
    assert report["probe_islast_continue"] == "0"
    assert report["probe_islast_finish"] == "0", \
        "LOG/END still run after FINISH_REQUEST (decision 1)"
    # Peer is subscribed to nothing after EXECUTE_REQUEST_HANDLER.
    assert peer_text == b"peer-islast=1;", reply.body


def test_disable_notifications_post_event(probe):
    control_id, disabled_id = api.new_probe_id(), api.new_probe_id()
    probe.report("/probe/disable?which=none", {"X-Probe-Id": control_id})
    probe.report("/probe/disable?which=post", {"X-Probe-Id": disabled_id})
    assert probe.log.wait_for(control_id, "end") and probe.log.wait_for(disabled_id, "end")
    assert "post_execute" in probe.log.names(control_id), "control: the post-event runs"
    assert "post_execute" not in probe.log.names(disabled_id), \
        f"DisableNotifications(0, RQ_EXECUTE_REQUEST_HANDLER) must skip the post-event: " \
        f"{probe.log.names(disabled_id)}"


def test_disable_notifications_event(probe):
    probe_id = api.new_probe_id()
    probe.report("/probe/disable?which=log", {"X-Probe-Id": probe_id})
    assert probe.log.wait_for(probe_id, "end")
    names = probe.log.names(probe_id)
    assert "log" not in names, \
        f"DisableNotifications(RQ_LOG_REQUEST, 0) must skip OnLogRequest: {names}"
    assert "post_execute" in names


def test_get_user_is_anonymous(probe):
    report = probe.report("/probe/user")
    assert report["user_null"] == "0"
    assert report["user_name"] == ""


def test_custom_notification_reaches_the_subscribed_module(lintel, lintel_env):
    server = api.start_probe(lintel, lintel_env, peer=True)
    probe_id = api.new_probe_id()
    reply = server.request("GET", "/probe/custom", {"X-Probe-Id": probe_id})
    assert reply.status == 200
    report = api.parse_report(reply.body)
    assert api.hr(report, "hr") == api.S_OK
    assert report["peer_header"] == "probe-custom", "Peer's OnCustomRequestNotification did not run"
    assert report["completion_expected"] == "0"
    assert reply.header("X-Peer-Custom") == "probe-custom"
    assert server.log.wait_for_words(probe_id, ["custom", "type=probe-custom"])


# --------------------------------------------------------------------------------------------------
# Asynchronous completion
# --------------------------------------------------------------------------------------------------

def test_post_completion_resumes_through_on_async_completion(probe):
    reply = probe.request("GET", "/probe/postcompletion?bytes=4242")
    assert reply.status == 200
    before, _, after = reply.body.partition(b"phase=completion\n")
    assert api.parse_report(before) == {"phase": "before"}, reply.body
    report = api.parse_report(after)
    assert report.get("completion_bytes") == "4242", \
        f"GetCompletionBytes must be PostCompletion's cbBytes: {reply.body!r}"
    assert api.hr(report, "completion_status") == api.S_OK
    assert int(report["completion_notification"], 16) == api.RQ_EXECUTE_REQUEST_HANDLER
    assert report["completion_post"] == "0"


def test_async_read_entity_body(probe):
    body = bytes((i * 13 + 1) & 0xFF for i in range(3000))
    reply = probe.request("POST", "/probe/asyncread?buf=65536", body=body)
    assert reply.status == 200, reply.body
    report = api.parse_report(reply.body.replace(b"phase=completion\n", b""))
    assert api.hr(report, "read_hr") == api.S_OK
    assert report["remaining_before"] == str(len(body))
    if report["pending"] == "1":
        assert report.get("path") == "async", \
            f"PENDING but OnAsyncCompletion never ran: {reply.body!r}"
        assert int(report["completion_notification"], 16) == api.RQ_EXECUTE_REQUEST_HANDLER
        assert api.hr(report, "completion_status") == api.S_OK
    assert report["completion_bytes"] == str(len(body))
    assert report["fnv"] == api.fnv1a64(body)
    assert report["remaining_after"] == "0"


# --------------------------------------------------------------------------------------------------
# HttpGetExtendedInterface
# --------------------------------------------------------------------------------------------------

def test_http_get_extended_interface_context3(probe):
    report = probe.report("/probe/extended")
    assert api.hr(report, "hr") == api.S_OK
    assert report["non_null"] == "1"
    assert report["same_request"] == "1" and report["same_response"] == "1"
    assert report["original_user_non_null"] == "1"
    assert api.hr(report, "request2_hr") == api.S_OK and report["request2_non_null"] == "1"


# --------------------------------------------------------------------------------------------------
# Connection-level module context (IHttpConnection::GetModuleContextContainer)

def test_connection_context_lives_as_long_as_the_connection(probe):
    import http.client

    probe_id = api.new_probe_id()
    headers = {"X-Probe-Id": probe_id}
    connection = http.client.HTTPConnection("127.0.0.1", probe.port, timeout=5)
    counts = []
    for _ in range(3):
        connection.request("GET", "/probe/connctx", headers=headers)
        response = connection.getresponse()
        report = api.parse_report(response.read())
        assert response.status == 200
        assert report["container"] == "1" and report["memory"] == "1"
        counts.append(report["requests"])
    assert counts == ["1", "2", "3"], "one stored context must serve every request of the connection"
    assert not probe.log.wait_for_words(probe_id, ["conn-cleanup", "3"], timeout=0.2), \
        "the connection context must not be cleaned up while the connection is open"
    connection.close()
    assert probe.log.wait_for_words(probe_id, ["conn-cleanup", "3"]), \
        f"CleanupStoredContext was not called when the connection ended: {probe.log.events(probe_id)}"
    events = probe.log.events(probe_id)
    assert events.index(["conn-disconnect", "3"]) < events.index(["conn-cleanup", "3"]), \
        f"NotifyDisconnect must come before CleanupStoredContext: {events}"

    # A new connection starts with a fresh context.
    other_id = api.new_probe_id()
    report = probe.report("/probe/connctx", {"X-Probe-Id": other_id})
    assert report["requests"] == "1"
    assert probe.log.events(probe_id).count(["conn-cleanup", "3"]) == 1


# --------------------------------------------------------------------------------------------------
# The event log API reaches the server log

def test_report_event_is_written_to_the_server_log(probe):
    since = probe.server.stderr_size()
    report = probe.report("/probe/eventlog")
    assert report["registered"] == "1" and report["reported"] == "1" and report["deregistered"] == "1"
    line = probe.server.wait_for_stderr_line(lambda text: "probe-event-text" in text, since=since)
    assert line is not None, f"ReportEvent did not reach the server log:\n{probe.server.stderr()}"
    assert "ProbeEventSource" in line, "the line must name the event source"
    assert " warning " in line, "EVENTLOG_WARNING_TYPE must be logged as a warning"
    assert "second-string" in line and "4242" in line


# --------------------------------------------------------------------------------------------------
# Contracts found by the compatibility review

def test_contracts_of_headers_interfaces_and_chunks(probe):
    wire = api.Wire(probe.port)
    wire.send(b"GET /probe/contracts HTTP/1.1\r\nHost: x\r\nX-Dup: one\r\nX-Dup: two\r\n"
              b"Cookie: a=1\r\nCookie: b=2\r\n\r\n")
    reply = wire.read_reply("GET")
    wire.close()
    assert reply.status == 200, reply
    report = api.parse_report(reply.body)
    assert report["dup"] == "one, two", "repeated request headers reach modules joined, as http.sys does"
    assert report["dup_pointer_stable"] == "1", "GetHeader's pointer must survive other header changes"
    assert report["cookie"] == "a=1; b=2", "repeated Cookie headers join with '; '"
    assert api.hr(report, "ext3_hr") == api.S_OK
    assert api.hr(report, "ext4_from3_hr") == api.S_OK, "IHttpContext3 -> IHttpContext4 must work"
    assert report["start_time_on_tick_clock"] == "1", "GetRequestStartTime uses GetTickCount64's clock"
    assert report["required_access"] == "3", "requireAccess Script is 3 in IIS's schema"
    assert report["bad_chunk_failed"] == "1"
    assert b"should-not-appear" not in reply.body, "a failed WriteEntityChunks must add nothing"
    cookies = [value for name, value in reply.headers if name.lower() == "set-cookie"]
    assert cookies == ["a=1", "b=2"], f"Set-Cookie values must be separate lines: {reply.headers}"
    assert any(name.lower() == "server" for name, _ in reply.headers), "ClearHeaders keeps Server"
