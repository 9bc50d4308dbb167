#include "api/context.h"

#include <chrono>
#include <ctime>
#include <cstring>
#include <sys/stat.h>

#include "api/header_ids.h"
#include "api/text.h"
#include "core/log.h"

namespace lintel::api {

namespace {

constexpr int final_send_stage = 100;  // sentinel: the final send sits between UPDATE_REQUEST_CACHE and LOG
constexpr int log_stage = 10;
constexpr int execute_stage = 7;
constexpr int map_handler_stage = 4;
constexpr int authenticate_stage = 1;

const char* const event_names[core::deterministic_count] = {
    "OnBeginRequest",          "OnAuthenticateRequest",      "OnAuthorizeRequest",
    "OnResolveRequestCache",   "OnMapRequestHandler",        "OnAcquireRequestState",
    "OnPreExecuteRequestHandler", "OnExecuteRequestHandler", "OnReleaseRequestState",
    "OnUpdateRequestCache",    "OnLogRequest",               "OnEndRequest",
};
const char* const post_names[core::deterministic_count] = {
    "OnPostBeginRequest",          "OnPostAuthenticateRequest",
    "OnPostAuthorizeRequest",      "OnPostResolveRequestCache",
    "OnPostMapRequestHandler",     "OnPostAcquireRequestState",
    "OnPostPreExecuteRequestHandler", "OnPostExecuteRequestHandler",
    "OnPostReleaseRequestState",   "OnPostUpdateRequestCache",
    "OnPostLogRequest",            "OnPostEndRequest",
};

// The clock of GetTickCount64 (CLOCK_MONOTONIC in milliseconds), so that modules can subtract the two.
ULONGLONG now_ms() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<ULONGLONG>(now.tv_sec) * 1000ull + static_cast<ULONGLONG>(now.tv_nsec) / 1000000ull;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// providers

VOID event_provider::SetErrorStatus(HRESULT hr) { ctx_.set_error_status(hr); }
VOID authentication_provider::SetErrorStatus(HRESULT hr) { ctx_.set_error_status(hr); }
VOID authentication_provider::SetUser(IHttpUser* user) { ctx_.set_user(user); }
VOID map_handler_provider::SetErrorStatus(HRESULT hr) { ctx_.set_error_status(hr); }

HRESULT map_handler_provider::SetScriptName(PCWSTR script_name, DWORD length) {
    if (script_name == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    ctx_.set_script_name(std::wstring(script_name, length ? length : wcslen(script_name)));
    return S_OK;
}

VOID map_handler_provider::SetScriptMap(IScriptMapInfo* script_map) { ctx_.set_script_map(script_map); }
VOID map_handler_provider::SetFileInfo(IHttpFileInfo*) {}
VOID send_response_provider::SetErrorStatus(HRESULT hr) { ctx_.set_error_status(hr); }
HRESULT send_response_provider::SetLogData(HTTP_LOG_DATA*) { return S_OK; }
VOID read_entity_provider::SetErrorStatus(HRESULT hr) { ctx_.set_error_status(hr); }

VOID read_entity_provider::GetEntity(PVOID* buffer, DWORD* data_size, DWORD* buffer_size) {
    if (buffer) *buffer = buffer_;
    if (data_size) *data_size = data_size_;
    if (buffer_size) *buffer_size = buffer_size_;
}

VOID read_entity_provider::SetEntity(PVOID buffer, DWORD data_size, DWORD buffer_size) {
    buffer_ = buffer;
    data_size_ = data_size;
    buffer_size_ = buffer_size;
}

VOID map_path_provider::SetErrorStatus(HRESULT hr) { ctx_.set_error_status(hr); }

HRESULT map_path_provider::SetPhysicalPath(PCWSTR path, DWORD length) {
    if (path == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    physical_path_.assign(path, length ? length : wcslen(path));
    return S_OK;
}

HRESULT anonymous_user::IsInRole(PCWSTR, BOOL* in_role) {
    if (in_role) *in_role = FALSE;
    return E_NOTIMPL;
}

// ---------------------------------------------------------------------------------------------------------------
// connection

namespace {
// Per-connection state: module contexts (cleaned up when the connection ends) and connection-lifetime memory.
struct connection_state final : core::connection_attachment {
    ~connection_state() override { contexts.disconnect(); }
    context_container contexts;
    core::arena memory;
};

connection_state& state_of(core::exchange& ex) {
    if (!*ex.attachment) {
        *ex.attachment = std::make_unique<connection_state>();
    }
    return static_cast<connection_state&>(**ex.attachment);
}
}  // namespace

BOOL connection_impl::IsConnected() const { return ctx_.stream().connected() ? TRUE : FALSE; }

VOID* connection_impl::AllocateMemory(DWORD size) {
    if (ctx_.exchange().attachment == nullptr) return ctx_.arena().allocate(size);
    return state_of(ctx_.exchange()).memory.allocate(size);
}


IHttpConnectionModuleContextContainer* connection_impl::GetModuleContextContainer() {
    if (ctx_.exchange().attachment == nullptr) return nullptr;
    return &state_of(ctx_.exchange()).contexts;
}

// ---------------------------------------------------------------------------------------------------------------
// http_context: construction and the pipeline walk

http_context::http_context(application_runtime& app, core::exchange& ex, core::response_stream& stream)
    : app_(app), ex_(ex), stream_(stream), start_time_ms_(now_ms()) {}

http_context::~http_context() = default;

namespace {
struct context_pool {
    std::vector<void*> blocks;
    ~context_pool() {
        for (void* block : blocks) ::operator delete(block);
    }
};
thread_local context_pool pool;
#if defined(__SANITIZE_ADDRESS__)
constexpr size_t pool_limit = 0;  // recycled memory would hide use-after-free from AddressSanitizer
#else
constexpr size_t pool_limit = 256;
#endif
}  // namespace

void* http_context::operator new(size_t size) {
    if (size == sizeof(http_context) && !pool.blocks.empty()) {
        void* block = pool.blocks.back();
        pool.blocks.pop_back();
        return block;
    }
    return ::operator new(size);
}

void http_context::operator delete(void* memory, size_t size) {
    if (size == sizeof(http_context) && pool.blocks.size() < pool_limit) {
        pool.blocks.push_back(memory);
        return;
    }
    ::operator delete(memory);
}

IHttpSite* http_context::GetSite() { return &app_.site(); }

IHttpUser* http_context::GetUser() const {
    return user_ ? user_ : const_cast<anonymous_user*>(&anonymous_);
}

IHttpUser* http_context::GetOriginalUser() const {
    // The user the request started with, before an authentication module's SetUser.
    return const_cast<anonymous_user*>(&anonymous_);
}

void http_context::create_modules() {
    const auto& modules = app_.modules();
    module_count_ = modules.size();
    if (module_count_ == 0) {
        return;
    }
    modules_ = static_cast<CHttpModule**>(arena_.allocate(sizeof(CHttpModule*) * module_count_));
    disabled_events_ = static_cast<DWORD*>(arena_.allocate(sizeof(DWORD) * module_count_));
    disabled_posts_ = static_cast<DWORD*>(arena_.allocate(sizeof(DWORD) * module_count_));
    for (size_t i = 0; i < module_count_; ++i) {
        modules_[i] = nullptr;
        disabled_events_[i] = 0;
        disabled_posts_[i] = 0;
        CHttpModule* instance = nullptr;
        HRESULT hr = E_FAIL;
        try {
            hr = modules[i]->factory->GetHttpModule(&instance, &allocator_);
        } catch (...) {
            hr = E_FAIL;
        }
        if (FAILED(hr) || instance == nullptr) {
            app_.server().log_module_failure(*modules[i], "GetHttpModule failed");
            instance = nullptr;
            if (!finishing_) {
                ex_.resp.status = 500;
                ex_.resp.reason = "Internal Server Error";
                finishing_ = true;
            }
        }
        modules_[i] = instance;
    }
}

void http_context::start() {
    fiber_.emplace(&http_context::fiber_entry, this);
    resume_fiber();
}

void http_context::fiber_entry(void* self) { static_cast<http_context*>(self)->fiber_body(); }

void http_context::resume_fiber() {
    fiber_->resume();
    if (fiber_->finished() && !done_) {
        finish();
    }
}

void http_context::schedule(std::function<void()> task) {
    tasks_.push_back(std::move(task));
    if (parked_) {
        resume_fiber();
    }
}

void http_context::fiber_body() {
    create_modules();
    // GL_PRE_BEGIN_REQUEST: before the request enters the pipeline.
    auto& server = app_.server();
    if (server.has_global_subscribers(GL_PRE_BEGIN_REQUEST)) {
        struct provider final : IPreBeginRequestProvider {
            explicit provider(http_context& c) : ctx(c) {}
            VOID SetErrorStatus(HRESULT hr) override { ctx.set_error_status(hr); }
            IHttpContext* GetHttpContext() override { return &ctx; }
            http_context& ctx;
        } pre_begin(*this);
        server.notify_global(GL_PRE_BEGIN_REQUEST, [&](CGlobalModule* module) {
            return module->OnGlobalPreBeginRequest(&pre_begin);
        });
    }
    if (finishing_) {
        stage_ = final_send_stage;
    }
    run();
    while (!walk_done_) {
        while (tasks_.empty()) {
            parked_ = true;
            io::fiber::suspend();
            parked_ = false;
        }
        auto task = std::move(tasks_.front());
        tasks_.erase(tasks_.begin());
        task();  // a completion or an IndicateCompletion; may resume the walk
    }
}

const std::vector<uint16_t>& http_context::list_for(int stage, bool post) const {
    return post ? app_.table().post_event(stage) : app_.table().event(stage);
}

bool http_context::skip_module(int module, int stage, bool post) const {
    if (modules_[module] == nullptr) {
        return true;
    }
    DWORD bit = 1u << stage;
    if ((post ? disabled_posts_[module] : disabled_events_[module]) & bit) {
        return true;
    }
    return false;
}

void http_context::run() {
    running_ = true;
    while (!pending_ && !done_) {
        if (stage_ == final_send_stage) {
            send_response(true, false);
            stage_ = log_stage;
            post_ = false;
            position_ = 0;
            finishing_ = false;  // LOG and END run for every request
            continue;
        }
        if (stage_ >= core::deterministic_count) {
            walk_done_ = true;
            break;
        }
        if (stage_ == map_handler_stage && !post_ && position_ == 0) {
            map_handler();
        }
        const std::vector<uint16_t>* list;
        if (stage_ == execute_stage && !post_) {
            static const std::vector<uint16_t> none;
            if (request_handled_) {
                list = &none;
            } else if (handler_overridden_) {
                list = &handler_override_modules_;
            } else {
                list = handler_ ? &handler_->module_indices() : &none;
            }
            if (!handler_ && !handler_overridden_ && position_ == 0 && ex_.resp.status == 200) {
                ex_.resp.status = path_matched_ ? 405 : 404;
                ex_.resp.substatus = 0;
                ex_.resp.reason = path_matched_ ? "Method Not Allowed" : "Not Found";
            }
        } else {
            list = &list_for(stage_, post_);
        }
        if (position_ >= list->size()) {
            if (!post_) {
                post_ = true;
            } else {
                ++stage_;
                post_ = false;
                if (stage_ == log_stage && !final_sent_) {
                    stage_ = final_send_stage;
                }
            }
            position_ = 0;
            continue;
        }
        int module = (*list)[position_];
        if (skip_module(module, stage_, post_)) {
            ++position_;
            continue;
        }
        REQUEST_NOTIFICATION_STATUS status = invoke(module, stage_, post_);
        apply_status(status);
    }
    running_ = false;
}

void http_context::apply_status(REQUEST_NOTIFICATION_STATUS status) {
    switch (status) {
    case RQ_NOTIFICATION_CONTINUE:
        ++position_;
        break;
    case RQ_NOTIFICATION_PENDING:
        pending_ = true;
        pending_frame_ = last_call_;
        break;
    case RQ_NOTIFICATION_FINISH_REQUEST:
    default:
        if (stage_ < log_stage) {
            stage_ = final_sent_ ? log_stage : final_send_stage;
            post_ = false;
            position_ = 0;
        } else {
            // FINISH_REQUEST during LOG/END: skip the rest of that notification only.
            ++stage_;
            post_ = false;
            position_ = 0;
        }
        break;
    }
}

REQUEST_NOTIFICATION_STATUS http_context::module_failed(int module, const char* what,
                                                        const char* reason) {
    auto& record = *app_.modules()[module];
    std::string message = std::string(reason) + " in " + what;
    app_.server().log_module_failure(record, message);
    auto& resp = ex_.resp;
    if (!resp.headers_sent) {
        resp.status = 500;
        resp.substatus = 0;
        resp.reason = "Internal Server Error";
        resp.headers.clear();
        resp.body.clear();
    }
    return RQ_NOTIFICATION_FINISH_REQUEST;
}

REQUEST_NOTIFICATION_STATUS http_context::invoke(int module, int stage, bool post) {
    CHttpModule* instance = modules_[module];
    call_frame saved = frame_;
    frame_.module = module;
    frame_.notification = 1u << stage;
    frame_.is_post = post ? TRUE : FALSE;
    IHttpEventProvider* provider = &plain_provider_;
    if (!post && stage == authenticate_stage) provider = &authentication_provider_;
    if (!post && stage == map_handler_stage) provider = &map_handler_provider_;
    frame_.provider = provider;
    const char* what = post ? post_names[stage] : event_names[stage];
    int raw = RQ_NOTIFICATION_CONTINUE;
    try {
        if (!post) {
            switch (stage) {
            case 0: raw = instance->OnBeginRequest(this, provider); break;
            case 1: raw = instance->OnAuthenticateRequest(this, &authentication_provider_); break;
            case 2: raw = instance->OnAuthorizeRequest(this, provider); break;
            case 3: raw = instance->OnResolveRequestCache(this, provider); break;
            case 4: raw = instance->OnMapRequestHandler(this, &map_handler_provider_); break;
            case 5: raw = instance->OnAcquireRequestState(this, provider); break;
            case 6: raw = instance->OnPreExecuteRequestHandler(this, provider); break;
            case 7: raw = instance->OnExecuteRequestHandler(this, provider); break;
            case 8: raw = instance->OnReleaseRequestState(this, provider); break;
            case 9: raw = instance->OnUpdateRequestCache(this, provider); break;
            case 10: raw = instance->OnLogRequest(this, provider); break;
            case 11: raw = instance->OnEndRequest(this, provider); break;
            }
        } else {
            switch (stage) {
            case 0: raw = instance->OnPostBeginRequest(this, provider); break;
            case 1: raw = instance->OnPostAuthenticateRequest(this, provider); break;
            case 2: raw = instance->OnPostAuthorizeRequest(this, provider); break;
            case 3: raw = instance->OnPostResolveRequestCache(this, provider); break;
            case 4: raw = instance->OnPostMapRequestHandler(this, provider); break;
            case 5: raw = instance->OnPostAcquireRequestState(this, provider); break;
            case 6: raw = instance->OnPostPreExecuteRequestHandler(this, provider); break;
            case 7: raw = instance->OnPostExecuteRequestHandler(this, provider); break;
            case 8: raw = instance->OnPostReleaseRequestState(this, provider); break;
            case 9: raw = instance->OnPostUpdateRequestCache(this, provider); break;
            case 10: raw = instance->OnPostLogRequest(this, provider); break;
            case 11: raw = instance->OnPostEndRequest(this, provider); break;
            }
        }
    } catch (const std::exception& e) {
        frame_ = saved;
        return module_failed(module, what, (std::string("threw '") + e.what() + "'").c_str());
    } catch (...) {
        frame_ = saved;
        return module_failed(module, what, "threw an exception");
    }
    last_call_ = frame_;
    frame_ = saved;
    if (raw < RQ_NOTIFICATION_CONTINUE || raw > RQ_NOTIFICATION_FINISH_REQUEST) {
        return module_failed(module, what,
                             ("returned an invalid status " + std::to_string(raw)).c_str());
    }
    return static_cast<REQUEST_NOTIFICATION_STATUS>(raw);
}

void http_context::map_handler() {
    handler_ = nullptr;
    path_matched_ = false;
    const std::string& path = ex_.req.path;
    for (const auto& mapping : app_.handlers()) {
        if (!mapping->matches_path(path)) {
            continue;
        }
        path_matched_ = true;
        if (mapping->matches_verb(ex_.req.method)) {
            handler_ = mapping.get();
            break;
        }
    }
    script_map_ = const_cast<handler_mapping*>(handler_);
}

void http_context::set_script_map(IScriptMapInfo* map) {
    script_map_ = map;
    handler_overridden_ = false;
    handler_override_modules_.clear();
    if (map == nullptr) {
        handler_ = nullptr;
        return;
    }
    if (auto* ours = dynamic_cast<handler_mapping*>(map)) {
        handler_ = ours;
        return;
    }
    // A script map the module built itself: run the modules it names, in the order it names them.
    handler_overridden_ = true;
    std::string names = narrow(map->GetModules(nullptr) ? map->GetModules(nullptr) : L"");
    size_t start = 0;
    while (start <= names.size()) {
        size_t comma = names.find(',', start);
        std::string name = names.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        while (!name.empty() && name.front() == ' ') name.erase(0, 1);
        while (!name.empty() && name.back() == ' ') name.pop_back();
        for (size_t i = 0; i < app_.modules().size(); ++i) {
            const auto* record = app_.modules()[i];
            if (core::iequals(record->name, name) &&
                (record->subscription.request_mask & core::notification::execute_request_handler)) {
                handler_override_modules_.push_back(static_cast<uint16_t>(i));
            }
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
}

void http_context::send_response(bool final, bool more_data) {
    auto& resp = ex_.resp;
    if (final) {
        final_sent_ = true;
    }
    const auto& order = app_.table().send_response();
    send_response_provider_.flags_ = (more_data ? HTTP_SEND_RESPONSE_FLAG_MORE_DATA : 0) |
                                     (resp.need_disconnect ? HTTP_SEND_RESPONSE_FLAG_DISCONNECT : 0);
    send_response_provider_.headers_being_sent_ =
        (!resp.headers_sent && !resp.suppress_headers) ? TRUE : FALSE;
    if (send_depth_ == 0 && !order.empty()) {
        ++send_depth_;
        for (uint16_t module : order) {
            if (modules_[module] == nullptr) {
                continue;
            }
            call_frame saved = frame_;
            frame_ = call_frame{module, RQ_SEND_RESPONSE, FALSE, &send_response_provider_};
            int raw = RQ_NOTIFICATION_CONTINUE;
            try {
                raw = modules_[module]->OnSendResponse(this, &send_response_provider_);
            } catch (const std::exception& e) {
                raw = -1;
                frame_ = saved;
                module_failed(module, "OnSendResponse", (std::string("threw '") + e.what() + "'").c_str());
            } catch (...) {
                raw = -1;
                frame_ = saved;
                module_failed(module, "OnSendResponse", "threw an exception");
            }
            frame_ = saved;
            if (raw == RQ_NOTIFICATION_FINISH_REQUEST || raw == -1) {
                break;  // decision 8: skips the remaining SEND_RESPONSE handlers for this send only
            }
            if (raw < RQ_NOTIFICATION_CONTINUE || raw > RQ_NOTIFICATION_FINISH_REQUEST) {
                module_failed(module, "OnSendResponse",
                              ("returned an invalid status " + std::to_string(raw)).c_str());
                break;
            }
        }
        --send_depth_;
    }
    bool disconnect = (send_response_provider_.flags_ & HTTP_SEND_RESPONSE_FLAG_DISCONNECT) != 0 ||
                      resp.need_disconnect;
    if (resp.connection_reset) {
        resp.body.clear();
        return;
    }
    stream_.send(ex_, final, disconnect);
}

void http_context::finish() {
    done_ = true;
    running_ = false;
    for (size_t i = 0; i < module_count_; ++i) {
        if (modules_[i] != nullptr) {
            try {
                modules_[i]->Dispose();
            } catch (...) {
                app_.server().log_module_failure(*app_.modules()[i], "threw from Dispose");
            }
            modules_[i] = nullptr;
        }
    }
    contexts_.cleanup();
    release_if_idle();
}

void http_context::release_if_idle() {
    if (!done_ || outstanding_posts_ > 0) {
        return;
    }
    core::exchange& ex = ex_;
    core::response_stream& stream = stream_;
    delete this;
    stream.exchange_finished(ex);
}

void http_context::post_to_loop(std::function<void()> fn) {
    ++outstanding_posts_;
    stream_.post([this, fn = std::move(fn)] {
        // The count stays raised while fn runs so that a pipeline that finishes inside fn is released here,
        // after fn returned, and never under its feet.
        if (!done_) {
            fn();
        }
        --outstanding_posts_;
        release_if_idle();
    });
}

// ---------------------------------------------------------------------------------------------------------------
// async completion

void http_context::queue_completion(DWORD bytes, HRESULT status, PFN_ASYNC_COMPLETION callback,
                                    void* callback_context) {
    completion c;
    c.frame = frame_;
    c.bytes = bytes;
    c.status = status;
    c.callback = callback;
    c.callback_context = callback_context;
    post_to_loop([this, c] { schedule([this, c] { deliver(c); }); });
}

started_operation http_context::begin_operation() {
    ++outstanding_posts_;  // held until complete_operation: the context outlives the operation
    return started_operation{frame_.module, frame_.notification, frame_.is_post, frame_.provider};
}

void http_context::complete_operation(const started_operation& operation, DWORD bytes, HRESULT status,
                                      PFN_ASYNC_COMPLETION callback, void* callback_context) {
    if (!done_) {
        completion c;
        c.frame = call_frame{operation.module, operation.notification, operation.is_post, operation.provider};
        c.bytes = bytes;
        c.status = status;
        c.callback = callback;
        c.callback_context = callback_context;
        schedule([this, c] { deliver(c); });
    }
    --outstanding_posts_;
    release_if_idle();
}

void http_context::release_operation() {
    --outstanding_posts_;
    release_if_idle();
}

void http_context::wait_on_fiber() {
    io::fiber::suspend();
}

void http_context::resume_from_wait() {
    ++outstanding_posts_;  // the fiber may finish the request: release only after we are back here
    resume_fiber();
    --outstanding_posts_;
    release_if_idle();
}

void http_context::wait_for_output_drain() {
    if (io::fiber::current() == nullptr || stream_.queued_output() <= output_high_water ||
        !stream_.connected() || drain_busy_) {
        return;
    }
    drain_busy_ = true;
    drain_waiter_.ctx = this;
    drain_waiter_.synchronous = true;
    ++outstanding_posts_;
    stream_.notify_when_drained(output_low_water, drain_waiter_);
    wait_on_fiber();
}

void http_context::complete_after_drain(DWORD bytes, PFN_ASYNC_COMPLETION callback, void* callback_context) {
    // One waiter per request: a second held-back write while the first waits completes at once.
    if (stream_.queued_output() <= output_high_water || !stream_.connected() || drain_busy_) {
        queue_completion(bytes, S_OK, callback, callback_context);
        return;
    }
    drain_busy_ = true;
    drain_waiter_.ctx = this;
    drain_waiter_.synchronous = false;
    drain_waiter_.operation = begin_operation();
    drain_waiter_.bytes = bytes;
    drain_waiter_.callback = callback;
    drain_waiter_.callback_context = callback_context;
    stream_.notify_when_drained(output_low_water, drain_waiter_);
}

void http_context::drain_waiter::output_drained(bool connected) {
    http_context* context = ctx;
    context->drain_busy_ = false;
    if (synchronous) {
        context->resume_from_wait();
        --context->outstanding_posts_;
        context->release_if_idle();
        return;
    }
    context->complete_operation(operation, connected ? bytes : 0,
                                connected ? S_OK : HRESULT_FROM_WIN32(ERROR_CONNECTION_ABORTED), callback,
                                callback_context);
}

void http_context::deliver(completion c) {
    if (c.frame.module < 0 || modules_[c.frame.module] == nullptr) {
        return;
    }
    completion_info info;
    info.bytes_ = c.bytes;
    info.status_ = c.status;
    int raw = RQ_NOTIFICATION_CONTINUE;
    call_frame saved = frame_;
    frame_ = c.frame;
    try {
        if (c.routine != nullptr) {
            c.routine(static_cast<DWORD>(HRESULT_CODE(c.status)), c.bytes,
                      static_cast<LPOVERLAPPED>(c.callback_context));
            raw = RQ_NOTIFICATION_CONTINUE;
        } else if (c.callback != nullptr) {
            raw = c.callback(this, &info, c.callback_context);
        } else {
            raw = modules_[c.frame.module]->OnAsyncCompletion(this, c.frame.notification, c.frame.is_post,
                                                              c.frame.provider, &info);
        }
    } catch (...) {
        raw = -1;
    }
    frame_ = saved;
    bool resumes = pending_ && pending_frame_.module == c.frame.module &&
                   pending_frame_.notification == c.frame.notification &&
                   pending_frame_.is_post == c.frame.is_post;
    if (raw < RQ_NOTIFICATION_CONTINUE || raw > RQ_NOTIFICATION_FINISH_REQUEST) {
        module_failed(c.frame.module, "OnAsyncCompletion", "failed");
        raw = RQ_NOTIFICATION_FINISH_REQUEST;
    }
    if (!resumes) {
        return;  // a completion for a notification that did not return PENDING: nothing to resume
    }
    if (raw == RQ_NOTIFICATION_PENDING) {
        return;
    }
    pending_ = false;
    apply_status(static_cast<REQUEST_NOTIFICATION_STATUS>(raw));
    run();
}

VOID http_context::IndicateCompletion(REQUEST_NOTIFICATION_STATUS status) {
    post_to_loop([this, status] { schedule([this, status] {
        if (!pending_) {
            core::log_warning("pipeline", "IndicateCompletion called while no notification is pending");
            return;
        }
        if (status == RQ_NOTIFICATION_PENDING) {
            return;
        }
        pending_ = false;
        apply_status(status);
        run();
    }); });
}

HRESULT http_context::PostCompletion(DWORD bytes) {
    post_to_loop([this, bytes] { schedule([this, bytes] {
        completion c;
        c.frame = pending_ ? pending_frame_ : frame_;
        c.bytes = bytes;
        deliver(c);
    }); });
    return S_OK;
}

HRESULT http_context::PostCompletion(DWORD bytes, LPOVERLAPPED_COMPLETION_ROUTINE routine,
                                     VOID* context) {
    if (routine == nullptr) {
        return PostCompletion(bytes);
    }
    post_to_loop([this, bytes, routine, context] { schedule([this, bytes, routine, context] {
        completion c;
        c.frame = pending_ ? pending_frame_ : frame_;
        c.bytes = bytes;
        c.routine = routine;
        c.callback_context = context;
        deliver(c);
    }); });
    return S_OK;
}

HRESULT http_context::CancelIo() {
    if (done_ || !stream_.connected()) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE);
    }
    // A read waiting for the client is aborted: it completes once, through its normal path, with
    // ERROR_OPERATION_ABORTED (decision 5). Operations that already completed keep their result; writes are
    // handed to the connection at once, so none is ever pending here.
    if (request_.body_read_pending() && ex_.req.source != nullptr) {
        ex_.req.source->cancel_body_read();
    }
    return S_OK;
}

// ---------------------------------------------------------------------------------------------------------------
// notification control

VOID http_context::DisableNotifications(DWORD notifications, DWORD post_notifications) {
    if (frame_.module < 0) {
        return;
    }
    disabled_events_[frame_.module] |= notifications & core::notification::deterministic_mask;
    disabled_posts_[frame_.module] |= post_notifications & core::notification::deterministic_mask;
    // Disabling the running event also disables its pending post-event (decision 10).
    if (!frame_.is_post && (notifications & frame_.notification)) {
        disabled_posts_[frame_.module] |= frame_.notification;
    }
}

BOOL http_context::GetNextNotification(REQUEST_NOTIFICATION_STATUS, DWORD*, BOOL*, CHttpModule**,
                                       IHttpEventProvider**) {
    return FALSE;  // always return to the pipeline; allowed by the contract ("false if not possible")
}

BOOL http_context::GetIsLastNotification(REQUEST_NOTIFICATION_STATUS status) {
    if (frame_.module < 0) {
        return TRUE;
    }
    const auto& sub = app_.modules()[frame_.module]->subscription;
    int current = core::deterministic_index(frame_.notification);
    if (current < 0) {
        current = stage_;
    }
    int from = status == RQ_NOTIFICATION_FINISH_REQUEST ? std::max(current + 1, log_stage) : current + 1;
    DWORD later = 0;
    for (int s = from; s < core::deterministic_count; ++s) {
        later |= 1u << s;
    }
    bool more = (sub.request_mask & later) || (sub.post_mask & later) ||
                (!frame_.is_post && (sub.post_mask & frame_.notification) &&
                 status != RQ_NOTIFICATION_FINISH_REQUEST);
    return more ? FALSE : TRUE;
}

HRESULT http_context::ExecuteRequest(BOOL, IHttpContext*, DWORD, IHttpUser*, BOOL* completion_expected) {
    if (completion_expected) *completion_expected = FALSE;
    return E_NOTIMPL;
}

HRESULT http_context::CloneContext(DWORD, IHttpContext** clone) {
    if (clone) *clone = nullptr;
    return E_NOTIMPL;
}

HRESULT http_context::ReleaseClonedContext() { return E_NOTIMPL; }

HRESULT http_context::GetCurrentExecutionStats(DWORD* notification, DWORD* notification_start,
                                               PCWSTR* module, DWORD* module_start,
                                               DWORD* async_notification,
                                               DWORD* async_notification_start) const {
    if (notification) *notification = frame_.notification;
    if (notification_start) *notification_start = 0;
    if (module) *module = current_module_name();
    if (module_start) *module_start = 0;
    if (async_notification) *async_notification = pending_ ? pending_frame_.notification : 0;
    if (async_notification_start) *async_notification_start = 0;
    return S_OK;
}

PCWSTR http_context::current_module_name() const {
    if (frame_.module < 0) {
        return nullptr;
    }
    return app_.modules()[frame_.module]->wide_name.c_str();
}

HRESULT http_context::GetServerVarChanges(DWORD, DWORD*, DWORD*, PCSTR**, PCWSTR**, DWORD*, DWORD**) {
    return E_NOTIMPL;
}

HRESULT http_context::MapHandler(DWORD, PCWSTR, PCWSTR, PCSTR, IScriptMapInfo** script_map, BOOL) {
    if (script_map) *script_map = nullptr;
    return E_NOTIMPL;
}

HRESULT http_context::GetExtendedInterface(HTTP_CONTEXT_INTERFACE_VERSION, PVOID* result) {
    if (result) *result = nullptr;
    return E_NOINTERFACE;
}

ULONGLONG http_context::GetRequestElapsedTime() { return now_ms() - start_time_ms_; }

HRESULT http_context::NotifyCustomNotification(ICustomNotificationProvider* provider,
                                               BOOL* completion_expected) {
    if (provider == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    if (completion_expected) *completion_expected = FALSE;
    for (uint16_t module : app_.table().custom()) {
        if (modules_[module] == nullptr) continue;
        call_frame saved = frame_;
        frame_ = call_frame{module, RQ_CUSTOM_NOTIFICATION, FALSE, provider};
        int raw = RQ_NOTIFICATION_CONTINUE;
        try {
            raw = modules_[module]->OnCustomRequestNotification(this, provider);
        } catch (...) {
            frame_ = saved;
            module_failed(module, "OnCustomRequestNotification", "threw an exception");
            return S_OK;
        }
        frame_ = saved;
        if (raw != RQ_NOTIFICATION_CONTINUE) {
            break;
        }
    }
    return S_OK;
}

void http_context::raise_read_entity(void* buffer, DWORD& data_size, DWORD buffer_size) {
    const auto& order = app_.table().read_entity();
    if (order.empty()) {
        return;
    }
    read_entity_provider provider(*this);
    provider.buffer_ = buffer;
    provider.data_size_ = data_size;
    provider.buffer_size_ = buffer_size;
    for (uint16_t module : order) {
        if (modules_[module] == nullptr) continue;
        call_frame saved = frame_;
        frame_ = call_frame{module, RQ_READ_ENTITY, FALSE, &provider};
        int raw = RQ_NOTIFICATION_CONTINUE;
        try {
            raw = modules_[module]->OnReadEntity(this, &provider);
        } catch (...) {
            frame_ = saved;
            module_failed(module, "OnReadEntity", "threw an exception");
            break;
        }
        frame_ = saved;
        if (raw != RQ_NOTIFICATION_CONTINUE) break;
    }
    if (provider.buffer_ != buffer && provider.buffer_ != nullptr) {
        DWORD copy = std::min(provider.data_size_, buffer_size);
        std::memmove(buffer, provider.buffer_, copy);
        data_size = copy;
    } else {
        data_size = std::min(provider.data_size_, buffer_size);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// paths

HRESULT http_context::MapPath(PCWSTR url, PWSTR physical_path, DWORD* size) {
    if (url == nullptr || size == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    std::wstring mapped = map_path(url);
    DWORD needed = static_cast<DWORD>((mapped.size() + 1) * sizeof(WCHAR));
    if (physical_path == nullptr || *size < needed) {
        *size = needed;
        return HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER);
    }
    std::memcpy(physical_path, mapped.c_str(), needed);
    *size = needed;
    return S_OK;
}

std::wstring http_context::map_path(PCWSTR url) {
    std::string mapped = app_.map_path(narrow(url));
    map_path_provider provider(*this);
    provider.url_ = url;
    widen_into(mapped, provider.physical_path_);
    for (uint16_t module : app_.table().map_path()) {
        if (modules_[module] == nullptr) continue;
        call_frame saved = frame_;
        frame_ = call_frame{module, RQ_MAP_PATH, FALSE, &provider};
        int raw = RQ_NOTIFICATION_CONTINUE;
        try {
            raw = modules_[module]->OnMapPath(this, &provider);
        } catch (...) {
            frame_ = saved;
            module_failed(module, "OnMapPath", "threw an exception");
            break;
        }
        frame_ = saved;
        if (raw != RQ_NOTIFICATION_CONTINUE) break;
    }
    return std::move(provider.physical_path_);
}

PCWSTR http_context::GetPhysicalPath(DWORD* length) {
    if (physical_path_.empty() || physical_path_url_ != ex_.req.path) {
        physical_path_url_ = ex_.req.path;
        std::wstring url = widen(ex_.req.path);
        physical_path_ = map_path(url.c_str());
    }
    if (length) *length = static_cast<DWORD>(physical_path_.size());
    return physical_path_.c_str();
}

PCWSTR http_context::GetScriptName(DWORD* length) const {
    if (!script_name_override_.empty()) {
        script_name_ = script_name_override_;
    } else {
        widen_into(ex_.req.path, script_name_);
    }
    if (length) *length = static_cast<DWORD>(script_name_.size());
    return script_name_.c_str();
}

PCWSTR http_context::GetScriptTranslated(DWORD* length) { return GetPhysicalPath(length); }

// ---------------------------------------------------------------------------------------------------------------
// entry

void pipeline_entry::handle(core::exchange& ex, core::response_stream& stream) {
    // Site by binding and host name, then application by longest path prefix.
    site_runtime* chosen = nullptr;
    const uint16_t port = ex.req.local.port();
    const std::string* host_header = ex.req.headers.find("Host");
    std::string_view host = host_header ? std::string_view(*host_header) : std::string_view();
    if (!host.empty() && host.front() == '[') {
        host = host.substr(0, host.find(']') + 1);
    } else if (size_t colon = host.rfind(':'); colon != std::string_view::npos) {
        host = host.substr(0, colon);
    }
    site_runtime* fallback = nullptr;
    for (auto& site : server_.sites()) {
        for (const auto& binding : site->definition().bindings) {
            if (binding.port != port || binding.protocol != "http") continue;
            if (binding.host_name.empty()) {
                if (!fallback) fallback = site.get();
            } else if (core::iequals(binding.host_name, host)) {
                chosen = site.get();
                break;
            }
        }
        if (chosen) break;
    }
    if (!chosen) chosen = fallback;
    application_runtime* app = chosen ? chosen->application_for(ex.req.path) : nullptr;
    if (app == nullptr) {
        // http.sys answers a request for a host no site is bound to with 400 Invalid Hostname.
        ex.resp.status = 400;
        ex.resp.reason = "Bad Request";
        stream.send(ex, true, true);
        stream.exchange_finished(ex);
        return;
    }
    // IIS puts its Server header into the response before the pipeline runs, so a module can remove it.
    ex.resp.headers.add("Server", core::server_software);
    ex.resp.server_header_managed = true;
    auto* context = new http_context(*app, ex, stream);
    context->start();
}

}  // namespace lintel::api
