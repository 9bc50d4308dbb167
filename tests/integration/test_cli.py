"""The command line: --version, --check (valid; broken XML and semantic errors with FILE:LINE),
--threads, the readiness log line, and clean shutdown on SIGTERM/SIGINT."""

from __future__ import annotations

import re
import signal

import pytest

import lintel_harness as harness

# `<ISO time> <level> <component>: <message>`
LOG_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})? "
                      r"+\S+ +\S+: .+$")


def recorder_config(lintel, lintel_env, **overrides):
    return lintel.config(global_modules=[("Recorder", lintel_env.test_module("recorder"))],
                         handlers=[harness.Handler("RecorderHandler", "Recorder")], **overrides)


def assert_reports_line(result, config, line: int) -> None:
    assert result.returncode != 0, f"lintel accepted a broken config:\n{result.stderr}"
    location = f"{config.path}:{line}:"
    assert any(entry.startswith(location) for entry in result.stderr.splitlines()), \
        f"stderr has no line starting with {location!r}:\n{result.stderr}"


def test_version(lintel_bin):
    result = harness.run_lintel(lintel_bin, ["--version"])
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"lintel \d+\.\d+\.\d+\n?", result.stdout), \
        f"unexpected output {result.stdout!r}"


def test_check_accepts_valid_config(lintel, lintel_env, lintel_bin):
    config, port = recorder_config(lintel, lintel_env)
    result = harness.run_lintel(lintel_bin, ["--config", str(config.path), "--check"])
    assert result.returncode == 0, f"--check rejected a valid config:\n{result.stderr}"
    assert not harness.port_accepts(port), "--check left something listening"


@pytest.mark.parametrize("broken_line, replacement", [
    ('<site name="Test" id="1">', '<site name=Test id="1">'),
    ("</bindings>", "</bindingz>"),
], ids=["unquoted-attribute", "mismatched-end-tag"])
def test_check_reports_broken_xml_with_line(lintel, lintel_env, lintel_bin, tmp_path, broken_line,
                                            replacement):
    valid, _ = recorder_config(lintel, lintel_env)
    assert valid.text.count(broken_line) == 1
    broken = harness.write_config(tmp_path, valid.text.replace(broken_line, replacement),
                                  "broken.config")
    result = harness.run_lintel(lintel_bin, ["--config", str(broken.path), "--check"])
    assert_reports_line(result, broken, broken.line_of(replacement))


def test_check_reports_semantic_error_with_line(lintel, lintel_env, lintel_bin):
    config, _ = recorder_config(lintel, lintel_env, binding_information="nonsense")
    result = harness.run_lintel(lintel_bin, ["--config", str(config.path), "--check"])
    assert_reports_line(result, config, config.line_of('bindingInformation="nonsense"'))


def test_startup_refuses_semantic_error(lintel, lintel_env, lintel_bin):
    config, _ = recorder_config(lintel, lintel_env, binding_information="nonsense")
    result = harness.run_lintel(lintel_bin, ["--config", str(config.path)])
    assert result.returncode != 0, f"lintel started with an invalid binding:\n{result.stderr}"
    assert "listening on" not in result.stderr


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_logs_readiness_and_shuts_down_cleanly(lintel, lintel_env, sig):
    config, port = recorder_config(lintel, lintel_env)
    server = lintel.start(config, port)

    line = server.wait_for_stderr_line(lambda text: f"listening on http://127.0.0.1:{port}" in text)
    assert line is not None, f"no 'listening on http://127.0.0.1:{port}' line:\n{server.stderr()}"
    assert LOG_LINE.match(line), \
        f"log line not '<ISO time> <level> <component>: <message>': {line!r}"

    reply = harness.request(port, "GET", "/")
    assert (reply.status, reply.body) == (200, b"recorded")

    assert server.stop(sig) == 0, f"exit code after {sig.name}:\n{server.stderr()}"
    assert not harness.port_accepts(port)


def test_threads_option(lintel, lintel_env):
    config, port = recorder_config(lintel, lintel_env)
    server = lintel.start(config, port, threads=2)
    conn = harness.connection(port)
    try:
        for _ in range(10):
            conn.request("GET", "/")
            response = conn.getresponse()
            assert (response.status, response.read()) == (200, b"recorded")
    finally:
        conn.close()
    assert server.stop() == 0
