// URL path handling shared by every front end: split target into path and query, percent-decode the path and
// remove dot segments, as http.sys canonicalises a URL before IIS sees it.
#pragma once

#include <string>
#include <string_view>

namespace lintel::core {

// Fills path (decoded, canonical, always starting with '/') and query (raw, without '?'). Returns false when the
// target cannot be made into a path inside the site (e.g. "/../x" climbing above the root, an encoded NUL,
// an empty or non-origin form that has no path).
bool split_and_canonicalize(std::string_view target, std::string& path, std::string& query);

}  // namespace lintel::core
