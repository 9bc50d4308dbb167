"""Request bodies beyond the preload stay on the connection and are read on demand (issue "Asynchronous I/O").

IIS preloads 48 KiB (uploadReadAheadSize) before the pipeline starts; a module reads the rest with
ReadEntityBody. A synchronous read that has to wait for the client suspends only that request: with one loop,
other clients are still served meanwhile.
"""
from __future__ import annotations

import hashlib
import socket

import api_helpers as api
import lintel_harness as harness


def fnv1a(data: bytes) -> str:
    value = 0xcbf29ce484222325
    for byte in data:
        value ^= byte
        value = (value * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def start_single_loop_probe(lintel, lintel_env):
    image = lintel_env.test_module(api.PROBE_MODULE)
    config, port = lintel.config(global_modules=[(api.PROBE_NAME, image)],
                                 handlers=[harness.Handler("ProbeHandler", api.PROBE_NAME)])
    return lintel.start(config, port, threads=1), port


def test_sync_read_waiting_for_a_slow_client_does_not_stall_the_loop(lintel, lintel_env):
    server, port = start_single_loop_probe(lintel, lintel_env)
    body = bytes((i * 7 + 3) % 256 for i in range(200_000))
    slow = socket.create_connection(("127.0.0.1", port), timeout=5)
    head = (f"POST /probe/read?buf=8192 HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    slow.sendall(head + body[:60_000])  # the preload is satisfied; the module's reads then wait for more

    # While the slow client's request waits inside a synchronous ReadEntityBody, the only loop serves others.
    for n in range(5):
        reply = harness.request(port, "GET", f"/probe/hello?n={n}")
        assert reply.status == 200 and api.parse_report(reply.body)["n"] == str(n)

    slow.sendall(body[60_000:])
    data = api.read_at_least(slow, 1)
    slow.settimeout(5)
    while b"\r\n\r\n" not in data or len(data) < data.index(b"\r\n\r\n") + 4 + 10:
        more = slow.recv(65536)
        if not more:
            break
        data += more
    text = data.decode("latin-1")
    assert text.startswith("HTTP/1.1 200"), text[:200]
    report = api.parse_report(data[data.index(b"\r\n\r\n") + 4:])
    assert report["length"] == str(len(body)), report
    assert report["fnv"] == fnv1a(body), "the body must arrive intact across preload and wire reads"
    assert api.hr(report, "last_hr") == 0x80070026, "the loop ends with ERROR_HANDLE_EOF"
    slow.close()


def test_cancel_io_aborts_a_pending_read_once(lintel, lintel_env):
    probe = api.start_probe(lintel, lintel_env)
    sock = socket.create_connection(("127.0.0.1", probe.port), timeout=5)
    sock.sendall(b"POST /probe/cancelread HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + b"a" * 49152)
    data, how = api.read_until_close(sock, timeout=5)
    sock.close()
    body = data[data.index(b"\r\n\r\n") + 4:]
    # The body is chunked (written in two parts); the report lines are readable either way.
    text = body.decode("latin-1")
    assert "pending=1" in text, text
    assert "cancel_hr=0x00000000" in text, text
    assert text.count("phase=completion") == 1, f"exactly one completion: {text}"
    assert "completion_status=0x800703e3" in text, f"ERROR_OPERATION_ABORTED expected: {text}"
    assert how in ("eof", "reset"), "the stream is in an unknown state after a cancelled read: close"


def test_remaining_entity_bytes_counts_what_is_still_on_the_wire(lintel, lintel_env):
    probe = api.start_probe(lintel, lintel_env)
    body = b"z" * 120_000
    reply = harness.request(probe.port, "POST", "/probe/read?buf=65536", body=body)
    report = api.parse_report(reply.body)
    assert report["remaining_before"] == str(len(body)), "preloaded + on the wire"
    assert report["remaining_after"] == "0"
    assert report["length"] == str(len(body))


def test_sync_writes_to_a_slow_reader_are_held_back(lintel, lintel_env):
    image = lintel_env.test_module(api.PROBE_MODULE)
    config, port = lintel.config(global_modules=[(api.PROBE_NAME, image)],
                                 handlers=[harness.Handler("ProbeHandler", api.PROBE_NAME)])
    log_path = config.path.parent / "probe-events.log"
    server = lintel.start(config, port, env={api.LOG_VARIABLE: str(log_path)}, threads=1)
    log = api.ProbeLog(log_path)
    probe_id = api.new_probe_id()
    megabytes = 64
    slow = socket.create_connection(("127.0.0.1", port), timeout=10)
    slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
    slow.sendall(f"GET /probe/bigstream?mb={megabytes} HTTP/1.1\r\nHost: x\r\nX-Probe-Id: {probe_id}\r\n\r\n"
                 .encode())
    received = len(api.read_at_least(slow, 2 << 20))
    assert received >= 2 << 20

    def progress() -> int:
        done = [int(words[1]) for words in log.events(probe_id) if words[0] == "wrote"]
        return max(done, default=0)

    # Without back-pressure the module would queue all 64 MiB at once; held back, it cannot get far ahead of
    # what the client took (plus socket buffers and the high-water mark).
    assert not harness.wait_until(lambda: progress() >= megabytes, timeout=1.0), \
        f"the writer ran ahead of the reader: {progress()} MiB written, {received >> 20} MiB read"
    assert progress() <= (received >> 20) + 16
    # The single loop still serves everyone else while that writer waits.
    reply = harness.request(port, "GET", "/probe/hello?n=other")
    assert reply.status == 200 and api.parse_report(reply.body)["n"] == "other"
    # Reading the rest completes the response in full.
    total = received
    slow.settimeout(10)
    while True:
        piece = slow.recv(1 << 20)
        if not piece:
            break
        total += len(piece)
        if total >= megabytes * (1 << 20) + 100:
            break
    assert total >= megabytes * (1 << 20)
    assert harness.wait_until(lambda: progress() == megabytes), "every write must complete"
    slow.close()


def test_large_file_chunks_go_out_intact_with_ranges(lintel, lintel_env):
    # Regions above 32 KiB leave with sendfile from a duplicate of the module's handle; the bytes around them
    # (memory chunks) must stay in order.
    probe = api.start_probe(lintel, lintel_env)
    size = 3_000_000
    expected = bytes((i * 7 + 3) & 0xFF for i in range(size))
    path = probe.workdir / "large.bin"
    reply = harness.request(probe.port, "GET", f"/probe/file?path={path}&size={size}")
    assert reply.status == 200
    assert reply.body == b"[" + expected + b"]"
    reply = harness.request(probe.port, "GET", f"/probe/file?path={path}&size={size}&offset=100000&length=700000")
    assert reply.body == b"[" + expected[100000:800000] + b"]"
    head = harness.request(probe.port, "HEAD", f"/probe/file?path={path}&size={size}")
    assert head.status == 200 and head.body == b""
    assert head.header("Content-Length") == str(size + 2)
