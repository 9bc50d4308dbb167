// Generic configuration sections: what the admin API (IAppHostAdminManager) answers from.
//
// The loader keeps every element of applicationHost.config as a config::element tree (see
// snapshot::server_elements and location::elements), whether or not Lintel acts on it. This file
// turns those trees into the effective value of one section at one configuration path, the way
// IIS merges configuration levels:
//
//   levels     the server level (<configuration> and <location path="">, in document order),
//              then every <location path="Site/..."> that applies to the configuration path,
//              least specific first (the same order effective_web_server() uses).
//   attributes a deeper level's value replaces the inherited one; an attribute keeps the position
//              where it first appeared.
//   children   child elements with the same name merge recursively.
//   collections <add>, <remove> and <clear> children edit the element's collection in order:
//              <clear/> empties it, <remove/> drops the entries with the same key, <add/> appends
//              an entry - or replaces in place the entry that has the same key (IIS would reject
//              the duplicate; without the section's schema Lintel lets the deeper level win).
//              The key is the `name` attribute, else the first attribute the element has; values
//              compare case-sensitively. The elements of the collections Lintel knows in
//              system.applicationHost (<site>, <binding>, <application>, <virtualDirectory>)
//              are entries too, keyed by name, protocol + bindingInformation, and path.
//
// There is no schema yet: no default values, every attribute is text, and any element may hold a
// collection. All of it is plain data computed on demand; nothing here is on the request path.
#pragma once

#include "config/config.h"

#include <string>
#include <string_view>
#include <vector>

namespace lintel::config {

// An element after merging: what IAppHostElement exposes.
struct merged_element {
    std::string name;
    std::vector<attribute> attributes;       // document order of first appearance
    std::vector<merged_element> children;    // non-collection child elements, merged by name
    std::vector<merged_element> collection;  // the effective collection entries, in order
    source_location where;                   // the deepest element that contributed

    const attribute* find_attribute(std::string_view attribute_name) const;
    const merged_element* find_child(std::string_view child_name) const;
    // The collection entry whose key (see the top of this file) equals key; nullptr if none.
    const merged_element* find_entry(std::string_view key) const;
};

enum class section_status {
    found,            // element holds the merged section (possibly empty: declared, not set)
    unknown_section,  // not declared in <configSections>, not built in, and set nowhere
    invalid_path,     // not a configuration path: empty, or not under MACHINE/WEBROOT/APPHOST
    path_not_found,   // MACHINE, MACHINE/WEBROOT (Lintel has neither file), or an unknown site
};

struct section_lookup {
    section_status status = section_status::found;
    merged_element element;
    std::string message;  // why, when status is not found
};

// The effective section_path ("system.webServer/staticContent") at config_path
// ("MACHINE/WEBROOT/APPHOST", "MACHINE/WEBROOT/APPHOST/Site", ".../Site/app/dir"). Section names
// compare case-sensitively (they are XML names); the MACHINE/WEBROOT/APPHOST prefix and site
// names case-insensitively, URL paths as locations match them (segment boundary, any case).
// Thread-safe on a shared snapshot; copies what it returns.
section_lookup section_for(const snapshot& config, std::string_view section_path,
                           std::string_view config_path);

// The key of a collection entry as described at the top of this file ("" when it has no
// attribute).
std::string collection_key(const merged_element& entry);

// The sections declared by <configSections> (<sectionGroup name> / <section name>), as paths.
std::vector<std::string> declared_sections(const element& config_sections);

}  // namespace lintel::config
