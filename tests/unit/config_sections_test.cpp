// Tests of the generic configuration trees and their merging per configuration path
// (src/config/sections.{h,cpp}, recorded by src/config/loader.cpp).
#include "config/config.h"
#include "config/sections.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace cfg = lintel::config;

namespace {

const std::string k_file = "/etc/lintel/applicationHost.config";

// Two sites; "Site" has the applications / (root), /app and /app2.
const std::string k_sites = R"(
  <system.applicationHost>
    <sites>
      <site name="Site" id="1" serverAutoStart="true">
        <application path="/">
          <virtualDirectory path="/" physicalPath="/srv/www" />
        </application>
        <application path="/app">
          <virtualDirectory path="/" physicalPath="/srv/app" />
        </application>
        <application path="/app2">
          <virtualDirectory path="/" physicalPath="/srv/app2" />
        </application>
        <bindings>
          <binding protocol="http" bindingInformation="*:80:" />
          <binding protocol="http" bindingInformation="*:8080:" />
        </bindings>
      </site>
      <site name="Other" id="2">
        <application path="/">
          <virtualDirectory path="/" physicalPath="/srv/other" />
        </application>
      </site>
    </sites>
  </system.applicationHost>
)";

std::string document(std::string_view body, std::string_view declarations = "") {
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n";
    xml += declarations;
    xml += k_sites;
    xml += body;
    xml += "\n</configuration>\n";
    return xml;
}

cfg::snapshot load_ok(const std::string& xml) {
    auto result = cfg::load_application_host_text(xml, k_file);
    std::string errors;
    for (const auto& e : result.errors) errors += e.to_string() + "\n";
    EXPECT_TRUE(result.config.has_value()) << errors;
    return result.config ? std::move(*result.config) : cfg::snapshot{};
}

unsigned line_of(std::string_view text, std::string_view needle) {
    const auto pos = text.find(needle);
    EXPECT_NE(pos, std::string_view::npos) << "fixture lacks " << needle;
    unsigned line = 1;
    for (std::size_t i = 0; i < pos && i < text.size(); ++i) line += text[i] == '\n' ? 1 : 0;
    return line;
}

std::string attr(const cfg::merged_element& e, std::string_view name) {
    const cfg::attribute* a = e.find_attribute(name);
    return a ? a->value : "<absent>";
}

std::vector<std::string> attribute_names(const cfg::merged_element& e) {
    std::vector<std::string> out;
    for (const auto& a : e.attributes) out.push_back(a.name);
    return out;
}

std::vector<std::string> keys(const cfg::merged_element& e) {
    std::vector<std::string> out;
    for (const auto& entry : e.collection) out.push_back(cfg::collection_key(entry));
    return out;
}

cfg::merged_element section(const cfg::snapshot& s, std::string_view name, std::string_view path) {
    auto found = cfg::section_for(s, name, path);
    EXPECT_EQ(found.status, cfg::section_status::found)
        << name << " at " << path << ": " << found.message;
    return found.element;
}

// A custom section set at every level the tests below read.
const std::string k_layers = R"(
  <system.webServer>
    <lintelTest enabled="true" count="5" label="server">
      <add name="a" value="1" />
      <add name="b" value="2" />
      <inner depth="1" />
    </lintelTest>
  </system.webServer>
  <location path="Site">
    <system.webServer>
      <lintelTest label="site" extra="x">
        <add name="c" value="3" />
        <add name="a" value="site-a" />
        <inner width="2" />
      </lintelTest>
    </system.webServer>
  </location>
  <location path="Site/app">
    <system.webServer>
      <lintelTest count="7">
        <remove name="b" />
        <add name="d" value="4" />
      </lintelTest>
    </system.webServer>
  </location>
  <location path="Site/app2">
    <system.webServer>
      <lintelTest enabled="false">
        <clear />
        <add name="only" value="9" />
      </lintelTest>
    </system.webServer>
  </location>
)";

}  // namespace

TEST(ConfigSections, EveryElementIsKeptAsATree) {
    const std::string xml = document(R"(
  <system.webServer>
    <staticContent enableDocFooter="false" defaultDocFooter="">
      <mimeMap fileExtension=".json" mimeType="application/json" />
    </staticContent>
  </system.webServer>
  <system.web><compilation debug="true" /></system.web>
  <location path="" overrideMode="Allow">
    <system.webServer><myCustomSection on="yes" /></system.webServer>
  </location>
  <location path="Site/app">
    <system.webServer><staticContent enableDocFooter="true" /></system.webServer>
  </location>
)");
    const cfg::snapshot s = load_ok(xml);

    std::vector<std::string> top;
    for (const auto& e : s.server_elements) top.push_back(e.name);
    EXPECT_EQ(top, (std::vector<std::string>{"system.applicationHost", "system.webServer",
                                             "system.web", "system.webServer"}));

    const cfg::element& web = s.server_elements[1];
    ASSERT_EQ(web.children.size(), 1u);
    const cfg::element& static_content = web.children[0];
    EXPECT_EQ(static_content.name, "staticContent");
    ASSERT_EQ(static_content.attributes.size(), 2u);
    EXPECT_EQ(static_content.attributes[0].name, "enableDocFooter");
    EXPECT_EQ(static_content.attributes[0].value, "false");
    EXPECT_EQ(static_content.attributes[1].name, "defaultDocFooter");
    EXPECT_EQ(static_content.attributes[1].value, "");
    EXPECT_EQ(static_content.where.file, k_file);
    EXPECT_EQ(static_content.where.line, line_of(xml, "<staticContent"));
    ASSERT_EQ(static_content.children.size(), 1u);
    EXPECT_EQ(static_content.children[0].where.line, line_of(xml, "<mimeMap"));

    ASSERT_EQ(s.locations.size(), 1u);
    ASSERT_EQ(s.locations[0].elements.size(), 1u);
    EXPECT_EQ(s.locations[0].elements[0].name, "system.webServer");
    EXPECT_EQ(s.locations[0].elements[0].children.at(0).name, "staticContent");

    // The typed view is unchanged: the extra sections are still reported as not interpreted.
    EXPECT_NE(std::find(s.unknown_sections.begin(), s.unknown_sections.end(),
                        "system.webServer/staticContent"),
              s.unknown_sections.end());
    EXPECT_EQ(s.sites.size(), 2u);
}

TEST(ConfigSections, DeclaredSectionsComeFromConfigSections) {
    const cfg::snapshot s = load_ok(document("", R"(
  <configSections>
    <section name="appSettings" />
    <sectionGroup name="system.webServer">
      <section name="lintelTest" overrideModeDefault="Allow" />
      <sectionGroup name="security">
        <section name="access" />
      </sectionGroup>
    </sectionGroup>
  </configSections>
)"));
    std::vector<std::string> declared = s.declared_sections;
    std::sort(declared.begin(), declared.end());
    EXPECT_EQ(declared, (std::vector<std::string>{"appSettings", "system.webServer/lintelTest",
                                                  "system.webServer/security/access"}));
    // Declarations are not configuration.
    for (const auto& e : s.server_elements) EXPECT_NE(e.name, "configSections");

    // Declared but set nowhere: an empty element, not an error.
    auto found = cfg::section_for(s, "system.webServer/lintelTest", "MACHINE/WEBROOT/APPHOST");
    EXPECT_EQ(found.status, cfg::section_status::found);
    EXPECT_EQ(found.element.name, "lintelTest");
    EXPECT_TRUE(found.element.attributes.empty());
    EXPECT_TRUE(found.element.collection.empty());
}

TEST(ConfigSections, ServerLevel) {
    const cfg::snapshot s = load_ok(document(k_layers));
    const auto e = section(s, "system.webServer/lintelTest", "MACHINE/WEBROOT/APPHOST");
    EXPECT_EQ(e.name, "lintelTest");
    EXPECT_EQ(attribute_names(e), (std::vector<std::string>{"enabled", "count", "label"}));
    EXPECT_EQ(attr(e, "label"), "server");
    EXPECT_EQ(keys(e), (std::vector<std::string>{"a", "b"}));
    ASSERT_NE(e.find_entry("b"), nullptr);
    EXPECT_EQ(attr(*e.find_entry("b"), "value"), "2");
    EXPECT_EQ(e.find_entry("zzz"), nullptr);
    ASSERT_EQ(e.children.size(), 1u);
    EXPECT_EQ(e.children[0].name, "inner");
    // Entries are not child elements and child elements are not entries.
    EXPECT_EQ(e.find_child("add"), nullptr);
}

TEST(ConfigSections, SiteLevelOverridesAttributesAndExtendsCollections) {
    const std::string xml = document(k_layers);
    const cfg::snapshot s = load_ok(xml);
    const auto e = section(s, "system.webServer/lintelTest", "MACHINE/WEBROOT/APPHOST/Site");
    // Deeper wins; an attribute keeps the position where it first appeared.
    EXPECT_EQ(attribute_names(e), (std::vector<std::string>{"enabled", "count", "label", "extra"}));
    EXPECT_EQ(attr(e, "label"), "site");
    EXPECT_EQ(attr(e, "count"), "5");
    // <add name="a"> again replaces the inherited entry in place.
    EXPECT_EQ(keys(e), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(attr(*e.find_entry("a"), "value"), "site-a");
    EXPECT_EQ(e.find_entry("a")->where.line, line_of(xml, "value=\"site-a\""));
    // Child elements merge recursively.
    ASSERT_NE(e.find_child("inner"), nullptr);
    EXPECT_EQ(attr(*e.find_child("inner"), "depth"), "1");
    EXPECT_EQ(attr(*e.find_child("inner"), "width"), "2");
    EXPECT_EQ(e.where.line, line_of(xml, "<lintelTest label=\"site\""));

    // The other site only sees the server level.
    const auto other = section(s, "system.webServer/lintelTest", "MACHINE/WEBROOT/APPHOST/Other");
    EXPECT_EQ(attr(other, "label"), "server");
    EXPECT_EQ(keys(other), (std::vector<std::string>{"a", "b"}));
}

TEST(ConfigSections, ApplicationLevelRemoveAndClear) {
    const cfg::snapshot s = load_ok(document(k_layers));
    const auto app = section(s, "system.webServer/lintelTest", "MACHINE/WEBROOT/APPHOST/Site/app");
    EXPECT_EQ(attr(app, "count"), "7");
    EXPECT_EQ(attr(app, "label"), "site");
    EXPECT_EQ(keys(app), (std::vector<std::string>{"a", "c", "d"}));

    // A path below the application inherits it; the configuration path's case does not matter.
    const auto below =
        section(s, "system.webServer/lintelTest", "machine/webroot/apphost/site/APP/dir/");
    EXPECT_EQ(keys(below), (std::vector<std::string>{"a", "c", "d"}));

    const auto app2 =
        section(s, "system.webServer/lintelTest", "MACHINE/WEBROOT/APPHOST/Site/app2");
    EXPECT_EQ(attr(app2, "enabled"), "false");
    EXPECT_EQ(attr(app2, "label"), "site");
    EXPECT_EQ(keys(app2), (std::vector<std::string>{"only"}));

    // "/apple" is not inside "/app".
    const auto apple =
        section(s, "system.webServer/lintelTest", "MACHINE/WEBROOT/APPHOST/Site/apple");
    EXPECT_EQ(keys(apple), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(ConfigSections, InheritInChildApplicationsFalseStopsAtTheApplication) {
    const cfg::snapshot s = load_ok(document(R"(
  <location path="Site" inheritInChildApplications="false">
    <system.webServer><lintelTest label="root-only" /></system.webServer>
  </location>
)"));
    EXPECT_EQ(
        attr(section(s, "system.webServer/lintelTest", "MACHINE/WEBROOT/APPHOST/Site/x"), "label"),
        "root-only");
    EXPECT_EQ(attr(section(s, "system.webServer/lintelTest", "MACHINE/WEBROOT/APPHOST/Site/app"),
                   "label"),
              "<absent>");
}

TEST(ConfigSections, KeyIsTheFirstAttributeWithoutName) {
    const cfg::snapshot s = load_ok(document(R"(
  <system.webServer>
    <staticContent>
      <mimeMap fileExtension=".a" mimeType="text/a" />
      <add fileExtension=".json" mimeType="application/json" />
      <add fileExtension=".txt" mimeType="text/plain" />
    </staticContent>
    <defaultDocument><files><add value="index.html" /><add value="default.htm" /></files>
    </defaultDocument>
  </system.webServer>
  <location path="Site">
    <system.webServer>
      <staticContent>
        <remove fileExtension=".json" />
        <add fileExtension=".txt" mimeType="text/x-site" />
      </staticContent>
      <defaultDocument><files><remove value="index.html" /></files></defaultDocument>
    </system.webServer>
  </location>
)"));
    const auto server = section(s, "system.webServer/staticContent", "MACHINE/WEBROOT/APPHOST");
    // <mimeMap> is staticContent's collection entry (IIS's schema names it), like <add>.
    EXPECT_EQ(keys(server), (std::vector<std::string>{".a", ".json", ".txt"}));
    EXPECT_EQ(server.find_child("mimeMap"), nullptr);

    const auto site = section(s, "system.webServer/staticContent", "MACHINE/WEBROOT/APPHOST/Site");
    EXPECT_EQ(keys(site), (std::vector<std::string>{".a", ".txt"}));
    EXPECT_EQ(attr(*site.find_entry(".txt"), "mimeType"), "text/x-site");

    const auto files =
        section(s, "system.webServer/defaultDocument/files", "MACHINE/WEBROOT/APPHOST/Site/app");
    EXPECT_EQ(files.name, "files");
    EXPECT_EQ(keys(files), (std::vector<std::string>{"default.htm"}));
}

TEST(ConfigSections, ApplicationHostCollections) {
    const cfg::snapshot s = load_ok(document(""));
    const auto sites = section(s, "system.applicationHost/sites", "MACHINE/WEBROOT/APPHOST");
    EXPECT_EQ(keys(sites), (std::vector<std::string>{"Site", "Other"}));
    const cfg::merged_element* site = sites.find_entry("Site");
    ASSERT_NE(site, nullptr);
    EXPECT_EQ(attr(*site, "id"), "1");
    EXPECT_EQ(keys(*site), (std::vector<std::string>{"/", "/app", "/app2"}));
    const cfg::merged_element* bindings = site->find_child("bindings");
    ASSERT_NE(bindings, nullptr);
    // Two bindings of one protocol stay two.
    EXPECT_EQ(bindings->collection.size(), 2u);
    EXPECT_EQ(keys(site->collection[1]), (std::vector<std::string>{"/"}));
}

TEST(ConfigSections, ServerLevelLocationsAndRepeatedGroupsMergeInDocumentOrder) {
    const cfg::snapshot s = load_ok(document(R"(
  <system.webServer><lintelTest label="first" keep="yes"><add name="a" /></lintelTest>
  </system.webServer>
  <location path="">
    <system.webServer><lintelTest label="second"><add name="b" /></lintelTest>
    </system.webServer>
  </location>
  <location path=".">
    <system.webServer><lintelTest label="third" /></system.webServer>
  </location>
)"));
    const auto e = section(s, "system.webServer/lintelTest", "MACHINE/WEBROOT/APPHOST");
    EXPECT_EQ(attr(e, "label"), "third");
    EXPECT_EQ(attr(e, "keep"), "yes");
    EXPECT_EQ(keys(e), (std::vector<std::string>{"a", "b"}));
}

TEST(ConfigSections, StatusForUnknownSectionsAndPaths) {
    const cfg::snapshot s = load_ok(document(k_layers));
    const std::string apphost = "MACHINE/WEBROOT/APPHOST";

    EXPECT_EQ(cfg::section_for(s, "system.webServer/nothing", apphost).status,
              cfg::section_status::unknown_section);
    EXPECT_EQ(cfg::section_for(s, "", apphost).status, cfg::section_status::unknown_section);
    EXPECT_EQ(cfg::section_for(s, "system.webServer//lintelTest", apphost).status,
              cfg::section_status::unknown_section);
    // Section names are XML names: case matters.
    EXPECT_EQ(cfg::section_for(s, "system.webServer/LintelTest", apphost).status,
              cfg::section_status::unknown_section);

    // Sections the server itself reads are known even when absent.
    const auto handlers = cfg::section_for(s, "system.webServer/handlers", apphost);
    EXPECT_EQ(handlers.status, cfg::section_status::found);
    EXPECT_TRUE(handlers.element.collection.empty());

    // Set only in a location: known everywhere, empty where no level sets it.
    const cfg::snapshot only_site = load_ok(document(R"(
  <location path="Site/app"><system.webServer><siteOnly a="1" /></system.webServer></location>
)"));
    const auto at_server = cfg::section_for(only_site, "system.webServer/siteOnly", apphost);
    EXPECT_EQ(at_server.status, cfg::section_status::found);
    EXPECT_TRUE(at_server.element.attributes.empty());
    EXPECT_EQ(attr(section(only_site, "system.webServer/siteOnly", apphost + "/Site/app"), "a"),
              "1");

    for (const char* bad : {"", "APPHOST", "MACHINE/APPHOST", "MACHINE/WEBROOT/OTHER",
                            "/MACHINE/WEBROOT/APPHOST", "MACHINE/WEBROOT/APPHOST//Site"}) {
        const auto r = cfg::section_for(s, "system.webServer/lintelTest", bad);
        EXPECT_EQ(r.status, cfg::section_status::invalid_path) << bad;
        EXPECT_FALSE(r.message.empty());
    }
    for (const char* missing : {"MACHINE", "MACHINE/WEBROOT", "MACHINE/WEBROOT/APPHOST/Nope",
                                "MACHINE/WEBROOT/APPHOST/Nope/app"}) {
        const auto r = cfg::section_for(s, "system.webServer/lintelTest", missing);
        EXPECT_EQ(r.status, cfg::section_status::path_not_found) << missing;
        EXPECT_FALSE(r.message.empty());
    }
}

TEST(ConfigSections, TooDeepNestingIsAnError) {
    std::string deep;
    for (int i = 0; i < 80; ++i) deep += "<d>";
    for (int i = 0; i < 80; ++i) deep += "</d>";
    const std::string xml = document("  <system.webServer>" + deep + "</system.webServer>");
    const auto result = cfg::load_application_host_text(xml, k_file);
    EXPECT_FALSE(result.config.has_value());
    bool reported = false;
    for (const auto& e : result.errors) {
        reported |= e.message.find("deeper than") != std::string::npos;
    }
    EXPECT_TRUE(reported);
}
