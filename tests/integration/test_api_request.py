"""IHttpRequest as a module sees it: headers, method, URL, the raw HTTP_REQUEST, addresses, version
and the request body (sync reads, chunked bodies, InsertEntityBody).

The module is tests/modules/api_probe.cpp; the contract is the IIS reference (ihttprequest-*.md)
and semantics.md §7 and §11 (decisions 9 and 13).
"""

from __future__ import annotations

import socket

import pytest

import api_helpers as api
import lintel_harness as harness

USER_AGENT = "probe-agent/1.0"


@pytest.fixture
def probe(lintel, lintel_env) -> api.ProbeServer:
    return api.start_probe(lintel, lintel_env)


# --------------------------------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------------------------------

def test_get_header_by_name_is_case_insensitive_and_by_id(probe):
    report = probe.report("/probe/reqheader?name=uSeR-aGeNt&id=40", {"User-Agent": USER_AGENT})
    assert report["byname"] == USER_AGENT
    assert report["byname_len"] == str(len(USER_AGENT))
    assert report["byid"] == USER_AGENT, "GetHeader(HttpHeaderUserAgent=40)"
    assert report["byid_len"] == str(len(USER_AGENT))


def test_get_header_host_by_id(probe):
    report = probe.report("/probe/reqheader?id=28")
    assert report["byid"] == probe.host(), "GetHeader(HttpHeaderHost=28)"


def test_get_header_of_absent_header_is_null(probe):
    report = probe.report("/probe/reqheader?name=X-Absent-Header&id=36")
    assert report["byname"] is None and report["byname_len"] == "0"
    assert report["byid"] is None and report["byid_len"] == "0", "Referer (36) was not sent"


@pytest.mark.parametrize("replace, sent, expected", [
    (1, "one", "two"),        # replace an existing header
    (0, "one", "one, two"),   # append: after the existing value, separated by ", "
    (0, None, "two"),         # append to a header that does not exist: just the value
])
def test_set_header_replace_or_append(probe, replace, sent, expected):
    headers = {"X-Thing": sent} if sent is not None else {}
    report = probe.report(f"/probe/setreqheader?name=X-Thing&value=two&replace={replace}"
                          f"&var=HTTP_X_THING", headers)
    assert api.hr(report, "hr") == api.S_OK
    assert report["after"] == expected
    assert report["var"] == expected, "HTTP_X_THING must see the modified header"


def test_set_header_by_id_replaces_user_agent(probe):
    report = probe.report("/probe/setreqheader?id=40&value=changed-agent&replace=1"
                          "&var=HTTP_USER_AGENT", {"User-Agent": USER_AGENT})
    assert api.hr(report, "hr") == api.S_OK
    assert report["after"] == "changed-agent"
    assert report["var"] == "changed-agent"


def test_delete_header_by_name(probe):
    report = probe.report("/probe/delreqheader?name=x-doomed", {"X-Doomed": "1", "X-Kept": "2"})
    assert api.hr(report, "hr") == api.S_OK
    assert report["after"] is None
    assert report["in_raw"] == "0", "the deleted header is still in GetRawHttpRequest()->Headers"


def test_delete_header_by_id(probe):
    report = probe.report("/probe/delreqheader?id=40", {"User-Agent": USER_AGENT})
    assert api.hr(report, "hr") == api.S_OK
    assert report["after"] is None
    assert report["in_raw"] == "0", "KnownHeaders[HttpHeaderUserAgent] still set after DeleteHeader"


# --------------------------------------------------------------------------------------------------
# Method and URL
# --------------------------------------------------------------------------------------------------

def test_get_http_method_reports_custom_verb(probe):
    report = probe.report("/probe/method", method="PROBE")
    assert report["before"] == "PROBE"


def test_set_http_method(probe):
    report = probe.report("/probe/method?set=PUT")
    assert report["before"] == "GET"
    assert api.hr(report, "hr") == api.S_OK
    assert report["after"] == "PUT"


def test_set_url_in_begin_request_remaps_the_handler(lintel, lintel_env):
    # Only *.probe is mapped: /orig.txt is a 404 unless OnBeginRequest moved the request to
    # /target.probe.
    handler = harness.Handler("ProbeHandler", api.PROBE_NAME, path="*.probe")
    server = api.start_probe(lintel, lintel_env, handlers=[handler])
    assert server.request("GET", "/orig.txt").status == 404, "control: /orig.txt must not be mapped"

    report = server.report("/orig.txt",
                           {"X-Probe-SetUrl": "/target.probe", "X-Probe-Action": "urlinfo"})
    assert api.hr(report, "seturl_hr") == api.S_OK
    assert report["url_changed"] == "1", "GetUrlChanged after SetUrl"
    # ihttprequest-getforwardedurl-method.md: SetUrl to a local URL -> GetForwardedUrl returns NULL.
    assert report["forwarded"] is None, \
        f"GetForwardedUrl must be NULL after SetUrl to a local URL, got {report['forwarded']!r}"
    assert report["script_name"] == "/target.probe"


def test_url_not_changed_without_set_url(probe):
    report = probe.report("/probe/urlinfo")
    assert report["url_changed"] == "0"
    assert report["forwarded"] is None


# --------------------------------------------------------------------------------------------------
# GetRawHttpRequest
# --------------------------------------------------------------------------------------------------

def test_raw_request_fields(probe):
    path, query_string = "/probe/raw", "a=1&b=two"
    report = probe.report(f"{path}?{query_string}", {"User-Agent": USER_AGENT, "X-Custom": "abc"})
    wchar = int(report["wchar_size"])
    assert wchar == 4, "decision 13: WCHAR is wchar_t, 4 bytes on Linux"
    assert report["verb"] == "4", "HttpVerbGET"
    assert report["raw_url"] == f"{path}?{query_string}"
    assert report["version"] == "1.1"

    # HTTP_COOKED_URL: lengths in bytes (characters * sizeof(WCHAR)), pQueryString starts at '?'.
    assert report["abs_path"] == path
    assert report["abs_path_bytes"] == str(len(path) * wchar)
    assert report["query"] == f"?{query_string}"
    assert report["query_bytes"] == str((len(query_string) + 1) * wchar)
    assert report["host"] == probe.host()
    assert report["host_bytes"] == str(len(probe.host()) * wchar)
    full_url = f"http://{probe.host()}{path}?{query_string}"
    assert report["full_url"] == full_url
    assert report["full_url_bytes"] == str(len(full_url) * wchar)

    # Known headers sit at their HTTP_HEADER_ID ordinal, the rest in pUnknownHeaders.
    assert report["known.40"] == USER_AGENT
    assert report["known.28"] == probe.host()
    assert report["unknown.X-Custom"] == "abc"
    assert "unknown.User-Agent" not in report and "unknown.Host" not in report
    assert report["raw_remote_ip"] == "127.0.0.1"


def test_raw_request_unknown_verb(probe):
    report = probe.report("/probe/raw", method="PROBE")
    assert report["verb"] == "1", "HttpVerbUnknown"
    assert report["unknown_verb"] == "PROBE"
    assert report["query"] is None and report["query_bytes"] == "0", "no query: pQueryString NULL"


# --------------------------------------------------------------------------------------------------
# Addresses and version
# --------------------------------------------------------------------------------------------------

def test_remote_and_local_address_match_the_sockets(probe):
    conn = harness.connection(probe.port)
    try:
        conn.request("GET", "/probe/addr")
        response = conn.getresponse()
        body = response.read()
        assert response.status == 200, body
        client_ip, client_port = conn.sock.getsockname()
    finally:
        conn.close()
    report = api.parse_report(body)
    assert report["remote_family"] == str(socket.AF_INET)
    assert report["remote_ip"] == client_ip
    assert report["remote_port"] == str(client_port)
    # sin_port is stored in network byte order; read as a host USHORT it is htons(port).
    assert report["remote_port_raw"] == str(socket.htons(client_port))
    assert report["local_family"] == str(socket.AF_INET)
    assert report["local_ip"] == "127.0.0.1"
    assert report["local_port"] == str(probe.port)
    assert report["local_port_raw"] == str(socket.htons(probe.port))


def test_http_version_1_1(probe):
    report = probe.report("/probe/version")
    assert (report["major"], report["minor"]) == ("1", "1")


def test_http_version_1_0(probe):
    with api.Wire(probe.port) as raw:
        raw.send(b"GET /probe/version HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        reply = raw.read_reply("GET")
    assert reply.status == 200
    report = api.parse_report(reply.body)
    assert (report["major"], report["minor"]) == ("1", "0")


# --------------------------------------------------------------------------------------------------
# Request body
# --------------------------------------------------------------------------------------------------

BODY_100K = bytes((i * 31 + 7) & 0xFF for i in range(100 * 1024))


def test_sync_read_entity_body_content_length(probe):
    report = probe.report("/probe/read?buf=4096", {"Content-Type": "application/octet-stream"},
                          method="POST", body=BODY_100K)
    assert report["remaining_before"] == str(len(BODY_100K)), \
        "GetRemainingEntityBytes before any read"
    assert report["length"] == str(len(BODY_100K))
    assert report["fnv"] == api.fnv1a64(BODY_100K)
    assert int(report["reads"]) >= len(BODY_100K) // 4096, "a read never exceeds the buffer"
    assert api.hr(report, "last_hr") == api.HR_HANDLE_EOF
    assert report["remaining_after"] == "0"


def test_sync_read_entity_body_chunked(probe):
    pieces = [BODY_100K[:1], BODY_100K[1:5000], BODY_100K[5000:5001], BODY_100K[5001:40000]]
    body = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces) + b"0\r\n\r\n"
    expected = b"".join(pieces)
    with api.Wire(probe.port) as raw:
        raw.send(harness.raw_request("POST", "/probe/read?buf=3000",
                                     [("Transfer-Encoding", "chunked")]) + body)
        reply = raw.read_reply("POST")
    assert reply.status == 200, reply.body
    report = api.parse_report(reply.body)
    assert report["remaining_before"] != "0", "decision 9: non-zero while body bytes are unread"
    assert report["length"] == str(len(expected))
    assert report["fnv"] == api.fnv1a64(expected)
    assert api.hr(report, "last_hr") == api.HR_HANDLE_EOF
    assert report["remaining_after"] == "0"


def test_read_without_body_is_eof_at_once(probe):
    report = probe.report("/probe/read")
    assert report["remaining_before"] == "0"
    assert report["length"] == "0" and report["reads"] == "0"
    assert api.hr(report, "last_hr") == api.HR_HANDLE_EOF


def test_insert_entity_body_goes_before_the_unread_body(probe):
    report = probe.report("/probe/insert?text=INSERTED%3A", method="POST",
                          body=b"client-body-bytes")
    assert api.hr(report, "insert_hr") == api.S_OK
    assert report["body"] == "INSERTED:client-body-bytes"
    assert api.hr(report, "last_hr") == api.HR_HANDLE_EOF
