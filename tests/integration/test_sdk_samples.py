"""The SDK samples (sdk/samples/*.cpp, globbed when the tests are collected, so a new sample is
covered without touching this file): each compiles with the plain g++ line module authors use and
exports RegisterModule; all of them load together into one server, `--check` accepts that
configuration, and each known sample does what its header comment promises.

The samples that only change headers or connection handling need a handler that does not Clear() the
response: tests/modules/api_probe.cpp ("Probe") is mapped to every path the samples do not own, and
its reqheader/status actions make the request-side effects visible.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import api_helpers as api
import lintel_harness as harness

SAMPLES_DIR = harness.REPO_ROOT / "sdk" / "samples"
SAMPLES = sorted(SAMPLES_DIR.glob("*.cpp"))

HELLO_BODY = b"Hello from a native IIS module running on Lintel.\n"
PROBE = "Probe"


def sample_names() -> list[str]:
    return [source.stem for source in SAMPLES]


def compile_command(stem: str, sdk_include: Path) -> list[str]:
    # Exactly the line a module author types: no -Wall, no -D, no extra include path.
    return ["g++", "-std=c++17", "-shared", "-fPIC", "-I", str(sdk_include), f"{stem}.cpp",
            "-o", f"{stem}.so"]


class CompiledSamples:
    """Every sample compiled once per session into one temporary directory."""

    def __init__(self, directory: Path, sdk_include: Path) -> None:
        self.directory_ = directory
        self.results_: dict[str, subprocess.CompletedProcess] = {}
        for source in SAMPLES:
            shutil.copyfile(source, directory / source.name)
            command = compile_command(source.stem, sdk_include)
            self.results_[source.stem] = subprocess.run(command, cwd=directory, capture_output=True,
                                                        text=True, timeout=180)

    def image(self, stem: str) -> Path:
        result = self.results_[stem]
        assert result.returncode == 0, \
            f"{' '.join(result.args)} failed (in {self.directory_}):\n{result.stderr}"
        return self.directory_ / f"{stem}.so"

    def all_images(self) -> list[tuple[str, Path]]:
        return [(stem, self.image(stem)) for stem in self.results_]


@pytest.fixture(scope="session")
def compiled_samples(lintel_env, tmp_path_factory) -> CompiledSamples:
    return CompiledSamples(tmp_path_factory.mktemp("sdk-samples"), lintel_env.sdk_include())


def test_samples_exist():
    # The glob must find something: an empty list would make every sample test vanish silently.
    assert SAMPLES, f"no samples in {SAMPLES_DIR}"
    for expected in ("hello_handler", "request_headers", "send_response_flags", "async_read_body"):
        assert expected in sample_names(), f"sample {expected}.cpp missing from {SAMPLES_DIR}"


@pytest.mark.parametrize("stem", sample_names())
def test_sample_compiles_and_exports_register_module(compiled_samples, stem):
    image = compiled_samples.image(stem)
    result = subprocess.run(["nm", "-D", str(image)], capture_output=True, text=True, check=True)
    exported = [line for line in result.stdout.splitlines()
                if re.fullmatch(r"\s*[0-9a-fA-F]*\s+T\s+RegisterModule", line)]
    assert exported, f"nm -D {image} shows no 'T RegisterModule':\n{result.stdout}"


# --------------------------------------------------------------------------------------------------
# All samples in one server
# --------------------------------------------------------------------------------------------------

def samples_config(lintel, lintel_env, compiled_samples) -> tuple[harness.Config, int]:
    """Every sample under its own name in <globalModules> and <modules>, plus the probe. Handlers,
    first match wins: hello_handler answers "greet", async_read_body answers POST "count", the probe
    the rest."""
    images = compiled_samples.all_images()
    names = [name for name, _ in images]
    handlers = []
    if "hello_handler" in names:
        handlers.append(harness.Handler("SampleHello", "hello_handler", path="greet"))
    if "async_read_body" in names:
        handlers.append(harness.Handler("SampleBodyCounter", "async_read_body", path="count",
                                        verb="POST"))
    handlers.append(harness.Handler("ProbeHandler", PROBE))
    probe = (PROBE, lintel_env.test_module(api.PROBE_MODULE))
    return lintel.config(global_modules=images + [probe], handlers=handlers)


@pytest.fixture
def samples_server(lintel, lintel_env, compiled_samples) -> harness.LintelServer:
    config, port = samples_config(lintel, lintel_env, compiled_samples)
    return lintel.start(config, port)


def need(stem: str) -> None:
    if stem not in sample_names():
        pytest.skip(f"sample {stem}.cpp is not in {SAMPLES_DIR}")


def probe_report(port: int, path: str, headers=None,
                 method: str = "GET") -> tuple[harness.Reply, dict]:
    reply = harness.request(port, method, path, headers=headers)
    assert reply.status == 200, \
        f"{method} {path}: {reply.status} {reply.reason} {reply.body[:200]!r}"
    return reply, api.parse_report(reply.body)


def test_check_accepts_all_samples(lintel, lintel_env, lintel_bin, compiled_samples):
    config, port = samples_config(lintel, lintel_env, compiled_samples)
    result = harness.run_lintel(lintel_bin, ["--config", str(config.path), "--check"])
    assert result.returncode == 0, f"--check rejected the samples:\n{result.stderr}"
    assert not harness.port_accepts(port), "--check left something listening"


def test_all_samples_load_and_serve(samples_server):
    # Starting is the first half of the test (the fixture); a plain request must then get through
    # the whole stack of samples.
    reply, report = probe_report(samples_server.port, "/probe/hello")
    assert report.get("hello") == "1", report


def test_hello_handler_answers_its_path(samples_server):
    need("hello_handler")
    reply = harness.request(samples_server.port, "GET", "/greet")
    assert reply.status == 200, reply
    assert reply.body == HELLO_BODY
    assert reply.header("Content-Type") == "text/plain; charset=utf-8"
    assert reply.header("Content-Length") == str(len(HELLO_BODY))


def test_request_headers_tags_the_original_method(samples_server):
    need("request_headers")
    for method in ("GET", "DELETE"):
        _, report = probe_report(samples_server.port, "/probe/reqheader?name=X-Original-Method",
                                 method=method)
        assert report.get("byname") == method, f"{method}: {report}"


def test_request_headers_strips_a_forged_internal_header(samples_server):
    need("request_headers")
    _, report = probe_report(samples_server.port, "/probe/reqheader?name=X-Internal-Auth",
                             headers={"X-Internal-Auth": "admin"})
    # The probe writes a key without '=' when GetHeader returned NULL.
    assert "byname" in report and report["byname"] is None, \
        f"X-Internal-Auth reached the handler: {report}"


@pytest.mark.parametrize("user_agent", [None, "lintel-sample-test/1.0 (x86_64)"])
def test_request_headers_reports_user_agent_length(samples_server, user_agent):
    need("request_headers")
    headers = {"User-Agent": user_agent} if user_agent is not None else {}
    reply, _ = probe_report(samples_server.port, "/probe/hello", headers=headers)
    expected = str(len(user_agent)) if user_agent is not None else "0"
    assert reply.header("X-Seen-User-Agent-Length") == expected


def test_global_prebegin_numbers_requests(samples_server):
    need("global_prebegin")
    numbers = []
    for _ in range(3):
        reply, _ = probe_report(samples_server.port, "/probe/hello")
        value = reply.header("X-Request-Sequence")
        assert value is not None and value.isdigit(), f"X-Request-Sequence {value!r}"
        numbers.append(int(value))
    assert numbers == list(range(numbers[0], numbers[0] + 3)), numbers
    assert numbers[0] >= 1


def test_module_context_reports_the_stages(samples_server):
    need("module_context")
    reply, _ = probe_report(samples_server.port, "/probe/hello")
    assert reply.header("X-Stages-Seen") == "BeginRequest,AuthorizeRequest,PreExecuteRequestHandler"


def test_send_response_flags_closes_after_5xx_only(samples_server):
    need("send_response_flags")
    with api.Wire(samples_server.port) as wire:
        # A 2xx keeps the connection: a second request on it is answered.
        for _ in range(2):
            wire.send(harness.raw_request("GET", "/probe/status?code=200&reason=Fine"))
            assert wire.read_reply("GET").status == 200
        wire.send(harness.raw_request("GET", "/probe/status?code=503&reason=Busy"))
        reply = wire.read_reply("GET")
        assert reply.status == 503
        ending = wire.ending()
        assert ending == "eof", \
            f"the sample asked for a disconnect after a 5xx; connection {ending}"


@pytest.mark.parametrize("size", [0, 1, 5000, 300_000])
def test_async_read_body_counts_the_body(samples_server, size):
    need("async_read_body")
    body = bytes(i % 251 for i in range(size))
    reply = harness.request(samples_server.port, "POST", "/count", body=body,
                            headers={"Content-Type": "application/octet-stream"})
    assert reply.status == 200, reply
    assert reply.body == f"received {size} bytes\n".encode()
    assert reply.header("Content-Type") == "text/plain"


def test_async_read_body_counts_a_chunked_body(samples_server):
    need("async_read_body")
    pieces = [b"a" * 1000, b"b" * 20_000, b"c" * 7]
    with api.Wire(samples_server.port) as wire:
        head = ("POST /count HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces)
        wire.send(head.encode() + chunks + b"0\r\n\r\n")
        reply = wire.read_reply("POST")
    assert reply.status == 200, reply
    assert reply.body == f"received {sum(map(len, pieces))} bytes\n".encode()
