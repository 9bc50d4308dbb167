"""The configuration admin API modules read their sections with: IHttpServer::GetAdminManager and
CoCreateInstance(CLSID_AppHostAdminManager), IAppHostAdminManager::GetAdminSection at a
configuration path, IAppHostElement, IAppHostProperty and the three collections.

The module is tests/modules/config_reader.cpp (its header describes the report). It reads the
custom section system.webServer/lintelTest, declared in <configSections> and set at the server
level, in <location path="Site"> and in <location path="Site/app">; /app2 is a second application
that only inherits. Merging rules: src/config/sections.h; error codes: docs/config.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional
from xml.sax.saxutils import quoteattr

import pytest

import lintel_harness as harness

MODULE = "config_reader"
APPHOST = "MACHINE/WEBROOT/APPHOST"

HR_OK = "0x00000000"
HR_INVALID_DATA = "0x8007000d"     # HRESULT_FROM_WIN32(ERROR_INVALID_DATA): unknown section
HR_FILE_NOT_FOUND = "0x80070002"   # HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND): unknown path
HR_INVALID_ARG = "0x80070057"      # E_INVALIDARG: not a configuration path
HR_INVALID_INDEX = "0x80070585"    # HRESULT_FROM_WIN32(ERROR_INVALID_INDEX): no such item
HR_NO_INTERFACE = "0x80004002"     # E_NOINTERFACE


def render(port: int, site_dir: Path, image: Path) -> str:
    physical = quoteattr(str(site_dir))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <configSections>
    <sectionGroup name="system.webServer">
      <section name="lintelTest" overrideModeDefault="Allow" />
      <section name="lintelDeclared" />
    </sectionGroup>
  </configSections>
  <system.applicationHost>
    <sites>
      <site name="Site" id="1">
        <application path="/">
          <virtualDirectory path="/" physicalPath={physical} />
        </application>
        <application path="/app">
          <virtualDirectory path="/" physicalPath={physical} />
        </application>
        <application path="/app2">
          <virtualDirectory path="/" physicalPath={physical} />
        </application>
        <bindings>
          <binding protocol="http" bindingInformation="127.0.0.1:{port}:" />
        </bindings>
      </site>
    </sites>
  </system.applicationHost>
  <system.webServer>
    <globalModules>
      <add name="ConfigReader" image={quoteattr(str(image))} />
    </globalModules>
    <modules>
      <add name="ConfigReader" />
    </modules>
    <handlers>
      <add name="reader" path="*" verb="*" modules="ConfigReader" />
    </handlers>
    <lintelTest enabled="true" count="5" big="4000000000" negative="-3" label="server"
                greeting="hello world">
      <add name="alpha" value="1" />
      <add name="beta" value="2" />
      <options mode="fast" />
    </lintelTest>
  </system.webServer>
  <location path="Site">
    <system.webServer>
      <lintelTest label="site" count="6">
        <add name="gamma" value="3" />
      </lintelTest>
    </system.webServer>
  </location>
  <location path="Site/app">
    <system.webServer>
      <lintelTest enabled="false" label="app">
        <remove name="alpha" />
        <add name="delta" value="4" />
        <options mode="slow" />
      </lintelTest>
    </system.webServer>
  </location>
</configuration>
"""


@pytest.fixture
def reader(lintel, lintel_env, tmp_path) -> harness.LintelServer:
    port = harness.free_port()
    text = render(port, lintel.site_dir, lintel_env.test_module(MODULE))
    config = harness.write_config(tmp_path, text)
    return lintel.start(config, port)


def read(server: harness.LintelServer, url: str = "/", *, section: Optional[str] = None,
         config_path: Optional[str] = None, lookup: str = "", props: str = "",
         children: str = "") -> dict[str, str]:
    headers = {}
    if section is not None:
        headers["X-Section"] = section
    if config_path is not None:
        headers["X-Config-Path"] = config_path
    for name, value in (("X-Lookup", lookup), ("X-Props", props), ("X-Children", children)):
        if value:
            headers[name] = value
    reply = harness.request(server.port, "GET", url, headers)
    assert reply.status == 200, reply
    report: dict[str, str] = {}
    for line in reply.body.decode("utf-8").splitlines():
        key, sep, value = line.partition("=")
        assert sep, f"report line without '=': {line!r}"
        report[key] = value
    return report


def side(report: dict[str, str], prefix: str) -> dict[str, str]:
    return {k[len(prefix):]: v for k, v in report.items() if k.startswith(prefix)}


def both(report: dict[str, str]) -> dict[str, str]:
    """The server manager's read, after checking the CoCreateInstance read saw the same."""
    server, com = side(report, "server."), side(report, "com.")
    assert server == com, f"GetAdminManager and CoCreateInstance disagree:\n{server}\n{com}"
    return server


def items(read_side: dict[str, str]) -> list[str]:
    count = int(read_side["items"])
    return [read_side[f"item{i}.prop.name"].split("|")[1] for i in range(count)]


def test_admin_api_reads_the_server_level_with_typed_values(reader):
    report = read(reader, config_path=APPHOST)
    assert report["path"] == APPHOST
    assert report["startup"] == "server"  # readable from RegisterModule on
    r = both(report)
    assert r["hr"] == HR_OK
    assert r["name"] == "lintelTest"
    assert r["qi.element"] == HR_OK
    assert r["qi.property"] == HR_NO_INTERFACE
    # get_Value is typed, get_StringValue is the text as written.
    assert r["prop.enabled"] == "bool:true|true"
    assert r["prop.count"] == "i4:5|5"
    assert r["prop.big"] == "ui4:4000000000|4000000000"
    assert r["prop.negative"] == "i4:-3|-3"
    assert r["prop.label"] == "bstr:server|server"
    assert r["prop.greeting"] == "bstr:hello world|hello world"
    assert items(r) == ["alpha", "beta"]
    assert r["item0.prop.value"] == "i4:1|1"
    assert r["children"] == "1"
    assert r["options.prop.mode"] == "bstr:fast|fast"
    assert r["options.items"] == "0"


def test_admin_api_site_location_overrides_the_server_level(reader):
    report = read(reader, "/page")
    assert report["path"] == f"{APPHOST}/Site"
    r = both(report)
    assert r["hr"] == HR_OK
    assert r["prop.label"] == "bstr:site|site"
    assert r["prop.count"] == "i4:6|6"
    assert r["prop.enabled"] == "bool:true|true"  # inherited
    assert items(r) == ["alpha", "beta", "gamma"]
    assert r["options.prop.mode"] == "bstr:fast|fast"


def test_admin_api_application_location_applies_to_its_application_only(reader):
    report = read(reader, "/app/some/page")
    assert report["path"] == f"{APPHOST}/Site/app"
    app = both(report)
    assert app["prop.label"] == "bstr:app|app"
    assert app["prop.enabled"] == "bool:false|false"
    assert app["prop.count"] == "i4:6|6"  # from the site level
    assert items(app) == ["beta", "gamma", "delta"]  # alpha removed, delta added
    assert app["options.prop.mode"] == "bstr:slow|slow"

    report = read(reader, "/app2/page")
    assert report["path"] == f"{APPHOST}/Site/app2"
    second = both(report)
    assert second["prop.label"] == "bstr:site|site"
    assert second["prop.enabled"] == "bool:true|true"
    assert items(second) == ["alpha", "beta", "gamma"]

    # Any path below the site can be asked for, whatever the request's own application is.
    deeper = both(read(reader, "/", config_path=f"{APPHOST}/site/APP/dir"))
    assert deeper["prop.label"] == "bstr:app|app"


def test_admin_api_collection_by_index_and_by_name(reader):
    r = both(read(reader, "/app/x", lookup="gamma,delta,alpha,nope"))
    assert [r[f"item{i}.prop.value"] for i in range(3)] == ["i4:2|2", "i4:3|3", "i4:4|4"]
    assert r["byname.gamma"] == "3"
    assert r["byname.delta"] == "4"
    assert r["byname.alpha"] == f"hr:{HR_INVALID_INDEX}"  # removed at the app level
    assert r["byname.nope"] == f"hr:{HR_INVALID_INDEX}"


def test_admin_api_property_and_element_by_name(reader):
    r = both(read(reader, "/", props="enabled,count,big,label,missing",
                  children="options,nothing"))
    assert r["attr.enabled"] == "bool:true"
    assert r["attr.count"] == "i4:6"
    assert r["attr.big"] == "ui4:4000000000"
    assert r["attr.label"] == "bstr:site"
    assert r["attr.missing"] == f"hr:{HR_INVALID_INDEX}"
    assert r["element.options"] == "options"
    assert r["element.nothing"] == f"hr:{HR_INVALID_INDEX}"


def test_admin_api_unknown_section_is_invalid_data(reader):
    report = read(reader, "/", section="system.webServer/notDeclaredAnywhere")
    assert report["server.hr"] == HR_INVALID_DATA
    assert report["com.hr"] == HR_INVALID_DATA
    assert "server.name" not in report

    # Declared in <configSections> but set nowhere: an empty section, as IIS without defaults.
    r = both(read(reader, "/", section="system.webServer/lintelDeclared"))
    assert r["hr"] == HR_OK
    assert r["name"] == "lintelDeclared"
    assert r["items"] == "0"
    assert r["children"] == "0"
    assert not any(key.startswith("prop.") for key in r)


def test_admin_api_unknown_and_invalid_paths(reader):
    report = read(reader, "/", config_path=f"{APPHOST}/NoSuchSite")
    assert report["server.hr"] == HR_FILE_NOT_FOUND
    assert report["com.hr"] == HR_FILE_NOT_FOUND
    report = read(reader, "/", config_path="MACHINE/WEBROOT")
    assert report["server.hr"] == HR_FILE_NOT_FOUND
    report = read(reader, "/", config_path="LM/W3SVC/1/ROOT")
    assert report["server.hr"] == HR_INVALID_ARG
    assert report["com.hr"] == HR_INVALID_ARG


def test_admin_api_reads_sections_the_server_itself_uses(reader):
    handlers = both(read(reader, "/", section="system.webServer/handlers"))
    assert items(handlers) == ["reader"]
    assert handlers["item0.prop.modules"] == "bstr:ConfigReader|ConfigReader"

    sites = both(read(reader, "/", section="system.applicationHost/sites", config_path=APPHOST,
                      lookup="Site"))
    assert items(sites) == ["Site"]
    assert sites["item0.prop.id"] == "i4:1|1"
    assert sites["item0.items"] == "3"  # the applications
    assert sites["item0.item1.prop.path"] == "bstr:/app|/app"
    assert sites["byname.Site"] == "no value"
