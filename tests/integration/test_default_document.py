"""DefaultDocumentModule (modules/default_document) with the shipped default configuration:
IIS's list and order (Default.htm, Default.asp, index.htm, index.html, iisstart.htm,
default.aspx), the courtesy redirect "/dir" -> "/dir/", <files> edited per location, enabled="false",
case-insensitive names, documents that appear and disappear, and the document served with
everything StaticFileModule does (validators, ranges, MIME map, path rules).

Site helpers (StaticSite, location, status_of) come from test_static_files.py.
"""

from __future__ import annotations

import os

import pytest

from test_static_files import SECRET, location, site, static_modules, status_of  # noqa: F401


def test_site_root_serves_first_document_in_iis_order(site):
    site.write("index.html", "index.html")
    site.write("iisstart.htm", "iisstart")
    site.start()
    reply = site.request("/")
    assert reply.status == 200 and reply.body == b"index.html"
    assert reply.header("Content-Type") == "text/html"
    assert reply.header("ETag") and reply.header("Last-Modified")


@pytest.mark.parametrize("present,expected", [
    (["Default.htm", "index.html"], "Default.htm"),
    (["index.htm", "index.html"], "index.htm"),
    (["iisstart.htm", "index.html"], "index.html"),
    (["iisstart.htm"], "iisstart.htm"),
])
def test_order_of_the_default_list(site, present, expected):
    for name in present:
        site.write(f"d/{name}", name)
    site.start()
    assert site.request("/d/").body == expected.encode()


def test_names_match_regardless_of_case_exact_first(site):
    site.write("a/default.htm", "lower-case default.htm")
    site.write("b/Default.htm", "exact")
    site.write("b/DEFAULT.HTM", "shouting")
    site.write("c/INDEX.HTML", "upper-case index")
    site.start()
    assert site.request("/a/").body == b"lower-case default.htm"
    assert site.request("/b/").body == b"exact"
    assert site.request("/c/").body == b"upper-case index"


def test_ambiguous_case_matches_are_skipped(site):
    site.write("d/DEFAULT.htm", "one")
    site.write("d/default.HTM", "two")  # two files differ from "Default.htm" only in case
    site.write("d/index.html", "index")
    site.start()
    assert site.request("/d/").body == b"index"


def test_directory_without_slash_is_redirected(site):
    site.write("docs/index.html", "docs")
    site.write("with space/index.html", "spaced")
    site.start()
    reply = site.request("/docs")
    assert reply.status == 301 and status_of(reply) == "301.0"
    assert reply.header("Location") == f"http://127.0.0.1:{site.port}/docs/"
    query = site.request("/docs?lang=en&x=1")
    assert query.header("Location") == f"http://127.0.0.1:{site.port}/docs/?lang=en&x=1"
    spaced = site.request("/with%20space")
    assert spaced.header("Location") == f"http://127.0.0.1:{site.port}/with%20space/"
    assert site.request("/with%20space/").body == b"spaced"


def test_directory_without_document_is_403_14(site):
    site.write("empty/notes.txt", "not a default document")
    site.start()
    reply = site.request("/empty/")
    assert reply.status == 403 and status_of(reply) == "403.14"
    assert b"not a default document" not in reply.body


def test_disabled_per_location(site):
    site.write("off/index.html", "index")
    site.write("on/index.html", "index")
    site.start(extra=location("/off", '<defaultDocument enabled="false" />'))
    assert status_of(site.request("/off/")) == "403.14"
    assert site.request("/off/index.html").body == b"index"  # the file itself is still served
    assert site.request("/on/").body == b"index"


def test_files_list_edited_per_location(site):
    site.write("custom/home.html", "home")
    site.write("custom/index.html", "index")
    site.write("more/index.html", "index")
    site.write("more/start.htm", "start")
    site.start(extra=location("/custom", """<defaultDocument><files><clear />
            <add value="home.html" /></files></defaultDocument>""")
               + location("/more", """<defaultDocument><files>
            <remove value="index.html" /><add value="start.htm" /></files></defaultDocument>"""))
    assert site.request("/custom/").body == b"home"
    assert site.request("/more/").body == b"start"
    assert site.request("/").status == 403  # the site root keeps the default list


def test_document_appears_and_disappears(site):
    site.write("live/other.txt", "x")
    site.start()
    assert status_of(site.request("/live/")) == "403.14"
    document = site.write("live/index.html", "now here")
    assert site.request("/live/").body == b"now here"
    document.write_text("changed")
    assert site.request("/live/").body == b"changed"
    document.unlink()
    assert status_of(site.request("/live/")) == "403.14"


def test_a_directory_named_like_a_document_is_skipped(site):
    (site.www / "d" / "Default.htm").mkdir(parents=True)
    site.write("d/index.html", "the file")
    site.start()
    assert site.request("/d/").body == b"the file"


def test_document_gets_conditional_requests_and_ranges(site):
    site.write("index.html", "0123456789")
    site.start()
    first = site.request("/")
    etag = first.header("ETag")
    assert site.request("/", {"If-None-Match": etag}).status == 304
    assert site.request("/", {"If-Modified-Since": first.header("Last-Modified")}).status == 304
    partial = site.request("/", {"Range": "bytes=2-4"})
    assert partial.status == 206 and partial.body == b"234"
    head = site.request("/", method="HEAD")
    assert head.status == 200 and head.header("Content-Length") == "10" and head.body == b""


def test_document_follows_the_static_rules(site):
    site.write("aspx/default.aspx", "<% server code %>")
    (site.root / "secret.htm").write_bytes(SECRET)
    (site.www / "linked").mkdir()
    (site.www / "linked" / "index.htm").symlink_to(site.root / "secret.htm")
    site.write("post/index.html", "x")
    site.start()
    # Served as a static file (no child requests in Lintel): no MIME mapping for .aspx.
    reply = site.request("/aspx/")
    assert status_of(reply) == "404.3" and b"server code" not in reply.body
    # A document that is a link out of the site is refused like any file.
    reply = site.request("/linked/")
    assert reply.status == 404 and SECRET not in reply.body
    assert status_of(site.request("/post/", method="POST")) == "405.0"


def test_static_file_module_alone_answers_directories_403_14(site):
    site.write("index.html", "index")
    handler = ('<handlers><clear /><add name="FilesOnly" path="*" verb="*" '
               'modules="StaticFileModule" /></handlers>')
    site.start(extra=location("", handler))
    assert status_of(site.request("/")) == "403.14"
    assert site.request("/index.html").body == b"index"


def test_virtual_directory_folder_gets_default_documents(site):
    docs = site.root / "manual"
    docs.mkdir()
    (docs / "index.htm").write_text("manual")
    site.write("index.html", "site")
    applications = f"""<application path="/">
            <virtualDirectory path="/" physicalPath="%LINTEL_ROOT%/www" />
            <virtualDirectory path="/manual" physicalPath="{docs}" />
        </application>"""
    site.start(applications=applications)
    assert site.request("/manual/").body == b"manual"
    assert site.request("/manual").status == 301
    assert site.request("/").body == b"site"
