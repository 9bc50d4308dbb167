// The immutable objects a running configuration is made of: the server (IHttpServer), sites (IHttpSite),
// applications (IHttpApplication) with their notification tables and handler mappings. Built once by the host at
// startup, shared read-only by every loop.
#pragma once

#include <windows.h>
#include <httpserv.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "api/containers.h"
#include "api/modules.h"
#include "config/config.h"
#include "core/pipeline_table.h"

namespace lintel::api {

class server_runtime;

// One <handlers> entry, resolved against the application's module list.
class handler_mapping final : public IScriptMapInfo {
public:
    handler_mapping(const config::handler& entry, std::vector<uint16_t> module_indices);

    bool matches_path(std::string_view url_path) const;
    bool matches_verb(std::string_view verb) const;
    const std::vector<uint16_t>& module_indices() const { return module_indices_; }
    const std::string& name() const { return entry_.name; }

    PCWSTR GetPath() const override { return wide_path_.c_str(); }
    PCSTR GetAllowedVerbs() const override { return entry_.verb.c_str(); }
    PCWSTR GetModules(DWORD* length) const override;
    PCWSTR GetScriptProcessor(DWORD* length) const override;
    PCWSTR GetManagedType(DWORD* length) const override;
    BOOL GetAllowPathInfoForScriptMappings() const override { return entry_.allow_path_info ? TRUE : FALSE; }
    DWORD GetRequiredAccess() const override { return required_access_; }
    DWORD GetResourceType() const override { return resource_type_; }
    BOOL GetIsStarScriptMap() const override { return entry_.path == "*" ? TRUE : FALSE; }
    DWORD GetResponseBufferLimit() const override { return entry_.response_buffer_limit; }
    PCWSTR GetName() const override { return wide_name_.c_str(); }

private:
    config::handler entry_;
    std::vector<uint16_t> module_indices_;
    std::vector<std::string> verbs_;
    std::wstring wide_path_, wide_modules_, wide_script_processor_, wide_type_, wide_name_;
    DWORD required_access_ = 0;
    DWORD resource_type_ = 3;
};

class site_runtime;

class application_runtime final : public IHttpApplication2 {
public:
    application_runtime(site_runtime& site, const config::application& app, server_runtime& server);

    PCWSTR GetApplicationPhysicalPath() const override { return wide_physical_path_.c_str(); }
    PCWSTR GetApplicationId() const override { return wide_id_.c_str(); }
    PCWSTR GetAppConfigPath() const override { return wide_config_path_.c_str(); }
    IHttpModuleContextContainer* GetModuleContextContainer() override { return &contexts_; }
    VOID BeginApplicationWarmup() override {}
    VOID EndApplicationWarmup() override {}
    BOOL QueryIsWarmingUp() override { return FALSE; }

    // Builds the module list, notification tables and handler mappings. Returns errors as text.
    bool build(const config::web_server& web, std::vector<std::string>& errors);

    site_runtime& site() { return site_; }
    server_runtime& server() { return server_; }
    const std::string& url_path() const { return url_path_; }
    const std::string& physical_path() const { return physical_path_; }
    const std::vector<module_record*>& modules() const { return modules_; }
    const core::pipeline_table& table() const { return table_; }
    const std::vector<std::unique_ptr<handler_mapping>>& handlers() const { return handlers_; }
    // Maps a URL path inside this application to a file system path.
    std::string map_path(std::string_view url_path) const;
    void cleanup() { contexts_.cleanup(); }

private:
    site_runtime& site_;
    server_runtime& server_;
    std::string url_path_;
    std::string physical_path_;
    std::vector<std::pair<std::string, std::string>> virtual_directories_;  // url path -> physical path
    std::wstring wide_physical_path_, wide_id_, wide_config_path_;
    std::vector<module_record*> modules_;
    core::pipeline_table table_;
    std::vector<std::unique_ptr<handler_mapping>> handlers_;
    shared_context_container contexts_;
};

class site_runtime final : public IHttpSite {
public:
    explicit site_runtime(const config::site& site);

    DWORD GetSiteId() const override { return id_; }
    PCWSTR GetSiteName() const override { return wide_name_.c_str(); }
    IHttpModuleContextContainer* GetModuleContextContainer() override { return &contexts_; }
    IHttpPerfCounterInfo* GetPerfCounterInfo() override { return nullptr; }

    const std::string& name() const { return name_; }
    const config::site& definition() const { return definition_; }
    std::vector<std::unique_ptr<application_runtime>>& applications() { return applications_; }
    // The application whose path is the longest prefix of url_path (segment-wise).
    application_runtime* application_for(std::string_view url_path) const;
    void cleanup() { contexts_.cleanup(); }

private:
    config::site definition_;
    DWORD id_;
    std::string name_;
    std::wstring wide_name_;
    std::vector<std::unique_ptr<application_runtime>> applications_;
    shared_context_container contexts_;
};

// The server object modules see as IHttpServer / IHttpServer2, and the global-notification dispatcher.
class server_runtime final : public IHttpServer2 {
public:
    server_runtime();
    ~server_runtime();

    // IHttpServer
    BOOL IsCommandLineLaunch() const override { return FALSE; }
    PCWSTR GetAppPoolName() const override { return app_pool_name_.c_str(); }
    HRESULT AssociateWithThreadPool(HANDLE handle, LPOVERLAPPED_COMPLETION_ROUTINE routine) override;
    VOID IncrementThreadCount() override {}
    VOID DecrementThreadCount() override {}
    VOID ReportUnhealthy(PCWSTR reason, HRESULT hr) override;
    VOID RecycleProcess(PCWSTR reason) override;
    // The process-wide read-only admin manager (api/admin.h); modules need not Release it.
    IAppHostAdminManager* GetAdminManager() const override;
    HRESULT GetFileInfo(PCWSTR physical_path, HANDLE user_token, PSID sid,
                        PCWSTR change_notification_path, HANDLE change_notification_token, BOOL cache,
                        IHttpFileInfo** file_info, IHttpTraceContext* trace_context) override;
    HRESULT FlushKernelCache(PCWSTR url) override { return S_OK; }
    HRESULT DoCacheOperation(CACHE_OPERATION operation, IHttpCacheKey* key,
                             IHttpCacheSpecificData** data, IHttpTraceContext* trace) override;
    GLOBAL_NOTIFICATION_STATUS NotifyCustomNotification(ICustomNotificationProvider* provider) override;
    IHttpPerfCounterInfo* GetPerfCounterInfo() override { return nullptr; }
    VOID RecycleApplication(PCWSTR app_config_path) override;
    VOID NotifyConfigurationChange(PCWSTR path) override {}
    VOID NotifyFileChange(PCWSTR file_name) override {}
    IDispensedHttpModuleContextContainer* DispenseContainer() override;
    HRESULT AddFragmentToCache(HTTP_DATA_CHUNK* chunk, PCWSTR fragment_name) override;
    HRESULT ReadFragmentFromCache(PCWSTR fragment_name, BYTE* buffer, DWORD size,
                                  DWORD* copied) override;
    HRESULT RemoveFragmentFromCache(PCWSTR fragment_name) override;
    HRESULT GetWorkerProcessSettings(IWpfSettings** settings) override;
    HRESULT GetProtocolManagerCustomInterface(PCWSTR dll, PCWSTR init_function, DWORD id,
                                              PVOID* custom_interface) override;
    BOOL SatisfiesPrecondition(PCWSTR precondition, BOOL* unknown_precondition) const override;
    IHttpTraceContext* GetTraceContext() const override { return nullptr; }
    HRESULT RegisterFileChangeMonitor(PCWSTR path, HANDLE token, IHttpFileMonitor** monitor) override;
    HRESULT GetExtendedInterface(HTTP_SERVER_INTERFACE_VERSION version, PVOID* result) override;
    // IHttpServer2
    HRESULT GetToken(PCWSTR user, PCWSTR password, DWORD logon_method, IHttpTokenEntry** token,
                     PCWSTR default_domain, PSOCKADDR address, IHttpTraceContext* trace) override;
    PCWSTR GetAppPoolConfigFile(DWORD* length) const override;
    HRESULT GetExtendedInterface(const GUID& version1, PVOID input, const GUID& version2,
                                 PVOID* output) override;
    HRESULT GetMetadata(PCWSTR site_name, PCWSTR url, IReferencedMetadataInfo** metadata) override;
    HRESULT GetWorkerProcessFramework(IWorkerProcessFramework** framework) override;

    // Lintel side
    std::vector<std::unique_ptr<module_record>>& modules() { return modules_; }
    std::vector<std::unique_ptr<site_runtime>>& sites() { return sites_; }
    module_record* find_module(std::string_view name);
    void set_config_file(const std::string& path);
    // Orders the global modules per notification; call after every RegisterModule ran.
    void build_global_tables();
    // Calls `invoke` for each global module subscribed to `bit`, in order, until one returns HANDLED. A module
    // that throws is logged and skipped.
    template <class Invoke>
    GLOBAL_NOTIFICATION_STATUS notify_global(DWORD bit, Invoke&& invoke);
    bool has_global_subscribers(DWORD bit) const;
    void log_module_failure(const module_record& module, std::string_view what);

private:
    std::vector<module_record*>& global_list(DWORD bit);
    const std::vector<module_record*>* global_list_if(DWORD bit) const;

    std::wstring app_pool_name_ = L"DefaultAppPool";
    std::wstring wide_config_file_;
    std::vector<std::unique_ptr<module_record>> modules_;
    std::vector<std::unique_ptr<site_runtime>> sites_;
    std::vector<std::pair<DWORD, std::vector<module_record*>>> global_tables_;
    shared_context_container contexts_;
};

template <class Invoke>
GLOBAL_NOTIFICATION_STATUS server_runtime::notify_global(DWORD bit, Invoke&& invoke) {
    const auto* list = global_list_if(bit);
    if (list == nullptr) {
        return GL_NOTIFICATION_CONTINUE;
    }
    for (module_record* module : *list) {
        GLOBAL_NOTIFICATION_STATUS status = GL_NOTIFICATION_CONTINUE;
        try {
            status = invoke(module->global_module);
        } catch (...) {
            log_module_failure(*module, "threw an exception from a global notification");
            continue;
        }
        if (status == GL_NOTIFICATION_HANDLED) {
            return GL_NOTIFICATION_HANDLED;
        }
    }
    return GL_NOTIFICATION_CONTINUE;
}

}  // namespace lintel::api
