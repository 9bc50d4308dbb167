"""The pipeline features around the main handler path: RQ_MAP_PATH, RQ_READ_ENTITY, a script map
provided by a module, IndicateCompletion, asynchronous writes, flushes and reads (OnAsyncCompletion
and the IHttpResponse2 / IHttpRequest3 callbacks), a module-made IHttpUser, dispensed context
containers and post-event priorities.

The module is tests/modules/pipeline_extras.cpp, loaded under several configuration names; the name
picks the role (Extras = the mapped handler, Mapper, Reader, Remapper, Alt, Auth, Prio). The
contract is the IIS reference and semantics.md §1-§11 (decisions 1, 2, 3, 4, 9 and 14 in
particular).
"""

from __future__ import annotations

import dataclasses
import os
import re
import uuid
from pathlib import Path
from typing import Optional, Sequence

import pytest

import api_helpers as api
import lintel_harness as harness

MODULE = "pipeline_extras"
HANDLER = "Extras"
LOG_VARIABLE = "EXTRAS_LOG"

HR_ALREADY_ASSIGNED = 0x80070055  # HRESULT_FROM_WIN32(ERROR_ALREADY_ASSIGNED = 85)
SIZEOF_WCHAR = 4                  # decision 13: WCHAR is wchar_t, 4 bytes on Linux

_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")


def unescape(value: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)


@dataclasses.dataclass
class Event:
    module: str
    name: str
    fields: dict[str, str]


@dataclasses.dataclass
class ExtrasServer:
    server: harness.LintelServer
    port: int
    site_dir: Path
    log: api.ProbeLog

    def send(self, method: str = "GET", path: str = "/page",
             headers: Optional[dict[str, str]] = None,
             body: Optional[bytes] = None) -> tuple[str, harness.Reply]:
        """One request tagged with a fresh X-Extras-Id; returns the id and the reply."""
        request_id = uuid.uuid4().hex[:12]
        headers = {"X-Extras-Id": request_id, **(headers or {})}
        return request_id, harness.request(self.port, method, path, headers, body)

    def events(self, request_id: str, module: Optional[str] = None) -> list[Event]:
        result = []
        for words in self.log.events(request_id):
            if len(words) < 2 or (module is not None and words[0] != module):
                continue
            fields = {}
            for word in words[2:]:
                key, _, value = word.partition("=")
                fields[key] = unescape(value)
            result.append(Event(words[0], words[1], fields))
        return result

    def names(self, request_id: str, module: str) -> list[str]:
        return [event.name for event in self.events(request_id, module)]

    def wait_for(self, request_id: str, module: str, name: str) -> None:
        """Log and end notifications may run after the client has the response: wait for one."""
        done = harness.wait_until(lambda: name in self.names(request_id, module))
        assert done, (f"{module} never logged {name!r} for request {request_id}; "
                      f"log: {self.log.events(request_id)}")


def start(lintel, lintel_env, modules: Sequence[str], *, handler: str = HANDLER,
          env: Optional[dict[str, str]] = None) -> ExtrasServer:
    image = lintel_env.test_module(MODULE)
    config, port = lintel.config(global_modules=[(name, image) for name in modules],
                                 handlers=[harness.Handler("ExtrasHandler", handler)])
    log_path = config.path.parent / "extras-events.log"
    server = lintel.start(config, port, env={LOG_VARIABLE: str(log_path), **(env or {})})
    return ExtrasServer(server=server, port=port, site_dir=lintel.site_dir,
                        log=api.ProbeLog(log_path))


def report_of(reply: harness.Reply) -> dict[str, Optional[str]]:
    assert reply.status == 200, f"expected 200, got {reply.status} {reply.reason}: {reply.body!r}"
    return api.parse_report(reply.body)


def same_path(a: Optional[str], b: str) -> bool:
    return a is not None and os.path.normpath(a) == os.path.normpath(b)


# --------------------------------------------------------------------------------------------------
# 1. RQ_MAP_PATH
# --------------------------------------------------------------------------------------------------

def test_map_path_module_moves_the_physical_path(lintel, lintel_env, tmp_path):
    root = tmp_path / "elsewhere"
    extras = start(lintel, lintel_env, [HANDLER, "Mapper"], env={"EXTRAS_MAP_ROOT": str(root)})
    request_id, reply = extras.send(path="/mapped/file.txt", headers={
        "X-Extras-Action": "paths", "X-Extras-Map-Url": "/mapped/file.txt",
        "X-Extras-Other-Url": "/other/page.txt"})
    report = report_of(reply)
    moved = f"{root}/file.txt"

    # The handler sees the path the RQ_MAP_PATH module set, through both APIs.
    assert report["physical_path"] == moved, report
    assert report["physical_length"] == str(len(moved))
    assert api.hr(report, "path_translated_hr") == api.S_OK
    assert report["path_translated"] == moved, "PATH_TRANSLATED is the request's physical path"
    assert api.hr(report, "map_hr") == api.S_OK
    assert report["map_path"] == moved
    # Too small a buffer: ERROR_INSUFFICIENT_BUFFER and the size needed, in bytes, with the NUL.
    assert api.hr(report, "small_hr") == api.HR_INSUFFICIENT_BUFFER
    assert report["small_size"] == str((len(moved) + 1) * SIZEOF_WCHAR)
    # A URL the module leaves alone keeps the virtual directory's mapping.
    assert api.hr(report, "other_hr") == api.S_OK
    assert same_path(report["other_path"], str(extras.site_dir / "other" / "page.txt")), report

    mapper = extras.events(request_id, "Mapper")
    mapped = [e for e in mapper if e.name == "map_path" and e.fields["url"] == "/mapped/file.txt"]
    assert mapped, f"RQ_MAP_PATH never reached the module for /mapped/file.txt: {mapper}"
    for event in mapped:
        # IMapPathProvider: GetUrl is the URL asked for, GetPhysicalPath the server's mapping
        # before the module changed it, and after SetPhysicalPath the new one.
        assert same_path(event.fields["path"], str(extras.site_dir / "mapped" / "file.txt")), \
            event
        assert int(event.fields["set_hr"], 16) == api.S_OK
        assert event.fields["now"] == moved
    other = [e for e in mapper if e.name == "map_path" and e.fields["url"] == "/other/page.txt"]
    assert len(other) == 1, f"MapPath(/other/page.txt) must raise RQ_MAP_PATH once: {mapper}"
    assert same_path(other[0].fields["path"], str(extras.site_dir / "other" / "page.txt"))


# --------------------------------------------------------------------------------------------------
# 2. RQ_READ_ENTITY
# --------------------------------------------------------------------------------------------------

READ_BODY = b"hello, pipeline extras!"  # 23 bytes: four reads of 5, one of 3


def read_entity_events(extras: ExtrasServer, request_id: str) -> list[Event]:
    return [e for e in extras.events(request_id, "Reader") if e.name == "read_entity"]


def chunked(data: bytes, piece: int = 4) -> bytes:
    """`data` in HTTP/1.1 chunked framing, `piece` bytes per chunk (unrelated to the read size)."""
    out = b"".join(b"%x\r\n%s\r\n" % (len(data[i:i + piece]), data[i:i + piece])
                   for i in range(0, len(data), piece))
    return out + b"0\r\n\r\n"


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_read_entity_sees_every_read_of_the_handler(lintel, lintel_env, framing):
    extras = start(lintel, lintel_env, [HANDLER, "Reader"])
    headers = {"X-Extras-Action": "read", "X-Extras-Chunk": "5"}
    body = READ_BODY
    if framing == "chunked":
        # Decision 9: modules see the de-chunked body.
        headers["Transfer-Encoding"] = "chunked"
        body = chunked(READ_BODY)
    request_id, reply = extras.send("POST", "/upload", body=body, headers=headers)
    report = report_of(reply)
    assert report["sizes"] == "5,5,5,5,3", report
    assert report["body"] == READ_BODY.decode()

    reads = read_entity_events(extras, request_id)
    # One RQ_READ_ENTITY per ReadEntityBody, with exactly the bytes that read returned.
    assert [e.fields["n"] for e in reads] == ["5", "5", "5", "5", "3"], reads
    assert "".join(e.fields["data"] for e in reads) == READ_BODY.decode()
    for event in reads:
        assert event.fields["null"] == "0"
        assert int(event.fields["buffer"]) >= int(event.fields["n"]), event


def test_read_entity_set_entity_replaces_what_the_reader_gets(lintel, lintel_env):
    extras = start(lintel, lintel_env, [HANDLER, "Reader"])
    request_id, reply = extras.send("POST", "/upload", body=READ_BODY, headers={
        "X-Extras-Action": "read", "X-Extras-Chunk": "5", "X-Extras-Upper": "1"})
    report = report_of(reply)
    assert report["body"] == READ_BODY.decode().upper(), report
    assert report["bytes"] == str(len(READ_BODY))
    # The notification saw the client's bytes; the handler got the module's replacement.
    reads = read_entity_events(extras, request_id)
    assert "".join(e.fields["data"] for e in reads) == READ_BODY.decode(), reads


# --------------------------------------------------------------------------------------------------
# 3. IMapHandlerProvider::SetScriptMap / SetScriptName
# --------------------------------------------------------------------------------------------------

def test_configured_handler_runs_without_a_script_map_from_a_module(lintel, lintel_env):
    extras = start(lintel, lintel_env, [HANDLER, "Remapper", "Alt"])
    request_id, reply = extras.send(path="/plain/page.x")
    report = report_of(reply)
    assert report["handler"] == HANDLER
    assert report["script_map_null"] == "0"
    assert report["script_map_name"] == "ExtrasHandler"  # the <handlers> entry
    assert report["script_map_modules"] == HANDLER
    assert report["script_name"] == "/plain/page.x"
    extras.wait_for(request_id, HANDLER, "end")
    assert "execute" not in extras.names(request_id, "Alt")


def test_script_map_from_a_module_runs_its_modules_in_its_order(lintel, lintel_env):
    # Configuration order is Extras, Alt; the module's script map says Alt first.
    extras = start(lintel, lintel_env, [HANDLER, "Remapper", "Alt"],
                   env={"EXTRAS_REMAP_MODULES": f"Alt,{HANDLER}"})
    request_id, reply = extras.send(path="/plain/page.x", headers={"X-Extras-Remap": "1"})
    assert reply.status == 200, reply
    assert reply.body.startswith(b"handler=Alt\n"), reply.body
    assert b"\nhandler=Extras\n" in reply.body, reply.body
    extras.wait_for(request_id, HANDLER, "end")
    executes = [e.module for e in extras.events(request_id) if e.name == "execute"]
    assert executes == ["Alt", HANDLER], executes


def test_script_map_from_a_module_picks_the_handler_module(lintel, lintel_env):
    extras = start(lintel, lintel_env, [HANDLER, "Remapper", "Alt"])
    request_id, reply = extras.send(path="/plain/page.x", headers={"X-Extras-Remap": "1"})
    report = report_of(reply)
    # Alt, named by the module's IScriptMapInfo, executes the request instead of Extras.
    assert report["handler"] == "Alt", report
    assert report["script_map_null"] == "0"
    assert report["script_map_name"] == "ExtrasScriptMap"
    assert report["script_map_modules"] == "Alt"
    assert report["script_map_modules_length"] == "3"
    # SetScriptName changed GetScriptName.
    assert report["script_name"] == "/remapped/entry.x"
    assert report["script_name_length"] == str(len("/remapped/entry.x"))

    extras.wait_for(request_id, HANDLER, "end")
    assert "execute" not in extras.names(request_id, HANDLER), \
        "the configured handler module must not run once a module set another script map"
    # Decision 14: the post-event still reaches every subscriber, the replaced handler too.
    assert "post_execute" in extras.names(request_id, HANDLER)
    remapper = {e.name: e.fields for e in extras.events(request_id, "Remapper")}
    assert int(remapper["map_handler"]["script_name_hr"], 16) == api.S_OK
    # GetScriptMap returns the module's own object from then on.
    assert remapper["post_map_handler"]["same"] == "1", remapper
    assert remapper["post_map_handler"]["script_name"] == "/remapped/entry.x"


# --------------------------------------------------------------------------------------------------
# 4. IndicateCompletion
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode, after", [
    ("continue", ["post_execute", "release_state", "log", "end"]),
    # Decision 1: FINISH_REQUEST skips to the final send; LOG and END still run.
    ("finish", ["log", "end"]),
])
def test_indicate_completion_from_another_thread(lintel, lintel_env, mode, after):
    extras = start(lintel, lintel_env, [HANDLER])
    request_id, reply = extras.send(headers={"X-Extras-Action": "indicate",
                                             "X-Extras-Indicate": mode})
    assert reply.status == 200, reply
    assert reply.body == f"from-thread mode={mode}\n".encode()
    extras.wait_for(request_id, HANDLER, "end")
    events = extras.events(request_id, HANDLER)
    assert [e.name for e in events] == ["execute", "indicate"] + after, events
    assert int(events[1].fields["write_hr"], 16) == api.S_OK


@pytest.mark.parametrize("mode, alt_runs", [("continue", True), ("finish", False)])
def test_indicate_completion_status_applies_to_the_interrupted_notification(
        lintel, lintel_env, mode, alt_runs):
    # Two handler modules: CONTINUE moves on to the next one, FINISH_REQUEST skips it.
    extras = start(lintel, lintel_env, [HANDLER, "Alt"], handler=f"{HANDLER},Alt")
    request_id, reply = extras.send(headers={"X-Extras-Action": "indicate",
                                             "X-Extras-Indicate": mode})
    assert reply.status == 200, reply
    first = f"from-thread mode={mode}\n".encode()
    assert reply.body.startswith(first), reply.body
    extras.wait_for(request_id, HANDLER, "end")
    if alt_runs:
        assert api.parse_report(reply.body[len(first):]).get("handler") == "Alt", reply.body
        order = [(e.module, e.name) for e in extras.events(request_id)]
        assert order.index((HANDLER, "indicate")) < order.index(("Alt", "execute")), order
    else:
        assert reply.body == first
        assert "execute" not in extras.names(request_id, "Alt")


# --------------------------------------------------------------------------------------------------
# 5. Asynchronous writes, flushes and reads
# --------------------------------------------------------------------------------------------------

# Decision 3: what the last completion returns is the interrupted notification's status; with
# FINISH_REQUEST the rest of the pipeline up to LOG_REQUEST is skipped (decision 1).
AFTER_COMPLETION = {
    "continue": ["post_execute", "release_state", "log", "end"],
    "finish": ["log", "end"],
}


@pytest.mark.parametrize("complete_with", ["continue", "finish"])
def test_async_write_and_flush_complete_through_on_async_completion(lintel, lintel_env,
                                                                     complete_with):
    extras = start(lintel, lintel_env, [HANDLER])
    request_id, reply = extras.send(headers={"X-Extras-Action": "async-write",
                                             "X-Extras-Complete-With": complete_with})
    assert reply.status == 200, reply
    assert reply.body == b"async-one;two;three"
    extras.wait_for(request_id, HANDLER, "end")
    events = extras.events(request_id, HANDLER)
    assert [e.name for e in events] == [
        "execute", "write", "completion", "flush", "completion",
        *AFTER_COMPLETION[complete_with]], events
    write, first, flush, second = events[1:5]
    assert int(write.fields["hr"], 16) == api.S_OK
    assert write.fields["expected"] == "1", "an async WriteEntityChunks must expect a completion"
    assert first.fields["bytes"] == str(len("async-one;")), first
    assert int(first.fields["status"], 16) == api.S_OK
    assert int(first.fields["notification"], 16) == api.RQ_EXECUTE_REQUEST_HANDLER
    assert first.fields["post"] == "0"
    assert first.fields["provider_null"] == "0", "pProvider is the interrupted notification's"
    assert int(flush.fields["hr"], 16) == api.S_OK
    assert flush.fields["expected"] == "1", "an async Flush must expect a completion"
    # The flush sent what was buffered: both pieces.
    assert second.fields["bytes"] == str(len("async-one;two;")), second
    assert int(second.fields["status"], 16) == api.S_OK
    assert int(second.fields["notification"], 16) == api.RQ_EXECUTE_REQUEST_HANDLER


@pytest.mark.parametrize("complete_with", ["continue", "finish"])
def test_response2_callbacks_replace_on_async_completion(lintel, lintel_env, complete_with):
    extras = start(lintel, lintel_env, [HANDLER])
    request_id, reply = extras.send(headers={"X-Extras-Action": "callback-write",
                                             "X-Extras-Complete-With": complete_with})
    assert reply.status == 200, reply
    assert reply.body == b"cb-one;cb-tail"
    extras.wait_for(request_id, HANDLER, "end")
    events = extras.events(request_id, HANDLER)
    # Decision 3: the per-call callback runs instead of OnAsyncCompletion ("completion"), and
    # its return value means what OnAsyncCompletion's would.
    assert [e.name for e in events] == [
        "execute", "cb_write", "callback", "cb_flush", "callback",
        *AFTER_COMPLETION[complete_with]], events
    write, first, flush, second = events[1:5]
    assert write.fields["expected"] == "1" and int(write.fields["hr"], 16) == api.S_OK
    assert first.fields["bytes"] == str(len("cb-one;")), first
    assert int(first.fields["status"], 16) == api.S_OK
    assert first.fields["same_context"] == "1", "the callback gets the request's IHttpContext3"
    assert flush.fields["expected"] == "1" and int(flush.fields["hr"], 16) == api.S_OK
    assert second.fields["bytes"] == str(len("cb-one;")), second
    assert second.fields["same_context"] == "1"


def test_async_flush_in_a_post_event_reports_the_post_event(lintel, lintel_env):
    extras = start(lintel, lintel_env, [HANDLER])
    request_id, reply = extras.send(headers={"X-Extras-Post-Flush": "1"})
    assert reply.status == 200, reply
    assert reply.body.startswith(b"handler=Extras\n") and reply.body.endswith(b"post;"), reply.body
    extras.wait_for(request_id, HANDLER, "end")
    events = extras.events(request_id, HANDLER)
    assert [e.name for e in events] == [
        "execute", "post_execute", "post_flush", "completion",
        "release_state", "log", "end"], events
    flush, completion = events[2:4]
    assert flush.fields["expected"] == "1" and int(flush.fields["hr"], 16) == api.S_OK
    # dwNotification / fPostNotification name the post-event the flush was started in.
    assert int(completion.fields["notification"], 16) == api.RQ_EXECUTE_REQUEST_HANDLER
    assert completion.fields["post"] == "1", completion
    assert completion.fields["bytes"] == str(len(reply.body)), completion


def test_request3_read_callback_replaces_on_async_completion(lintel, lintel_env):
    extras = start(lintel, lintel_env, [HANDLER, "Reader"])
    body = bytes((i * 7 + 3) & 0xFF for i in range(3000))
    request_id, reply = extras.send("POST", "/upload", body=body, headers={
        "X-Extras-Action": "callback-read", "X-Extras-Chunk": "700"})
    report = report_of(reply)
    assert report["bytes"] == str(len(body)), report
    assert report["fnv"] == api.fnv1a64(body)
    assert report["reads"] == "5"  # 4 x 700 + 200
    extras.wait_for(request_id, HANDLER, "end")
    names = extras.names(request_id, HANDLER)
    assert "completion" not in names, f"OnAsyncCompletion ran for a callback read: {names}"
    callbacks = [e for e in extras.events(request_id, HANDLER) if e.name == "read_callback"]
    # Every read that went pending completed through the callback, once.
    assert len(callbacks) == int(report["pending_reads"]), (report, callbacks)
    assert int(report["pending_reads"]) >= 1, "an async read must be able to go pending"
    for event in callbacks:
        assert int(event.fields["status"], 16) == api.S_OK
        assert event.fields["same_context"] == "1"
        assert 0 < int(event.fields["bytes"]) <= 700
    # RQ_READ_ENTITY fires for the callback form of ReadEntityBody too.
    reads = read_entity_events(extras, request_id)
    assert [int(e.fields["n"]) for e in reads] == [700, 700, 700, 700, 200], reads


# --------------------------------------------------------------------------------------------------
# 6. IAuthenticationProvider::SetUser
# --------------------------------------------------------------------------------------------------

def test_set_user_from_authenticate_request(lintel, lintel_env):
    extras = start(lintel, lintel_env, ["Auth", HANDLER], env={"EXTRAS_USER": "alice"})
    request_id, reply = extras.send(headers={"X-Extras-Action": "user"})
    report = report_of(reply)
    assert report["user_null"] == "0"
    assert report["user_name"] == "alice", report
    assert report["remote_user_name"] == "alice"
    assert report["auth_type"] == "ExtrasAuth"
    for variable in ("LOGON_USER", "REMOTE_USER"):
        assert api.hr(report, f"hr_{variable}") == api.S_OK
        assert report[f"var_{variable}"] == "alice", (variable, report)
    assert api.hr(report, "hr_AUTH_TYPE") == api.S_OK
    assert report["var_AUTH_TYPE"] == "ExtrasAuth"
    # The original user is the one the request started with, not the module's.
    assert report["original_is_user"] == "0", report
    assert report.get("original_user_name") != "alice"

    extras.wait_for(request_id, HANDLER, "end")
    auth = {e.name: e.fields for e in extras.events(request_id, "Auth")}
    assert auth["set_user"]["same"] == "1", auth
    assert auth["post_authenticate"]["same"] == "1", auth


def test_user_without_an_authentication_module_is_the_original(lintel, lintel_env):
    extras = start(lintel, lintel_env, [HANDLER])
    _, reply = extras.send(headers={"X-Extras-Action": "user"})
    report = report_of(reply)
    # Anonymous: both users have the empty name, and so have the server variables.
    assert report["user_null"] == "0" and report["original_null"] == "0", report
    assert report["user_name"] == "" and report["original_user_name"] == "", report
    assert report["var_LOGON_USER"] == "" and report["var_REMOTE_USER"] == ""


# --------------------------------------------------------------------------------------------------
# 7. IHttpServer::DispenseContainer
# --------------------------------------------------------------------------------------------------

def test_dispensed_container_stores_and_cleans_up(lintel, lintel_env):
    extras = start(lintel, lintel_env, [HANDLER])
    _, reply = extras.send(headers={"X-Extras-Action": "container"})
    report = report_of(reply)
    assert report["first_null"] == "0" and report["second_null"] == "0", report
    assert report["distinct"] == "1"
    assert api.hr(report, "set_a_hr") == api.S_OK
    assert report["get_a_same"] == "1"
    assert api.hr(report, "set_duplicate_hr") == HR_ALREADY_ASSIGNED
    assert api.hr(report, "set_b_hr") == api.S_OK
    assert report["get_b_same"] == "1"
    assert report["second_empty"] == "1", "dispensed containers must not share contexts"
    assert report["cleaned_before_release"] == ""
    assert report["cleaned_after_second_release"] == "", \
        "releasing one container must not clean up another's contexts"
    # ReleaseContainer: CleanupStoredContext once for each stored context, none for the rejected.
    assert sorted(report["cleaned_after_first_release"] or "") == ["a", "b"], report


# --------------------------------------------------------------------------------------------------
# 8. IHttpModuleRegistrationInfo2::SetPriorityForPostRequestNotification
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("env, begin, post_begin, end", [
    # Control: configuration order everywhere.
    ({}, ["PrioA", "PrioB"], ["PrioA", "PrioB"], ["PrioA", "PrioB"]),
    # Only the post-event of BEGIN_REQUEST moves.
    ({"EXTRAS_POST_PRIORITY_PRIOA": "LOW"},
     ["PrioA", "PrioB"], ["PrioB", "PrioA"], ["PrioA", "PrioB"]),
    ({"EXTRAS_POST_PRIORITY_PRIOB": "FIRST"},
     ["PrioA", "PrioB"], ["PrioB", "PrioA"], ["PrioA", "PrioB"]),
    # The event moves up, its post-event is set back down.
    ({"EXTRAS_PRIORITY_PRIOB": "HIGH", "EXTRAS_POST_PRIORITY_PRIOB": "LAST"},
     ["PrioB", "PrioA"], ["PrioA", "PrioB"], ["PrioB", "PrioA"]),
], ids=["default", "post-low", "post-first", "event-high-post-last"])
def test_post_request_priority(lintel, lintel_env, env, begin, post_begin, end):
    modules = ["PrioA", "PrioB", HANDLER]
    extras = start(lintel, lintel_env, modules, env=env)
    request_id, reply = extras.send()
    assert reply.status == 200, reply
    for module in ("PrioA", "PrioB"):
        extras.wait_for(request_id, module, "post_end")
    events = [e for e in extras.events(request_id) if e.module.startswith("Prio")]

    def order(name: str) -> list[str]:
        return [e.module for e in events if e.name == name]

    assert order("begin") == begin, events
    assert order("post_begin") == post_begin, events
    # A post priority set for BEGIN_REQUEST leaves END_REQUEST's post-event with its event's order.
    assert order("end") == end, events
    assert order("post_end") == end, events
    names = [e.name for e in events]
    assert names.index("post_begin") > max(i for i, n in enumerate(names) if n == "begin"), \
        f"every module's event must run before the post-event: {events}"
