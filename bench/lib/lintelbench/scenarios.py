"""The scenarios of issue 3, (a) to (h), and which servers take part in each."""

from __future__ import annotations

from dataclasses import dataclass

# Files of the benchmark site: key -> (file name, size in bytes). 13b.txt is "Hello, world\n", the
# same 13 bytes the limit server sends.
FILES = {
    "13b": ("13b.txt", 13),
    "4k": ("4k.bin", 4096),
    "1m": ("1m.bin", 1024 * 1024),
}


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    kind: str  # "wrk", "h2load" or "idle"
    servers: tuple[str, ...]  # in table order; Lintel's rows first
    file: str = "13b"
    connections: int = 64
    headers: tuple[str, ...] = ()
    latency: bool = False  # hold /dev/cpu_dma_latency at 0 and report p50/p99
    streams: int = 1  # h2load -m


_FILE_SERVERS = ("lintel", "nginx", "h2o", "lighttpd")

SCENARIOS = {
    s.key: s
    for s in (
        Scenario("a", "13-byte file, keep-alive, 64 connections", "wrk",
                 _FILE_SERVERS + ("limit",)),
        Scenario("b", "4 KiB file, keep-alive, 64 connections", "wrk", _FILE_SERVERS, file="4k"),
        Scenario("c", "1 MiB file, keep-alive, 64 connections (throughput)", "wrk", _FILE_SERVERS,
                 file="1m"),
        Scenario("d", "13-byte file, one connection, latency", "wrk", _FILE_SERVERS,
                 connections=1, latency=True),
        Scenario("e", "13-byte file, Connection: close, 16 connections", "wrk", _FILE_SERVERS,
                 connections=16, headers=("Connection: close",)),
        Scenario("f", "13-byte file, h2c prior knowledge, h2load -c64 -m10", "h2load",
                 _FILE_SERVERS, streams=10),
        Scenario("g", "native module answering from memory (hello.so, 19 bytes), 64 connections",
                 "wrk", ("lintel", "lintel-bare", "limit")),
        Scenario("h", "10,000 idle keep-alive connections: resident memory per connection",
                 "idle", ("lintel", "nginx")),
    )
}


def parse_scenarios(text: str) -> list[Scenario]:
    keys = [k.strip().lower() for k in text.split(",") if k.strip()]
    unknown = [k for k in keys if k not in SCENARIOS]
    if unknown:
        raise ValueError(f"unknown scenario(s) {', '.join(unknown)} (a-h)")
    # Run in the order of the issue, whatever order they were given in.
    return [SCENARIOS[k] for k in sorted(set(keys))]
