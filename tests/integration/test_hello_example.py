"""examples/modules/hello: builds against the installed SDK with a plain g++ line and answers every
request with 200, Content-Type: text/plain and "Hello from Lintel!\\n"; HEAD gets the same headers
and no body."""

from __future__ import annotations

import subprocess

import pytest

import lintel_harness as harness

BODY = b"Hello from Lintel!\n"


@pytest.fixture
def server(lintel, lintel_env) -> harness.LintelServer:
    config, port = lintel.config(global_modules=[("Hello", lintel_env.example_module("hello"))],
                                 handlers=[harness.Handler("HelloHandler", "Hello")])
    return lintel.start(config, port)


def curl(*args: str) -> bytes:
    result = subprocess.run(["curl", "-sS", "--max-time", "5", *args], capture_output=True,
                            timeout=10)
    assert result.returncode == 0, f"curl {' '.join(args)} failed: {result.stderr.decode()}"
    return result.stdout


def test_example_builds_out_of_tree_against_the_sdk(lintel_env, tmp_path):
    source = harness.REPO_ROOT / "examples" / "modules" / "hello" / "hello.cpp"
    (tmp_path / "hello.cpp").write_bytes(source.read_bytes())
    command = ["g++", "-std=c++17", "-shared", "-fPIC", "-I", str(lintel_env.sdk_include()),
               "hello.cpp", "-o", "hello.so"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stderr}"
    assert "RegisterModule" in harness.exported_symbols(tmp_path / "hello.so")


def test_installed_example_exports_register_module(lintel_env):
    assert "RegisterModule" in harness.exported_symbols(lintel_env.example_module("hello"))


def test_curl_get(server):
    output = curl("-i", f"http://127.0.0.1:{server.port}/any/path")
    status, headers, body = harness.split_curl_output(output)
    assert status == 200
    assert headers.get("content-type") == "text/plain"
    assert headers.get("content-length") == str(len(BODY))
    assert body == BODY


def test_curl_head(server):
    output = curl("-I", f"http://127.0.0.1:{server.port}/")
    status, headers, body = harness.split_curl_output(output)
    assert status == 200
    assert headers.get("content-type") == "text/plain"
    assert headers.get("content-length") == str(len(BODY))
    assert body == b""


def test_http_client_get_and_head_on_one_connection(server):
    conn = harness.connection(server.port)
    try:
        conn.request("GET", "/")
        get = conn.getresponse()
        assert (get.status, get.read()) == (200, BODY)
        assert get.getheader("Content-Type") == "text/plain"

        conn.request("HEAD", "/")
        head = conn.getresponse()
        assert head.status == 200
        assert head.getheader("Content-Type") == "text/plain"
        assert head.getheader("Content-Length") == str(len(BODY))
        assert head.read() == b""
    finally:
        conn.close()


def test_head_sends_no_body_bytes(server):
    # http.client and curl both ignore a body after HEAD; a raw socket shows whether the server sent
    # one: stray bytes would be read as the start of the GET's response.
    with harness.RawConnection(server.port) as raw:
        raw.send(harness.raw_request("HEAD", "/") + harness.raw_request("GET", "/"))
        head = raw.read_reply("HEAD")
        get = raw.read_reply("GET")
    assert (head.status, head.header("Content-Length")) == (200, str(len(BODY)))
    assert (get.status, get.body) == (200, BODY)
