// site_paths.h - which physical files a URL may reach, shared by the static content modules.
//
// The rules (docs/config.md, "Static files"):
//   * A URL segment that ends in '.' or ' ' is refused (404). Windows strips trailing dots and
//     spaces from file names, so IIS serves "a.txt" for "a.txt." - on Linux "a.txt." is another
//     file, and serving it would sidestep extension-based rules (MIME map, request filtering).
//   * The file must resolve (realpath: symbolic links and "..") to a place inside the folder of
//     the virtual directory that serves the URL. A link that leaves it is refused (404) unless
//     <staticContent allowSymlinksOutsideRoot="true"> (a Lintel attribute) says otherwise.
//   * Names match exactly: Linux file names are case-sensitive and so are the URLs that reach them.
#ifndef LINTEL_MODULES_STATIC_SITE_PATHS_H
#define LINTEL_MODULES_STATIC_SITE_PATHS_H

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "admin_config.h"
#include "text_util.h"

// Hidden visibility: each module binary keeps its own copy.
#pragma GCC visibility push(hidden)
namespace lintel_static {

// A decoded URL path with a segment ending in '.' or ' ' (see the rules above).
inline bool has_trailing_dot_or_space(std::string_view url) {
    for (size_t i = 0; i < url.size(); ++i) {
        const bool segment_end = i + 1 == url.size() || url[i + 1] == '/';
        if (segment_end && (url[i] == '.' || url[i] == ' ')) return true;
    }
    return false;
}

// A physical path that still holds "." or ".." segments: the server canonicalises URLs, so such
// a path comes from a mapping that went wrong (e.g. an overlong UTF-8 '/'), never from a good
// URL.
inline bool has_dot_segment(std::string_view path) {
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        const std::string_view segment = path.substr(start, slash - start);
        if (segment == "." || segment == "..") return true;
        start = slash + 1;
    }
    return false;
}

// The URL's directory, without a trailing slash: "/a/b.txt" -> "/a", "/a/" -> "/a", "/x" -> "".
inline std::string_view url_directory(std::string_view url) {
    const size_t slash = url.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : url.substr(0, slash);
}

inline bool path_inside(std::string_view path, std::string_view root) {
    if (root == "/") return true;
    return path.size() >= root.size() && path.compare(0, root.size(), root) == 0 &&
           (path.size() == root.size() || path[root.size()] == '/');
}

// The resolved folder of every virtual directory of a site, longest URL first. Read once per
// site from system.applicationHost/sites (the same configuration the server maps URLs with) and
// resolved through IHttpContext::MapPath, so %VARIABLES% and relative paths mean what they mean
// to the server.
class site_roots {
public:
    // The resolved root for a URL, or "" when none could be determined (the caller refuses).
    static std::string root_for(IHttpServer* server, IHttpContext* context, std::string_view url) {
        site_roots& self = instance();
        const DWORD site_id = context->GetSite() != nullptr ? context->GetSite()->GetSiteId() : 0;
        std::shared_ptr<const std::vector<root>> roots;
        {
            std::lock_guard<std::mutex> lock(self.mutex_);
            auto found = self.sites_.find(site_id);
            if (found != self.sites_.end()) roots = found->second;
        }
        if (!roots) {
            roots = load(server, context);
            bool complete = true;
            for (const root& r : *roots) complete = complete && !r.resolved.empty();
            if (complete) {
                // A folder that does not exist yet is looked up again next time.
                std::lock_guard<std::mutex> lock(self.mutex_);
                self.sites_[site_id] = roots;
            }
        }
        for (const root& r : *roots) {
            const bool inside =
                r.url == "/" ||
                (url.size() >= r.url.size() && iequals(url.substr(0, r.url.size()), r.url) &&
                 (url.size() == r.url.size() || url[r.url.size()] == '/'));
            if (inside) return r.resolved;
        }
        return std::string();
    }

    static void clear() {
        site_roots& self = instance();
        std::lock_guard<std::mutex> lock(self.mutex_);
        self.sites_.clear();
    }

private:
    struct root {
        std::string url;       // "/", "/app", "/app/images"
        std::string resolved;  // realpath of its folder, "" when it does not resolve
    };

    static site_roots& instance() {
        static site_roots roots;
        return roots;
    }

    static std::string resolve(IHttpContext* context, const std::string& url) {
        const std::wstring wide_url = to_wide(url);
        DWORD bytes = 0;
        context->MapPath(wide_url.c_str(), nullptr, &bytes);
        if (bytes == 0) return std::string();
        std::wstring physical(bytes / sizeof(WCHAR) + 1, L'\0');
        bytes = static_cast<DWORD>(physical.size() * sizeof(WCHAR));
        if (FAILED(context->MapPath(wide_url.c_str(), physical.data(), &bytes))) {
            return std::string();
        }
        const std::string path = to_utf8(physical.c_str());
        char resolved[PATH_MAX];
        if (path.empty() || realpath(path.c_str(), resolved) == nullptr) return std::string();
        return resolved;
    }

    static std::shared_ptr<const std::vector<root>> load(IHttpServer* server,
                                                         IHttpContext* context) {
        auto roots = std::make_shared<std::vector<root>>();
        const std::string site_name =
            context->GetSite() != nullptr ? to_utf8(context->GetSite()->GetSiteName()) : "";
        com_ref<IAppHostElement> sites =
            read_section(server, L"system.applicationHost/sites", L"MACHINE/WEBROOT/APPHOST");
        for_each_entry(sites.get(), [&](IAppHostElement* site) {
            if (!iequals(attribute_text(site, L"name").value_or(""), site_name)) return;
            for_each_entry(site, [&](IAppHostElement* application) {
                std::string app_path = attribute_text(application, L"path").value_or("/");
                while (app_path.size() > 1 && app_path.back() == '/') app_path.pop_back();
                for_each_entry(application, [&](IAppHostElement* directory) {
                    std::string dir_path = attribute_text(directory, L"path").value_or("/");
                    while (dir_path.size() > 1 && dir_path.back() == '/') dir_path.pop_back();
                    std::string url = app_path == "/"   ? dir_path
                                      : dir_path == "/" ? app_path
                                                        : app_path + dir_path;
                    roots->push_back(root{url, resolve(context, url)});
                });
            });
        });
        if (roots->empty()) {
            // No readable site definition: the application's own folder is the limit.
            std::string folder;
            if (context->GetApplication() != nullptr) {
                folder = to_utf8(context->GetApplication()->GetApplicationPhysicalPath());
            }
            char resolved[PATH_MAX];
            roots->push_back(root{"/", !folder.empty() && realpath(folder.c_str(), resolved)
                                           ? std::string(resolved)
                                           : std::string()});
        }
        std::stable_sort(roots->begin(), roots->end(),
                         [](const root& a, const root& b) { return a.url.size() > b.url.size(); });
        return roots;
    }

    std::mutex mutex_;
    std::unordered_map<DWORD, std::shared_ptr<const std::vector<root>>> sites_;
};

// How a physical path resolved against its root.
enum class path_status { ok, not_found, forbidden, outside_root };

// Resolves `physical` (realpath) into `resolved` and checks it against `root`.
inline path_status resolve_inside(const std::string& physical, const std::string& root,
                                  bool allow_outside, std::string& resolved) {
    if (physical.empty() || has_dot_segment(physical)) return path_status::not_found;
    char buffer[PATH_MAX];
    if (realpath(physical.c_str(), buffer) == nullptr) {
        return errno == EACCES ? path_status::forbidden : path_status::not_found;
    }
    resolved = buffer;
    if (root.empty()) return path_status::outside_root;
    if (!allow_outside && !path_inside(resolved, root)) return path_status::outside_root;
    return path_status::ok;
}

}  // namespace lintel_static
#pragma GCC visibility pop

#endif  // LINTEL_MODULES_STATIC_SITE_PATHS_H
