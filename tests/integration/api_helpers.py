"""Helpers for the API integration tests built on tests/modules/api_probe.cpp.

The probe is the mapped handler; it picks an action from the URL ("/probe/<action>?...") and
answers with a report, one "key=value" line per observation (see the comment at the top of
api_probe.cpp). What happens after the handler (OnSendResponse, post-events, LOG/END, Dispose,
CleanupStoredContext) goes to an event log file, one "<probe-id> <event> ..." line each, for
requests that carry an X-Probe-Id header.
"""

from __future__ import annotations

import dataclasses
import re
import socket
import time
import uuid
from pathlib import Path
from typing import Optional, Sequence
from urllib.parse import quote

import lintel_harness as harness

PROBE_MODULE = "api_probe"
PROBE_NAME = "Probe"
PEER_NAME = "Peer"
LOG_VARIABLE = "API_PROBE_LOG"

# HRESULTs the tests compare with (HRESULT_FROM_WIN32(code) = 0x80070000 | code).
S_OK = 0x00000000
HR_HANDLE_EOF = 0x80070026           # ERROR_HANDLE_EOF (38)
HR_INSUFFICIENT_BUFFER = 0x8007007A  # ERROR_INSUFFICIENT_BUFFER (122)
HR_INVALID_INDEX = 0x80070585        # ERROR_INVALID_INDEX (1413)

HTTP_SEND_RESPONSE_FLAG_DISCONNECT = 0x1
HTTP_SEND_RESPONSE_FLAG_MORE_DATA = 0x2

RQ_EXECUTE_REQUEST_HANDLER = 0x80


# --------------------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------------------

_ESCAPE = re.compile(rb"%([0-9A-Fa-f]{2})")


def parse_report(body: bytes) -> dict[str, Optional[str]]:
    """The probe's "key=value" lines as a dict; a key whose API result was NULL maps to None."""
    report: dict[str, Optional[str]] = {}
    for line in body.split(b"\n"):
        if not line:
            continue
        key, sep, value = line.partition(b"=")
        name = key.decode("latin-1")
        if not sep:
            report[name] = None
            continue
        report[name] = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), value).decode("latin-1")
    return report


def hr(report: dict[str, Optional[str]], key: str) -> int:
    value = report.get(key)
    assert value is not None, f"report has no {key!r}: {report}"
    return int(value, 16)


def fnv1a64(data: bytes) -> str:
    """The probe's body digest (FNV-1a, 64 bit), as the 16 hex digits it reports."""
    value = 0xcbf29ce484222325
    for byte in data:
        value ^= byte
        value = (value * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def comma_parts(value: Optional[str]) -> list[str]:
    """A comma-joined header value as its parts (spaces around the commas do not matter)."""
    assert value is not None, "header missing"
    return [part.strip() for part in value.split(",")]


def joined_header(reply: harness.Reply, name: str) -> Optional[str]:
    """All values of a response header joined with ", " (one field or several lines: the same)."""
    values = [value for key, value in reply.headers if key.lower() == name.lower()]
    return ", ".join(values) if values else None


def query(**params: object) -> str:
    """A query string whose values are percent-encoded for the probe (which decodes %XX)."""
    return "&".join(f"{key}={quote(str(value), safe='')}" for key, value in params.items())


def new_probe_id() -> str:
    return uuid.uuid4().hex[:12]


# --------------------------------------------------------------------------------------------------
# The event log
# --------------------------------------------------------------------------------------------------

class ProbeLog:
    """The probe's event log: "<id> <event> [key=value ...]" lines."""

    def __init__(self, path: Path) -> None:
        self.path_ = path

    @property
    def path(self) -> Path:
        return self.path_

    def events(self, probe_id: str) -> list[list[str]]:
        """Every line of one request as its words after the id, in file order."""
        try:
            text = self.path_.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return []
        lines = []
        for line in text.splitlines():
            words = line.split()
            if len(words) >= 2 and words[0] == probe_id:
                lines.append(words[1:])
        return lines

    def names(self, probe_id: str) -> list[str]:
        return [words[0] for words in self.events(probe_id)]

    def wait_for(self, probe_id: str, event: str,
                 timeout: float = harness.IO_TIMEOUT_SECONDS) -> bool:
        """Polls until `event` appears for `probe_id`; the deadline only bounds a hang."""
        return harness.wait_until(lambda: event in self.names(probe_id), timeout)

    def wait_for_words(self, probe_id: str, words: Sequence[str],
                       timeout: float = harness.IO_TIMEOUT_SECONDS) -> bool:
        target = list(words)
        return harness.wait_until(lambda: target in self.events(probe_id), timeout)


def send_events(log: ProbeLog, probe_id: str) -> list[dict[str, str]]:
    """The OnSendResponse lines of one request as {"flags": int-as-str, "headers": "0"/"1"}."""
    return [dict(word.split("=", 1) for word in words[1:] if "=" in word)
            for words in log.events(probe_id) if words[0] == "send"]


# --------------------------------------------------------------------------------------------------
# Servers running the probe
# --------------------------------------------------------------------------------------------------

@dataclasses.dataclass
class ProbeServer:
    server: harness.LintelServer
    port: int
    site_dir: Path
    log: ProbeLog
    workdir: Path

    def request(self, method: str, path: str, headers: Optional[dict[str, str]] = None,
                body: Optional[bytes] = None) -> harness.Reply:
        return harness.request(self.port, method, path, headers, body)

    def report(self, path: str, headers: Optional[dict[str, str]] = None, method: str = "GET",
               body: Optional[bytes] = None, status: int = 200) -> dict[str, Optional[str]]:
        """One request whose reply must have `status`; its body parsed as a report."""
        reply = self.request(method, path, headers, body)
        assert reply.status == status, (f"{method} {path}: expected {status}, got {reply.status} "
                                        f"{reply.reason!r}; body {reply.body[:300]!r}")
        return parse_report(reply.body)

    def host(self) -> str:
        """The Host header http.client sends to this server."""
        return f"127.0.0.1:{self.port}"


def start_probe(lintel, lintel_env, *, handlers: Optional[Sequence[harness.Handler]] = None,
                peer: bool = False, modules: Optional[Sequence[str]] = None) -> ProbeServer:
    """Starts lintel with the probe (and optionally the peer); by default the probe handles "*"."""
    image = lintel_env.test_module(PROBE_MODULE)
    global_modules = [(PROBE_NAME, image)]
    if peer:
        global_modules.append((PEER_NAME, image))
    if handlers is None:
        handlers = [harness.Handler("ProbeHandler", PROBE_NAME)]
    config, port = lintel.config(global_modules=global_modules, modules=modules, handlers=handlers)
    log_path = config.path.parent / "probe-events.log"
    server = lintel.start(config, port, env={LOG_VARIABLE: str(log_path)})
    return ProbeServer(server=server, port=port, site_dir=lintel.site_dir, log=ProbeLog(log_path),
                       workdir=config.path.parent)


# --------------------------------------------------------------------------------------------------
# Raw sockets
# --------------------------------------------------------------------------------------------------

class Wire:
    """A client socket: exact bytes out, HTTP/1.x responses in (the harness's read_reply), and a
    way to tell how the server ended the connection."""

    def __init__(self, port: int) -> None:
        self.sock_ = socket.create_connection(("127.0.0.1", port),
                                              timeout=harness.IO_TIMEOUT_SECONDS)
        self.reader_ = self.sock_.makefile("rb")

    @property
    def sock(self) -> socket.socket:
        return self.sock_

    def send(self, data: bytes) -> None:
        self.sock_.sendall(data)

    def read_reply(self, method: str) -> harness.Reply:
        return harness.read_reply(self.reader_, method)

    def ending(self, timeout: float = harness.IO_TIMEOUT_SECONDS) -> str:
        """After the last expected response: "eof" (graceful close), "reset", "data" (more bytes
        came: not closed) or "open" (nothing within the deadline: not closed either)."""
        self.sock_.settimeout(timeout)
        try:
            return "eof" if self.reader_.peek(1) == b"" else "data"
        except ConnectionResetError:
            return "reset"
        except socket.timeout:
            return "open"

    def close(self) -> None:
        self.reader_.close()
        self.sock_.close()

    def __enter__(self) -> "Wire":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read_until_close(sock: socket.socket, limit: int = 1 << 20,
                     timeout: float = harness.IO_TIMEOUT_SECONDS) -> tuple[bytes, str]:
    """Everything the peer sends until it closes; how is "eof", "reset", "timeout" or "limit"."""
    sock.settimeout(timeout)
    data = bytearray()
    while len(data) < limit:
        try:
            piece = sock.recv(65536)
        except ConnectionResetError:
            return bytes(data), "reset"
        except socket.timeout:
            return bytes(data), "timeout"
        if not piece:
            return bytes(data), "eof"
        data += piece
    return bytes(data), "limit"


def read_at_least(sock: socket.socket, count: int,
                  timeout: float = harness.IO_TIMEOUT_SECONDS) -> bytes:
    """At least `count` bytes, or fewer if the peer closes first or the deadline passes."""
    deadline = time.monotonic() + timeout
    data = bytearray()
    while len(data) < count:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        sock.settimeout(remaining)
        try:
            piece = sock.recv(65536)
        except (socket.timeout, ConnectionResetError):
            break
        if not piece:
            break
        data += piece
    return bytes(data)
