"""The seed: the IHttpContext::CancelIo sample from the IIS reference, built unchanged with g++
against the installed SDK and run next to the hello module.

The sample subscribes only to RQ_SEND_RESPONSE and calls CancelIo there. With nothing pending,
CancelIo is a no-op returning S_OK (semantics.md §11.5), so every response must look exactly as if
the module were absent: keep-alive, HEAD, request bodies, pipelining and chunked uploads all work.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import lintel_harness as harness

SEED_FILE = "000_b170bd0ec39230ae.txt"
HELLO_BODY = b"Hello from Lintel!\n"
POST_BODY = bytes(range(256)) * 40  # 10 KiB, every byte value


def _skip_gap(text: str, index: int) -> int:
    """Index of the first character at or after `index` that is neither whitespace nor comment."""
    while index < len(text):
        if text[index].isspace():
            index += 1
        elif text.startswith("//", index):
            index = text.find("\n", index)
            index = len(text) if index < 0 else index
        elif text.startswith("/*", index):
            index = text.index("*/", index) + 2
        else:
            break
    return index


def _matching_close(text: str, open_index: int) -> int:
    """Index of the bracket closing the one at `open_index`, skipping comments and literals."""
    opening = text[open_index]
    closing = {"(": ")", "{": "}"}[opening]
    depth = 0
    index = open_index
    while index < len(text):
        char = text[index]
        if text.startswith("//", index) or text.startswith("/*", index):
            index = _skip_gap(text, index)
            continue
        if char in "\"'":
            end = index + 1
            while text[end] != char:
                end += 2 if text[end] == "\\" else 1
            index = end + 1
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise AssertionError(f"unbalanced {opening!r} in the seed sample")


def extract_sample(document: str) -> str:
    """The C++ sample: from the `#define _WINSOCKAPI_` line through RegisterModule's closing brace.

    The definition is told apart from mentions of the name in prose or in calls by its shape: the
    name, a balanced parameter list, then (after optional comments) an opening brace.
    """
    start = re.search(r"^[ \t]*#[ \t]*define[ \t]+_WINSOCKAPI_\b.*$", document, re.MULTILINE)
    assert start, "seed has no '#define _WINSOCKAPI_' line"
    for match in re.finditer(r"\bRegisterModule\s*\(", document[start.start():]):
        open_paren = start.start() + match.end() - 1
        after_parameters = _skip_gap(document, _matching_close(document, open_paren) + 1)
        if after_parameters < len(document) and document[after_parameters] == "{":
            end = _matching_close(document, after_parameters)
            return document[start.start():end + 1] + "\n"
    raise AssertionError("seed has no RegisterModule definition after '#define _WINSOCKAPI_'")


@pytest.fixture(scope="module")
def seed_module(lintel_env, tmp_path_factory) -> Path:
    document = (lintel_env.shared() / "seeds" / SEED_FILE).read_text(encoding="utf-8")
    workdir = tmp_path_factory.mktemp("seed")
    (workdir / "seed.cpp").write_text(extract_sample(document), encoding="utf-8")
    # Exactly the command a module author would type; no extra flags, no Lintel-specific defines.
    command = ["g++", "-std=c++17", "-shared", "-fPIC", "-I", str(lintel_env.sdk_include()),
               "seed.cpp", "-o", "seed.so"]
    result = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stderr}"
    return workdir / "seed.so"


@pytest.fixture
def server(lintel, lintel_env, seed_module) -> harness.LintelServer:
    config, port = lintel.config(
        global_modules=[("CancelIoSample", seed_module),
                        ("Hello", lintel_env.example_module("hello"))],
        handlers=[harness.Handler("HelloHandler", "Hello")])
    return lintel.start(config, port)


def test_extraction_is_the_whole_sample():
    document = ("prose RegisterModule(x) prose\n"
                "#define _WINSOCKAPI_\n"
                "#include <windows.h>\n"
                "HRESULT __stdcall RegisterModule(DWORD v /* ) */, X* p)\n"
                "{\n"
                "  if (p) { f(\"}\"); }\n"
                "  return S_OK;\n"
                "}\n"
                "more prose }\n")
    sample = extract_sample(document)
    assert sample.startswith("#define _WINSOCKAPI_\n")
    assert sample.endswith("  return S_OK;\n}\n")


def test_seed_compiles_and_exports_register_module(seed_module):
    source = (seed_module.parent / "seed.cpp").read_text()
    assert "CancelIo" in source and source.rstrip().endswith("}")
    assert "RegisterModule" in harness.exported_symbols(seed_module)


def test_keep_alive_get_head_post(server):
    conn = harness.connection(server.port)
    try:
        conn.request("GET", "/")
        get = conn.getresponse()
        get_body = get.read()
        assert (get.status, get_body) == (200, HELLO_BODY)
        assert get.getheader("Content-Length") == str(len(HELLO_BODY))
        assert conn.sock is not None, "server closed the connection after GET"
        local_address = conn.sock.getsockname()

        conn.request("HEAD", "/")
        head = conn.getresponse()
        assert head.status == 200
        assert head.read() == b""
        assert head.getheader("Content-Length") == get.getheader("Content-Length")
        assert conn.sock is not None and conn.sock.getsockname() == local_address, \
            "HEAD was not answered on the same connection"

        conn.request("POST", "/", body=POST_BODY,
                     headers={"Content-Type": "application/octet-stream"})
        post = conn.getresponse()
        assert (post.status, post.read()) == (200, HELLO_BODY)
        assert conn.sock is not None and conn.sock.getsockname() == local_address, \
            "POST was not answered on the same connection"
    finally:
        conn.close()


def test_pipelined_get_head_post(server):
    with harness.RawConnection(server.port) as raw:
        raw.send(harness.raw_request("GET", "/") + harness.raw_request("HEAD", "/")
                 + harness.raw_request("POST", "/", [("Content-Type", "application/octet-stream")],
                                       POST_BODY))
        get = raw.read_reply("GET")
        head = raw.read_reply("HEAD")
        post = raw.read_reply("POST")
        assert (get.status, get.body) == (200, HELLO_BODY)
        assert head.status == 200
        assert head.header("Content-Length") == get.header("Content-Length") == str(len(HELLO_BODY))
        assert (post.status, post.body) == (200, HELLO_BODY)

        # Had HEAD carried a body, or the POST body been misframed, this would not parse as exactly
        # one fresh response.
        raw.send(harness.raw_request("GET", "/after-pipeline"))
        after = raw.read_reply("GET")
        assert (after.status, after.body) == (200, HELLO_BODY)


def test_chunked_post(server):
    chunks = [POST_BODY[:1], POST_BODY[1:4096], POST_BODY[4096:]]
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks) + b"0\r\n\r\n"
    head = harness.raw_request("POST", "/", [("Transfer-Encoding", "chunked"),
                                             ("Content-Type", "application/octet-stream")])
    with harness.RawConnection(server.port) as raw:
        raw.send(head + body)
        post = raw.read_reply("POST")
        assert (post.status, post.body) == (200, HELLO_BODY)

        # The chunked body must be consumed to its last chunk: the connection carries on cleanly.
        raw.send(harness.raw_request("GET", "/"))
        get = raw.read_reply("GET")
        assert (get.status, get.body) == (200, HELLO_BODY)
