// An in-process pipeline for unit tests and micro-benchmarks: a site with one application and no modules (or
// modules added by the caller), an exchange, and a response_stream that records what the pipeline sends.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "api/context.h"
#include "api/runtime.h"
#include "config/config.h"
#include "core/exchange.h"

namespace lintel::testing {

class recording_stream final : public core::response_stream {
public:
    void send(core::exchange& ex, bool final, bool) override {
        ex.resp.headers_sent = true;
        sends_ += 1;
        last_status_ = ex.resp.status;
        ex.resp.body.clear();
        (void)final;
    }
    void reset_connection() override {}
    size_t queued_output() const override { return 0; }
    void notify_when_drained(size_t, core::drain_handler& handler) override { handler.output_drained(true); }
    bool connected() const override { return true; }
    void post(std::function<void()> fn) override { fn(); }
    void exchange_finished(core::exchange& ex) override {
        finished_ += 1;
        ex.reset();
    }

    unsigned sends_ = 0;
    unsigned finished_ = 0;
    uint16_t last_status_ = 0;
};

class pipeline_fixture {
public:
    pipeline_fixture() {
        config::site site;
        site.id = 1;
        site.name = "Bench";
        config::application app;
        app.path = "/";
        config::virtual_directory vdir;
        vdir.path = "/";
        vdir.physical_path = "/tmp";
        app.virtual_directories.push_back(vdir);
        site.applications.push_back(app);
        config::binding binding;
        binding.protocol = "http";
        binding.port = 80;
        site.bindings.push_back(binding);
        server_.build_global_tables();
        auto site_runtime = std::make_unique<api::site_runtime>(site);
        auto app_runtime = std::make_unique<api::application_runtime>(*site_runtime, app, server_);
        std::vector<std::string> errors;
        app_runtime->build(config::web_server{}, errors);
        app_ = app_runtime.get();
        site_runtime->applications().push_back(std::move(app_runtime));
        server_.sites().push_back(std::move(site_runtime));
        entry_ = std::make_unique<api::pipeline_entry>(server_);
    }

    // Fills the exchange as the h1 front end would for "GET /index.html HTTP/1.1" with a few headers.
    void fill_request() {
        auto& req = exchange_.req;
        req.method = "GET";
        req.target = "/index.html";
        req.path = "/index.html";
        req.headers.add("Host", "localhost");
        req.headers.add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) benchmark");
        req.headers.add("Accept", "*/*");
        auto* v4 = reinterpret_cast<sockaddr_in*>(&req.local.address);
        v4->sin_family = AF_INET;
        v4->sin_port = htons(80);
        req.local.length = sizeof(sockaddr_in);
    }

    void run_request() {
        fill_request();
        entry_->handle(exchange_, stream_);
    }

    api::server_runtime& server() { return server_; }
    recording_stream& stream() { return stream_; }
    core::exchange& exchange() { return exchange_; }

private:
    api::server_runtime server_;
    api::application_runtime* app_ = nullptr;
    std::unique_ptr<api::pipeline_entry> entry_;
    core::exchange exchange_;
    recording_stream stream_;
};

}  // namespace lintel::testing
