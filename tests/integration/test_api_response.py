"""IHttpResponse as a module uses it: status, headers, Clear/ClearHeaders, WriteEntityChunks
(memory and file chunks), WriteEntityChunkByReference, Redirect, SuppressHeaders, DisableBuffering
and Flush with the RQ_SEND_RESPONSE notifications they raise, and HEAD.

The module is tests/modules/api_probe.cpp; the contract is the IIS reference (ihttpresponse-*.md)
and semantics.md §4, §8 and §11 (decision 8).
"""

from __future__ import annotations

import socket

import pytest

import api_helpers as api
import lintel_harness as harness

FILE_SIZE = 10000


def file_content(size: int = FILE_SIZE) -> bytes:
    """What the probe's "file" action writes with WriteFile."""
    return bytes((i * 7 + 3) & 0xFF for i in range(size))


@pytest.fixture
def probe(lintel, lintel_env) -> api.ProbeServer:
    return api.start_probe(lintel, lintel_env)


# --------------------------------------------------------------------------------------------------
# Status and headers
# --------------------------------------------------------------------------------------------------

def test_set_status_with_substatus_and_reason(probe):
    path = "/probe/status?" + api.query(code=418, sub=7, reason="Short And Stout")
    with api.Wire(probe.port) as raw:
        raw.send(harness.raw_request("GET", path))
        reply = raw.read_reply("GET")
    assert (reply.status, reply.reason) == (418, "Short And Stout"), \
        "the module's reason phrase must reach the status line"
    body = reply.body
    report = api.parse_report(body)
    assert api.hr(report, "hr") == api.S_OK
    got = (report["status"], report["substatus"], report["reason"])
    assert got == ("418", "7", "Short And Stout"), "GetStatus must return what SetStatus set"


def test_response_set_header_replace_append_delete(probe):
    reply = probe.request("GET", "/probe/resheader")
    assert reply.status == 200, reply.body
    report = api.parse_report(reply.body)
    for key in ("hr_replace1", "hr_replace2", "hr_append1", "hr_append2", "hr_deleted",
                "hr_delete", "hr_byid"):
        assert api.hr(report, key) == api.S_OK, key

    # What the module reads back (GetHeader is case-insensitive) ...
    assert report["get_replace"] == "second"
    assert api.comma_parts(report["get_append"]) == ["one", "two"]
    assert report["get_deleted"] is None
    assert report["get_byid"] == "en-probe" and report["get_byname_of_id"] == "en-probe"
    # ... is what the client receives.
    assert api.joined_header(reply, "X-Replace") == "second"
    assert api.comma_parts(api.joined_header(reply, "X-Append")) == ["one", "two"]
    assert api.joined_header(reply, "X-Deleted") is None
    assert api.joined_header(reply, "Content-Language") == "en-probe"


def test_clear_resets_status_headers_and_body(probe):
    reply = probe.request("GET", "/probe/clear")
    assert reply.status == 200, \
        f"Clear() must reset the status to 200, got {reply.status} {reply.reason}"
    assert api.joined_header(reply, "X-Gone") is None, "Clear() must drop the headers"
    assert b"junk-before-clear" not in reply.body, "Clear() must drop the buffered body"
    report = api.parse_report(reply.body)
    assert report["status_after"] == "200" and report["substatus_after"] == "0"
    assert report["xgone_after"] is None


def test_clear_headers_keeps_status_and_body(probe):
    reply = probe.request("GET", "/probe/clearheaders")
    assert reply.status == 201
    assert api.joined_header(reply, "X-Gone") is None
    assert reply.body.startswith(b"keep;")
    assert api.parse_report(reply.body[len(b"keep;"):])["xgone_after"] is None


# --------------------------------------------------------------------------------------------------
# Body
# --------------------------------------------------------------------------------------------------

def test_write_entity_chunks_several_memory_chunks(probe):
    reply = probe.request("GET", "/probe/chunks")
    assert reply.status == 200
    # The module overwrites its first buffer after the call: buffered writes must have copied it.
    assert reply.body == b"alpha-beta-gamma|sent=16"
    assert reply.header("Content-Length") == str(len(reply.body))


@pytest.mark.parametrize("offset, length", [
    (None, None),   # the whole file
    (1000, 500),    # a byte range inside the file
    (9000, None),   # from an offset to the end (HTTP_BYTE_RANGE_TO_EOF)
])
def test_write_entity_chunks_from_file_handle(probe, tmp_path, offset, length):
    path = tmp_path / "chunk-source.bin"
    params = {"path": str(path), "size": FILE_SIZE}
    if offset is not None:
        params["offset"] = offset
    if length is not None:
        params["length"] = length
    reply = probe.request("GET", "/probe/file?" + api.query(**params))
    assert reply.status == 200, reply.body[:300]
    start = offset or 0
    end = FILE_SIZE if length is None else start + length
    expected = b"[" + file_content()[start:end] + b"]"
    assert len(reply.body) == len(expected)
    assert reply.body == expected
    assert path.read_bytes() == file_content(), "CreateFile/WriteFile wrote the file"


def test_write_entity_chunk_by_reference_prepends_and_appends(probe):
    reply = probe.request("GET", "/probe/byref")
    assert reply.status == 200, reply.body
    assert reply.body == b"head-middle-tail"


def test_head_of_a_streamed_response_has_no_body(probe):
    with api.Wire(probe.port) as raw:
        raw.send(harness.raw_request("HEAD", "/probe/stream")
                 + harness.raw_request("GET", "/probe/hello"))
        head = raw.read_reply("HEAD")
        after = raw.read_reply("GET")
    assert head.status == 200
    # Not even the last-chunk marker: the next response must follow the head directly.
    assert after.status == 200 and api.parse_report(after.body)["hello"] == "1"


def test_head_has_no_body_but_the_same_content_length(probe):
    get = probe.request("GET", "/probe/chunks")
    with api.Wire(probe.port) as raw:
        raw.send(harness.raw_request("HEAD", "/probe/chunks")
                 + harness.raw_request("GET", "/probe/hello"))
        head = raw.read_reply("HEAD")
        after = raw.read_reply("GET")
    assert head.status == 200
    assert head.header("Content-Length") == get.header("Content-Length") == str(len(get.body))
    # Had HEAD carried a body, the next response on the connection would not parse.
    assert after.status == 200 and api.parse_report(after.body)["hello"] == "1"


# --------------------------------------------------------------------------------------------------
# Redirect
# --------------------------------------------------------------------------------------------------

def test_redirect_absolute_location_from_host(probe):
    reply = probe.request("GET", "/probe/redirect?to=/landing")
    assert reply.status == 302
    assert reply.header("Location") == f"http://{probe.host()}/landing"
    assert b"stale-body-before-redirect" not in reply.body, "Redirect removes buffered data"


def test_redirect_include_parameters_copies_the_query(probe):
    query_string = "to=/landing&params=1&extra=yes"
    reply = probe.request("GET", f"/probe/redirect?{query_string}")
    assert reply.status == 302
    assert reply.header("Location") == f"http://{probe.host()}/landing?{query_string}"


def test_redirect_relative_url_resolves_against_the_request(probe):
    reply = probe.request("GET", "/probe/redirect?to=next-page")
    assert reply.status == 302
    assert reply.header("Location") == f"http://{probe.host()}/probe/next-page"


# --------------------------------------------------------------------------------------------------
# SuppressHeaders, DisableBuffering, Flush and RQ_SEND_RESPONSE
# --------------------------------------------------------------------------------------------------

MODULE_MADE = (b"HTTP/1.1 299 Module Made\r\nContent-Length: 5\r\nConnection: close\r\n"
               b"X-Own: 1\r\n\r\nmine!")


def test_suppress_headers_module_writes_its_own_head(probe):
    probe_id = api.new_probe_id()
    with socket.create_connection(("127.0.0.1", probe.port),
                                  timeout=harness.IO_TIMEOUT_SECONDS) as sock:
        sock.sendall(harness.raw_request("GET", "/probe/suppress", [("X-Probe-Id", probe_id)]))
        data = api.read_at_least(sock, len(MODULE_MADE))
    assert data.startswith(MODULE_MADE), \
        f"the wire must start with the module's own head: {data[:200]!r}"
    assert probe.log.wait_for(probe_id, "end")
    sends = api.send_events(probe.log, probe_id)
    assert sends, "OnSendResponse was not raised"
    assert all(send["headers"] == "0" for send in sends), \
        f"GetHeadersBeingSent must be false with suppressed headers: {sends}"


def test_disable_buffering_streams_chunked(probe):
    with api.Wire(probe.port) as raw:
        raw.send(harness.raw_request("GET", "/probe/stream"))
        reply = raw.read_reply("GET")
    assert reply.status == 200
    assert (reply.header("Transfer-Encoding") or "").lower() == "chunked", \
        f"an unbuffered response of unknown length goes out chunked: {reply.headers}"
    assert reply.header("Content-Length") is None
    assert reply.body == b"part1;headers_sent=1;part2", \
        "GetResponseHeadersSent must be true after Flush"


def test_flush_raises_send_response_with_more_data_then_final(probe):
    probe_id = api.new_probe_id()
    reply = probe.request("GET", "/probe/flushsend", {"X-Probe-Id": probe_id})
    assert reply.status == 200
    assert reply.body == b"a;b"
    assert probe.log.wait_for(probe_id, "end")
    events = probe.log.events(probe_id)
    assert ["flushed", "headers_sent=1"] in events, f"GetResponseHeadersSent after Flush: {events}"
    sends = api.send_events(probe.log, probe_id)
    assert len(sends) == 2, f"decision 8: one OnSendResponse per send (Flush + final): {sends}"
    flush, final = (int(send["flags"], 16) for send in sends)
    assert flush & api.HTTP_SEND_RESPONSE_FLAG_MORE_DATA, f"the Flush send lacks MORE_DATA: {sends}"
    assert not final & api.HTTP_SEND_RESPONSE_FLAG_MORE_DATA, \
        f"the final send has MORE_DATA: {sends}"
    assert [send["headers"] for send in sends] == ["1", "0"], \
        f"headers go out with the first send only: {sends}"
    # The flush happened inside the handler: OnSendResponse ran between begin and the post-event.
    names = probe.log.names(probe_id)
    assert names.index("send") < names.index("post_execute") < names.index("end"), names
