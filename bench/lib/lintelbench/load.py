"""Load generation and checks: curl before measuring, wrk and h2load runs, idle connections (h)."""

from __future__ import annotations

import json
import math
import re
import resource
import socket
import subprocess
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

from . import procstat
from .scenarios import Scenario
from .servers import Layout, Server, Target

WRK_SCRIPT = Path(__file__).resolve().parents[1] / "wrk_report.lua"


@dataclass
class Check:
    ok: bool
    detail: str
    status: int = 0
    length: int = 0


def check(target: Target, scenario: Scenario) -> Check:
    """One request with curl: the status and body length must be what the scenario expects."""
    command = ["curl", "-s", "-o", "/dev/null", "--max-time", "10",
               "-w", "%{http_code} %{size_download} %{http_version}"]
    if target.http2:
        command.append("--http2-prior-knowledge")
    for header in scenario.headers:
        command += ["-H", header]
    command.append(target.url)
    result = subprocess.run(command, capture_output=True, text=True)
    parts = result.stdout.split()
    if result.returncode != 0 or len(parts) != 3:
        return Check(False, f"curl failed (exit {result.returncode}) for {target.url}")
    status, length, version = int(parts[0]), int(parts[1]), parts[2]
    want_length = "any" if target.length is None else str(target.length)
    detail = (f"{target.url}: got {status}, {length} bytes, HTTP/{version}; "
              f"want {target.status}, {want_length} bytes")
    ok = status == target.status and (target.length is None or length == target.length)
    if target.http2 and version != "2":
        ok = False
    return Check(ok, detail, status, length)


@dataclass
class Sample:
    """One measured run of one server on one scenario."""

    layout: str
    round: int  # 1-based; samples of the same round were measured back to back
    scenario: str
    server: str
    requests: int = 0
    duration_s: float = 0.0
    rps: float = 0.0
    bytes: int = 0
    server_cpu_s: float = 0.0
    req_per_cpu_s: Optional[float] = None
    client_cpu_s: float = 0.0
    other_cpu_percent: Optional[float] = None  # not measured for (h)
    p50_us: Optional[float] = None
    p90_us: Optional[float] = None
    p99_us: Optional[float] = None
    p999_us: Optional[float] = None
    errors: dict = field(default_factory=dict)
    error_count: int = 0
    dma_latency_held: Optional[bool] = None
    # (h) only
    connections: Optional[int] = None
    rss_before_kib: Optional[int] = None
    rss_after_kib: Optional[int] = None
    bytes_per_connection: Optional[float] = None
    sockets_added: Optional[int] = None
    failure: Optional[str] = None
    command: list = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def _seconds_arg(value: float) -> str:
    # wrk takes whole seconds ("2s"); round up so a warm-up is never skipped.
    return f"{max(1, math.ceil(value))}s"


def load_command(scenario: Scenario, target: Target, layout: Layout, duration: float) -> list[str]:
    threads = max(1, min(layout.client_threads, scenario.connections))
    if scenario.kind == "h2load":
        command = ["h2load", "-c", str(scenario.connections), "-m", str(scenario.streams),
                   "-t", str(threads), "-D", str(max(1, math.ceil(duration))), target.url]
    else:
        command = ["wrk", "-t", str(threads), "-c", str(scenario.connections),
                   "-d", _seconds_arg(duration), "--timeout", "5s", "-s", str(WRK_SCRIPT)]
        for header in scenario.headers:
            command += ["-H", header]
        command.append(target.url)
    if layout.client_cpus is not None:
        command = ["taskset", "-c", layout.client_cpus] + command
    return command


def _parse_wrk(output: str) -> dict:
    for line in output.splitlines():
        if line.startswith("LINTEL_BENCH "):
            return json.loads(line[len("LINTEL_BENCH "):])
    raise ValueError("wrk printed no LINTEL_BENCH line:\n" + output[-2000:])


_H2LOAD_FINISHED = re.compile(r"finished in ([\d.]+)(m?s)")
_H2LOAD_REQUESTS = re.compile(
    r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, "
    r"(\d+) errored, (\d+) timeout")
_H2LOAD_STATUS = re.compile(r"status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx")
_H2LOAD_TRAFFIC = re.compile(r"traffic: [\d.]+\w* \((\d+)\) total")


def _parse_h2load(output: str) -> dict:
    finished = _H2LOAD_FINISHED.search(output)
    requests = _H2LOAD_REQUESTS.search(output)
    status = _H2LOAD_STATUS.search(output)
    if not (finished and requests and status):
        raise ValueError("cannot read h2load's summary:\n" + output[-2000:])
    seconds = float(finished.group(1)) / (1000.0 if finished.group(2) == "ms" else 1.0)
    traffic = _H2LOAD_TRAFFIC.search(output)
    return {
        "requests": int(requests.group(4)),
        "duration_us": int(seconds * 1e6),
        "bytes": int(traffic.group(1)) if traffic else 0,
        "failed": int(requests.group(5)),
        "errored": int(requests.group(6)),
        "timeouts": int(requests.group(7)),
        "status_errors": int(status.group(3)) + int(status.group(4)),
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(server: Server, target: Target, scenario: Scenario, layout: Layout, round_index: int,
            duration: float, warmup: float, dma_held: Optional[bool]) -> Sample:
    """One warm-up (discarded) and one measured run of the load generator against `server`.

    Server CPU is read from /proc before and after the measured run only; the load generator's CPU
    comes from the rusage of reaped children, which over that window is the load generator alone.
    """
    sample = Sample(layout.name, round_index + 1, scenario.key, server.key,
                    dma_latency_held=dma_held)
    if not server.alive():
        sample.failure = "server is not running"
        return sample
    if warmup > 0:
        subprocess.run(load_command(scenario, target, layout, warmup), capture_output=True,
                       text=True, timeout=warmup + 60)
    command = load_command(scenario, target, layout, duration)
    sample.command = command
    pids = server.pids()
    cpu_before = procstat.cpu_seconds(pids)
    system_before = procstat.SystemCpu.read()
    client_before = _children_cpu()
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    client_cpu = _children_cpu() - client_before
    system_after = procstat.SystemCpu.read()
    cpu_after = procstat.cpu_seconds(pids)
    if result.returncode != 0:
        sample.failure = (f"{command[0]} exited with {result.returncode}: "
                          + (result.stderr or result.stdout)[-500:])
        return sample
    try:
        data = _parse_h2load(result.stdout) if scenario.kind == "h2load" else \
            _parse_wrk(result.stdout)
    except ValueError as e:
        sample.failure = str(e)
        return sample

    sample.requests = data["requests"]
    sample.duration_s = data["duration_us"] / 1e6
    sample.rps = sample.requests / sample.duration_s if sample.duration_s > 0 else 0.0
    sample.bytes = data["bytes"]
    sample.server_cpu_s = cpu_after - cpu_before
    if sample.server_cpu_s > 0:
        sample.req_per_cpu_s = sample.requests / sample.server_cpu_s
    sample.client_cpu_s = client_cpu
    sample.other_cpu_percent = procstat.other_cpu_percent(
        system_before, system_after, sample.server_cpu_s + client_cpu)
    if scenario.kind == "h2load":
        sample.errors = {k: data[k] for k in ("failed", "errored", "timeouts", "status_errors")}
    else:
        sample.errors = {k: data[k] for k in ("connect_errors", "read_errors", "write_errors",
                                              "timeouts", "status_errors")}
        for key in ("p50_us", "p90_us", "p99_us", "p999_us"):
            setattr(sample, key, float(data[key]))
    # A non-2xx answer is only an error where a 2xx was expected (the bare pipeline's 404 is not).
    counted = dict(sample.errors)
    if target.status >= 300:
        counted.pop("status_errors", None)
    sample.error_count = sum(counted.values())
    if sample.requests == 0:
        sample.failure = "no request completed"
    return sample


def _read_response(sock: socket.socket) -> int:
    """Reads one response with a Content-Length body; returns its status."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed before the response head")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed in the response body")
        body += chunk
    return status


def measure_idle(server: Server, target: Target, layout: Layout, round_index: int,
                 count: int, settle: float = 0.5) -> Sample:
    """(h): resident memory the server spends per idle keep-alive connection.

    Each connection makes one request first, so the server has set it up completely (buffers,
    per-connection state) and then holds it idle in keep-alive. Connections are opened one after
    another: on loopback that is fast enough (a few seconds for 10,000) and never overflows a
    backlog. The per-connection cost is (RSS after - RSS before) / count, summed over every
    process of the server.
    """
    sample = Sample(layout.name, round_index + 1, "h", server.key, connections=count)
    request = (f"GET {target.path} HTTP/1.1\r\nHost: 127.0.0.1:{target.port}\r\n"
               f"User-Agent: lintel-bench\r\n\r\n").encode()
    # Warm the server with one request, so that lazily built state is in "before".
    with socket.create_connection(("127.0.0.1", target.port), timeout=5) as s:
        s.sendall(request)
        _read_response(s)
    time.sleep(settle)
    pids = server.pids()
    sample.rss_before_kib = procstat.rss_kib(pids)
    sockets_before = procstat.socket_count(pids)
    held: list[socket.socket] = []
    try:
        for _ in range(count):
            s = socket.create_connection(("127.0.0.1", target.port), timeout=5)
            held.append(s)
            s.sendall(request)
            status = _read_response(s)
            if status != target.status:
                sample.failure = f"a connection got status {status}, want {target.status}"
                return sample
        time.sleep(settle)
        pids = server.pids()
        sample.rss_after_kib = procstat.rss_kib(pids)
        sample.sockets_added = procstat.socket_count(pids) - sockets_before
        sample.bytes_per_connection = \
            (sample.rss_after_kib - sample.rss_before_kib) * 1024.0 / count
        if sample.sockets_added < count * 0.99:
            sample.failure = (f"the server holds only {sample.sockets_added} more sockets after "
                              f"{count} connections")
    except OSError as e:
        sample.failure = f"after {len(held)} connections: {e}"
    finally:
        for s in held:
            s.close()
    return sample
