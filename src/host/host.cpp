#include "host/host.h"

#include <cstdio>
#include <dlfcn.h>

#include "api/admin.h"
#include "api/text.h"
#include "core/log.h"
#include <lintel/version.h>

namespace lintel::host {

namespace {

std::string hex(HRESULT hr) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", static_cast<unsigned>(hr));
    return text;
}

std::string describe(const config::global_module& module) {
    return module.where.file + ":" + std::to_string(module.where.line) + ": module '" + module.name + "' (" +
           module.image + ")";
}

class application_provider final : public IHttpApplicationProvider {
public:
    explicit application_provider(IHttpApplication* app) : app_(app) {}
    VOID SetErrorStatus(HRESULT) override {}
    IHttpApplication* GetApplication() override { return app_; }

private:
    IHttpApplication* app_;
};

class stop_listening_provider final : public IGlobalStopListeningProvider {
public:
    VOID SetErrorStatus(HRESULT) override {}
    BOOL DrainRequestsGracefully() const override { return TRUE; }
};

}  // namespace

loaded_server load(const config::snapshot& config, std::vector<std::string>& errors) {
    loaded_server result;
    auto runtime = std::make_unique<api::server_runtime>();
    runtime->set_config_file(config.file);
    // The admin API answers from its own copy, so that it never depends on how long the caller
    // keeps `config` (modules may read configuration from RegisterModule on).
    api::publish_admin_configuration(std::make_shared<const config::snapshot>(config));
    size_t order = 0;
    for (const auto& module : config.global_modules) {
        dlerror();
        void* library = dlopen(module.image.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (library == nullptr) {
            const char* reason = dlerror();
            errors.push_back(describe(module) + ": cannot load: " + (reason ? reason : "unknown error"));
            continue;
        }
        result.libraries.push_back(library);
        auto* register_module = reinterpret_cast<PFN_REGISTERMODULE>(dlsym(library, MODULE_REGISTERMODULE));
        if (register_module == nullptr) {
            errors.push_back(describe(module) + ": does not export RegisterModule");
            continue;
        }
        auto record = std::make_unique<api::module_record>();
        record->name = module.name;
        record->wide_name = api::widen(module.name);
        record->image = module.image;
        record->config_order = order++;
        api::registration_info info(*record);
        HRESULT hr = E_FAIL;
        try {
            hr = register_module(LINTEL_IIS_SERVER_VERSION, &info, runtime.get());
        } catch (const std::exception& e) {
            errors.push_back(describe(module) + ": RegisterModule threw '" + e.what() + "'");
            continue;
        } catch (...) {
            errors.push_back(describe(module) + ": RegisterModule threw an exception");
            continue;
        }
        if (FAILED(hr)) {
            errors.push_back(describe(module) + ": RegisterModule failed with HRESULT " + hex(hr));
            continue;
        }
        runtime->modules().push_back(std::move(record));
    }
    if (!errors.empty()) {
        result.runtime = std::move(runtime);
        shutdown(result);
        result.runtime.reset();
        return result;
    }
    runtime->build_global_tables();
    for (const auto& site : config.sites) {
        auto site_runtime = std::make_unique<api::site_runtime>(site);
        for (const auto& app : site.applications) {
            auto app_runtime = std::make_unique<api::application_runtime>(*site_runtime, app, *runtime);
            config::web_server web = config::effective_web_server(config, site.name, app.path);
            app_runtime->build(web, errors);
            site_runtime->applications().push_back(std::move(app_runtime));
        }
        runtime->sites().push_back(std::move(site_runtime));
    }
    result.runtime = std::move(runtime);
    if (!errors.empty()) {
        shutdown(result);
        result.runtime.reset();
    }
    return result;
}

void start_applications(loaded_server& server) {
    server.applications_started = true;
    auto& runtime = *server.runtime;
    if (!runtime.has_global_subscribers(GL_APPLICATION_START)) return;
    for (auto& site : runtime.sites()) {
        for (auto& app : site->applications()) {
            application_provider provider(app.get());
            runtime.notify_global(GL_APPLICATION_START, [&](CGlobalModule* module) {
                return module->OnGlobalApplicationStart(&provider);
            });
        }
    }
}

void stop_listening(loaded_server& server) {
    if (!server.runtime || !server.listening) {
        return;
    }
    server.listening = false;
    stop_listening_provider stop;
    server.runtime->notify_global(GL_STOP_LISTENING,
                                  [&](CGlobalModule* module) { return module->OnGlobalStopListening(&stop); });
}

void shutdown(loaded_server& server) {
    stop_listening(server);
    if (server.runtime) {
        auto& runtime = *server.runtime;
        for (auto& site : runtime.sites()) {
            for (auto& app : site->applications()) {
                if (server.applications_started) {
                    application_provider provider(app.get());
                    runtime.notify_global(GL_APPLICATION_STOP, [&](CGlobalModule* module) {
                        return module->OnGlobalApplicationStop(&provider);
                    });
                }
                app->cleanup();
            }
            site->cleanup();
        }
        for (auto& module : runtime.modules()) {
            try {
                if (module->factory) module->factory->Terminate();
                if (module->global_module) module->global_module->Terminate();
            } catch (...) {
                runtime.log_module_failure(*module, "threw from Terminate");
            }
            module->factory = nullptr;
            module->global_module = nullptr;
        }
    }
    server.runtime.reset();
    for (void* library : server.libraries) {
        dlclose(library);
    }
    server.libraries.clear();
}

}  // namespace lintel::host
