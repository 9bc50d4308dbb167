#include "api/runtime.h"

#include <algorithm>
#include <cstring>

#include "api/admin.h"
#include "api/text.h"
#include "core/headers.h"
#include "core/log.h"

namespace lintel::api {

namespace {

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        std::string_view item = text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
        if (!item.empty()) items.emplace_back(item);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return items;
}

// Case-insensitive glob with '*' and '?'.
bool glob_match(std::string_view pattern, std::string_view text) {
    size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || lower(pattern[p]) == lower(text[t]))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

// <handlers><add requireAccess> is an enum in IIS's schema: None 0, Read 1, Write 2, Script 3, Execute 4.
DWORD access_value(std::string_view text) {
    if (core::iequals(text, "Read")) return 1;
    if (core::iequals(text, "Write")) return 2;
    if (core::iequals(text, "Script")) return 3;
    if (core::iequals(text, "Execute")) return 4;
    return 0;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------

handler_mapping::handler_mapping(const config::handler& entry, std::vector<uint16_t> module_indices)
    : entry_(entry), module_indices_(std::move(module_indices)), verbs_(split_list(entry.verb)) {
    wide_path_ = widen(entry.path);
    wide_modules_ = widen(entry.modules);
    wide_script_processor_ = widen(entry.script_processor);
    wide_type_ = widen(entry.type);
    wide_name_ = widen(entry.name);
    required_access_ = access_value(entry.require_access);
    if (core::iequals(entry.resource_type, "File")) resource_type_ = 0;
    else if (core::iequals(entry.resource_type, "Directory")) resource_type_ = 1;
    else if (core::iequals(entry.resource_type, "Either")) resource_type_ = 2;
    else resource_type_ = 3;
}

bool handler_mapping::matches_path(std::string_view url_path) const {
    const std::string& pattern = entry_.path;
    if (pattern == "*") return true;
    if (pattern.find('/') != std::string::npos) {
        return glob_match(pattern, url_path);
    }
    // A pattern without '/' matches the last segment (the file name) of the URL.
    std::string_view name = url_path.substr(url_path.rfind('/') + 1);
    return glob_match(pattern, name);
}

bool handler_mapping::matches_verb(std::string_view verb) const {
    for (const auto& allowed : verbs_) {
        if (allowed == "*" || core::iequals(allowed, verb)) return true;
    }
    return false;
}

PCWSTR handler_mapping::GetModules(DWORD* length) const {
    if (length) *length = static_cast<DWORD>(wide_modules_.size());
    return wide_modules_.c_str();
}

PCWSTR handler_mapping::GetScriptProcessor(DWORD* length) const {
    if (length) *length = static_cast<DWORD>(wide_script_processor_.size());
    return wide_script_processor_.c_str();
}

PCWSTR handler_mapping::GetManagedType(DWORD* length) const {
    if (length) *length = static_cast<DWORD>(wide_type_.size());
    return wide_type_.c_str();
}

// ---------------------------------------------------------------------------------------------------------------

application_runtime::application_runtime(site_runtime& site, const config::application& app,
                                         server_runtime& server)
    : site_(site), server_(server), url_path_(app.path) {
    for (const auto& vdir : app.virtual_directories) {
        std::string url = app.path == "/" ? vdir.path : app.path + (vdir.path == "/" ? "" : vdir.path);
        virtual_directories_.emplace_back(url, vdir.physical_path);
        if (vdir.path == "/") physical_path_ = vdir.physical_path;
    }
    // Longest virtual directory first.
    std::sort(virtual_directories_.begin(), virtual_directories_.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    wide_physical_path_ = widen(physical_path_);
    std::string id = "/LM/W3SVC/" + std::to_string(site.GetSiteId()) + "/ROOT" +
                     (app.path == "/" ? "" : app.path);
    wide_id_ = widen(id);
    wide_config_path_ = widen("MACHINE/WEBROOT/APPHOST/" + site.name() + (app.path == "/" ? "" : app.path));
}

std::string application_runtime::map_path(std::string_view url_path) const {
    for (const auto& [url, physical] : virtual_directories_) {
        bool inside = url == "/" || (url_path.size() >= url.size() &&
                                     core::iequals(url_path.substr(0, url.size()), url) &&
                                     (url_path.size() == url.size() || url_path[url.size()] == '/'));
        if (!inside) continue;
        std::string_view rest = url == "/" ? url_path : url_path.substr(url.size());
        std::string result = physical;
        if (!result.empty() && result.back() == '/' && !rest.empty() && rest.front() == '/') {
            rest.remove_prefix(1);
        }
        result.append(rest);
        return result;
    }
    return physical_path_ + std::string(url_path);
}

bool application_runtime::build(const config::web_server& web, std::vector<std::string>& errors) {
    std::vector<core::module_subscription> subscriptions;
    for (const auto& entry : web.modules) {
        module_record* record = server_.find_module(entry.name);
        if (record == nullptr) {
            errors.push_back(entry.where.file + ":" + std::to_string(entry.where.line) + ": module '" +
                             entry.name + "' is not in <globalModules>");
            continue;
        }
        if (record->factory == nullptr) {
            continue;  // a global-only module: nothing to run per request
        }
        if (modules_.size() >= 0xFFFF) {
            errors.push_back("too many modules");
            break;
        }
        modules_.push_back(record);
        subscriptions.push_back(record->subscription);
    }
    table_ = core::pipeline_table(subscriptions);
    for (const auto& entry : web.handlers) {
        std::vector<uint16_t> indices;
        for (const auto& name : split_list(entry.modules)) {
            for (size_t i = 0; i < modules_.size(); ++i) {
                if (core::iequals(modules_[i]->name, name) &&
                    (modules_[i]->subscription.request_mask & core::notification::execute_request_handler)) {
                    indices.push_back(static_cast<uint16_t>(i));
                }
            }
        }
        handlers_.push_back(std::make_unique<handler_mapping>(entry, std::move(indices)));
    }
    return errors.empty();
}

// ---------------------------------------------------------------------------------------------------------------

site_runtime::site_runtime(const config::site& site)
    : definition_(site), id_(site.id), name_(site.name), wide_name_(widen(site.name)) {}

application_runtime* site_runtime::application_for(std::string_view url_path) const {
    application_runtime* best = nullptr;
    size_t best_length = 0;
    for (const auto& app : applications_) {
        const std::string& path = app->url_path();
        bool inside = path == "/" || (url_path.size() >= path.size() &&
                                      core::iequals(url_path.substr(0, path.size()), path) &&
                                      (url_path.size() == path.size() || url_path[path.size()] == '/'));
        if (inside && (best == nullptr || path.size() > best_length)) {
            best = app.get();
            best_length = path.size();
        }
    }
    return best;
}

// ---------------------------------------------------------------------------------------------------------------

server_runtime::server_runtime() = default;
server_runtime::~server_runtime() = default;

void server_runtime::set_config_file(const std::string& path) { wide_config_file_ = widen(path); }

IAppHostAdminManager* server_runtime::GetAdminManager() const { return server_admin_manager(); }

module_record* server_runtime::find_module(std::string_view name) {
    for (auto& module : modules_) {
        if (core::iequals(module->name, name)) return module.get();
    }
    return nullptr;
}

void server_runtime::log_module_failure(const module_record& module, std::string_view what) {
    core::log_error("module", "module '" + module.name + "' (" + module.image + ") " + std::string(what));
}

void server_runtime::build_global_tables() {
    global_tables_.clear();
    for (DWORD bit = 1; bit != 0 && bit <= 0x00020000; bit <<= 1) {
        std::vector<module_record*> list;
        for (auto& module : modules_) {
            if (module->global_module && (module->global_mask & bit)) list.push_back(module.get());
        }
        const int index = __builtin_ctz(bit);
        std::stable_sort(list.begin(), list.end(), [index](module_record* a, module_record* b) {
            return static_cast<int>(a->global_priority[index]) <
                   static_cast<int>(b->global_priority[index]);
        });
        if (!list.empty()) global_tables_.emplace_back(bit, std::move(list));
    }
}

const std::vector<module_record*>* server_runtime::global_list_if(DWORD bit) const {
    for (const auto& [key, list] : global_tables_) {
        if (key == bit) return &list;
    }
    return nullptr;
}

bool server_runtime::has_global_subscribers(DWORD bit) const { return global_list_if(bit) != nullptr; }

HRESULT server_runtime::AssociateWithThreadPool(HANDLE, LPOVERLAPPED_COMPLETION_ROUTINE) { return E_NOTIMPL; }

VOID server_runtime::ReportUnhealthy(PCWSTR reason, HRESULT hr) {
    char code[16];
    std::snprintf(code, sizeof code, "0x%08x", static_cast<unsigned>(hr));
    core::log_warning("server", "a module reported the process unhealthy: " +
                                    (reason ? narrow(reason) : std::string()) + " (" + code + ")");
}

VOID server_runtime::RecycleProcess(PCWSTR reason) {
    core::log_warning("server", "a module asked to recycle the process: " +
                                    (reason ? narrow(reason) : std::string()) + " (not supported yet)");
}

HRESULT server_runtime::GetFileInfo(PCWSTR, HANDLE, PSID, PCWSTR, HANDLE, BOOL, IHttpFileInfo** file_info,
                                    IHttpTraceContext*) {
    if (file_info) *file_info = nullptr;
    return E_NOTIMPL;
}

HRESULT server_runtime::DoCacheOperation(CACHE_OPERATION, IHttpCacheKey*, IHttpCacheSpecificData** data,
                                         IHttpTraceContext*) {
    if (data) *data = nullptr;
    return E_NOTIMPL;
}

GLOBAL_NOTIFICATION_STATUS server_runtime::NotifyCustomNotification(ICustomNotificationProvider* provider) {
    if (provider == nullptr) return GL_NOTIFICATION_CONTINUE;
    return notify_global(GL_CUSTOM_NOTIFICATION, [&](CGlobalModule* module) {
        return module->OnGlobalCustomNotification(provider);
    });
}

VOID server_runtime::RecycleApplication(PCWSTR) {}

IDispensedHttpModuleContextContainer* server_runtime::DispenseContainer() {
    auto* container = new shared_context_container();
    container->dispensed_ = true;
    return container;
}

HRESULT server_runtime::AddFragmentToCache(HTTP_DATA_CHUNK*, PCWSTR) { return E_NOTIMPL; }
HRESULT server_runtime::ReadFragmentFromCache(PCWSTR, BYTE*, DWORD, DWORD* copied) {
    if (copied) *copied = 0;
    return E_NOTIMPL;
}
HRESULT server_runtime::RemoveFragmentFromCache(PCWSTR) { return E_NOTIMPL; }
HRESULT server_runtime::GetWorkerProcessSettings(IWpfSettings** settings) {
    if (settings) *settings = nullptr;
    return E_NOTIMPL;
}
HRESULT server_runtime::GetProtocolManagerCustomInterface(PCWSTR, PCWSTR, DWORD, PVOID* custom) {
    if (custom) *custom = nullptr;
    return E_NOTIMPL;
}

BOOL server_runtime::SatisfiesPrecondition(PCWSTR precondition, BOOL* unknown) const {
    // Lintel is a 64-bit native server: bitness64 and integratedMode hold; managed runtimes do not.
    if (unknown) *unknown = FALSE;
    if (precondition == nullptr || *precondition == L'\0') return TRUE;
    std::string text = narrow(precondition);
    for (const auto& item : split_list(text)) {
        if (core::iequals(item, "bitness64") || core::iequals(item, "integratedMode")) continue;
        if (core::iequals(item, "bitness32") || core::iequals(item, "classicMode") ||
            item.rfind("runtimeVersion", 0) == 0 || core::iequals(item, "managedHandler")) {
            return FALSE;
        }
        if (unknown) *unknown = TRUE;
        return FALSE;
    }
    return TRUE;
}

HRESULT server_runtime::RegisterFileChangeMonitor(PCWSTR, HANDLE, IHttpFileMonitor** monitor) {
    if (monitor) *monitor = nullptr;
    return E_NOTIMPL;
}

HRESULT server_runtime::GetExtendedInterface(HTTP_SERVER_INTERFACE_VERSION version, PVOID* result) {
    if (result == nullptr) return E_POINTER;
    if (version == HTTP_SERVER_INTERFACE_V2) {
        *result = static_cast<IHttpServer2*>(this);
        return S_OK;
    }
    *result = nullptr;
    return E_NOINTERFACE;
}

HRESULT server_runtime::GetToken(PCWSTR, PCWSTR, DWORD, IHttpTokenEntry** token, PCWSTR, PSOCKADDR,
                                 IHttpTraceContext*) {
    if (token) *token = nullptr;
    return E_NOTIMPL;
}

PCWSTR server_runtime::GetAppPoolConfigFile(DWORD* length) const {
    if (length) *length = static_cast<DWORD>(wide_config_file_.size());
    return wide_config_file_.c_str();
}

HRESULT server_runtime::GetMetadata(PCWSTR, PCWSTR, IReferencedMetadataInfo** metadata) {
    if (metadata) *metadata = nullptr;
    return E_NOTIMPL;
}

HRESULT server_runtime::GetWorkerProcessFramework(IWorkerProcessFramework** framework) {
    if (framework) *framework = nullptr;
    return E_NOTIMPL;
}

}  // namespace lintel::api
