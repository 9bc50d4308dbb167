"""StaticFileModule (modules/static_file): files served as IIS serves them, from the default
configuration that ships in config/applicationHost.config.in (its MIME map, handler mapping and
module list), with per-test additions in <location> blocks.

Covered: GET/HEAD, the MIME map (IIS's default list, <remove>/<clear>, "." and ".*"), 404.0 /
404.3 / 405.0, clientCache modes, ETag and Last-Modified, If-None-Match / If-Modified-Since ->
304, If-Match / If-Unmodified-Since -> 412, single and multipart ranges, If-Range, 416, files
that change, are replaced or vanish between requests and while being sent, the bounded cache of
open descriptors, and the path rules: encoded traversal, symbolic links leaving the root, trailing
dots and spaces, case, very long names, special files, virtual directories.

The status *and substatus* are read from X-Lintel-Status, added by a small probe module compiled
here (OnSendResponse reads IHttpResponse::GetStatus). The helpers at the top are shared with
test_default_document.py and test_directory_listing.py.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import os
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Optional

import pytest

import lintel_harness as harness

# --------------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------------

DEFAULT_CONFIG = harness.REPO_ROOT / "config" / "applicationHost.config.in"
SITE = "Default Web Site"

STATUS_PROBE_SOURCE = r"""
// Adds X-Lintel-Status: <status>.<substatus> to every response, as IIS logs them.
#define _WINSOCKAPI_
#include <windows.h>
#include <httpserv.h>
#include <cstdio>

class StatusProbe : public CHttpModule {
public:
    REQUEST_NOTIFICATION_STATUS OnSendResponse(IHttpContext* context,
                                               ISendResponseProvider* provider) override {
        if (provider->GetHeadersBeingSent()) {
            USHORT status = 0;
            USHORT substatus = 0;
            context->GetResponse()->GetStatus(&status, &substatus);
            char text[16];
            int length = std::snprintf(text, sizeof text, "%u.%u", status, substatus);
            context->GetResponse()->SetHeader("X-Lintel-Status", text, (USHORT)length, TRUE);
        }
        return RQ_NOTIFICATION_CONTINUE;
    }
};

class StatusProbeFactory : public IHttpModuleFactory {
public:
    HRESULT GetHttpModule(CHttpModule** module, IModuleAllocator*) override {
        *module = new StatusProbe();
        return S_OK;
    }
    void Terminate() override { delete this; }
};

HRESULT __stdcall RegisterModule(DWORD, IHttpModuleRegistrationInfo* info, IHttpServer*) {
    return info->SetRequestNotifications(new StatusProbeFactory(), RQ_SEND_RESPONSE, 0);
}
"""


class StaticModules:
    """Where the built-in module images are, and the compiled status probe."""

    def __init__(self, directory: Path, probe: Path) -> None:
        self.directory = directory
        self.probe = probe


def find_builtin_modules() -> Path:
    candidates = []
    if os.environ.get("LINTEL_EXAMPLE_MODULES"):
        candidates.append(Path(os.environ["LINTEL_EXAMPLE_MODULES"]))
    if os.environ.get("LINTEL_PREFIX"):
        candidates.append(Path(os.environ["LINTEL_PREFIX"]) / "lib" / "lintel" / "modules")
    candidates += [harness.DEFAULT_PREFIX / "lib" / "lintel" / "modules",
                   harness.DEFAULT_BUILD_DIR / "modules"]
    for directory in candidates:
        if all((directory / f"{name}.so").is_file()
               for name in ("static_file", "default_document", "directory_listing")):
            return directory.absolute()
    pytest.fail("static_file.so, default_document.so and directory_listing.so not found in "
                + ", ".join(map(str, candidates)), pytrace=False)


@pytest.fixture(scope="session")
def static_modules(lintel_env, tmp_path_factory) -> StaticModules:
    scratch = tmp_path_factory.mktemp("status-probe")
    source = scratch / "status_probe.cpp"
    source.write_text(STATUS_PROBE_SOURCE)
    probe = scratch / "status_probe.so"
    command = ["g++", "-std=c++17", "-shared", "-fPIC", "-I", str(lintel_env.sdk_include()),
               str(source), "-o", str(probe)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"compiling the status probe failed:\n{result.stderr}"
    return StaticModules(find_builtin_modules(), probe)


def render_default_config(port: int, probe: Path, extra: str = "",
                          applications: Optional[str] = None) -> str:
    """The shipped default configuration on `port`, with the status probe loaded, `extra` XML
    appended inside <configuration> and, optionally, the site's <application> elements replaced."""
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    text = text.replace('bindingInformation="*:8080:"', f'bindingInformation="127.0.0.1:{port}:"')
    text = text.replace("<globalModules>\n",
                        f'<globalModules>\n<add name="StatusProbe" image="{probe}" />\n', 1)
    text = text.replace("<modules>\n", '<modules>\n<add name="StatusProbe" />\n', 1)
    if applications is not None:
        start = text.index('<application path="/">')
        end = text.index("</application>", start) + len("</application>")
        text = text[:start] + applications + text[end:]
    return text.replace("</configuration>", extra + "\n</configuration>")


def location(path: str, body: str) -> str:
    """A <location> for a URL path of the test site ("" is the site itself)."""
    return (f'<location path="{SITE}{path}"><system.webServer>{body}'
            f"</system.webServer></location>")


class StaticSite:
    """One test's site: the folder www/ next to the configuration, the server and requests."""

    def __init__(self, lintel, lintel_env, modules: StaticModules, root: Path) -> None:
        self.lintel_ = lintel
        self.binary_ = lintel_env.binary()
        self.modules_ = modules
        self.root = root
        self.www = root / "www"
        self.www.mkdir(exist_ok=True)
        self.port = 0
        self.server: Optional[harness.LintelServer] = None

    def write(self, relative: str, data, mtime: Optional[float] = None) -> Path:
        path = self.www / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        if mtime is not None:
            os.utime(path, (mtime, mtime))
        return path

    def config_text(self, extra: str = "", applications: Optional[str] = None) -> str:
        return render_default_config(self.port, self.modules_.probe, extra, applications)

    def start(self, extra: str = "", applications: Optional[str] = None,
              threads: Optional[int] = None) -> "StaticSite":
        self.port = harness.free_port()
        config = harness.write_config(self.root, self.config_text(extra, applications))
        env = {"LINTEL_MODULES": str(self.modules_.directory)}
        self.server = self.lintel_.start(config, self.port, env=env, threads=threads)
        return self

    def request(self, path: str, headers: Optional[dict] = None, method: str = "GET",
                body: Optional[bytes] = None) -> harness.Reply:
        headers = dict(headers or {})
        if method not in ("GET", "HEAD") and body is None:
            body = b""  # a Content-Length: 0, so that the server does not ask for one
        return harness.request(self.port, method, path, headers=headers, body=body)

    def raw(self, target: str, headers=(), method: str = "GET") -> harness.Reply:
        """Sends the request target byte for byte (no client-side normalisation)."""
        with harness.RawConnection(self.port) as conn:
            conn.send(harness.raw_request(method, target, headers))
            return conn.read_reply(method)


def status_of(reply: harness.Reply) -> str:
    """"404.3"-style status from the probe header."""
    return reply.header("X-Lintel-Status") or f"{reply.status}.?"


def http_date(seconds: float) -> str:
    return email.utils.formatdate(int(seconds), usegmt=True)


def parse_multipart(reply: harness.Reply) -> list:
    """The parts of a multipart/byteranges body, as email.message.Message objects."""
    content_type = reply.header("Content-Type")
    assert content_type.startswith("multipart/byteranges; boundary="), content_type
    message = email.message_from_bytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + reply.body,
        policy=email.policy.HTTP)
    return list(message.iter_parts())


@pytest.fixture
def site(lintel, lintel_env, static_modules, tmp_path) -> StaticSite:
    return StaticSite(lintel, lintel_env, static_modules, tmp_path)


# --------------------------------------------------------------------------------------------------
# Serving files
# --------------------------------------------------------------------------------------------------

def test_get_serves_file_with_validators(site):
    path = site.write("13b.txt", "Hello, world\n", mtime=1_700_000_000)
    site.start()
    reply = site.request("/13b.txt")
    assert reply.status == 200 and status_of(reply) == "200.0"
    assert reply.body == b"Hello, world\n"
    assert reply.header("Content-Type") == "text/plain"
    assert reply.header("Content-Length") == "13"
    assert reply.header("Accept-Ranges") == "bytes"
    assert reply.header("Last-Modified") == http_date(path.stat().st_mtime)
    etag = reply.header("ETag")
    assert etag and etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    # No clientCache configured: IIS adds neither header.
    assert reply.header("Cache-Control") is None and reply.header("Expires") is None
    # The same answer again (from the cache) with the same validator.
    again = site.request("/13b.txt")
    assert again.body == reply.body and again.header("ETag") == etag


def test_head_has_get_headers_and_no_body(site):
    site.write("page.html", "<p>hello</p>")
    site.start()
    get = site.request("/page.html")
    with harness.RawConnection(site.port) as conn:
        conn.send(harness.raw_request("HEAD", "/page.html"))
        head = conn.read_reply("HEAD")
        # The next response on the connection starts right after the head: no body was sent.
        conn.send(harness.raw_request("GET", "/page.html"))
        following = conn.read_reply("GET")
    assert head.status == 200
    for name in ("Content-Type", "Content-Length", "ETag", "Last-Modified", "Accept-Ranges"):
        assert head.header(name) == get.header(name), name
    assert following.body == b"<p>hello</p>"


@pytest.mark.parametrize("name,expected", [
    ("a.htm", "text/html"), ("a.html", "text/html"), ("a.css", "text/css"),
    ("a.js", "application/javascript"), ("a.json", "application/json"),
    ("a.png", "image/png"), ("a.svg", "image/svg+xml"), ("a.xml", "text/xml"),
    ("a.zip", "application/x-zip-compressed"), ("a.woff2", "font/woff2"),
    ("UPPER.TXT", "text/plain"), ("a.IVF", "video/x-ivf"), ("jquery.min.js", "application/javascript"),
])
def test_default_mime_map(site, name, expected):
    site.write(name, "x")
    site.start()
    reply = site.request("/" + name)
    assert reply.status == 200, status_of(reply)
    assert reply.header("Content-Type") == expected


def test_unmapped_extension_is_404_3(site):
    site.write("data.unknownext", "secret")
    site.write("no_extension", "secret")
    site.write(".hidden", "secret")
    site.start()
    for path in ("/data.unknownext", "/no_extension", "/.hidden"):
        reply = site.request(path)
        assert status_of(reply) == "404.3", path
        assert b"secret" not in reply.body


def test_missing_file_is_404_0(site):
    site.start()
    reply = site.request("/nothing-here.txt")
    assert reply.status == 404 and status_of(reply) == "404.0"
    assert status_of(site.request("/no/such/dir/file.txt")) == "404.0"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_other_verbs_are_405(site, method):
    site.write("a.txt", "x")
    site.start()
    reply = site.request("/a.txt", method=method)
    assert status_of(reply) == "405.0"
    assert "GET" in (reply.header("Allow") or "") and "HEAD" in reply.header("Allow")


def test_mime_map_edited_per_location(site):
    site.write("data/a.dat", "dat")
    site.write("data/a.txt", "txt")
    site.write("data/README", "readme")
    site.write("a.txt", "root txt")
    site.write("a.dat", "root dat")
    site.write("locked/a.txt", "locked")
    site.write("any/thing.whatever", "anything")
    site.start(extra=location("/data", """<staticContent>
            <mimeMap fileExtension=".DAT" mimeType="application/x-test" />
            <remove fileExtension=".txt" />
            <mimeMap fileExtension="." mimeType="text/plain; charset=utf-8" />
        </staticContent>""") + location("/locked", "<staticContent><clear /></staticContent>")
        + location("/any", '<staticContent><mimeMap fileExtension=".*" '
                           'mimeType="application/octet-stream" /></staticContent>'))
    reply = site.request("/data/a.dat")
    assert reply.status == 200 and reply.header("Content-Type") == "application/x-test"
    assert status_of(site.request("/data/a.txt")) == "404.3"
    readme = site.request("/data/README")
    assert readme.status == 200 and readme.header("Content-Type") == "text/plain; charset=utf-8"
    # Outside the location the server-level map applies.
    assert site.request("/a.txt").body == b"root txt"
    assert status_of(site.request("/a.dat")) == "404.3"
    assert status_of(site.request("/locked/a.txt")) == "404.3"
    anything = site.request("/any/thing.whatever")
    assert anything.status == 200 and anything.header("Content-Type") == "application/octet-stream"


def test_empty_file(site):
    site.write("empty.txt", b"")
    site.start()
    reply = site.request("/empty.txt")
    assert reply.status == 200 and reply.body == b"" and reply.header("Content-Length") == "0"
    reply = site.request("/empty.txt", {"Range": "bytes=0-10"})
    assert reply.status == 416 and reply.header("Content-Range") == "bytes */0"


def test_large_file_is_intact(site):
    data = os.urandom(3 * 1024 * 1024 + 17)
    site.write("big.bin", data)
    site.start()
    reply = site.request("/big.bin")
    assert reply.status == 200 and reply.header("Content-Type") == "application/octet-stream"
    assert reply.body == data


def test_curl_download(site):
    data = os.urandom(200_000)
    site.write("dl/file.bin", data)
    site.start()
    out = site.root / "out.bin"
    result = subprocess.run(["curl", "-sS", "-o", str(out), "-w", "%{http_code}",
                             f"http://127.0.0.1:{site.port}/dl/file.bin"],
                            capture_output=True, text=True, timeout=30)
    assert result.stdout == "200", result.stderr
    assert out.read_bytes() == data


# --------------------------------------------------------------------------------------------------
# clientCache
# --------------------------------------------------------------------------------------------------

def test_client_cache_modes(site):
    for folder in ("off", "nocache", "maxage", "maxage_default", "expires", "custom", "noetag"):
        site.write(f"{folder}/a.txt", folder)
    cache = lambda attributes: f"<staticContent><clientCache {attributes} /></staticContent>"
    site.start(extra="".join([
        location("/nocache", cache('cacheControlMode="DisableCache"')),
        location("/maxage", cache('cacheControlMode="UseMaxAge" cacheControlMaxAge="7.00:00:00"')),
        location("/maxage_default", cache('cacheControlMode="UseMaxAge"')),
        location("/expires", cache('cacheControlMode="UseExpires" '
                                   'httpExpires="Fri, 01 Jan 2038 00:00:00 GMT"')),
        location("/custom", cache('cacheControlMode="UseMaxAge" cacheControlMaxAge="01:00:00" '
                                  'cacheControlCustom="public"')),
        location("/noetag", cache('setEtag="false"')),
    ]))

    def headers(folder):
        reply = site.request(f"/{folder}/a.txt")
        assert reply.status == 200 and reply.body == folder.encode()
        return reply

    off = headers("off")
    assert off.header("Cache-Control") is None and off.header("Expires") is None
    assert headers("nocache").header("Cache-Control") == "no-cache"
    assert headers("maxage").header("Cache-Control") == "max-age=604800"
    assert headers("maxage_default").header("Cache-Control") == "max-age=86400"
    expires = headers("expires")
    assert expires.header("Expires") == "Fri, 01 Jan 2038 00:00:00 GMT"
    assert expires.header("Cache-Control") is None
    assert headers("custom").header("Cache-Control") == "max-age=3600, public"
    noetag = headers("noetag")
    assert noetag.header("ETag") is None and noetag.header("Last-Modified") is not None


# --------------------------------------------------------------------------------------------------
# Conditional requests
# --------------------------------------------------------------------------------------------------

def test_if_none_match(site):
    site.write("a.txt", "abc")
    site.start()
    etag = site.request("/a.txt").header("ETag")
    for value in (etag, "W/" + etag, '"other", ' + etag, "*"):
        reply = site.request("/a.txt", {"If-None-Match": value})
        assert reply.status == 304 and status_of(reply) == "304.0", value
        assert reply.body == b"" and reply.header("ETag") == etag
        assert reply.header("Content-Length") is None
    assert site.request("/a.txt", {"If-None-Match": '"other"'}).status == 200
    head = site.request("/a.txt", {"If-None-Match": etag}, method="HEAD")
    assert head.status == 304


def test_if_modified_since(site):
    path = site.write("a.txt", "abc", mtime=1_600_000_000)
    site.start()
    modified = http_date(path.stat().st_mtime)
    reply = site.request("/a.txt", {"If-Modified-Since": modified})
    assert reply.status == 304 and reply.body == b""
    assert site.request("/a.txt", {"If-Modified-Since": http_date(1_700_000_000)}).status == 304
    assert site.request("/a.txt", {"If-Modified-Since": http_date(1_500_000_000)}).status == 200
    # Other date forms a recipient must accept.
    assert site.request("/a.txt", {"If-Modified-Since": "Sunday, 13-Sep-20 12:26:40 GMT"}).status == 304
    assert site.request("/a.txt", {"If-Modified-Since": "Sun Sep 13 12:26:40 2020"}).status == 304
    assert site.request("/a.txt", {"If-Modified-Since": "not a date"}).status == 200
    # A date in the future is not a valid validator.
    assert site.request("/a.txt", {"If-Modified-Since": http_date(time.time() + 86400)}).status == 200
    # If-None-Match wins over If-Modified-Since.
    reply = site.request("/a.txt", {"If-None-Match": '"other"', "If-Modified-Since": modified})
    assert reply.status == 200


def test_if_match_and_if_unmodified_since(site):
    path = site.write("a.txt", "abc", mtime=1_600_000_000)
    site.start()
    etag = site.request("/a.txt").header("ETag")
    assert site.request("/a.txt", {"If-Match": etag}).status == 200
    assert site.request("/a.txt", {"If-Match": "*"}).status == 200
    assert status_of(site.request("/a.txt", {"If-Match": '"nope"'})) == "412.0"
    assert site.request("/a.txt", {"If-Match": "W/" + etag}).status == 412  # strong comparison
    assert site.request("/a.txt", {"If-Unmodified-Since": http_date(path.stat().st_mtime)}).status == 200
    assert site.request("/a.txt", {"If-Unmodified-Since": http_date(1_500_000_000)}).status == 412


# --------------------------------------------------------------------------------------------------
# Ranges
# --------------------------------------------------------------------------------------------------

def test_single_ranges(site):
    site.write("r.txt", "Hello, world\n")
    site.start()
    for spec, first, last in (("0-4", 0, 4), ("7-", 7, 12), ("-6", 7, 12), ("5-100", 5, 12),
                              ("-100", 0, 12), ("12-12", 12, 12)):
        reply = site.request("/r.txt", {"Range": f"bytes={spec}"})
        assert reply.status == 206 and status_of(reply) == "206.0", spec
        assert reply.header("Content-Range") == f"bytes {first}-{last}/13", spec
        assert reply.body == b"Hello, world\n"[first:last + 1], spec
        assert reply.header("Content-Type") == "text/plain"


def test_multipart_ranges(site):
    data = bytes(range(256)) * 4
    site.write("m.bin", data)
    site.start()
    reply = site.request("/m.bin", {"Range": "bytes=0-9, 100-199,-5"})
    assert reply.status == 206
    parts = parse_multipart(reply)
    expected = [(0, 9), (100, 199), (1019, 1023)]
    assert len(parts) == len(expected)
    for part, (first, last) in zip(parts, expected):
        assert part["Content-Type"] == "application/octet-stream"
        assert part["Content-Range"] == f"bytes {first}-{last}/1024"
        assert part.get_payload(decode=True) == data[first:last + 1]


def test_unsatisfiable_range_is_416(site):
    site.write("r.txt", "Hello, world\n")
    site.start()
    for spec in ("bytes=13-20", "bytes=100-", "bytes=-0", "bytes=20-30,40-50"):
        reply = site.request("/r.txt", {"Range": spec})
        assert reply.status == 416 and status_of(reply) == "416.0", spec
        assert reply.header("Content-Range") == "bytes */13", spec


def test_unusable_range_header_is_ignored(site):
    site.write("r.txt", "Hello, world\n")
    site.start()
    # Another unit, bad syntax, a backwards range, or overlapping ranges adding up to more than the
    # file: the whole file, as RFC 9110 allows.
    for spec in ("items=0-1", "bytes=abc", "bytes=5-2", "bytes=0-12,0-12", "bytes"):
        reply = site.request("/r.txt", {"Range": spec})
        assert reply.status == 200 and reply.body == b"Hello, world\n", spec


def test_if_range(site):
    path = site.write("r.txt", "Hello, world\n", mtime=1_600_000_000)
    site.start()
    etag = site.request("/r.txt").header("ETag")
    modified = http_date(path.stat().st_mtime)
    assert site.request("/r.txt", {"Range": "bytes=0-4", "If-Range": etag}).status == 206
    assert site.request("/r.txt", {"Range": "bytes=0-4", "If-Range": modified}).status == 206
    for stale in ('"stale"', "W/" + etag, http_date(1_500_000_000)):
        reply = site.request("/r.txt", {"Range": "bytes=0-4", "If-Range": stale})
        assert reply.status == 200 and reply.body == b"Hello, world\n", stale


def test_range_of_large_file(site):
    data = os.urandom(2 * 1024 * 1024)
    site.write("big.bin", data)
    site.start()
    reply = site.request("/big.bin", {"Range": "bytes=100000-1100000"})
    assert reply.status == 206 and reply.body == data[100000:1100001]
    reply = site.request("/big.bin", {"Range": "bytes=10-20,1000000-1099999"})
    assert reply.status == 206
    parts = parse_multipart(reply)
    assert [p.get_payload(decode=True) for p in parts] == [data[10:21], data[1000000:1100000]]


# --------------------------------------------------------------------------------------------------
# Files that change
# --------------------------------------------------------------------------------------------------

def test_file_rewritten_in_place(site):
    path = site.write("c.txt", "first version")
    site.start()
    first = site.request("/c.txt")
    assert first.body == b"first version"
    with open(path, "r+b") as f:  # same inode, new length
        f.write(b"second, longer version")
    os.utime(path, (time.time() + 5, time.time() + 5))
    second = site.request("/c.txt")
    assert second.body == b"second, longer version"
    assert second.header("ETag") != first.header("ETag")
    assert site.request("/c.txt", {"If-None-Match": first.header("ETag")}).status == 200


def test_same_size_rewrite_with_old_mtime_is_noticed(site):
    path = site.write("s.txt", "AAAA", mtime=1_600_000_000)
    site.start()
    assert site.request("/s.txt").body == b"AAAA"
    path.write_bytes(b"BBBB")
    os.utime(path, (1_600_000_000, 1_600_000_000))  # size and mtime as before: ctime tells
    assert site.request("/s.txt").body == b"BBBB"


def test_file_replaced_by_rename(site):
    site.write("r.txt", "old")
    site.start()
    assert site.request("/r.txt").body == b"old"
    fresh = site.write("r.txt.new", "brand new content")
    os.replace(fresh, site.www / "r.txt")
    assert site.request("/r.txt").body == b"brand new content"


def test_file_deleted_and_recreated(site):
    path = site.write("d.txt", "here")
    site.start()
    assert site.request("/d.txt").status == 200
    path.unlink()
    assert status_of(site.request("/d.txt")) == "404.0"
    site.write("d.txt", "back again")
    assert site.request("/d.txt").body == b"back again"


def test_file_becomes_directory(site):
    path = site.write("thing.txt", "file")
    site.start()
    assert site.request("/thing.txt").body == b"file"
    path.unlink()
    (site.www / "thing.txt").mkdir()
    assert site.request("/thing.txt").status in (301, 403)


def test_file_truncated_while_being_sent(site):
    """The server promised Content-Length bytes; when the file shrinks in the middle of the
    transfer it must cut the connection rather than pad, hang, or go on with a short body."""
    size = 64 * 1024 * 1024  # far more than socket buffers hold: most is still to be read
    path = site.www / "shrink.bin"
    with open(path, "wb") as f:
        f.truncate(size)  # sparse: quick to make
    site.start()
    received = 0
    sock = socket.create_connection(("127.0.0.1", site.port), timeout=harness.IO_TIMEOUT_SECONDS)
    try:
        sock.sendall(harness.raw_request("GET", "/shrink.bin"))
        head = b""
        while b"\r\n\r\n" not in head:
            head += sock.recv(1)
        assert head.startswith(b"HTTP/1.1 200") and f"Content-Length: {size}".encode() in head
        os.truncate(path, 1024)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            chunk = sock.recv(1 << 20)
            if not chunk:
                break
            received += len(chunk)
        else:
            pytest.fail("the connection was still open 30 s after the file shrank")
    except ConnectionResetError:
        pass
    finally:
        sock.close()
    assert received < size  # cut short, never padded to the promised length
    # The server is fine afterwards and serves the new size.
    reply = site.request("/shrink.bin")
    assert reply.status == 200 and len(reply.body) == 1024


def test_descriptors_are_released(site):
    """Replaced files do not leave descriptors behind once their requests are over."""
    site.write("v.txt", "0")
    site.start()
    assert site.request("/v.txt").body == b"0"
    for i in range(1, 60):
        fresh = site.write("v.new", str(i))
        os.replace(fresh, site.www / "v.txt")
        assert site.request("/v.txt").body == str(i).encode()
    # Replaced versions show as "(deleted)"; at most the last request's may still be held.
    stale = [p for p in open_paths(site.server.pid) if "v.txt" in p and "(deleted)" in p]
    assert len(stale) <= 1, stale


def open_paths(pid: int) -> list[str]:
    """What the process's descriptors point to (a descriptor closed meanwhile is skipped)."""
    paths = []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            paths.append(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except FileNotFoundError:
            pass
    return paths


def test_cache_is_bounded_by_descriptor_limit(site):
    """With RLIMIT_NOFILE at 256 the cache keeps at most 64 open files; many more files still
    serve correctly."""
    for i in range(300):
        site.write(f"many/f{i}.txt", f"file {i}")
    wrapper = site.root / "limited-lintel"
    wrapper.write_text(f"#!/bin/sh\nexec prlimit --nofile=256:256 "
                       f"{site.binary_} \"$@\"\n")
    wrapper.chmod(0o755)
    site.port = harness.free_port()
    config = harness.write_config(site.root, site.config_text())
    server = harness.LintelServer(wrapper, config, site.port, site.root,
                                  {"LINTEL_MODULES": str(site.modules_.directory)}, None)
    server.start()
    try:
        for round_ in range(2):
            for i in range(300):
                assert site.request(f"/many/f{i}.txt").body == f"file {i}".encode()
        served = [name for name in open_paths(server.pid) if "/many/" in name]
        # The last responses' entries are released when their requests end, which may be just
        # after the client has read them: allow for one of them per loop.
        assert len(served) <= 64 + 2, len(served)
    finally:
        code = server.stop()
        assert code == 0, server.stderr()


def test_small_settled_files_are_kept_in_memory(site):
    """A small file whose mtime is a few seconds old is answered from memory (its descriptor is
    closed); one written just now is served from its descriptor, in case it is still being
    written within the same timestamp tick; larger files always use their descriptor."""
    site.write("old.txt", "settled", mtime=time.time() - 60)
    site.write("new.txt", "just written")
    site.write("big.bin", b"b" * 100_000, mtime=time.time() - 60)
    site.start()
    for path, body in (("/old.txt", b"settled"), ("/new.txt", b"just written")):
        assert site.request(path).body == body
    assert len(site.request("/big.bin").body) == 100_000
    opened = open_paths(site.server.pid)
    assert not any(p.endswith("/old.txt") for p in opened)
    assert any(p.endswith("/new.txt") for p in opened)
    assert any(p.endswith("/big.bin") for p in opened)
    # Once it has settled, the fresh file moves to memory too, with the same validators.
    etag = site.request("/new.txt").header("ETag")
    os.utime(site.www / "new.txt", (time.time() - 60, time.time() - 60))
    reply = site.request("/new.txt")
    assert reply.body == b"just written" and reply.header("ETag") != etag
    assert not any(p.endswith("/new.txt") for p in open_paths(site.server.pid))
    ranged = site.request("/old.txt", {"Range": "bytes=1-3,5-"})
    assert [p.get_payload(decode=True) for p in parse_multipart(ranged)] == [b"ett", b"ed"]


def test_fresh_file_moves_to_memory_once_settled(site):
    site.write("fresh.txt", "fresh")
    site.start()
    assert site.request("/fresh.txt").body == b"fresh"
    assert any(p.endswith("/fresh.txt") for p in open_paths(site.server.pid))

    def served_from_memory():
        assert site.request("/fresh.txt").body == b"fresh"
        return not any(p.endswith("/fresh.txt") for p in open_paths(site.server.pid))

    # Nothing changes on disk: only time passes (two seconds of settling, then one rebuild).
    assert harness.wait_until(served_from_memory, timeout=10)


def test_concurrent_clients(site):
    files = {f"c{i}.bin": os.urandom(1000 * (i + 1)) for i in range(8)}
    for name, data in files.items():
        site.write(name, data)
    site.start(threads=2)
    errors = []

    def client(offset):
        try:
            conn = harness.connection(site.port)
            for n in range(40):
                name = f"c{(n + offset) % 8}.bin"
                conn.request("GET", "/" + name)
                response = conn.getresponse()
                if response.read() != files[name]:
                    errors.append(name)
            conn.close()
        except Exception as error:  # reported below
            errors.append(repr(error))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


# --------------------------------------------------------------------------------------------------
# Which files a URL may reach
# --------------------------------------------------------------------------------------------------

SECRET = b"TOP-SECRET-CONTENT"


@pytest.mark.parametrize("target", [
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E%2Fsecret.txt",
    "/sub/..%2f..%2fsecret.txt",
    "/sub/%2e%2e/%2e%2e/secret.txt",
    "/..%5csecret.txt",
    "/sub\\..\\..\\secret.txt",
    "/%c0%ae%c0%ae/secret.txt",
    "/sub/%c0%af..%c0%af..%c0%afsecret.txt",
    "/sub/..%c0%af..%c0%afsecret.txt",
    "/%252e%252e/secret.txt",
])
def test_encoded_traversal_never_leaves_the_site(site, target):
    (site.root / "secret.txt").write_bytes(SECRET)
    site.write("sub/ok.txt", "ok")
    site.start()
    reply = site.raw(target)
    assert reply.status != 200, target
    assert SECRET not in reply.body


def test_symlinks_inside_the_site_are_followed(site):
    site.write("real/target.txt", "through a link")
    (site.www / "link.txt").symlink_to(site.www / "real" / "target.txt")
    (site.www / "alias").symlink_to("real")
    site.start()
    assert site.request("/link.txt").body == b"through a link"
    assert site.request("/alias/target.txt").body == b"through a link"


def test_symlinks_leaving_the_site_are_refused_unless_allowed(site):
    (site.root / "secret.txt").write_bytes(SECRET)
    outside = site.root / "outside"
    outside.mkdir()
    (outside / "x.txt").write_bytes(SECRET)
    (site.www / "leak.txt").symlink_to(site.root / "secret.txt")
    (site.www / "leakdir").symlink_to(outside)
    site.write("allowed/.keep", "")
    (site.www / "allowed" / "leak.txt").symlink_to(site.root / "secret.txt")
    site.start(extra=location("/allowed",
                              '<staticContent allowSymlinksOutsideRoot="true" />'))
    for path in ("/leak.txt", "/leakdir/x.txt", "/leakdir/"):
        reply = site.request(path)
        assert status_of(reply) == "404.0", path
        assert SECRET not in reply.body
    assert site.request("/allowed/leak.txt").body == SECRET


def test_link_retargeted_outside_after_being_cached(site):
    site.write("inside.txt", "inside")
    (site.root / "secret.txt").write_bytes(SECRET)
    link = site.www / "moving.txt"
    link.symlink_to(site.www / "inside.txt")
    site.start()
    assert site.request("/moving.txt").body == b"inside"
    link.unlink()
    link.symlink_to(site.root / "secret.txt")
    reply = site.request("/moving.txt")
    assert reply.status == 404 and SECRET not in reply.body


def test_trailing_dots_and_spaces_are_refused(site):
    site.write("a.txt", "a")
    site.write("b.txt.", "a file whose name ends in a dot")
    site.write("dir./c.txt", "c")
    site.start()
    assert site.request("/a.txt").status == 200
    for target in ("/a.txt.", "/a.txt%20", "/a.txt.%20.", "/b.txt.", "/dir./c.txt", "/a.txt..."):
        reply = site.raw(target)
        assert status_of(reply) == "404.0", target


def test_names_are_case_sensitive(site):
    site.write("Mixed.txt", "mixed")
    site.write("lower.txt", "lower")
    site.write("LOWER.txt", "upper")
    site.start()
    assert site.request("/Mixed.txt").body == b"mixed"
    assert status_of(site.request("/mixed.txt")) == "404.0"
    assert site.request("/lower.txt").body == b"lower"
    assert site.request("/LOWER.txt").body == b"upper"


def test_very_long_names(site):
    name = "n" * 250 + ".txt"
    site.write(name, "long name")
    deep = "/".join(["d" * 200] * 15)
    site.start()
    assert site.request("/" + name).body == b"long name"
    assert status_of(site.request("/" + "n" * 300 + ".txt")) == "404.0"  # longer than NAME_MAX
    reply = site.request("/" + deep + "/x.txt")  # longer than PATH_MAX once mapped
    assert reply.status in (404, 414) and reply.status != 500


def test_special_files_are_not_served(site):
    os.mkfifo(site.www / "pipe.txt")
    (site.www / "dev.txt").symlink_to("/dev/zero")
    site.write("ok.txt", "still fine")
    site.start()
    assert status_of(site.request("/pipe.txt")) == "404.0"
    assert site.request("/dev.txt").status == 404
    assert site.request("/ok.txt").body == b"still fine"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_403(site):
    path = site.write("locked.txt", "no")
    path.chmod(0)
    site.start()
    assert site.request("/locked.txt").status == 403


def test_virtual_directories_have_their_own_root(site):
    assets = site.root / "assets"
    assets.mkdir()
    (assets / "logo.svg").write_text("<svg/>")
    site.write("page.txt", "site root")
    # A link from the virtual directory's folder back into the site's folder leaves its root.
    (assets / "escape.txt").symlink_to(site.www / "page.txt")
    applications = f"""<application path="/">
            <virtualDirectory path="/" physicalPath="%LINTEL_ROOT%/www" />
            <virtualDirectory path="/static" physicalPath="{assets}" />
        </application>"""
    site.start(applications=applications)
    reply = site.request("/static/logo.svg")
    assert reply.status == 200 and reply.header("Content-Type") == "image/svg+xml"
    assert site.request("/page.txt").body == b"site root"
    assert status_of(site.request("/static/escape.txt")) == "404.0"


# --------------------------------------------------------------------------------------------------
# The example configuration that scripts/run serves
# --------------------------------------------------------------------------------------------------

def test_example_configuration(lintel, lintel_env, static_modules, tmp_path):
    modules = tmp_path / "modules"
    modules.mkdir()
    for name in ("static_file", "default_document", "directory_listing"):
        (modules / f"{name}.so").symlink_to(static_modules.directory / f"{name}.so")
    (modules / "hello.so").symlink_to(lintel_env.example_module("hello"))
    port = harness.free_port()
    text = (harness.REPO_ROOT / "examples" / "applicationHost.config").read_text(encoding="utf-8")
    assert "127.0.0.1:8080:" in text
    config = harness.write_config(tmp_path, text.replace("127.0.0.1:8080:", f"127.0.0.1:{port}:"))
    lintel.start(config, port, env={"LINTEL_MODULES": str(modules),
                                    "LINTEL_ROOT": str(harness.REPO_ROOT / "examples")})
    home = harness.request(port, "GET", "/")
    assert home.status == 200 and b"Lintel example site" in home.body
    assert home.header("Content-Type") == "text/html"
    assert home.header("Cache-Control") == "max-age=3600"
    assert harness.request(port, "GET", "/index.html").body == home.body
    assert harness.request(port, "GET", "/hello").body == b"Hello from Lintel!\n"
    assert harness.request(port, "GET", "/missing.html").status == 404
