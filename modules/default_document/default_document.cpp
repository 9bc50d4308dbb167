// DefaultDocumentModule: IIS's default documents for Lintel, configured by
// system.webServer/defaultDocument (enabled, <files> in order) read through the admin API.
//
// The second module of IIS's "StaticFile" handler mapping. For a URL that names a directory:
//   * without its trailing slash, the client is sent there: 301 to "/dir/" (query kept);
//   * with it, the first name of <files> that is a file in the directory is served, the way
//     StaticFileModule serves files (the same engine, file_server.h, is compiled in). IIS runs a
//     child request for the document; Lintel has no child requests yet, so the document is always
//     answered as a static file, whatever handler its extension would map to.
// Names in <files> match case-insensitively when exactly one file differs only in case (the list
// is configuration written for Windows: "Default.htm" finds "default.htm"); an exact match wins.
// Nothing found, or default documents disabled: the next module (DirectoryListingModule) decides.
// Anything that is not a directory is left alone.
// clang-format off
#define _WINSOCKAPI_
#include <windows.h>
#include <httpserv.h>
// clang-format on

#include <dirent.h>
#include <sys/stat.h>

#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "../static_file/file_server.h"

namespace {

using namespace lintel_static;

struct default_document_config {
    bool enabled = true;
    std::vector<std::string> files;  // in configuration order
};

std::shared_ptr<const default_document_config> load_default_document_config(
    IHttpServer* server, const std::wstring& config_path) {
    auto parsed = std::make_shared<default_document_config>();
    com_ref<IAppHostElement> section =
        read_section(server, L"system.webServer/defaultDocument", config_path);
    parsed->enabled = parse_bool(attribute_text(section.get(), L"enabled"), true);
    com_ref<IAppHostElement> files = child_element(section.get(), L"files");
    for_each_entry(files.get(), [&](IAppHostElement* entry) {
        const std::string name(trimmed(attribute_text(entry, L"value").value_or("")));
        // A default document is a name in the directory, never a path.
        if (!name.empty() && name != "." && name != ".." &&
            name.find_first_of("/\\") == std::string::npos) {
            parsed->files.push_back(name);
        }
    });
    return parsed;
}

IHttpServer* g_server = nullptr;

// The module's state: the serving engine, parsed sections and, per directory, the document chosen
// last time with the directory's identity then (a file added, removed or renamed in it changes
// the directory's mtime/ctime, so the choice is made again).
struct module_state {
    explicit module_state(IHttpServer* server) : files(server) {}

    struct choice {
        ino_t ino;
        timespec mtime;
        timespec ctime;
        std::shared_ptr<const default_document_config> config;  // read for this directory
        std::string document;  // "" when none of the names is there
    };

    file_server files;
    config_cache<default_document_config> configs;
    std::mutex choices_mutex;
    std::unordered_map<std::string, choice> choices;  // by the directory entry's key
};
module_state* g_state = nullptr;

std::string_view script_name(IHttpContext* context) {
    thread_local std::string url;
    url.clear();
    DWORD length = 0;
    PCWSTR wide = context->GetScriptName(&length);
    if (wide != nullptr) append_utf8(url, wide, length);
    return url;
}

std::string join(std::string_view directory, std::string_view name) {
    std::string path(directory);
    if (path.empty() || path.back() != '/') path.push_back('/');
    path.append(name);
    return path;
}

// The first configured name that is a regular file in `directory` (see the header for matching).
std::string pick_document(const std::string& directory, const default_document_config& config) {
    std::vector<std::string> names;
    if (DIR* listing = ::opendir(directory.c_str())) {
        while (const dirent* item = ::readdir(listing)) names.emplace_back(item->d_name);
        ::closedir(listing);
    }
    for (const std::string& wanted : config.files) {
        std::string found;
        size_t case_matches = 0;
        for (const std::string& name : names) {
            if (name == wanted) {
                found = name;
                case_matches = 1;
                break;
            }
            if (iequals(name, wanted)) {
                found = name;
                ++case_matches;
            }
        }
        struct stat info;
        if (case_matches == 1 && ::stat(join(directory, found).c_str(), &info) == 0 &&
            S_ISREG(info.st_mode)) {
            return found;
        }
    }
    return std::string();
}

// The section for a directory and the document it offers ("" for none, or when the URL lacks its
// trailing slash), remembered with the directory's identity: a directory request costs one map
// lookup, no configuration path and no listing.
std::shared_ptr<const default_document_config> decide(IHttpContext* context, std::string_view url,
                                                      const file_entry& directory,
                                                      std::string& document) {
    {
        std::lock_guard<std::mutex> lock(g_state->choices_mutex);
        auto found = g_state->choices.find(directory.key);
        if (found != g_state->choices.end()) {
            const module_state::choice& c = found->second;
            if (c.ino == directory.ino && c.mtime.tv_sec == directory.mtime.tv_sec &&
                c.mtime.tv_nsec == directory.mtime.tv_nsec &&
                c.ctime.tv_sec == directory.ctime.tv_sec &&
                c.ctime.tv_nsec == directory.ctime.tv_nsec) {
                document.assign(c.document);
                return c.config;
            }
        }
    }
    std::shared_ptr<const default_document_config> config = g_state->configs.get(
        g_server, config_path_for(context, url), &load_default_document_config);
    document.clear();
    if (config->enabled && url.back() == '/') document = pick_document(directory.path, *config);
    std::lock_guard<std::mutex> lock(g_state->choices_mutex);
    if (g_state->choices.size() >= 4096) g_state->choices.clear();
    g_state->choices[directory.key] =
        module_state::choice{directory.ino, directory.mtime, directory.ctime, config, document};
    return config;
}

class DefaultDocumentModule final : public CHttpModule {
public:
    REQUEST_NOTIFICATION_STATUS OnExecuteRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider*) override {
        const std::string_view url = script_name(context);
        file_server::lookup_result directory = g_state->files.lookup(
            context, url, [context] { return to_utf8(context->GetPhysicalPath()); });
        if (directory.status != 0 || !directory.entry->directory) {
            return RQ_NOTIFICATION_CONTINUE;  // a file, or an error StaticFileModule reports
        }
        thread_local std::string document;
        const std::shared_ptr<const default_document_config> config =
            decide(context, url, *directory.entry, document);
        if (!config->enabled) return RQ_NOTIFICATION_CONTINUE;

        IHttpResponse* response = context->GetResponse();
        if (url.back() != '/') {
            // IIS's courtesy redirect: relative links in the document resolve against "/dir/".
            std::string location;
            append_url_path(location, url);
            location.push_back('/');
            response->SetStatus(301, "Moved Permanently");
            if (FAILED(response->Redirect(location.c_str(), FALSE, TRUE))) {
                return fail(context, 500, 0, "Internal Server Error", E_FAIL);
            }
            return RQ_NOTIFICATION_FINISH_REQUEST;
        }

        if (document.empty()) return RQ_NOTIFICATION_CONTINUE;
        thread_local std::string document_url;
        document_url.assign(url).append(document);
        const file_entry& folder = *directory.entry;
        file_server::lookup_result found = g_state->files.lookup(
            context, document_url, [&] { return join(folder.path, document); });
        if (found.status != 0) {
            return fail(context, found.status, found.substatus, found.reason, found.error);
        }
        entry_ = std::move(found.entry);
        if (entry_->directory) return RQ_NOTIFICATION_CONTINUE;  // replaced by a directory since
        if (entry_->content_type == nullptr) {
            return fail(context, 404, 3, "Not Found", HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED));
        }
        return g_state->files.respond(context, *entry_);
    }

    // The instance lives in request memory (see the factory): end its life, free nothing.
    VOID Dispose() override { this->~DefaultDocumentModule(); }

private:
    entry_ref entry_;  // the document being sent
};

class DefaultDocumentModuleFactory final : public IHttpModuleFactory {
public:
    HRESULT GetHttpModule(CHttpModule** module, IModuleAllocator* allocator) override {
        void* memory = allocator->AllocateMemory(sizeof(DefaultDocumentModule));
        if (memory == nullptr) return HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY);
        *module = new (memory) DefaultDocumentModule();
        return S_OK;
    }

    VOID Terminate() override {
        delete g_state;
        g_state = nullptr;
        delete this;
    }
};

}  // namespace

HRESULT __stdcall RegisterModule(DWORD, IHttpModuleRegistrationInfo* module_info,
                                 IHttpServer* server) {
    g_server = server;
    g_state = new (std::nothrow) module_state(server);
    auto* factory = new (std::nothrow) DefaultDocumentModuleFactory();
    if (g_state == nullptr || factory == nullptr) {
        delete g_state;
        g_state = nullptr;
        delete factory;
        return HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY);
    }
    return module_info->SetRequestNotifications(factory, RQ_EXECUTE_REQUEST_HANDLER, 0);
}
