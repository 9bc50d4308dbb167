// Tests of the applicationHost.config loader (src/config).
#include "config/config.h"
#include "config/detail.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace cfg = lintel::config;
namespace fs = std::filesystem;

namespace {

const std::string k_file = "/etc/lintel/applicationHost.config";

cfg::load_result load(std::string_view xml) {
    return cfg::load_application_host_text(xml, k_file);
}

// 1-based line of the first occurrence of needle in text; the tests locate elements this way so
// that editing a fixture does not silently break the expected line numbers.
unsigned line_of(std::string_view text, std::string_view needle) {
    const auto pos = text.find(needle);
    EXPECT_NE(pos, std::string_view::npos) << "fixture lacks " << needle;
    if (pos == std::string_view::npos) return 0;
    unsigned line = 1;
    for (std::size_t i = 0; i < pos; ++i) {
        if (text[i] == '\n') ++line;
    }
    return line;
}

std::string dump(const std::vector<cfg::error>& errors) {
    std::string out;
    for (const auto& e : errors) out += e.to_string() + "\n";
    return out;
}

// The error whose message contains fragment, or nullptr.
const cfg::error* find_error(const cfg::load_result& r, std::string_view fragment) {
    for (const auto& e : r.errors) {
        if (e.message.find(fragment) != std::string::npos) return &e;
    }
    return nullptr;
}

void expect_error(const cfg::load_result& r, std::string_view fragment, unsigned line) {
    const cfg::error* e = find_error(r, fragment);
    ASSERT_NE(e, nullptr) << "no error containing \"" << fragment << "\"; got:\n" << dump(r.errors);
    EXPECT_EQ(e->line, line) << e->to_string();
    EXPECT_EQ(e->file, k_file);
    EXPECT_FALSE(r.config.has_value());
}

std::vector<std::string> names(const std::vector<cfg::module_entry>& v) {
    std::vector<std::string> out;
    for (const auto& m : v) out.push_back(m.name);
    return out;
}

std::vector<std::string> names(const std::vector<cfg::handler>& v) {
    std::vector<std::string> out;
    for (const auto& h : v) out.push_back(h.name);
    return out;
}

// A server-level skeleton: one site and the global modules A..D, with extra text spliced in.
std::string skeleton(std::string_view web_server, std::string_view after = "") {
    std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.applicationHost>
    <sites>
      <site name="Site" id="1">
        <application path="/">
          <virtualDirectory path="/" physicalPath="/srv/www" />
        </application>
        <application path="/app">
          <virtualDirectory path="/" physicalPath="/srv/app" />
        </application>
        <bindings><binding protocol="http" bindingInformation="*:80:" /></bindings>
      </site>
      <site name="Other" id="2">
        <application path="/">
          <virtualDirectory path="/" physicalPath="/srv/other" />
        </application>
      </site>
    </sites>
  </system.applicationHost>
  <system.webServer>
    <globalModules>
      <add name="A" image="/m/a.so" />
      <add name="B" image="/m/b.so" />
      <add name="C" image="/m/c.so" />
      <add name="D" image="/m/d.so" />
    </globalModules>
)";
    xml += web_server;
    xml += "\n  </system.webServer>\n";
    xml += after;
    xml += "\n</configuration>\n";
    return xml;
}

class scoped_env {
public:
    scoped_env(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value != nullptr) {
            ::setenv(name, value, 1);
        } else {
            ::unsetenv(name);
        }
    }
    ~scoped_env() {
        if (old_) {
            ::setenv(name_.c_str(), old_->c_str(), 1);
        } else {
            ::unsetenv(name_.c_str());
        }
    }

private:
    std::string name_;
    std::optional<std::string> old_;
};

// Shaped like a Visual Studio IIS Express file (.vs/<solution>/config/applicationhost.config):
// configSections, application pools, defaults after the sites, globalModules in the root
// system.webServer and modules/handlers in <location path="" overrideMode="Allow">.
const char* const k_iis_express_like = R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- written by a tool -->
<configuration>
    <configSections>
        <sectionGroup name="system.applicationHost">
            <section name="applicationPools" allowDefinition="AppHostOnly"
                overrideModeDefault="Deny" />
            <section name="sites" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
        </sectionGroup>
        <sectionGroup name="system.webServer">
            <section name="globalModules" allowDefinition="AppHostOnly"
                overrideModeDefault="Deny" />
            <section name="handlers" overrideModeDefault="Deny" />
            <section name="modules" allowDefinition="MachineToApplication"
                overrideModeDefault="Deny" />
        </sectionGroup>
    </configSections>
    <configProtectedData />
    <system.applicationHost>
        <applicationPools>
            <add name="Clr4IntegratedAppPool" managedRuntimeVersion="v4.0"
                managedPipelineMode="Integrated" />
            <applicationPoolDefaults managedRuntimeLoader="v4.0" />
        </applicationPools>
        <listenerAdapters>
            <add name="http" />
        </listenerAdapters>
        <sites>
            <site name="WebSite1" id="1" serverAutoStart="true">
                <application path="/">
                    <virtualDirectory path="/" physicalPath="%LINTEL_TEST_SITES%\WebSite1" />
                </application>
                <bindings>
                    <binding protocol="http" bindingInformation=":8080:localhost" />
                </bindings>
            </site>
            <site name="MyApp" id="2" serverAutoStart="false">
                <application path="/" applicationPool="MyPool">
                    <virtualDirectory path="/" physicalPath="/srv/myapp" />
                    <virtualDirectory path="/static" physicalPath="static" />
                </application>
                <application path="/api">
                    <virtualDirectory path="/" physicalPath="/srv/api" />
                </application>
                <bindings>
                    <binding protocol="http" bindingInformation="*:51742:localhost" />
                    <binding protocol="https" bindingInformation="*:44300:localhost" sslFlags="1" />
                    <binding protocol="http" bindingInformation="192.168.133.129:51742:*" />
                    <binding protocol="http" bindingInformation="[::1]:51742:" />
                    <binding protocol="net.tcp" bindingInformation="808:*" />
                </bindings>
                <limits connectionTimeout="00:01:00" />
            </site>
            <siteDefaults>
                <logFile logFormat="W3C" directory="%LINTEL_TEST_SITES%\Logs" />
                <traceFailedRequestsLogging directory="%LINTEL_TEST_SITES%\TraceLogFiles"
                    enabled="true" />
            </siteDefaults>
            <applicationDefaults applicationPool="Clr4IntegratedAppPool" />
            <virtualDirectoryDefaults allowSubDirConfig="true" />
        </sites>
        <webLimits />
    </system.applicationHost>
    <system.webServer>
        <serverRuntime />
        <asp scriptErrorSentToBrowser="true" />
        <caching enabled="true" enableKernelCache="true" />
        <defaultDocument enabled="true">
            <files><add value="index.html" /></files>
        </defaultDocument>
        <globalModules>
            <add name="HttpLoggingModule" image="%LINTEL_TEST_MODULES%\loghttp.so" />
            <add name="UriCacheModule" image="%LINTEL_TEST_MODULES%/cachuri.so" />
            <add name="StaticFileModule" image="modules/static.so" preCondition="bitness64" />
            <add name="DefaultDocumentModule" image="/usr/lib/lintel/defdoc.so" />
            <add name="ProtocolSupportModule" image="/usr/lib/lintel/protsup.so" />
        </globalModules>
        <security>
            <requestFiltering />
        </security>
        <staticContent lockAttributes="isDocFooterFileName">
            <mimeMap fileExtension=".html" mimeType="text/html" />
        </staticContent>
    </system.webServer>
    <location path="" overrideMode="Allow">
        <system.webServer>
            <modules>
                <add name="HttpLoggingModule" lockItem="true" />
                <add name="UriCacheModule" lockItem="true" />
                <add name="StaticFileModule" lockItem="true" />
                <add name="DefaultDocumentModule" lockItem="true" />
                <add name="ProtocolSupportModule" lockItem="true" />
            </modules>
            <handlers accessPolicy="Read, Script">
                <add name="OPTIONSVerbHandler" path="*" verb="OPTIONS"
                    modules="ProtocolSupportModule" requireAccess="None" />
                <add name="TRACEVerbHandler" path="*" verb="TRACE" modules="ProtocolSupportModule"
                    requireAccess="None" />
                <add name="PageHandlerFactory-Integrated" path="*.aspx" verb="GET,HEAD,POST,DEBUG"
                    type="System.Web.UI.PageHandlerFactory" preCondition="integratedMode" />
                <add name="StaticFile" path="*" verb="*"
                    modules="StaticFileModule,DefaultDocumentModule" resourceType="Either"
                    requireAccess="Read" />
            </handlers>
        </system.webServer>
    </location>
    <location path="MyApp/api" inheritInChildApplications="false">
        <system.webServer>
            <modules>
                <remove name="DefaultDocumentModule" />
            </modules>
        </system.webServer>
    </location>
</configuration>
)";

}  // namespace

TEST(ConfigLoader, IisExpressLikeConfigurationLoads) {
    scoped_env sites("LINTEL_TEST_SITES", "/home/dev/sites");
    scoped_env modules("LINTEL_TEST_MODULES", "/opt/lintel/modules");
    const std::string text = k_iis_express_like;
    auto r = load(text);
    ASSERT_TRUE(r.config) << dump(r.errors);
    const auto& c = *r.config;
    EXPECT_EQ(c.file, k_file);

    ASSERT_EQ(c.sites.size(), 2u);
    const auto& w = c.sites[0];
    EXPECT_EQ(w.id, 1u);
    EXPECT_EQ(w.name, "WebSite1");
    EXPECT_TRUE(w.server_auto_start);
    EXPECT_EQ(w.where.line, line_of(text, "<site name=\"WebSite1\""));
    ASSERT_EQ(w.bindings.size(), 1u);
    EXPECT_EQ(w.bindings[0].protocol, "http");
    EXPECT_EQ(w.bindings[0].address, "*");  // ":8080:localhost" means every address
    EXPECT_EQ(w.bindings[0].port, 8080);
    EXPECT_EQ(w.bindings[0].host_name, "localhost");
    EXPECT_EQ(w.bindings[0].information, ":8080:localhost");
    ASSERT_EQ(w.applications.size(), 1u);
    // applicationDefaults comes after the sites in the file and still applies.
    EXPECT_EQ(w.applications[0].application_pool, "Clr4IntegratedAppPool");
    EXPECT_EQ(w.applications[0].enabled_protocols, "http");
    ASSERT_EQ(w.applications[0].virtual_directories.size(), 1u);
    EXPECT_EQ(w.applications[0].virtual_directories[0].physical_path, "/home/dev/sites/WebSite1");

    const auto& m = c.sites[1];
    EXPECT_EQ(m.id, 2u);
    EXPECT_FALSE(m.server_auto_start);
    ASSERT_EQ(m.applications.size(), 2u);
    EXPECT_EQ(m.applications[0].application_pool, "MyPool");
    EXPECT_EQ(m.applications[1].path, "/api");
    EXPECT_EQ(m.applications[1].application_pool, "Clr4IntegratedAppPool");
    ASSERT_EQ(m.applications[0].virtual_directories.size(), 2u);
    EXPECT_EQ(m.applications[0].virtual_directories[1].path, "/static");
    EXPECT_EQ(m.applications[0].virtual_directories[1].physical_path, "/etc/lintel/static");
    ASSERT_EQ(m.bindings.size(), 5u);
    EXPECT_EQ(m.bindings[1].protocol, "https");
    EXPECT_EQ(m.bindings[1].port, 44300);
    EXPECT_EQ(m.bindings[1].ssl_flags, 1u);
    EXPECT_EQ(m.bindings[2].address, "192.168.133.129");
    EXPECT_EQ(m.bindings[2].host_name, "");  // "*" host = any
    EXPECT_EQ(m.bindings[3].address, "::1");
    EXPECT_EQ(m.bindings[3].port, 51742);
    EXPECT_EQ(m.bindings[4].protocol, "net.tcp");  // kept, not parsed
    EXPECT_EQ(m.bindings[4].port, 0);
    EXPECT_EQ(m.bindings[4].information, "808:*");
    EXPECT_EQ(m.bindings[4].where.line, line_of(text, "net.tcp"));

    ASSERT_EQ(c.global_modules.size(), 5u);
    EXPECT_EQ(c.global_modules[0].image, "/opt/lintel/modules/loghttp.so");
    EXPECT_EQ(c.global_modules[1].image, "/opt/lintel/modules/cachuri.so");
    EXPECT_EQ(c.global_modules[2].image, "/etc/lintel/modules/static.so");
    EXPECT_EQ(c.global_modules[2].pre_condition, "bitness64");
    EXPECT_EQ(c.global_modules[2].where.line,
              line_of(text, "<add name=\"StaticFileModule\" image"));

    EXPECT_EQ(names(c.root_web.modules),
              (std::vector<std::string>{"HttpLoggingModule", "UriCacheModule", "StaticFileModule",
                                        "DefaultDocumentModule", "ProtocolSupportModule"}));
    EXPECT_TRUE(c.root_web.modules[0].lock_item);
    EXPECT_EQ(names(c.root_web.handlers),
              (std::vector<std::string>{"OPTIONSVerbHandler", "TRACEVerbHandler",
                                        "PageHandlerFactory-Integrated", "StaticFile"}));
    const auto& options = c.root_web.handlers[0];
    EXPECT_EQ(options.path, "*");
    EXPECT_EQ(options.verb, "OPTIONS");
    EXPECT_EQ(options.modules, "ProtocolSupportModule");
    EXPECT_EQ(options.require_access, "None");
    EXPECT_EQ(options.resource_type, "Unspecified");
    const auto& page = c.root_web.handlers[2];
    EXPECT_EQ(page.type, "System.Web.UI.PageHandlerFactory");
    EXPECT_EQ(page.modules, "ManagedPipelineHandler");  // IIS's default
    EXPECT_EQ(page.require_access, "Script");
    EXPECT_EQ(page.pre_condition, "integratedMode");
    const auto& file = c.root_web.handlers[3];
    EXPECT_EQ(file.resource_type, "Either");
    EXPECT_EQ(file.require_access, "Read");
    EXPECT_EQ(file.where.line, line_of(text, "<add name=\"StaticFile\" path"));
    ASSERT_TRUE(c.root_web.handlers_access_policy);
    EXPECT_EQ(*c.root_web.handlers_access_policy, cfg::access_read | cfg::access_script);

    ASSERT_EQ(c.locations.size(), 1u);
    EXPECT_EQ(c.locations[0].site_name, "MyApp");
    EXPECT_EQ(c.locations[0].url_path, "/api");
    EXPECT_FALSE(c.locations[0].inherit_in_child_applications);

    for (const char* section :
         {"configProtectedData", "system.applicationHost/applicationPools",
          "system.applicationHost/listenerAdapters", "system.applicationHost/webLimits",
          "system.webServer/serverRuntime", "system.webServer/asp", "system.webServer/caching",
          "system.webServer/defaultDocument", "system.webServer/security",
          "system.webServer/staticContent"}) {
        EXPECT_NE(std::find(c.unknown_sections.begin(), c.unknown_sections.end(), section),
                  c.unknown_sections.end())
            << section;
    }
    EXPECT_EQ(std::find(c.unknown_sections.begin(), c.unknown_sections.end(), "configSections"),
              c.unknown_sections.end());

    auto api = cfg::effective_web_server(c, "myapp", "/API/values");
    EXPECT_EQ(names(api.modules),
              (std::vector<std::string>{"HttpLoggingModule", "UriCacheModule", "StaticFileModule",
                                        "ProtocolSupportModule"}));
    auto site_root = cfg::effective_web_server(c, "MyApp", "/index.html");
    EXPECT_EQ(site_root.modules.size(), 5u);
}

TEST(ConfigLoader, BindingInformationForms) {
    using cfg::detail::binding_parts;
    using cfg::detail::parse_binding_information;
    auto ok = [](std::string_view info) {
        auto r = parse_binding_information(info);
        EXPECT_TRUE(std::holds_alternative<binding_parts>(r))
            << info << ": " << std::get<std::string>(r);
        return std::holds_alternative<binding_parts>(r) ? std::get<binding_parts>(r)
                                                        : binding_parts{};
    };
    auto wildcard = ok("*:80:");
    EXPECT_EQ(wildcard.address, "*");
    EXPECT_EQ(wildcard.port, 80);
    EXPECT_EQ(wildcard.host_name, "");
    EXPECT_EQ(ok(":8080:localhost").address, "*");
    EXPECT_EQ(ok("*:443:www.example.com").host_name, "www.example.com");
    EXPECT_EQ(ok("*:443:*.example.com").host_name, "*.example.com");
    EXPECT_EQ(ok("10.0.0.1:65535:").port, 65535);
    EXPECT_EQ(ok("10.0.0.1:1:").address, "10.0.0.1");
    auto v6 = ok("[2001:db8::1]:8443:api.example.com");
    EXPECT_EQ(v6.address, "2001:db8::1");
    EXPECT_EQ(v6.port, 8443);
    EXPECT_EQ(v6.host_name, "api.example.com");
    EXPECT_EQ(ok("[::]:80:").address, "::");
    EXPECT_EQ(ok("::1:8080:").address, "::1");  // unbracketed IPv6 still splits at the end
    EXPECT_EQ(ok("[::ffff:192.168.0.1]:80:").address, "::ffff:192.168.0.1");

    auto bad = [](std::string_view info, std::string_view fragment) {
        auto r = parse_binding_information(info);
        ASSERT_TRUE(std::holds_alternative<std::string>(r)) << info;
        EXPECT_NE(std::get<std::string>(r).find(fragment), std::string::npos)
            << info << ": " << std::get<std::string>(r);
    };
    bad("*:80", "expected IP:PORT:HOST");
    bad("80", "expected IP:PORT:HOST");
    bad("", "expected IP:PORT:HOST");
    bad("*:0:", "port 0 is out of range");
    bad("*:65536:", "port 65536 is out of range");
    bad("*:99999999999999999999:", "out of range");
    bad("*::", "invalid port ''");
    bad("*:http:", "invalid port 'http'");
    bad("*:-1:", "invalid port '-1'");
    bad("300.1.1.1:80:", "invalid IP address '300.1.1.1'");
    bad("localhost:80:", "invalid IP address 'localhost'");
    bad("[::1:80:", "invalid IPv6 address");
    bad("[zz::1]:80:", "invalid IPv6 address");
    bad("[]:80:", "invalid IPv6 address");
    bad("*:80:bad host", "invalid host name");
}

TEST(ConfigLoader, WildcardAndIpv6BindingsInAFile) {
    const std::string text = R"(<configuration>
  <system.applicationHost>
    <sites>
      <site name="S" id="7">
        <bindings>
          <binding protocol="HTTP" bindingInformation="*:8080:" />
          <binding protocol="http" bindingInformation="[::]:8080:" />
          <binding protocol="https" bindingInformation="[fe80::1]:8443:secure.example" />
          <binding protocol="http" bindingInformation="127.0.0.1:8081:localhost" />
        </bindings>
        <application path="/"><virtualDirectory path="/" physicalPath="/srv" /></application>
      </site>
    </sites>
  </system.applicationHost>
</configuration>)";
    auto r = load(text);
    ASSERT_TRUE(r.config) << dump(r.errors);
    const auto& b = r.config->sites[0].bindings;
    ASSERT_EQ(b.size(), 4u);
    EXPECT_EQ(b[0].protocol, "http");  // lower-cased
    EXPECT_EQ(b[0].address, "*");
    EXPECT_EQ(b[1].address, "::");
    EXPECT_EQ(b[2].address, "fe80::1");
    EXPECT_EQ(b[2].port, 8443);
    EXPECT_EQ(b[2].host_name, "secure.example");
    EXPECT_EQ(b[3].address, "127.0.0.1");
    EXPECT_EQ(b[3].where.line, line_of(text, "127.0.0.1"));
}

TEST(ConfigLoader, SiteErrorsNameTheirLine) {
    const std::string text = R"(<configuration>
  <system.applicationHost>
    <sites>
      <site name="A" id="1">
        <application path="/"><virtualDirectory path="/" physicalPath="/a" /></application>
      </site>
      <site name="B" id="1">
        <application path="/"><virtualDirectory path="/" physicalPath="/b" /></application>
      </site>
      <site name="a" id="3">
        <application path="/"><virtualDirectory path="/" physicalPath="/c" /></application>
      </site>
      <site name="NoId">
        <application path="/"><virtualDirectory path="/" physicalPath="/d" /></application>
      </site>
      <site name="BadId" id="x1">
        <application path="/"><virtualDirectory path="/" physicalPath="/d" /></application>
      </site>
      <site name="NoRoot" id="5">
        <application path="/app"><virtualDirectory path="/" physicalPath="/e" /></application>
      </site>
      <site name="NoRootVdir" id="6">
        <application path="/"><virtualDirectory path="/x" physicalPath="/f" /></application>
      </site>
      <site name="BadPaths" id="8">
        <application path="/"><virtualDirectory path="/" physicalPath="/g" /></application>
        <application path="app/"><virtualDirectory path="/" physicalPath="/g" /></application>
        <application path="/a/../b"><virtualDirectory path="/" physicalPath="/g" /></application>
        <application path="/dup"><virtualDirectory path="/" physicalPath="/g" /></application>
        <application path="/DUP"><virtualDirectory path="/" physicalPath="/g" /></application>
      </site>
      <site name="Bad/Name" id="9" serverAutoStart="yes">
        <application path="/"><virtualDirectory path="/" /></application>
      </site>
      <site name="Bindings" id="10">
        <application path="/"><virtualDirectory path="/" physicalPath="/h" /></application>
        <bindings>
          <binding protocol="http" bindingInformation="*:0:" />
          <binding protocol="http" bindingInformation="*:70000:" />
          <binding protocol="http" bindingInformation="garbage" />
          <binding protocol="http" />
          <binding protocol="http" bindingInformation="*:81:" />
          <binding protocol="http" bindingInformation="*:81:" />
          <bind protocol="http" bindingInformation="*:82:" />
        </bindings>
      </site>
    </sites>
  </system.applicationHost>
</configuration>)";
    auto r = load(text);
    ASSERT_FALSE(r.config);
    expect_error(r, "duplicate site id 1", line_of(text, "<site name=\"B\""));
    expect_error(r, "duplicate site name 'a'", line_of(text, "<site name=\"a\""));
    expect_error(r, "site 'NoId' is missing the required attribute 'id'",
                 line_of(text, "<site name=\"NoId\""));
    expect_error(r, "id 'x1' is not a valid site id", line_of(text, "<site name=\"BadId\""));
    expect_error(r, "site 'NoRoot' has no root application '/'",
                 line_of(text, "<site name=\"NoRoot\""));
    expect_error(r, "application '/' of site 'NoRootVdir' has no root virtualDirectory '/'",
                 line_of(text, "<virtualDirectory path=\"/x\"") /* same line as <application> */);
    expect_error(r, "application path 'app/' must start with '/'", line_of(text, "\"app/\""));
    expect_error(r, "application path '/a/../b' must not contain a '..' segment",
                 line_of(text, "/a/../b"));
    expect_error(r, "duplicate application '/DUP' of site 'BadPaths'", line_of(text, "/DUP"));
    expect_error(r, "site name 'Bad/Name' must not contain", line_of(text, "Bad/Name"));
    expect_error(r, "attribute 'serverAutoStart' must be true or false, not 'yes'",
                 line_of(text, "Bad/Name"));
    expect_error(r, "virtualDirectory '/' of application '/' has no physicalPath",
                 line_of(text, "<virtualDirectory path=\"/\" />"));
    expect_error(r, "port 0 is out of range", line_of(text, "*:0:"));
    expect_error(r, "port 70000 is out of range", line_of(text, "*:70000:"));
    expect_error(r, "'garbage': invalid bindingInformation: expected IP:PORT:HOST",
                 line_of(text, "garbage"));
    expect_error(r, "<binding> is missing the required attribute 'bindingInformation'",
                 line_of(text, "<binding protocol=\"http\" />"));
    expect_error(r,
                 "duplicate binding http '*:81:' (already defined at line " +
                     std::to_string(line_of(text, "*:81:")) + ")",
                 line_of(text, "*:81:") + 1);
    expect_error(r, "unrecognized element <bind> in <bindings>", line_of(text, "<bind "));
    // Errors come back sorted by line.
    for (std::size_t i = 1; i < r.errors.size(); ++i) {
        EXPECT_LE(r.errors[i - 1].line, r.errors[i].line);
    }
}

TEST(ConfigLoader, GlobalModuleAndModuleErrors) {
    const std::string text = skeleton(R"(
    <globalModules>
      <add image="/m/noname.so" />
      <add name="NoImage" />
      <add name="A" image="/m/again.so" />
      <remove name="Nope" />
      <bogus />
    </globalModules>
    <modules>
      <add name="A" />
      <add name="Missing" />
      <add name="OutputCache" type="System.Web.Caching.OutputCacheModule"
          preCondition="managedHandler" />
      <add name="B" lockItem="maybe" />
      <add name="A" />
      <remove name="NotThere" />
      <remove name="OutputCache" />
      <add />
    </modules>)");
    auto r = load(text);
    ASSERT_FALSE(r.config);
    expect_error(r, "<globalModules> <add> is missing the required attribute 'name'",
                 line_of(text, "/m/noname.so"));
    expect_error(r, "global module 'NoImage' has no image", line_of(text, "\"NoImage\""));
    expect_error(r,
                 "duplicate global module 'A' (already added at line " +
                     std::to_string(line_of(text, "/m/a.so")) + ")",
                 line_of(text, "/m/again.so"));
    expect_error(r, "no global module named 'Nope'", line_of(text, "\"Nope\""));
    expect_error(r, "unrecognized element <bogus> in <globalModules>", line_of(text, "<bogus"));
    expect_error(r, "module 'Missing' is not in <globalModules>", line_of(text, "\"Missing\""));
    expect_error(r,
                 "managed module OutputCache (type=System.Web.Caching.OutputCacheModule) is not "
                 "supported",
                 line_of(text, "<add name=\"OutputCache\""));
    expect_error(r, "attribute 'lockItem' must be true or false, not 'maybe'",
                 line_of(text, "maybe"));
    const unsigned first_a = line_of(text, "<add name=\"A\" />");
    expect_error(
        r,
        "duplicate module 'A' in <modules> (already added at line " + std::to_string(first_a) + ")",
        line_of(text, "lockItem=\"maybe\"") + 1);
    expect_error(r, "<remove name=\"NotThere\"> in <modules>: no module named 'NotThere'",
                 line_of(text, "NotThere"));
    expect_error(r, "<modules> <add> is missing the required attribute 'name'",
                 line_of(text, "<add />"));
    // The rejected managed module is not also reported as missing when it is removed.
    EXPECT_EQ(find_error(r, "no module named 'OutputCache'"), nullptr) << dump(r.errors);
}

TEST(ConfigLoader, HandlerErrors) {
    const std::string text = skeleton(R"(
    <handlers accessPolicy="Read, Sideways">
      <add name="NoPath" verb="*" modules="A" />
      <add path="*.x" modules="A" />
      <add name="BadType" path="*" verb="*" modules="A" resourceType="Folder" />
      <add name="BadAccess" path="*" verb="*" modules="A" requireAccess="All" />
      <add name="Ok" path="*" verb="*" modules="A" resourceType="either" requireAccess="execute" />
      <add name="Ok" path="*.y" verb="GET" modules="B" />
      <add name="Limits" path="*" verb="*" modules="A" responseBufferLimit="-5" allowPathInfo="1" />
      <remove name="Ghost" />
      <mapping name="X" />
    </handlers>)");
    auto r = load(text);
    ASSERT_FALSE(r.config);
    expect_error(r, "unknown flag 'Sideways'", line_of(text, "Sideways"));
    expect_error(r, "handler 'NoPath' is missing the required attribute(s) path",
                 line_of(text, "NoPath"));
    expect_error(r, "<handlers> <add> is missing the required attribute(s) name, verb",
                 line_of(text, "*.x"));
    expect_error(r,
                 "handler 'BadType': unknown resourceType 'Folder' (expected File, Directory, "
                 "Either or Unspecified)",
                 line_of(text, "Folder"));
    expect_error(r,
                 "handler 'BadAccess': unknown requireAccess 'All' (expected None, Read, Write, "
                 "Script or Execute)",
                 line_of(text, "\"All\""));
    expect_error(r, "duplicate handler 'Ok' in <handlers>", line_of(text, "*.y"));
    expect_error(r, "attribute 'responseBufferLimit' must be an unsigned integer",
                 line_of(text, "Limits"));
    expect_error(r, "attribute 'allowPathInfo' must be true or false", line_of(text, "Limits"));
    expect_error(r, "no handler named 'Ghost'", line_of(text, "Ghost"));
    expect_error(r, "unrecognized element <mapping> in <handlers>", line_of(text, "<mapping"));
    // Enum values are matched case-insensitively and stored in canonical spelling.
    EXPECT_EQ(find_error(r, "'either'"), nullptr);
}

TEST(ConfigLoader, CollectsEveryErrorInOnePass) {
    const std::string text = R"(<configuration>
  <system.applicationHost>
    <sites>
      <site name="One" id="1">
        <application path="/"><virtualDirectory path="/" physicalPath="/a" /></application>
        <bindings><binding protocol="http" bindingInformation="*:0:" /></bindings>
      </site>
      <site name="Two" id="1" />
    </sites>
  </system.applicationHost>
  <system.webServer>
    <globalModules><add name="G" /></globalModules>
    <modules><add name="Unknown" /></modules>
    <handlers><add name="H" /></handlers>
  </system.webServer>
</configuration>)";
    auto r = load(text);
    ASSERT_FALSE(r.config);
    ASSERT_EQ(r.errors.size(), 6u) << dump(r.errors);
    EXPECT_EQ(r.errors[0].line, line_of(text, "*:0:"));
    EXPECT_EQ(r.errors[1].line, line_of(text, "\"Two\""));  // duplicate id
    EXPECT_EQ(r.errors[2].line, line_of(text, "\"Two\""));  // no root application
    EXPECT_EQ(r.errors[3].line, line_of(text, "name=\"G\""));
    EXPECT_EQ(r.errors[4].line, line_of(text, "\"Unknown\""));
    EXPECT_EQ(r.errors[5].line, line_of(text, "name=\"H\""));
    EXPECT_EQ(r.errors[0].to_string(),
              k_file +
                  ":6: binding http '*:0:': invalid bindingInformation: port 0 is out of "
                  "range 1-65535");
}

TEST(ConfigLoader, ExpandsEnvironmentAndResolvesRelativePaths) {
    scoped_env root("LINTEL_TEST_ROOT", "/opt/lintel");
    scoped_env lower("lintel_test_lower", "/lower");
    scoped_env unset("LINTEL_TEST_UNDEFINED", nullptr);
    const std::string text = R"(<configuration>
  <system.applicationHost>
    <sites>
      <site name="S" id="1">
        <application path="/">
          <virtualDirectory path="/" physicalPath="%LINTEL_TEST_ROOT%\www\" />
          <virtualDirectory path="/rel" physicalPath="../share/./www" />
          <virtualDirectory path="/pct" physicalPath="/data/100%" />
          <virtualDirectory path="/case" physicalPath="%LINTEL_TEST_LOWER%/x" />
        </application>
      </site>
    </sites>
  </system.applicationHost>
  <system.webServer>
    <globalModules>
      <add name="A" image="%LINTEL_TEST_ROOT%/lib/a.so" />
      <add name="B" image="b.so" />
      <add name="C" image="/abs/./c.so" />
    </globalModules>
  </system.webServer>
</configuration>)";
    auto r = load(text);
    ASSERT_TRUE(r.config) << dump(r.errors);
    const auto& vdirs = r.config->sites[0].applications[0].virtual_directories;
    ASSERT_EQ(vdirs.size(), 4u);
    EXPECT_EQ(vdirs[0].physical_path, "/opt/lintel/www");
    EXPECT_EQ(vdirs[1].physical_path, "/etc/share/www");
    EXPECT_EQ(vdirs[2].physical_path, "/data/100%");
    EXPECT_EQ(vdirs[3].physical_path, "/lower/x");  // names match case-insensitively
    const auto& g = r.config->global_modules;
    EXPECT_EQ(g[0].image, "/opt/lintel/lib/a.so");
    EXPECT_EQ(g[1].image, "/etc/lintel/b.so");
    EXPECT_EQ(g[2].image, "/abs/c.so");

    const std::string bad = R"(<configuration>
  <system.applicationHost>
    <sites>
      <site name="S" id="1">
        <application path="/">
          <virtualDirectory path="/" physicalPath="%LINTEL_TEST_UNDEFINED%/www" />
          <virtualDirectory path="/win" physicalPath="C:\inetpub\wwwroot" />
        </application>
      </site>
    </sites>
  </system.applicationHost>
  <system.webServer>
    <globalModules><add name="A" image="%LINTEL_TEST_UNDEFINED%\a.so" /></globalModules>
    <modules><add name="A" /></modules>
  </system.webServer>
</configuration>)";
    auto e = load(bad);
    expect_error(e,
                 "unknown environment variable %LINTEL_TEST_UNDEFINED% in physicalPath "
                 "'%LINTEL_TEST_UNDEFINED%/www'",
                 line_of(bad, "%LINTEL_TEST_UNDEFINED%/www"));
    expect_error(e, "unknown environment variable %LINTEL_TEST_UNDEFINED% in image",
                 line_of(bad, "a.so"));
    expect_error(e, "is a Windows drive or UNC path", line_of(bad, "C:\\inetpub"));
    // Neither the vdir nor the module cascades into "no root virtualDirectory" / "not in
    // <globalModules>".
    EXPECT_EQ(e.errors.size(), 3u) << dump(e.errors);
}

TEST(ConfigLoader, ExpandEnvironmentRules) {
    const cfg::detail::env_lookup env = [](std::string_view name) -> std::optional<std::string> {
        if (name == "A") return std::string("1");
        if (name == "EMPTY") return std::string();
        return std::nullopt;
    };
    std::string unknown;
    auto expand = [&](std::string_view s) {
        return cfg::detail::expand_environment(s, env, unknown).value_or("<unknown>");
    };
    EXPECT_EQ(expand("plain"), "plain");
    EXPECT_EQ(expand("%A%"), "1");
    EXPECT_EQ(expand("x%A%y%A%z"), "x1y1z");
    EXPECT_EQ(expand("%EMPTY%/p"), "/p");
    EXPECT_EQ(expand("50%"), "50%");
    EXPECT_EQ(expand("%%"), "%%");
    EXPECT_EQ(expand("a%%A%"), "a%%A%");  // "%%" is literal, then a lone '%'
    EXPECT_EQ(expand("%NOPE%/x"), "<unknown>");
    EXPECT_EQ(unknown, "NOPE");
}

TEST(ConfigLoader, AddRemoveClearAtServerLevel) {
    const std::string text = skeleton(R"(
    <modules>
      <add name="A" />
      <add name="B" />
      <add name="C" />
      <remove name="B" />
      <add name="D" />
    </modules>
    <handlers>
      <add name="h1" path="*.one" verb="*" modules="A" />
      <clear />
      <add name="h2" path="*.two" verb="*" modules="B" />
      <add name="h3" path="*" verb="GET" modules="C" />
      <remove name="h2" />
      <add name="h2" path="*.two" verb="POST" modules="B" />
    </handlers>)",
                                      R"(
  <location path="">
    <system.webServer>
      <modules>
        <remove name="A" />
        <add name="A" preCondition="x" />
      </modules>
    </system.webServer>
  </location>)");
    auto r = load(text);
    ASSERT_TRUE(r.config) << dump(r.errors);
    const auto& web = r.config->root_web;
    // <location path=""> continues the server level in document order.
    EXPECT_EQ(names(web.modules), (std::vector<std::string>{"C", "D", "A"}));
    EXPECT_EQ(web.modules[2].pre_condition, "x");
    EXPECT_EQ(names(web.handlers), (std::vector<std::string>{"h3", "h2"}));
    EXPECT_EQ(web.handlers[1].verb, "POST");
    EXPECT_FALSE(web.handlers_access_policy);
    EXPECT_TRUE(r.config->locations.empty());
    auto eff = cfg::effective_web_server(*r.config, "Site", "/");
    EXPECT_EQ(eff.handlers_access_policy, cfg::access_read);  // IIS default
}

TEST(ConfigLoader, LocationsLayerFromLeastToMostSpecific) {
    const std::string text = skeleton(R"(
    <modules>
      <add name="A" />
      <add name="B" />
    </modules>
    <handlers accessPolicy="Read">
      <add name="root" path="*" verb="*" modules="A" />
    </handlers>)",
                                      R"(
  <location path="Site/app/deep">
    <system.webServer>
      <modules><add name="D" /></modules>
    </system.webServer>
  </location>
  <location path="Site/app">
    <system.webServer>
      <modules>
        <clear />
        <add name="C" />
      </modules>
      <handlers accessPolicy="Read, Script, Execute">
        <add name="app" path="*.app" verb="*" modules="C" />
      </handlers>
    </system.webServer>
  </location>
  <location path="Site">
    <system.webServer>
      <modules>
        <remove name="A" />
        <add name="C" />
      </modules>
      <handlers>
        <add name="site1" path="*.s1" verb="*" modules="B" />
        <add name="site2" path="*.s2" verb="*" modules="B" />
      </handlers>
    </system.webServer>
  </location>)");
    auto r = load(text);
    ASSERT_TRUE(r.config) << dump(r.errors);
    const auto& c = *r.config;
    ASSERT_EQ(c.locations.size(), 3u);
    EXPECT_EQ(c.locations[0].url_path, "/app/deep");
    EXPECT_EQ(c.locations[2].url_path, "/");
    EXPECT_EQ(names(c.locations[1].web.modules), (std::vector<std::string>{"C"}));

    auto site_root = cfg::effective_web_server(c, "Site", "/index.html");
    EXPECT_EQ(names(site_root.modules), (std::vector<std::string>{"B", "C"}));
    // Handlers added deeper are matched first.
    EXPECT_EQ(names(site_root.handlers), (std::vector<std::string>{"site1", "site2", "root"}));
    EXPECT_EQ(site_root.handlers_access_policy, cfg::access_read);

    auto app = cfg::effective_web_server(c, "site", "/APP/page");  // case-insensitive
    EXPECT_EQ(names(app.modules), (std::vector<std::string>{"C"}));
    EXPECT_EQ(names(app.handlers), (std::vector<std::string>{"app", "site1", "site2", "root"}));
    EXPECT_EQ(app.handlers_access_policy,
              cfg::access_read | cfg::access_script | cfg::access_execute);
    EXPECT_EQ(names(cfg::effective_web_server(c, "Site", "/app").modules),
              (std::vector<std::string>{"C"}));

    auto deep = cfg::effective_web_server(c, "Site", "/app/deep/x?y=1");
    EXPECT_EQ(names(deep.modules), (std::vector<std::string>{"C", "D"}));

    // Segment boundary: /apple is not under /app.
    EXPECT_EQ(names(cfg::effective_web_server(c, "Site", "/apple").modules),
              (std::vector<std::string>{"B", "C"}));
    // Another site sees only the server level.
    auto other = cfg::effective_web_server(c, "Other", "/app");
    EXPECT_EQ(names(other.modules), (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(names(other.handlers), (std::vector<std::string>{"root"}));
}

TEST(ConfigLoader, LocationInheritInChildApplicationsFalse) {
    const std::string text = skeleton(R"(
    <modules><add name="A" /></modules>)",
                                      R"(
  <location path="Site" inheritInChildApplications="false">
    <system.webServer>
      <modules><add name="B" /></modules>
    </system.webServer>
  </location>)");
    auto r = load(text);
    ASSERT_TRUE(r.config) << dump(r.errors);
    EXPECT_EQ(names(cfg::effective_web_server(*r.config, "Site", "/x/y").modules),
              (std::vector<std::string>{"A", "B"}));
    // /app is its own application: the block stops at its boundary.
    EXPECT_EQ(names(cfg::effective_web_server(*r.config, "Site", "/app/x").modules),
              (std::vector<std::string>{"A"}));
}

TEST(ConfigLoader, LocationDirectivesAreCheckedAgainstWhatTheyInherit) {
    const std::string text = skeleton(R"(
    <modules><add name="A" /></modules>
    <handlers><add name="h" path="*" verb="*" modules="A" /></handlers>)",
                                      R"(
  <location path="Site/app">
    <system.webServer>
      <modules>
        <remove name="B" />
        <add name="A" />
        <remove name="A" />
      </modules>
      <handlers>
        <add name="h" path="*.x" verb="*" modules="A" />
      </handlers>
    </system.webServer>
  </location>
  <location path="Site">
    <system.webServer>
      <modules><add name="B" /></modules>
      <globalModules><add name="Z" image="/z.so" /></globalModules>
    </system.webServer>
    <system.applicationHost />
  </location>
  <location path="Other/app">
    <system.webServer>
      <modules><remove name="B" /></modules>
    </system.webServer>
  </location>
  <location path="/Site">
  </location>)");
    auto r = load(text);
    ASSERT_FALSE(r.config);
    // "Site/app" inherits B from "Site" even though that block comes later in the file.
    // Only "Other/app" is wrong: "Other" never added B.
    expect_error(r, "<remove name=\"B\"> in <modules>: no module named 'B' is configured here",
                 line_of(text, "<location path=\"Other/app\">") + 2);
    expect_error(r,
                 "duplicate module 'A' in <modules> (already added at line " +
                     std::to_string(line_of(text, "<modules><add name=\"A\" />")) + ")",
                 line_of(text, "<location path=\"Site/app\">") + 4);
    expect_error(r, "duplicate handler 'h' in <handlers>", line_of(text, "*.x"));
    expect_error(r, "<globalModules> can only be configured at server level",
                 line_of(text, "<globalModules><add name=\"Z\""));
    expect_error(r, "<system.applicationHost> can only be configured at server level",
                 line_of(text, "<system.applicationHost />"));
    expect_error(r, "<location> path '/Site' must start with a site name",
                 line_of(text, "\"/Site\""));
    EXPECT_EQ(r.errors.size(), 6u) << dump(r.errors);
}

TEST(ConfigLoader, MalformedXmlReportsTheLine) {
    const std::string mismatched =
        "<configuration>\n"
        "  <system.webServer>\n"
        "    <modules>\n"
        "    </handlers>\n"
        "  </system.webServer>\n"
        "</configuration>\n";
    auto r = load(mismatched);
    ASSERT_FALSE(r.config);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].line, 4u) << r.errors[0].to_string();
    EXPECT_NE(r.errors[0].message.find("malformed XML"), std::string::npos);
    EXPECT_EQ(r.errors[0].to_string().rfind(k_file + ":4: malformed XML: ", 0), 0u);

    const std::string bad_attr =
        "<configuration>\n\n\n  <site name=\"x id=\"1\">\n</configuration>";
    auto a = load(bad_attr);
    ASSERT_EQ(a.errors.size(), 1u);
    EXPECT_EQ(a.errors[0].line, 4u) << a.errors[0].to_string();

    const std::string unclosed = "<configuration>\n  <system.webServer>\n";
    auto u = load(unclosed);
    ASSERT_EQ(u.errors.size(), 1u);
    EXPECT_GE(u.errors[0].line, 2u);

    auto empty = load("");
    ASSERT_EQ(empty.errors.size(), 1u);
    EXPECT_FALSE(empty.config);

    auto dup = load("<configuration>\n  <system.webServer a=\"1\" a=\"2\" />\n</configuration>");
    ASSERT_EQ(dup.errors.size(), 1u);
    EXPECT_EQ(dup.errors[0].line, 2u);
    EXPECT_NE(dup.errors[0].message.find("duplicate attribute 'a'"), std::string::npos);

    auto root = load("<?xml version=\"1.0\"?>\n<settings />");
    ASSERT_EQ(root.errors.size(), 1u);
    EXPECT_EQ(root.errors[0].line, 2u);
    EXPECT_NE(root.errors[0].message.find("must be <configuration>"), std::string::npos);
}

TEST(ConfigLoader, ByteOrderMarksAndUtf16) {
    const std::string body =
        "<configuration>\n  <system.webServer>\n    <modules>\n"
        "      <add name=\"X\" />\n    </modules>\n  </system.webServer>\n"
        "</configuration>\n";
    auto utf8 = load("\xEF\xBB\xBF" + body);
    ASSERT_EQ(utf8.errors.size(), 1u) << dump(utf8.errors);
    EXPECT_EQ(utf8.errors[0].line, 4u);

    std::string utf16 = "\xFF\xFE";
    for (char c : body) {
        utf16 += c;
        utf16 += '\0';
    }
    auto wide = load(utf16);
    ASSERT_EQ(wide.errors.size(), 1u) << dump(wide.errors);
    EXPECT_EQ(wide.errors[0].line, 4u);
    EXPECT_NE(wide.errors[0].message.find("module 'X'"), std::string::npos);
}

TEST(ConfigLoader, LoadsFromDiskAndReportsUnreadableFiles) {
    const fs::path dir =
        fs::temp_directory_path() / ("lintel-config-test-" + std::to_string(::getpid()));
    fs::create_directories(dir / "www");
    const fs::path file = dir / "applicationHost.config";
    {
        std::ofstream out(file);
        out << R"(<configuration>
  <system.applicationHost>
    <sites>
      <site name="Disk" id="4">
        <bindings><binding protocol="http" bindingInformation="*:8080:" /></bindings>
        <application path="/"><virtualDirectory path="/" physicalPath="www" /></application>
      </site>
    </sites>
  </system.applicationHost>
</configuration>
)";
    }
    auto r = cfg::load_application_host(file.string());
    ASSERT_TRUE(r.config) << dump(r.errors);
    EXPECT_EQ(r.config->file, file.string());
    EXPECT_EQ(r.config->sites[0].applications[0].virtual_directories[0].physical_path,
              (dir / "www").string());
    EXPECT_EQ(r.config->sites[0].where.file, file.string());
    EXPECT_EQ(r.config->sites[0].where.line, 4u);

    auto missing = cfg::load_application_host((dir / "nope.config").string());
    EXPECT_FALSE(missing.config);
    ASSERT_EQ(missing.errors.size(), 1u);
    EXPECT_EQ(missing.errors[0].line, 0u);
    EXPECT_EQ(
        missing.errors[0].to_string().rfind((dir / "nope.config").string() + ": cannot read", 0),
        0u);
    fs::remove_all(dir);
}

TEST(ConfigLoader, ShippedDefaultConfigurationLoads) {
    const fs::path shipped =
        fs::path(__FILE__).parent_path() / ".." / ".." / "config" / "applicationHost.config.in";
    if (!fs::exists(shipped)) GTEST_SKIP() << "not found: " << shipped;
    scoped_env root("LINTEL_ROOT", "/usr/local");
    scoped_env modules("LINTEL_MODULES", "/usr/local/lib/lintel/modules");
    auto r = cfg::load_application_host(shipped.string());
    ASSERT_TRUE(r.config) << dump(r.errors);
    ASSERT_EQ(r.config->sites.size(), 1u);
    const auto& s = r.config->sites[0];
    EXPECT_EQ(s.id, 1u);
    EXPECT_EQ(s.name, "Default Web Site");
    ASSERT_EQ(s.bindings.size(), 1u);
    EXPECT_EQ(s.bindings[0].address, "*");
    EXPECT_EQ(s.bindings[0].port, 8080);
    EXPECT_EQ(s.bindings[0].host_name, "");
    EXPECT_EQ(s.applications[0].application_pool, "DefaultAppPool");
    EXPECT_EQ(s.applications[0].virtual_directories[0].physical_path, "/usr/local/www");
    // The built-in modules IIS ships, and its StaticFile handler.
    ASSERT_EQ(r.config->global_modules.size(), 3u);
    EXPECT_EQ(r.config->root_web.modules.size(), 3u);
    ASSERT_FALSE(r.config->root_web.handlers.empty());
    EXPECT_EQ(r.config->root_web.handlers.back().name, "StaticFile");
}

TEST(ConfigLoader, LineIndexAndPathHelpers) {
    cfg::detail::line_index lines("a\nbb\n\nc");
    EXPECT_EQ(lines.line_at(-1), 0u);
    EXPECT_EQ(lines.line_at(0), 1u);
    EXPECT_EQ(lines.line_at(1), 1u);  // the newline itself belongs to its line
    EXPECT_EQ(lines.line_at(2), 2u);
    EXPECT_EQ(lines.line_at(5), 3u);
    EXPECT_EQ(lines.line_at(6), 4u);

    using cfg::detail::path_contains;
    EXPECT_TRUE(path_contains("/", "/anything"));
    EXPECT_TRUE(path_contains("/app", "/app"));
    EXPECT_TRUE(path_contains("/app", "/App/x"));
    EXPECT_TRUE(path_contains("/app/", "/app/x"));
    EXPECT_FALSE(path_contains("/app", "/apple"));
    EXPECT_FALSE(path_contains("/app/x", "/app"));

    cfg::error e{"/f", 3, "boom"};
    EXPECT_EQ(e.to_string(), "/f:3: boom");
    e.line = 0;
    EXPECT_EQ(e.to_string(), "/f: boom");
}

TEST(ConfigLoader, FindSiteAndApplication) {
    auto r = load(skeleton(""));
    ASSERT_TRUE(r.config) << dump(r.errors);
    const auto* s = cfg::find_site(*r.config, "SITE");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(cfg::find_site(*r.config, 2u)->name, "Other");
    EXPECT_EQ(cfg::find_site(*r.config, "nope"), nullptr);
    EXPECT_EQ(cfg::find_application(*s, "/app/x")->path, "/app");
    EXPECT_EQ(cfg::find_application(*s, "/APP")->path, "/app");
    EXPECT_EQ(cfg::find_application(*s, "/apple")->path, "/");
    EXPECT_EQ(cfg::find_application(*s, "")->path, "/");
}
