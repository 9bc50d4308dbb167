"""Helpers for Lintel's integration tests.

The tests run the real server binary against a configuration generated per test, on a free port,
and talk to it with real clients (http.client, raw sockets, curl). Stdlib only, plus pytest.

Environment (set by scripts/test; conftest.py lists the defaults used when running by hand):
    LINTEL_BIN, LINTEL_PREFIX, LINTEL_SDK_INCLUDE, LINTEL_TEST_MODULES, LINTEL_EXAMPLE_MODULES,
    LINTEL_SHARED
"""

from __future__ import annotations

import dataclasses
import http.client
import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence
from xml.sax.saxutils import quoteattr

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BUILD_DIR = REPO_ROOT / "build" / "debug"
DEFAULT_PREFIX = DEFAULT_BUILD_DIR / "install"  # the debug preset's install prefix

# Generous deadlines: they bound a hang, they never decide a pass. Every wait polls a condition.
START_DEADLINE_SECONDS = 10.0
STOP_DEADLINE_SECONDS = 5.0
IO_TIMEOUT_SECONDS = 5.0
POLL_INTERVAL_SECONDS = 0.01


# --------------------------------------------------------------------------------------------------
# Environment
# --------------------------------------------------------------------------------------------------

class LintelEnv:
    """Where the binary, the SDK headers, the modules and the shared folder are.

    A variable that is set is authoritative: when what it points to is missing, the test fails and
    names the variable. An unset variable falls back to the repository layout; for the module
    directories that fallback may compile the module from its source (see `_module`), so a hand run
    works before the build has those targets. `describe()` says how each value was resolved;
    conftest prints it in the pytest header.
    """

    def __init__(self, scratch_dir_factory: Callable[[], Path]) -> None:
        self.notes_: list[str] = []
        self.scratch_dir_factory_ = scratch_dir_factory
        self.scratch_dir_: Optional[Path] = None
        self.compiled_: dict[Path, Path] = {}

        prefix = os.environ.get("LINTEL_PREFIX")
        self.prefix_ = Path(prefix).absolute() if prefix else None
        self._note("LINTEL_PREFIX", prefix, "unset (only used to derive the defaults below)")

        binaries = [DEFAULT_BUILD_DIR / "src" / "main" / "lintel",
                    DEFAULT_BUILD_DIR / "src" / "lintel"]
        self.bin_ = self._resolve("LINTEL_BIN",
                                  next((b for b in binaries if b.exists()), binaries[0]))
        self.sdk_include_ = self._resolve(
            "LINTEL_SDK_INCLUDE",
            self.prefix_ / "include" / "lintel" if self.prefix_ else REPO_ROOT / "sdk" / "include")
        self.test_modules_ = self._resolve("LINTEL_TEST_MODULES",
                                           DEFAULT_BUILD_DIR / "tests" / "modules")
        self.example_modules_ = self._resolve(
            "LINTEL_EXAMPLE_MODULES",
            (self.prefix_ or DEFAULT_PREFIX) / "lib" / "lintel" / "modules")
        self.shared_ = self._resolve("LINTEL_SHARED", REPO_ROOT.parent / "shared")

    # -- resolution ------------------------------------------------------------------------------

    def _note(self, name: str, value: Optional[str], when_unset: str) -> None:
        self.notes_.append(f"{name}={value}" if value else f"{name} {when_unset}")

    def _resolve(self, name: str, default: Path) -> Path:
        value = os.environ.get(name)
        self._note(name, value, f"unset -> default {default}")
        return Path(value).absolute() if value else default  # the server runs in a scratch cwd

    def _is_set(self, name: str) -> bool:
        return bool(os.environ.get(name))

    def _origin(self, name: str) -> str:
        return name if self._is_set(name) else f"default for unset {name}"

    def describe(self) -> list[str]:
        return list(self.notes_)

    # -- accessors that fail clearly ---------------------------------------------------------------

    def binary(self) -> Path:
        if not self.bin_.is_file() or not os.access(self.bin_, os.X_OK):
            origin = self._origin("LINTEL_BIN")
            pytest.fail(f"server binary not found or not executable: {self.bin_} ({origin}); "
                        "build it or set LINTEL_BIN", pytrace=False)
        return self.bin_

    def sdk_include(self) -> Path:
        if not (self.sdk_include_ / "httpserv.h").is_file():
            origin = self._origin("LINTEL_SDK_INCLUDE")
            pytest.fail(f"no httpserv.h in {self.sdk_include_} ({origin})", pytrace=False)
        return self.sdk_include_

    def shared(self) -> Path:
        if not self.shared_.is_dir():
            origin = self._origin("LINTEL_SHARED")
            pytest.fail(f"shared folder not found: {self.shared_} ({origin})", pytrace=False)
        return self.shared_

    def test_module(self, name: str) -> Path:
        """The built `tests/modules/<name>.cpp`."""
        return self._module("LINTEL_TEST_MODULES", self.test_modules_, name,
                            REPO_ROOT / "tests" / "modules" / f"{name}.cpp")

    def example_module(self, name: str) -> Path:
        """The built `examples/modules/<name>/<name>.cpp`."""
        return self._module("LINTEL_EXAMPLE_MODULES", self.example_modules_, name,
                            REPO_ROOT / "examples" / "modules" / name / f"{name}.cpp")

    def _module(self, variable: str, directory: Path, name: str, source: Path) -> Path:
        built = directory / f"{name}.so"
        if built.is_file():
            return built
        if self._is_set(variable):
            pytest.fail(f"{variable}={directory} has no {name}.so", pytrace=False)
        # A hand run without a build of this module: compile it from its source instead.
        if source not in self.compiled_:
            if self.scratch_dir_ is None:
                self.scratch_dir_ = self.scratch_dir_factory_()
            output = self.scratch_dir_ / f"{name}.so"
            command = ["g++", "-std=c++17", "-shared", "-fPIC", "-Wall", "-Wextra", "-g",
                       "-I", str(self.sdk_include()), str(source), "-o", str(output)]
            result = subprocess.run(command, capture_output=True, text=True, timeout=120)
            if result.returncode != 0:
                pytest.fail(f"{variable} unset and {built} missing; compiling {source} failed:\n"
                            f"{' '.join(command)}\n{result.stderr}", pytrace=False)
            self.compiled_[source] = output
        return self.compiled_[source]


# --------------------------------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Handler:
    name: str
    modules: str
    path: str = "*"
    verb: str = "*"


@dataclasses.dataclass
class Config:
    path: Path
    text: str

    def line_of(self, needle: str, after: Optional[str] = None) -> int:
        """1-based number of the first line containing `needle` (after the first with `after`)."""
        lines = self.text.splitlines()
        start = 0
        if after is not None:
            start = next(i for i, line in enumerate(lines) if after in line) + 1
        for index in range(start, len(lines)):
            if needle in lines[index]:
                return index + 1
        raise AssertionError(f"{needle!r} not in generated config {self.path}")


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it; another process could still take it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def render_config(*, port: int, physical_path: Path, global_modules: Sequence[tuple[str, Path]],
                  modules: Optional[Sequence[str]] = None, handlers: Sequence[Handler] = (),
                  binding_information: Optional[str] = None) -> str:
    """applicationHost.config text, one element per line so tests can point at lines."""
    if modules is None:
        modules = [name for name, _ in global_modules]
    if binding_information is None:
        binding_information = f"127.0.0.1:{port}:"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<configuration>",
        "  <system.applicationHost>",
        "    <sites>",
        '      <site name="Test" id="1">',
        '        <application path="/">',
        f'          <virtualDirectory path="/" physicalPath={quoteattr(str(physical_path))} />',
        "        </application>",
        "        <bindings>",
        '          <binding protocol="http" '
        f'bindingInformation={quoteattr(binding_information)} />',
        "        </bindings>",
        "      </site>",
        "    </sites>",
        "  </system.applicationHost>",
        "  <system.webServer>",
        "    <globalModules>",
    ]
    lines += [f"      <add name={quoteattr(name)} image={quoteattr(str(image))} />"
              for name, image in global_modules]
    lines += ["    </globalModules>", "    <modules>"]
    lines += [f"      <add name={quoteattr(name)} />" for name in modules]
    lines += ["    </modules>", "    <handlers>"]
    lines += [f"      <add name={quoteattr(h.name)} path={quoteattr(h.path)} "
              f"verb={quoteattr(h.verb)} modules={quoteattr(h.modules)} />" for h in handlers]
    lines += ["    </handlers>", "  </system.webServer>", "</configuration>", ""]
    return "\n".join(lines)


def write_config(directory: Path, text: str, name: str = "applicationHost.config") -> Config:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return Config(path=path, text=text)


# --------------------------------------------------------------------------------------------------
# Server process
# --------------------------------------------------------------------------------------------------

class ServerStartError(AssertionError):
    pass


class LintelServer:
    """One `lintel --config` process. Output goes to files: a chatty server never blocks a pipe."""

    def __init__(self, binary: Path, config: Config, port: int, workdir: Path,
                 extra_env: Optional[dict[str, str]] = None, threads: Optional[int] = None) -> None:
        self.binary_ = binary
        self.config_ = config
        self.port_ = port
        self.workdir_ = workdir
        self.env_ = dict(os.environ)
        self.env_.update(extra_env or {})
        self.threads_ = threads
        self.process_: Optional[subprocess.Popen] = None
        self.stdout_path_ = workdir / f"lintel-{port}.stdout"
        self.stderr_path_ = workdir / f"lintel-{port}.stderr"
        self.returncode_: Optional[int] = None

    @property
    def port(self) -> int:
        return self.port_

    @property
    def pid(self) -> int:
        assert self.process_ is not None
        return self.process_.pid

    def command(self) -> list[str]:
        command = [str(self.binary_), "--config", str(self.config_.path)]
        if self.threads_ is not None:
            command += ["--threads", str(self.threads_)]
        return command

    def start(self) -> "LintelServer":
        with open(self.stdout_path_, "wb") as out, open(self.stderr_path_, "wb") as err:
            self.process_ = subprocess.Popen(self.command(), stdout=out, stderr=err, env=self.env_,
                                             cwd=self.workdir_, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + START_DEADLINE_SECONDS
        while True:
            code = self.process_.poll()
            if code is not None:
                self.returncode_ = code
                raise ServerStartError(
                    f"lintel exited with {code} before listening on port {self.port_}\n"
                    f"command: {' '.join(self.command())}\n--- stderr ---\n{self.stderr()}")
            if port_accepts(self.port_):
                return self
            if time.monotonic() > deadline:
                self.stop()
                raise ServerStartError(
                    f"lintel did not accept connections on port {self.port_} within "
                    f"{START_DEADLINE_SECONDS}s\n--- stderr ---\n{self.stderr()}")
            time.sleep(POLL_INTERVAL_SECONDS)

    def is_running(self) -> bool:
        return self.process_ is not None and self.process_.poll() is None

    def stop(self, sig: int = signal.SIGTERM) -> Optional[int]:
        """Signal, wait, then kill. Returns the exit code (negative: killed by that signal)."""
        if self.process_ is None:
            return None
        if self.process_.poll() is None:
            self.process_.send_signal(sig)
            try:
                self.process_.wait(timeout=STOP_DEADLINE_SECONDS)
            except subprocess.TimeoutExpired:
                self.process_.kill()
                self.process_.wait()
        self.returncode_ = self.process_.returncode
        return self.returncode_

    def stderr(self) -> str:
        try:
            return self.stderr_path_.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def stderr_size(self) -> int:
        try:
            return self.stderr_path_.stat().st_size
        except FileNotFoundError:
            return 0

    def wait_for_stderr_line(self, predicate: Callable[[str], bool], since: int = 0,
                             timeout: float = IO_TIMEOUT_SECONDS) -> Optional[str]:
        """First stderr line (from byte offset `since`) satisfying `predicate`; None on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            data = self.stderr_path_.read_bytes()[since:].decode("utf-8", errors="replace")
            for line in data.splitlines():
                if predicate(line):
                    return line
            if time.monotonic() > deadline:
                return None
            time.sleep(POLL_INTERVAL_SECONDS)


def port_accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def run_lintel(binary: Path, args: Sequence[str], env: Optional[dict[str, str]] = None,
               timeout: float = 10.0) -> subprocess.CompletedProcess:
    """Run lintel to completion: --version, --check, configurations that must fail to start."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    try:
        return subprocess.run([str(binary), *args], capture_output=True, text=True, env=full_env,
                              timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as expired:
        stderr = expired.stderr.decode(errors="replace") if expired.stderr else ""
        raise AssertionError(f"lintel {' '.join(args)} still running after {timeout}s (killed)\n"
                             f"--- stderr ---\n{stderr}") from None


# --------------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------------

def connection(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port, timeout=IO_TIMEOUT_SECONDS)


@dataclasses.dataclass
class Reply:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> Optional[str]:
        values = [value for key, value in self.headers if key.lower() == name.lower()]
        assert len(values) <= 1, f"header {name} appears {len(values)} times: {values}"
        return values[0] if values else None


def request(port: int, method: str, path: str = "/", headers: Optional[dict[str, str]] = None,
            body: Optional[bytes] = None) -> Reply:
    """One request on a fresh connection."""
    conn = connection(port)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return Reply(response.status, response.reason, response.getheaders(), data)
    finally:
        conn.close()


def _read_line(reader) -> bytes:
    line = reader.readline(65537)
    if not line:
        raise EOFError("connection closed while a response line was expected")
    if not line.endswith(b"\r\n"):
        raise AssertionError(f"response line not terminated by CRLF: {line!r}")
    return line[:-2]


def read_reply(reader, method: str) -> Reply:
    """Parse exactly one HTTP/1.x response from a buffered binary reader (socket.makefile('rb'))."""
    status_line = _read_line(reader).decode("latin-1")
    match = re.fullmatch(r"HTTP/1\.[01] (\d{3})(?: (.*))?", status_line)
    assert match, f"bad status line {status_line!r}"
    status, reason = int(match.group(1)), match.group(2) or ""
    headers: list[tuple[str, str]] = []
    while True:
        line = _read_line(reader).decode("latin-1")
        if not line:
            break
        name, sep, value = line.partition(":")
        assert sep, f"bad header line {line!r}"
        headers.append((name.strip(), value.strip()))
    reply = Reply(status, reason, headers, b"")
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        return reply
    transfer_encoding = (reply.header("Transfer-Encoding") or "").lower()
    if "chunked" in transfer_encoding:
        body = bytearray()
        while True:
            size_line = _read_line(reader).decode("latin-1")
            size = int(size_line.split(";", 1)[0], 16)
            if size == 0:
                while _read_line(reader):  # trailers end with an empty line
                    pass
                break
            body += reader.read(size)
            assert _read_line(reader) == b"", "chunk not followed by CRLF"
        reply.body = bytes(body)
    elif reply.header("Content-Length") is not None:
        length = int(reply.header("Content-Length"))
        reply.body = reader.read(length)
        assert len(reply.body) == length, f"body cut short: {len(reply.body)} of {length} bytes"
    else:
        reply.body = reader.read()
    return reply


class RawConnection:
    """A plain socket for exact control of the bytes sent (pipelining, odd framing)."""

    def __init__(self, port: int) -> None:
        self.sock_ = socket.create_connection(("127.0.0.1", port), timeout=IO_TIMEOUT_SECONDS)
        self.reader_ = self.sock_.makefile("rb")

    def send(self, data: bytes) -> None:
        self.sock_.sendall(data)

    def read_reply(self, method: str) -> Reply:
        return read_reply(self.reader_, method)

    def at_eof(self) -> bool:
        """True if the server closed the connection gracefully (FIN, not RST). Waits up to the IO
        timeout for a byte or EOF."""
        try:
            return self.reader_.peek(1) == b""
        except (ConnectionResetError, socket.timeout):
            return False

    def close(self) -> None:
        self.reader_.close()
        self.sock_.close()

    def __enter__(self) -> "RawConnection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def raw_request(method: str, path: str, headers: Iterable[tuple[str, str]] = (),
                body: bytes = b"") -> bytes:
    """Request bytes with Host and (when there is a body) Content-Length filled in."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{name}: {value}" for name, value in headers]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def split_curl_output(output: bytes) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-cased names) and body of `curl -i` output (one response)."""
    head, sep, body = output.partition(b"\r\n\r\n")
    assert sep, f"curl output has no header/body separator: {output[:200]!r}"
    lines = head.decode("latin-1").split("\r\n")
    match = re.match(r"HTTP/[\d.]+ (\d{3})", lines[0])
    assert match, f"bad curl status line {lines[0]!r}"
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(match.group(1)), headers, body


# --------------------------------------------------------------------------------------------------
# Misc
# --------------------------------------------------------------------------------------------------

def wait_until(condition: Callable[[], bool], timeout: float = IO_TIMEOUT_SECONDS) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(POLL_INTERVAL_SECONDS)
    return True


def exported_symbols(shared_object: Path) -> set[str]:
    """Names of the defined dynamic symbols of a .so (`nm -D --defined-only`)."""
    result = subprocess.run(["nm", "-D", "--defined-only", str(shared_object)], capture_output=True,
                            text=True, check=True)
    return {line.split()[-1] for line in result.stdout.splitlines() if line.strip()}
