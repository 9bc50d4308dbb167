"""Modules that cannot be loaded stop the server before it listens; modules that misbehave at
request time cost only that request a 500.

Contract (server): a load failure is one stderr line with the module's configuration name, its image
path and the reason (the dlerror text / "does not export RegisterModule" / "RegisterModule failed
with HRESULT 0x80004005"); `--check` reports each problem as FILE:LINE: message. A C++ exception
escaping a notification, or a return value outside REQUEST_NOTIFICATION_STATUS, gives a 500 and a
log line naming the module, and the server keeps serving.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import lintel_harness as harness

MISSING_REASON = "cannot open shared object file: No such file or directory"


def bad_modules(lintel_env, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Configuration name -> (image, regular expression for the reason), one per kind of failure."""
    return {
        "MissingImage": (tmp_path / "no-such-dir" / "missing.so", re.escape(MISSING_REASON)),
        "NoRegisterModule": (lintel_env.test_module("bad_no_register"),
                             re.escape("does not export RegisterModule")),
        "RegisterFails": (lintel_env.test_module("bad_register_fails"),
                          r"RegisterModule failed with HRESULT 0x80004005"),
    }


def line_with_all(text: str, *patterns: str) -> bool:
    return any(all(re.search(pattern, line, re.IGNORECASE) for pattern in patterns)
               for line in text.splitlines())


@pytest.mark.parametrize("bad_name", ["MissingImage", "NoRegisterModule", "RegisterFails"])
def test_load_failure_stops_startup(lintel, lintel_env, lintel_bin, tmp_path, bad_name):
    image, reason = bad_modules(lintel_env, tmp_path)[bad_name]
    # A good module next to the bad one: a failure must not depend on the bad module being alone.
    config, port = lintel.config(
        global_modules=[("Recorder", lintel_env.test_module("recorder")), (bad_name, image)],
        handlers=[harness.Handler("RecorderHandler", "Recorder")])

    result = harness.run_lintel(lintel_bin, ["--config", str(config.path)])

    assert result.returncode != 0, f"lintel started with a broken module:\n{result.stderr}"
    assert "listening on" not in result.stderr, "lintel listened before failing"
    assert not harness.port_accepts(port)
    assert line_with_all(result.stderr, re.escape(bad_name), re.escape(str(image)), reason), \
        f"no stderr line names {bad_name}, {image} and /{reason}/:\n{result.stderr}"


def test_check_reports_every_load_failure_with_file_and_line(lintel, lintel_env, lintel_bin,
                                                             tmp_path):
    bad = bad_modules(lintel_env, tmp_path)
    config, _ = lintel.config(global_modules=[(name, image) for name, (image, _) in bad.items()])

    result = harness.run_lintel(lintel_bin, ["--config", str(config.path), "--check"])

    assert result.returncode != 0, f"--check accepted broken modules:\n{result.stderr}"
    for name, (image, reason) in bad.items():
        line = config.line_of(f'name="{name}"', after="<globalModules>")
        location = re.escape(f"{config.path}:{line}:")
        assert line_with_all(result.stderr, "^" + location, reason), \
            f"--check did not report {name} as {location} ... /{reason}/:\n{result.stderr}"


@pytest.fixture
def thrower(lintel, lintel_env) -> harness.LintelServer:
    config, port = lintel.config(global_modules=[("Thrower", lintel_env.test_module("throwing"))],
                                 handlers=[harness.Handler("ThrowerHandler", "Thrower")])
    return lintel.start(config, port)


def test_exception_from_module_is_500_and_server_keeps_serving(thrower):
    before = harness.request(thrower.port, "GET", "/")
    assert (before.status, before.body) == (200, b"ok")

    log_offset = thrower.stderr_size()
    failed = harness.request(thrower.port, "GET", "/", headers={"X-Throw": "1"})
    assert failed.status == 500
    assert thrower.wait_for_stderr_line(lambda line: "Thrower" in line, since=log_offset), \
        f"no log line names the module Thrower after the exception:\n{thrower.stderr()}"

    after = harness.request(thrower.port, "GET", "/")
    assert (after.status, after.body) == (200, b"ok")
    assert thrower.is_running()


def test_repeated_exceptions_do_not_wear_the_server_down(thrower):
    for _ in range(20):
        assert harness.request(thrower.port, "GET", "/", headers={"X-Throw": "1"}).status == 500
    after = harness.request(thrower.port, "GET", "/")
    assert (after.status, after.body) == (200, b"ok")


def test_garbage_notification_status_is_500_and_server_keeps_serving(lintel, lintel_env):
    config, port = lintel.config(
        global_modules=[("Garbage", lintel_env.test_module("garbage_status"))],
        handlers=[harness.Handler("GarbageHandler", "Garbage")])
    server = lintel.start(config, port)

    log_offset = server.stderr_size()
    failed = harness.request(port, "GET", "/", headers={"X-Garbage-Status": "1"})
    assert failed.status == 500
    assert server.wait_for_stderr_line(lambda line: "Garbage" in line, since=log_offset), \
        f"no log line names the module Garbage after its bad status:\n{server.stderr()}"

    after = harness.request(port, "GET", "/")
    assert (after.status, after.body) == (200, b"ok")
    assert server.is_running()
