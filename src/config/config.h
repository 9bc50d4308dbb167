// Lintel configuration: an IIS-format applicationHost.config read into an immutable, typed
// snapshot.
//
// The loader understands the parts of the file the server acts on - system.applicationHost/sites,
// system.webServer/globalModules, modules and handlers, and <location> blocks - and validates them
// the way IIS does (required attributes, unique keys, enum values, add/remove/clear). Every other
// section is not interpreted and is named in snapshot::unknown_sections. Besides the typed view,
// every element of the file is also kept as a generic tree (config::element) for the admin API;
// config/sections.h merges those trees per configuration path. A snapshot is plain data: build it
// once, share it read-only between threads, replace it as a whole on reload.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lintel::config {

// Where an element starts in the configuration file; line is 1-based, 0 when unknown.
struct source_location {
    std::string file;
    unsigned line = 0;
};

// <binding protocol="http" bindingInformation="IP:PORT:HOST" />
struct binding {
    std::string protocol;   // lower-cased: "http" / "https" (others kept but ignored by the server)
    std::string address;    // "*" = any, an IPv4 literal, or an IPv6 literal without brackets
    uint16_t port = 0;      // 1..65535 for http/https; 0 for other protocols (not parsed)
    std::string host_name;  // "" = any (a written "*" is stored as "")
    std::string information;  // the raw attribute
    uint32_t ssl_flags = 0;   // sslFlags, kept for the TLS layer (1 = SNI)
    source_location where;
};

struct virtual_directory {
    std::string path;           // "/" or "/images"
    std::string physical_path;  // absolute and normalised: %VAR% expanded, relative resolved
    source_location where;
};

struct application {
    std::string path;              // "/" or "/app"
    std::string application_pool;  // attribute, else applicationDefaults, else "DefaultAppPool"
    std::string enabled_protocols = "http";
    std::vector<virtual_directory> virtual_directories;  // the root "/" is always present
    source_location where;
};

struct site {
    uint32_t id = 0;
    std::string name;
    bool server_auto_start = true;
    std::vector<binding> bindings;
    std::vector<application> applications;  // the root "/" is always present
    source_location where;
};

// <globalModules><add name image preCondition /> - the native modules the server loads.
struct global_module {
    std::string name;
    std::string image;  // absolute path of the .so: %VAR% expanded, relative resolved
    std::string pre_condition;
    source_location where;
};

struct module_entry {
    std::string name;
    std::string type;  // always empty in a loaded snapshot: managed modules are rejected
    std::string pre_condition;
    bool lock_item = false;
    source_location where;
};

struct handler {
    std::string name, path, verb, type;
    std::string modules = "ManagedPipelineHandler";  // IIS's default when the attribute is absent
    std::string script_processor;                    // kept verbatim (ISAPI/CGI are not run)
    std::string resource_type = "Unspecified";       // File | Directory | Either | Unspecified
    std::string require_access = "Script";           // None | Read | Write | Script | Execute
    std::string pre_condition;
    bool allow_path_info = false;
    uint32_t response_buffer_limit = 4194304;
    source_location where;
};

// Values of <handlers accessPolicy="Read, Script">, a flags attribute.
enum access_flags : uint32_t {
    access_none = 0,
    access_read = 1,
    access_write = 2,
    access_execute = 4,
    access_source = 16,
    access_script = 512,
    access_no_remote_write = 1024,
    access_no_remote_read = 4096,
    access_no_remote_execute = 8192,
    access_no_remote_script = 16384,
};

struct web_server {                     // the merged <system.webServer> that applies at one path
    std::vector<module_entry> modules;  // after <add>/<remove>/<clear>, in order
    std::vector<handler> handlers;      // after <add>/<remove>/<clear>, in matching order
    // <handlers accessPolicy>; nullopt when this level does not set it. effective_web_server()
    // always fills it (IIS's default is Read).
    std::optional<uint32_t> handlers_access_policy;
};

// One XML element as written, for the sections read through the admin API (config/sections.h).
// Comments, text and processing instructions are dropped; entities are already decoded.
struct attribute {
    std::string name;
    std::string value;
};

struct element {
    std::string name;
    std::vector<attribute> attributes;  // document order
    std::vector<element> children;      // child elements, document order
    source_location where;
};

enum class directive_kind { add, remove, clear };

// One <add>/<remove>/<clear> of a collection, kept so that a <location> can be layered on what it
// inherits. entry is meaningful for add, name for remove.
template <typename T>
struct directive {
    directive_kind kind = directive_kind::add;
    T entry;
    std::string name;
    source_location where;
};

struct location {           // <location path="Site/app">
    std::string path;       // as written
    std::string site_name;  // "Site"
    std::string url_path;   // "/app"; "/" for the whole site
    bool inherit_in_child_applications = true;
    web_server web;  // this block's own entries, as if it inherited nothing
    std::vector<directive<module_entry>> module_directives;
    std::vector<directive<handler>> handler_directives;
    std::vector<element> elements;  // every child of the block (system.webServer ...), as written
    source_location where;
};

struct snapshot {
    std::string file;  // absolute path of the applicationHost.config
    std::vector<site> sites;
    std::vector<global_module> global_modules;
    web_server root_web;              // server level: <configuration><system.webServer> and
                                      // <location path=""> merged in document order
    std::vector<location> locations;  // <location path="..."> blocks with a non-empty path
    std::vector<std::string> unknown_sections;  // sections skipped, e.g. "system.webServer/asp"
    // The server level as written: every child of <configuration> except <configSections> and
    // <location path="...">, and the children of <location path="">, in document order (so
    // <system.webServer> may appear more than once).
    std::vector<element> server_elements;
    // Section paths declared in <configSections>, e.g. "system.webServer/lintelTest".
    std::vector<std::string> declared_sections;
};

struct error {
    std::string file;
    unsigned line = 0;  // 0 when the error is not tied to a line (unreadable file)
    std::string message;
    std::string to_string() const;  // "file:line: message"
};

// config is set only when errors is empty. Errors are all collected (the loader never stops at the
// first one) and sorted by line.
struct load_result {
    std::optional<snapshot> config;
    std::vector<error> errors;
};

// Reads and validates the file. %VAR% in image and physicalPath is expanded from the process
// environment (call after the environment is final: LINTEL_ROOT, LINTEL_MODULES); relative paths
// are resolved against the directory of the file. Thread-safe as long as nobody changes the
// environment.
load_result load_application_host(const std::string& path);

// Same, from text already in memory; file_name is used for messages and to resolve relative paths.
load_result load_application_host_text(std::string_view xml, const std::string& file_name);

// Effective system.webServer for a site + URL path: the server level, then every <location> of that
// site whose path contains url_path (segment boundary, case-insensitive), least specific first.
// Modules added deeper are appended; handlers added deeper come first (IIS's mergeAppend="false"
// for handlers), so the first matching handler is the most specific one. Copies entries and scans
// every location: compute it once per site + application (or path) and cache it, not per request.
web_server effective_web_server(const snapshot& config, std::string_view site_name,
                                std::string_view url_path);

// Helpers the server shares with the loader.
const site* find_site(const snapshot& config, std::string_view site_name);  // case-insensitive
const site* find_site(const snapshot& config, uint32_t site_id);
// The application serving url_path: the longest application path containing it on a segment
// boundary, case-insensitive. nullptr only if the site has no root application.
const application* find_application(const site& s, std::string_view url_path);

}  // namespace lintel::config
