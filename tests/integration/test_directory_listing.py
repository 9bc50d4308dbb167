"""DirectoryListingModule (modules/directory_listing) with the shipped default configuration:
browsing off by default (403.14), on per location, the showFlags fields (Date, Time, Size,
Extension, LongDate, None), escaped names and encoded links, hidden dot files, sorting, the
"/dir" -> "/dir/" redirect, default documents winning, and the path rules.

Site helpers (StaticSite, location, status_of) come from test_static_files.py.
"""

from __future__ import annotations

import html
import os
import re
import time
from urllib.parse import unquote

import pytest

from test_static_files import SECRET, location, site, static_modules, status_of  # noqa: F401

BROWSE = '<directoryBrowse enabled="true" />'
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def links(body: bytes) -> list[tuple[str, str]]:
    """(href, text) of every link in a listing, unescaped."""
    return [(html.unescape(href), html.unescape(text))
            for href, text in re.findall(r'<a href="([^"]*)">([^<]*)</a>', body.decode("utf-8"))]


def listing_line(body: bytes, href: str) -> str:
    """The text before the link to `href`, on its line of the listing."""
    text = body.decode("utf-8")
    marker = f'<a href="{html.escape(href)}">'
    end = text.index(marker)
    start = text.rfind("<br>", 0, end)
    return html.unescape(text[start + 4 if start >= 0 else text.index("<pre>") + 5:end])


def test_browsing_is_off_by_default(site):
    site.write("files/a.txt", "a")
    site.start()
    reply = site.request("/files/")
    assert reply.status == 403 and status_of(reply) == "403.14"
    assert b"a.txt" not in reply.body


def test_listing_links_entries_and_parent(site):
    site.write("pub/b.txt", "bb")
    site.write("pub/A.txt", "a")
    site.write("pub/sub/c.txt", "c")
    site.start(extra=location("/pub", BROWSE))
    reply = site.request("/pub/")
    assert reply.status == 200 and status_of(reply) == "200.0"
    assert reply.header("Content-Type") == "text/html; charset=utf-8"
    assert links(reply.body) == [("/", "[To Parent Directory]"), ("/pub/A.txt", "A.txt"),
                                 ("/pub/b.txt", "b.txt"), ("/pub/sub/", "sub")]
    assert f"127.0.0.1:{site.port} - /pub/" in reply.body.decode()
    nested = site.request("/pub/sub/")
    assert links(nested.body) == [("/pub/", "[To Parent Directory]"), ("/pub/sub/c.txt", "c.txt")]
    # Every link works.
    assert site.request("/pub/A.txt").body == b"a"


def test_site_root_listing_has_no_parent_link(site):
    site.write("x.txt", "x")
    site.start(extra=location("", BROWSE))
    reply = site.request("/")
    assert links(reply.body) == [("/x.txt", "x.txt")]


def test_default_show_flags(site):
    stamp = time.mktime((2021, 3, 4, 15, 6, 0, 0, 0, -1))
    site.write("d/file.txt", "x" * 1234, mtime=stamp)
    (site.www / "d" / "folder").mkdir()
    os.utime(site.www / "d" / "folder", (stamp, stamp))
    site.start(extra=location("/d", BROWSE))
    body = site.request("/d/").body
    assert listing_line(body, "/d/file.txt").split() == ["3/4/2021", "3:06", "PM", "1234"]
    assert listing_line(body, "/d/folder/").split() == ["3/4/2021", "3:06", "PM", "<dir>"]


def test_long_date_and_no_extension(site):
    stamp = time.mktime((2020, 12, 25, 9, 30, 0, 0, 0, -1))
    site.write("d/report.final.txt", "r", mtime=stamp)
    site.write("d/.profile", "hidden")
    site.start(extra=location("/d", '<directoryBrowse enabled="true" '
                                    'showFlags="Date, Time, LongDate" />'))
    body = site.request("/d/").body
    weekday = DAYS[time.localtime(stamp).tm_wday]
    line = listing_line(body, "/d/report.final.txt")
    assert line.split() == [weekday + ",", "December", "25,", "2020", "9:30", "AM"]
    # Without Extension the name loses its last extension; the link keeps the real name.
    assert ("/d/report.final.txt", "report.final") in links(body)
    assert b"profile" not in body  # dot files are hidden


def test_show_flags_none(site):
    site.write("d/a.txt", "a")
    site.start(extra=location("/d", '<directoryBrowse enabled="true" showFlags="None" />'))
    body = site.request("/d/").body
    assert listing_line(body, "/d/a.txt").strip() == ""
    assert ("/d/a.txt", "a") in links(body)


def test_numeric_show_flags(site):
    site.write("d/a.txt", "abc")
    site.start(extra=location("/d", '<directoryBrowse enabled="true" showFlags="24" />'))
    body = site.request("/d/").body  # 24 = Size | Extension
    assert listing_line(body, "/d/a.txt").split() == ["3"]
    assert ("/d/a.txt", "a.txt") in links(body)


def test_names_are_escaped_and_links_encoded(site):
    names = ['<img src=x onerror=alert(1)>.txt', 'a&b "q" \'s\'.txt', "space name.txt",
             "caf\u00e9.txt", "100%.txt", "hash#q?.txt"]
    for name in names:
        site.write(f"d/{name}", name)
    site.start(extra=location("/d", BROWSE))
    reply = site.request("/d/")
    text = reply.body.decode("utf-8")
    assert "<img" not in text
    found = dict((text_, href) for href, text_ in links(reply.body))
    for name in names:
        href = found[name]
        assert re.fullmatch(r"[A-Za-z0-9\-._~/!$&'()*+,;=:@%]+", href), href
        assert unquote(href) == "/d/" + name
        assert site.request(href).body == name.encode(), name


def test_entries_sorted_ignoring_case(site):
    for name in ("beta.txt", "Alpha.txt", "gamma.txt", "Delta.txt"):
        site.write(f"d/{name}", name)
    site.start(extra=location("/d", BROWSE))
    names = [text for _, text in links(site.request("/d/").body)][1:]
    assert names == ["Alpha.txt", "beta.txt", "Delta.txt", "gamma.txt"]


def test_redirect_and_default_documents_first(site):
    site.write("d/a.txt", "a")
    site.write("withdoc/index.html", "the document")
    site.start(extra=location("/d", BROWSE) + location("/withdoc", BROWSE))
    reply = site.request("/d")
    assert reply.status == 301 and reply.header("Location").endswith("/d/")
    assert site.request("/withdoc/").body == b"the document"


def test_redirect_when_default_documents_are_off(site):
    site.write("d/a.txt", "a")
    site.start(extra=location("/d", BROWSE + '<defaultDocument enabled="false" />'))
    reply = site.request("/d")
    assert reply.status == 301 and reply.header("Location").endswith("/d/")
    assert site.request("/d/").status == 200


def test_listing_refuses_links_out_of_the_site(site):
    outside = site.root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(SECRET)
    (site.www / "d").mkdir()
    (site.www / "d" / "away").symlink_to(outside)
    (site.www / "d" / "dangling").symlink_to(site.root / "missing")
    site.start(extra=location("/d", BROWSE))
    listing = site.request("/d/")
    assert ("/d/away/", "away") in links(listing.body)  # listed, but not browsable
    assert b"dangling" not in listing.body
    reply = site.request("/d/away/")
    assert reply.status == 404 and b"secret.txt" not in reply.body


def test_other_verbs_are_405(site):
    site.write("d/a.txt", "a")
    site.start(extra=location("/d", BROWSE))
    reply = site.request("/d/", method="POST")
    assert status_of(reply) == "405.0" and "GET" in reply.header("Allow")


def test_head_of_a_listing(site):
    site.write("d/a.txt", "a")
    site.start(extra=location("/d", BROWSE))
    get = site.request("/d/")
    head = site.request("/d/", method="HEAD")
    assert head.status == 200 and head.body == b""
    assert head.header("Content-Length") == get.header("Content-Length")


def test_listing_follows_changes(site):
    site.write("d/a.txt", "a")
    site.start(extra=location("/d", BROWSE))
    assert [t for _, t in links(site.request("/d/").body)][1:] == ["a.txt"]
    site.write("d/b.txt", "b")
    (site.www / "d" / "a.txt").unlink()
    assert [t for _, t in links(site.request("/d/").body)][1:] == ["b.txt"]


@pytest.mark.parametrize("target", ["/d./", "/d%20/"])
def test_trailing_dot_or_space_directories_are_refused(site, target):
    site.write("d/a.txt", "a")
    site.start(extra=location("", BROWSE))
    assert site.raw(target).status == 404
