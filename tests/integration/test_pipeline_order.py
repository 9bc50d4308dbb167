"""Pipeline order, priorities, FINISH_REQUEST, Flush and handler mapping, observed through the
recorder module (tests/modules/recorder.cpp), loaded under several configuration names from one
image.

Contract: semantics.md §1-3 and §11 (decisions 1, 2, 8, 14).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Optional, Sequence

import pytest

import lintel_harness as harness

# Deterministic events in pipeline order, split where the final send happens.
EVENTS_BEFORE_SEND = [
    "BeginRequest", "AuthenticateRequest", "AuthorizeRequest", "ResolveRequestCache",
    "MapRequestHandler", "AcquireRequestState", "PreExecuteRequestHandler", "ExecuteRequestHandler",
    "ReleaseRequestState", "UpdateRequestCache",
]
EVENTS_AFTER_SEND = ["LogRequest", "EndRequest"]

Call = tuple[str, str]  # (module name, handler name)


def expected_calls(order: Sequence[str], handler: Optional[str], *,
                   finish_at: Optional[Call] = None, flush_in_handler: bool = False) -> list[Call]:
    """The request notifications the recorders must see, in order (without the global pre-begin
    notifications and the Disposes).

    `order` is the modules' order within a notification; RQ_SEND_RESPONSE runs it reversed.
    `handler` is the mapped module (None: no mapping matched, nobody gets OnExecuteRequestHandler).
    """
    calls: list[Call] = []
    send_order = list(reversed(order))

    def until_final_send() -> None:
        for event in EVENTS_BEFORE_SEND:
            for prefix in ("On", "OnPost"):
                name = prefix + event
                for module in order:
                    if name == "OnExecuteRequestHandler" and module != handler:
                        continue
                    calls.append((module, name))
                    if (module, name) == finish_at:
                        return  # FINISH_REQUEST: straight to the final send
                    if name == "OnExecuteRequestHandler" and flush_in_handler:
                        calls.extend((other, "OnSendResponse") for other in send_order)

    until_final_send()
    calls.extend((module, "OnSendResponse") for module in send_order)
    for event in EVENTS_AFTER_SEND:
        for prefix in ("On", "OnPost"):
            calls.extend((module, prefix + event) for module in order)
    return calls


class Recording:
    """The recorder log of one test: RECORDER_LOG points here."""

    def __init__(self, path: Path) -> None:
        self.path_ = path

    @property
    def env(self) -> dict[str, str]:
        return {"RECORDER_LOG": str(self.path_)}

    def calls(self, trace_id: str) -> list[Call]:
        if not self.path_.exists():
            return []
        calls = []
        for line in self.path_.read_text().splitlines():
            fields = line.split(" ")
            assert len(fields) == 3, f"malformed recorder line {line!r}"
            if fields[0] == trace_id:
                calls.append((fields[1], fields[2]))
        return calls

    def wait_for_request(self, trace_id: str, modules: Sequence[str]) -> list[Call]:
        """The request's calls once every module's instance was disposed (or, at the deadline, what
        is there). Log and end notifications may run after the client has the response."""
        def disposed() -> bool:
            done = {module for module, name in self.calls(trace_id) if name == "Dispose"}
            return done >= set(modules)

        harness.wait_until(disposed)
        return self.calls(trace_id)


def assert_request_calls(recorded: list[Call], modules: Sequence[str],
                         expected: list[Call]) -> None:
    """Global pre-begin calls first (any order among modules), `expected` exactly, Disposes last."""
    count = len(modules)
    assert sorted(recorded[:count]) == sorted((m, "OnGlobalPreBeginRequest") for m in modules), \
        f"OnGlobalPreBeginRequest must come first for every module; recorded: {recorded}"
    assert sorted(recorded[-count:]) == sorted((m, "Dispose") for m in modules), \
        f"Dispose must come last for every module; recorded: {recorded}"
    middle = recorded[count:-count]
    assert middle == expected, _diff(middle, expected)


def _diff(actual: list[Call], expected: list[Call]) -> str:
    listing = f"\ngot:      {actual}\nexpected: {expected}"
    for index, (got, want) in enumerate(zip(actual, expected)):
        if got != want:
            return f"first difference at call {index}: got {got}, expected {want}{listing}"
    return f"lengths differ ({len(actual)} vs {len(expected)}){listing}"


@pytest.fixture
def recording(tmp_path) -> Recording:
    return Recording(tmp_path / "recorder.log")


@pytest.fixture
def recorder_so(lintel_env) -> Path:
    return lintel_env.test_module("recorder")


def start(lintel, recording: Recording, recorder_so: Path, modules: Sequence[str],
          priorities: Optional[dict[str, str]] = None, handler: str = "Recorder0",
          handler_path: str = "*", handler_verb: str = "*") -> harness.LintelServer:
    env = recording.env
    for name, priority in (priorities or {}).items():
        env[f"RECORDER_PRIORITY_{name.upper()}"] = priority
    mapping = harness.Handler("RecorderHandler", handler, path=handler_path, verb=handler_verb)
    config, port = lintel.config(global_modules=[(name, recorder_so) for name in modules],
                                 handlers=[mapping])
    return lintel.start(config, port, env=env)


def send(server: harness.LintelServer, method: str = "GET", path: str = "/page",
         headers: Optional[dict[str, str]] = None) -> tuple[str, harness.Reply]:
    trace_id = uuid.uuid4().hex
    headers = {"X-Trace-Id": trace_id, **(headers or {})}
    return trace_id, harness.request(server.port, method, path, headers=headers)


# ------------------------------------------------------------------------------------------------

def test_single_module_sees_every_notification_in_order(lintel, recording, recorder_so):
    server = start(lintel, recording, recorder_so, ["Recorder0"])
    trace_id, reply = send(server)
    assert (reply.status, reply.body) == (200, b"recorded")

    recorded = recording.wait_for_request(trace_id, ["Recorder0"])
    expected = ([("Recorder0", "OnGlobalPreBeginRequest")]
                + expected_calls(["Recorder0"], "Recorder0") + [("Recorder0", "Dispose")])
    assert recorded == expected, _diff(recorded, expected)
    # Spelled out once, so the helper itself is checked against the contract's list.
    assert [name for _, name in expected] == [
        "OnGlobalPreBeginRequest",
        "OnBeginRequest", "OnPostBeginRequest",
        "OnAuthenticateRequest", "OnPostAuthenticateRequest",
        "OnAuthorizeRequest", "OnPostAuthorizeRequest",
        "OnResolveRequestCache", "OnPostResolveRequestCache",
        "OnMapRequestHandler", "OnPostMapRequestHandler",
        "OnAcquireRequestState", "OnPostAcquireRequestState",
        "OnPreExecuteRequestHandler", "OnPostPreExecuteRequestHandler",
        "OnExecuteRequestHandler", "OnPostExecuteRequestHandler",
        "OnReleaseRequestState", "OnPostReleaseRequestState",
        "OnUpdateRequestCache", "OnPostUpdateRequestCache",
        "OnSendResponse",
        "OnLogRequest", "OnPostLogRequest",
        "OnEndRequest", "OnPostEndRequest",
        "Dispose",
    ]


def test_each_request_gets_its_own_instances(lintel, recording, recorder_so):
    server = start(lintel, recording, recorder_so, ["Recorder0"])
    first, _ = send(server)
    second, _ = send(server)
    for trace_id in (first, second):
        recorded = recording.wait_for_request(trace_id, ["Recorder0"])
        assert recorded.count(("Recorder0", "Dispose")) == 1
        assert recorded.count(("Recorder0", "OnBeginRequest")) == 1


@pytest.mark.parametrize("config_order, priorities, handler, event_order", [
    # The contract's example: priority beats configuration order.
    (["A", "B", "C"], {"A": "LOW", "C": "HIGH"}, "B", ["C", "B", "A"]),
    # All five aliases; C (explicit MEDIUM) and F (default) tie and keep configuration order.
    (["A", "B", "C", "D", "E", "F"],
     {"A": "LOW", "B": "FIRST", "C": "MEDIUM", "D": "LAST", "E": "HIGH"},
     "C", ["B", "E", "C", "F", "A", "D"]),
    # Ties: configuration order.
    (["X", "Y", "Z"], {}, "Y", ["X", "Y", "Z"]),
    (["P", "Q", "R"], {"P": "HIGH", "R": "HIGH"}, "R", ["P", "R", "Q"]),
], ids=["low-default-high", "all-aliases", "all-default", "two-high"])
def test_priorities_order_modules(lintel, recording, recorder_so, config_order, priorities,
                                  handler, event_order):
    server = start(lintel, recording, recorder_so, config_order, priorities, handler=handler)
    trace_id, reply = send(server)
    assert (reply.status, reply.body) == (200, b"recorded")

    recorded = recording.wait_for_request(trace_id, config_order)
    # expected_calls reverses the order for OnSendResponse and gives OnExecuteRequestHandler only
    # to the mapped module, while every module gets OnPostExecuteRequestHandler.
    assert_request_calls(recorded, config_order, expected_calls(event_order, handler))
    sends = [module for module, name in recorded if name == "OnSendResponse"]
    assert sends == list(reversed(event_order))
    executes = [module for module, name in recorded if name == "OnExecuteRequestHandler"]
    assert executes == [handler]
    post_executes = [module for module, name in recorded if name == "OnPostExecuteRequestHandler"]
    assert post_executes == event_order


def test_finish_request_skips_to_send_log_and_end(lintel, recording, recorder_so):
    modules = ["A", "B", "C"]
    server = start(lintel, recording, recorder_so, modules, handler="A")
    trace_id, reply = send(server, headers={"X-Finish-At": "B:OnAuthorizeRequest"})
    assert reply.status == 403
    assert reply.body != b"recorded"

    recorded = recording.wait_for_request(trace_id, modules)
    expected = expected_calls(modules, "A", finish_at=("B", "OnAuthorizeRequest"))
    assert_request_calls(recorded, modules, expected)
    # Spelled out: C's OnAuthorizeRequest, every OnPostAuthorizeRequest and everything else up to
    # the final send are skipped; send (reversed), log and end run for every module.
    tail = expected[expected.index(("B", "OnAuthorizeRequest")):]
    assert tail == [
        ("B", "OnAuthorizeRequest"),
        ("C", "OnSendResponse"), ("B", "OnSendResponse"), ("A", "OnSendResponse"),
        ("A", "OnLogRequest"), ("B", "OnLogRequest"), ("C", "OnLogRequest"),
        ("A", "OnPostLogRequest"), ("B", "OnPostLogRequest"), ("C", "OnPostLogRequest"),
        ("A", "OnEndRequest"), ("B", "OnEndRequest"), ("C", "OnEndRequest"),
        ("A", "OnPostEndRequest"), ("B", "OnPostEndRequest"), ("C", "OnPostEndRequest"),
    ]


def test_finish_request_in_handler_keeps_log_and_end(lintel, recording, recorder_so):
    server = start(lintel, recording, recorder_so, ["Recorder0"])
    trace_id, reply = send(server, headers={"X-Finish-At": "Recorder0:OnExecuteRequestHandler"})
    assert reply.status == 403

    recorded = recording.wait_for_request(trace_id, ["Recorder0"])
    expected = expected_calls(["Recorder0"], "Recorder0",
                              finish_at=("Recorder0", "OnExecuteRequestHandler"))
    assert_request_calls(recorded, ["Recorder0"], expected)


def test_flush_in_handler_raises_send_response_twice(lintel, recording, recorder_so):
    server = start(lintel, recording, recorder_so, ["Recorder0"])
    trace_id, reply = send(server, headers={"X-Flush-In-Handler": "1"})
    assert (reply.status, reply.body) == (200, b"recorded")

    recorded = recording.wait_for_request(trace_id, ["Recorder0"])
    assert recorded.count(("Recorder0", "OnSendResponse")) == 2
    assert_request_calls(recorded, ["Recorder0"],
                         expected_calls(["Recorder0"], "Recorder0", flush_in_handler=True))


def test_no_handler_match_is_404_without_execute(lintel, recording, recorder_so):
    server = start(lintel, recording, recorder_so, ["Recorder0"], handler_path="*.rec")

    _, matched = send(server, path="/page.rec")
    assert (matched.status, matched.body) == (200, b"recorded")

    trace_id, reply = send(server, path="/page.html")
    assert reply.status == 404
    recorded = recording.wait_for_request(trace_id, ["Recorder0"])
    assert_request_calls(recorded, ["Recorder0"], expected_calls(["Recorder0"], None))


def test_verb_mismatch_is_405_without_execute(lintel, recording, recorder_so):
    server = start(lintel, recording, recorder_so, ["Recorder0"], handler_verb="GET,HEAD")

    _, allowed = send(server, method="GET")
    assert (allowed.status, allowed.body) == (200, b"recorded")

    trace_id, reply = send(server, method="POST")
    assert reply.status == 405
    recorded = recording.wait_for_request(trace_id, ["Recorder0"])
    assert_request_calls(recorded, ["Recorder0"], expected_calls(["Recorder0"], None))
