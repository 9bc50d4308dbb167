// The per-request objects modules see: IHttpContext4 with its request, response, connection and the providers
// each notification passes, plus the pipeline walk itself (deterministic events and post-events in table order,
// RQ_SEND_RESPONSE around every send, RQ_READ_ENTITY / RQ_MAP_PATH when the action happens, asynchronous
// completion). One http_context per exchange, on the exchange's loop thread only.
#pragma once

#include <windows.h>
#include <httpserv.h>

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/containers.h"
#include "api/runtime.h"
#include "core/arena.h"
#include "core/exchange.h"
#include "io/fiber.h"

namespace lintel::api {

class http_context;

class event_provider : public IHttpEventProvider {
public:
    explicit event_provider(http_context& ctx) : ctx_(ctx) {}
    VOID SetErrorStatus(HRESULT hr) override;

protected:
    http_context& ctx_;
};

class authentication_provider final : public IAuthenticationProvider {
public:
    explicit authentication_provider(http_context& ctx) : ctx_(ctx) {}
    VOID SetErrorStatus(HRESULT hr) override;
    VOID SetUser(IHttpUser* user) override;

private:
    http_context& ctx_;
};

class map_handler_provider final : public IMapHandlerProvider {
public:
    explicit map_handler_provider(http_context& ctx) : ctx_(ctx) {}
    VOID SetErrorStatus(HRESULT hr) override;
    HRESULT SetScriptName(PCWSTR script_name, DWORD length) override;
    VOID SetScriptMap(IScriptMapInfo* script_map) override;
    VOID SetFileInfo(IHttpFileInfo* file_info) override;

private:
    http_context& ctx_;
};

class send_response_provider final : public ISendResponseProvider {
public:
    explicit send_response_provider(http_context& ctx) : ctx_(ctx) {}
    VOID SetErrorStatus(HRESULT hr) override;
    BOOL GetHeadersBeingSent() const override { return headers_being_sent_; }
    DWORD GetFlags() const override { return flags_; }
    VOID SetFlags(DWORD flags) override { flags_ = flags; }
    HTTP_LOG_DATA* GetLogData() const override { return nullptr; }
    HRESULT SetLogData(HTTP_LOG_DATA* log_data) override;
    BOOL GetReadyToLogData() const override { return FALSE; }

    BOOL headers_being_sent_ = FALSE;
    DWORD flags_ = 0;

private:
    http_context& ctx_;
};

class read_entity_provider final : public IReadEntityProvider {
public:
    explicit read_entity_provider(http_context& ctx) : ctx_(ctx) {}
    VOID SetErrorStatus(HRESULT hr) override;
    VOID GetEntity(PVOID* buffer, DWORD* data_size, DWORD* buffer_size) override;
    VOID SetEntity(PVOID buffer, DWORD data_size, DWORD buffer_size) override;

    PVOID buffer_ = nullptr;
    DWORD data_size_ = 0;
    DWORD buffer_size_ = 0;

private:
    http_context& ctx_;
};

class map_path_provider final : public IMapPathProvider {
public:
    explicit map_path_provider(http_context& ctx) : ctx_(ctx) {}
    VOID SetErrorStatus(HRESULT hr) override;
    PCWSTR GetUrl() const override { return url_; }
    PCWSTR GetPhysicalPath() const override { return physical_path_.c_str(); }
    HRESULT SetPhysicalPath(PCWSTR path, DWORD length) override;

    PCWSTR url_ = nullptr;
    std::wstring physical_path_;

private:
    http_context& ctx_;
};

class completion_info final : public IHttpCompletionInfo2 {
public:
    DWORD GetCompletionBytes() const override { return bytes_; }
    HRESULT GetCompletionStatus() const override { return status_; }
    DWORD GetCompletedOperation() const override { return operation_; }

    DWORD bytes_ = 0;
    HRESULT status_ = S_OK;
    DWORD operation_ = 0;
};

// The user until an authentication module sets one: anonymous, empty names, no tokens.
class anonymous_user final : public IHttpUser {
public:
    PCWSTR GetRemoteUserName() override { return L""; }
    PCWSTR GetUserName() override { return L""; }
    PCWSTR GetAuthenticationType() override { return L""; }
    PCWSTR GetPassword() override { return L""; }
    HANDLE GetImpersonationToken() override { return nullptr; }
    HANDLE GetPrimaryToken() override { return nullptr; }
    VOID ReferenceUser() override {}
    VOID DereferenceUser() override {}
    BOOL SupportsIsInRole() override { return FALSE; }
    HRESULT IsInRole(PCWSTR role, BOOL* in_role) override;
    PVOID GetUserVariable(PCSTR name) override { return nullptr; }
};

// Which module call started an operation that completes later.
struct started_operation {
    int module = -1;
    DWORD notification = 0;
    BOOL is_post = FALSE;
    IHttpEventProvider* provider = nullptr;
};

class request_impl final : public IHttpRequest4, private core::body_read_handler {
public:
    explicit request_impl(http_context& ctx) : ctx_(ctx) {}

    HTTP_REQUEST* GetRawHttpRequest() override;
    const HTTP_REQUEST* GetRawHttpRequest() const override;
    PCSTR GetHeader(PCSTR name, USHORT* length) const override;
    PCSTR GetHeader(HTTP_HEADER_ID id, USHORT* length) const override;
    HRESULT SetHeader(PCSTR name, PCSTR value, USHORT length, BOOL replace) override;
    HRESULT SetHeader(HTTP_HEADER_ID id, PCSTR value, USHORT length, BOOL replace) override;
    HRESULT DeleteHeader(PCSTR name) override;
    HRESULT DeleteHeader(HTTP_HEADER_ID id) override;
    PCSTR GetHttpMethod() const override;
    HRESULT SetHttpMethod(PCSTR method) override;
    HRESULT SetUrl(PCWSTR url, DWORD length, BOOL reset_query_string) override;
    HRESULT SetUrl(PCSTR url, DWORD length, BOOL reset_query_string) override;
    BOOL GetUrlChanged() const override { return url_changed_; }
    PCWSTR GetForwardedUrl() const override;
    PSOCKADDR GetLocalAddress() const override;
    PSOCKADDR GetRemoteAddress() const override;
    HRESULT ReadEntityBody(VOID* buffer, DWORD size, BOOL async, DWORD* received,
                           BOOL* completion_pending) override;
    HRESULT InsertEntityBody(VOID* buffer, DWORD size) override;
    DWORD GetRemainingEntityBytes() override;
    VOID GetHttpVersion(USHORT* major, USHORT* minor) const override;
    HRESULT GetClientCertificate(HTTP_SSL_CLIENT_CERT_INFO** info, BOOL* negotiated) override;
    HRESULT NegotiateClientCertificate(BOOL async, BOOL* completion_pending) override;
    DWORD GetSiteId() const override;
    HRESULT GetHeaderChanges(DWORD old_change, DWORD* new_change,
                             PCSTR known[HttpHeaderRequestMaximum], DWORD* unknown_count,
                             PCSTR** unknown_names, PCSTR** unknown_values,
                             DWORD* diffed_known_indices, DWORD* diffed_unknown,
                             DWORD** diffed_unknown_indices) override;
    HRESULT GetChannelBindingToken(PBYTE* token, DWORD* size) override;
    HRESULT ReadEntityBody(VOID* buffer, DWORD size, BOOL async, PFN_ASYNC_COMPLETION callback,
                           VOID* callback_context, DWORD* received, BOOL* completion_pending) override;
    HRESULT ReadEntityBody(VOID* buffer, DWORD size, BOOL async, ULONG flags, DWORD* received,
                           BOOL* completion_pending) override;

    void changed() { raw_valid_ = false; }
    bool url_changed_ = false;

private:
    HRESULT read_body(VOID* buffer, DWORD size, BOOL async, PFN_ASYNC_COMPLETION callback,
                      VOID* callback_context, DWORD* received, BOOL* completion_pending);
    // A read that had to wait for the client completes here (on the loop).
    void body_read_done(core::body_read_result result) override;

  public:
    bool body_read_pending() const { return wire_read_pending_; }

  private:
    bool wire_read_pending_ = false;
    bool wire_read_sync_ = false;          // a synchronous ReadEntityBody is suspended on the fiber
    core::body_read_result wire_result_;   // its result
    started_operation wire_operation_;
    void* wire_buffer_ = nullptr;
    DWORD wire_capacity_ = 0;
    PFN_ASYNC_COMPLETION wire_callback_ = nullptr;
    void* wire_callback_context_ = nullptr;
    void build_raw() const;

    http_context& ctx_;
    mutable HTTP_REQUEST raw_{};
    mutable bool raw_valid_ = false;
    mutable std::wstring full_url_;
    mutable std::vector<HTTP_UNKNOWN_HEADER> unknown_headers_;
    mutable HTTP_DATA_CHUNK entity_chunk_{};
    std::wstring forwarded_url_;
};

class response_impl final : public IHttpResponse4 {
public:
    explicit response_impl(http_context& ctx) : ctx_(ctx) {}

    HTTP_RESPONSE* GetRawHttpResponse() override;
    const HTTP_RESPONSE* GetRawHttpResponse() const override;
    IHttpCachePolicy* GetCachePolicy() override { return nullptr; }
    HRESULT SetStatus(USHORT status, PCSTR reason, USHORT substatus, HRESULT error_to_report,
                      IAppHostConfigException* exception, BOOL try_skip_custom_errors) override;
    HRESULT SetHeader(PCSTR name, PCSTR value, USHORT length, BOOL replace) override;
    HRESULT SetHeader(HTTP_HEADER_ID id, PCSTR value, USHORT length, BOOL replace) override;
    HRESULT DeleteHeader(PCSTR name) override;
    HRESULT DeleteHeader(HTTP_HEADER_ID id) override;
    PCSTR GetHeader(PCSTR name, USHORT* length) const override;
    PCSTR GetHeader(HTTP_HEADER_ID id, USHORT* length) const override;
    VOID Clear() override;
    VOID ClearHeaders() override;
    VOID SetNeedDisconnect() override;
    VOID ResetConnection() override;
    VOID DisableKernelCache(ULONG reason) override {}
    BOOL GetKernelCacheEnabled() const override { return FALSE; }
    VOID SuppressHeaders() override;
    BOOL GetHeadersSuppressed() const override;
    HRESULT Flush(BOOL async, BOOL more_data, DWORD* sent, BOOL* completion_expected) override;
    HRESULT Redirect(PCSTR url, BOOL reset_status_code, BOOL include_parameters) override;
    HRESULT WriteEntityChunkByReference(HTTP_DATA_CHUNK* chunk, LONG insert_position) override;
    HRESULT WriteEntityChunks(HTTP_DATA_CHUNK* chunks, DWORD count, BOOL async, BOOL more_data,
                              DWORD* sent, BOOL* completion_expected) override;
    VOID DisableBuffering() override;
    VOID GetStatus(USHORT* status, USHORT* substatus, PCSTR* reason, USHORT* reason_length,
                   HRESULT* error_to_report, PCWSTR* module, DWORD* notification,
                   IAppHostConfigException** exception, BOOL* try_skip_custom_errors) override;
    HRESULT SetErrorDescription(PCWSTR description, DWORD length, BOOL html_encode) override;
    PCWSTR GetErrorDescription(DWORD* length) override;
    HRESULT GetHeaderChanges(DWORD old_change, DWORD* new_change,
                             PCSTR known[HttpHeaderResponseMaximum], DWORD* unknown_count,
                             PCSTR** unknown_names, PCSTR** unknown_values,
                             DWORD* diffed_known_indices, DWORD* diffed_unknown,
                             DWORD** diffed_unknown_indices) override;
    VOID CloseConnection() override;
    HRESULT WriteEntityChunks(HTTP_DATA_CHUNK* chunks, DWORD count, BOOL async, BOOL more_data,
                              PFN_ASYNC_COMPLETION callback, VOID* callback_context, DWORD* sent,
                              BOOL* completion_expected) override;
    HRESULT Flush(BOOL async, BOOL more_data, PFN_ASYNC_COMPLETION callback, VOID* callback_context,
                  DWORD* sent, BOOL* completion_expected) override;
    HRESULT PushPromise(PCSTR verb, PCWSTR path, PCWSTR query, DWORD header_count, PCSTR* names,
                        PCSTR* values) override;
    HRESULT DeleteTrailer(PCSTR name) override;
    PCSTR GetTrailer(PCSTR name, USHORT* length) const override;
    VOID ResetStream(ULONG error_code) override;
    VOID SetNeedGoAway() override;
    HRESULT SetTrailer(PCSTR name, PCSTR value, USHORT length, BOOL replace) override;

    PCWSTR status_module_ = nullptr;      // module that set the current status
    DWORD status_notification_ = 0;       // notification it was in

private:
    HRESULT write_chunks(HTTP_DATA_CHUNK* chunks, DWORD count, BOOL async, BOOL more_data,
                         PFN_ASYNC_COMPLETION callback, VOID* callback_context, DWORD* sent,
                         BOOL* completion_expected);
    HRESULT flush(BOOL async, BOOL more_data, PFN_ASYNC_COMPLETION callback, VOID* callback_context,
                  DWORD* sent, BOOL* completion_expected);

    http_context& ctx_;
    mutable HTTP_RESPONSE raw_{};
    mutable std::vector<HTTP_UNKNOWN_HEADER> unknown_headers_;
    std::wstring error_description_;
    size_t chunk_count_ = 0;
};

class connection_impl final : public IHttpConnection {
public:
    explicit connection_impl(http_context& ctx) : ctx_(ctx) {}
    BOOL IsConnected() const override;
    VOID* AllocateMemory(DWORD size) override;
    IHttpConnectionModuleContextContainer* GetModuleContextContainer() override;

private:
    http_context& ctx_;
};

class module_allocator final : public IModuleAllocator {
public:
    explicit module_allocator(core::arena& arena) : arena_(arena) {}
    VOID* AllocateMemory(DWORD size) override { return arena_.allocate(size); }

private:
    core::arena& arena_;
};

class http_context final : public IHttpContext4 {
public:
    http_context(application_runtime& app, core::exchange& ex, core::response_stream& stream);
    ~http_context();

    // Contexts are created and destroyed on one loop thread; a per-thread free list keeps their memory, so a
    // request does not go to malloc for its context.
    static void* operator new(size_t size);
    static void operator delete(void* memory, size_t size);

    // Runs the request from GL_PRE_BEGIN_REQUEST on. Returns when the pipeline is done or pending.
    void start();

    // IHttpContext
    IHttpSite* GetSite() override;
    IHttpApplication* GetApplication() override { return &app_; }
    IHttpConnection* GetConnection() override { return &connection_; }
    IHttpRequest* GetRequest() override { return &request_; }
    IHttpResponse* GetResponse() override { return &response_; }
    BOOL GetResponseHeadersSent() const override { return ex_.resp.headers_sent ? TRUE : FALSE; }
    IHttpUser* GetUser() const override;
    IHttpModuleContextContainer* GetModuleContextContainer() override { return &contexts_; }
    VOID IndicateCompletion(REQUEST_NOTIFICATION_STATUS status) override;
    HRESULT PostCompletion(DWORD bytes) override;
    VOID DisableNotifications(DWORD notifications, DWORD post_notifications) override;
    BOOL GetNextNotification(REQUEST_NOTIFICATION_STATUS status, DWORD* notification, BOOL* is_post,
                             CHttpModule** module, IHttpEventProvider** provider) override;
    BOOL GetIsLastNotification(REQUEST_NOTIFICATION_STATUS status) override;
    HRESULT ExecuteRequest(BOOL async, IHttpContext* child, DWORD flags, IHttpUser* user,
                           BOOL* completion_expected) override;
    DWORD GetExecuteFlags() const override { return 0; }
    HRESULT GetServerVariable(PCSTR name, PCWSTR* value, DWORD* length) override;
    HRESULT GetServerVariable(PCSTR name, PCSTR* value, DWORD* length) override;
    HRESULT SetServerVariable(PCSTR name, PCWSTR value) override;
    VOID* AllocateRequestMemory(DWORD size) override { return arena_.allocate(size); }
    IHttpUrlInfo* GetUrlInfo() override { return nullptr; }
    IMetadataInfo* GetMetadata() override { return nullptr; }
    PCWSTR GetPhysicalPath(DWORD* length) override;
    PCWSTR GetScriptName(DWORD* length) const override;
    PCWSTR GetScriptTranslated(DWORD* length) override;
    IScriptMapInfo* GetScriptMap() const override { return script_map_; }
    VOID SetRequestHandled() override { request_handled_ = true; }
    IHttpFileInfo* GetFileInfo() const override { return nullptr; }
    HRESULT MapPath(PCWSTR url, PWSTR physical_path, DWORD* size) override;
    HRESULT NotifyCustomNotification(ICustomNotificationProvider* provider,
                                     BOOL* completion_expected) override;
    IHttpContext* GetParentContext() const override { return nullptr; }
    IHttpContext* GetRootContext() const override { return nullptr; }
    HRESULT CloneContext(DWORD flags, IHttpContext** clone) override;
    HRESULT ReleaseClonedContext() override;
    HRESULT GetCurrentExecutionStats(DWORD* notification, DWORD* notification_start,
                                     PCWSTR* module, DWORD* module_start, DWORD* async_notification,
                                     DWORD* async_notification_start) const override;
    IHttpTraceContext* GetTraceContext() const override { return nullptr; }
    HRESULT GetServerVarChanges(DWORD old_change, DWORD* new_change, DWORD* variable_count,
                                PCSTR** names, PCWSTR** values, DWORD* diffed_count,
                                DWORD** diffed_indices) override;
    HRESULT CancelIo() override;
    HRESULT MapHandler(DWORD site_id, PCWSTR site_name, PCWSTR url, PCSTR verb,
                       IScriptMapInfo** script_map, BOOL ignore_wildcard_mappings) override;
    HRESULT GetExtendedInterface(HTTP_CONTEXT_INTERFACE_VERSION version, PVOID* result) override;
    // IHttpContext2..4
    IHttpUser* GetOriginalUser() const override;
    INamedContextContainer* GetNamedContextContainer() override { return nullptr; }
    VOID EnableFullDuplex() override {}
    HRESULT InheritServerVariable(PCSTR name, BOOL fail_if_not_exist) override;
    HRESULT PostCompletion(DWORD bytes, LPOVERLAPPED_COMPLETION_ROUTINE routine,
                           VOID* context) override;
    ULONGLONG GetRequestStartTime() override { return start_time_ms_; }
    ULONGLONG GetRequestElapsedTime() override;

    // ---- used by the request/response/provider objects ----
    core::exchange& exchange() { return ex_; }
    core::response_stream& stream() { return stream_; }
    core::arena& arena() { return arena_; }
    application_runtime& app() { return app_; }
    request_impl& request() { return request_; }
    void set_error_status(HRESULT hr) { error_status_ = hr; }
    void set_user(IHttpUser* user) { user_ = user; }
    // IMapHandlerProvider::SetScriptMap: RQ_EXECUTE_REQUEST_HANDLER goes to the modules this map names.
    void set_script_map(IScriptMapInfo* map);
    void set_script_name(std::wstring name) { script_name_override_ = std::move(name); }
    // Raises RQ_SEND_RESPONSE, then hands the response to the front end. final: the response is complete.
    void send_response(bool final, bool more_data);
    // Raises RQ_READ_ENTITY over data a reader just received.
    void raise_read_entity(void* buffer, DWORD& data_size, DWORD buffer_size);
    // Queues an async completion for the module that is running now (delivered after it returns).
    void queue_completion(DWORD bytes, HRESULT status, PFN_ASYNC_COMPLETION callback,
                          void* callback_context);
    // An operation that waits on the client: remember which module call started it, deliver its completion to
    // that module later (from the loop), keep the context alive meanwhile.
    started_operation begin_operation();
    void complete_operation(const started_operation& operation, DWORD bytes, HRESULT status,
                            PFN_ASYNC_COMPLETION callback, void* callback_context);
    // Ends an operation whose result went back another way (a synchronous call): only drops the hold.
    void release_operation();
    // Runs work on the request's fiber (in order with completions), from the loop.
    void run_on_fiber(std::function<void()> task) { schedule(std::move(task)); }
    // Suspends the running module's fiber until resume_from_wait(); for synchronous calls that wait on the client.
    void wait_on_fiber();
    void resume_from_wait();
    // Back-pressure after a send: a synchronous writer waits (on its fiber) while the connection has more than
    // high_water bytes queued; an asynchronous write completes only once they drained.
    static constexpr size_t output_high_water = 256 * 1024;
    static constexpr size_t output_low_water = 64 * 1024;
    void wait_for_output_drain();
    void complete_after_drain(DWORD bytes, PFN_ASYNC_COMPLETION callback, void* callback_context);
    bool in_send_response() const { return send_depth_ > 0; }
    PCWSTR current_module_name() const;
    DWORD current_notification() const { return frame_.notification; }
    bool finished() const { return done_; }

private:
    struct call_frame {
        int module = -1;
        DWORD notification = 0;
        BOOL is_post = FALSE;
        IHttpEventProvider* provider = nullptr;
    };
    struct completion {
        call_frame frame;
        DWORD bytes = 0;
        HRESULT status = S_OK;
        PFN_ASYNC_COMPLETION callback = nullptr;
        void* callback_context = nullptr;
        LPOVERLAPPED_COMPLETION_ROUTINE routine = nullptr;
    };

    // The pipeline runs on the request's fiber: fiber_body() walks the notifications and, whenever the walk is
    // pending, parks until a task (a completion, an IndicateCompletion) arrives from the loop.
    static void fiber_entry(void* self);
    void fiber_body();
    void run();
    // From the loop: queue a task for the fiber and run the fiber if it is parked waiting for one.
    void schedule(std::function<void()> task);
    void resume_fiber();
    REQUEST_NOTIFICATION_STATUS invoke(int module, int stage, bool post);
    REQUEST_NOTIFICATION_STATUS guard(int module, const char* what,
                                      REQUEST_NOTIFICATION_STATUS (*call)(CHttpModule*, http_context&,
                                                                          void*),
                                      void* argument);
    REQUEST_NOTIFICATION_STATUS module_failed(int module, const char* what, const char* reason);
    void apply_status(REQUEST_NOTIFICATION_STATUS status);
    void map_handler();
    void create_modules();
    void finish();
    void deliver(completion c);
    void post_to_loop(std::function<void()> fn);
    void release_if_idle();
    const std::vector<uint16_t>& list_for(int stage, bool post) const;
    bool skip_module(int module, int stage, bool post) const;
    std::string compute_server_variable(std::string_view name, bool& found);
    // URL -> physical path through the virtual directories, then RQ_MAP_PATH.
    std::wstring map_path(PCWSTR url);

    application_runtime& app_;
    core::exchange& ex_;
    core::response_stream& stream_;
    alignas(16) char arena_inline_[1024];
    core::arena arena_{arena_inline_, sizeof arena_inline_};
    module_allocator allocator_{arena_};
    request_impl request_{*this};
    response_impl response_{*this};
    connection_impl connection_{*this};
    context_container contexts_;
    anonymous_user anonymous_;
    IHttpUser* user_ = nullptr;
    event_provider plain_provider_{*this};
    authentication_provider authentication_provider_{*this};
    map_handler_provider map_handler_provider_{*this};
    send_response_provider send_response_provider_{*this};

    CHttpModule** modules_ = nullptr;  // one per application module (nullptr when the factory failed)
    DWORD* disabled_events_ = nullptr;
    DWORD* disabled_posts_ = nullptr;
    size_t module_count_ = 0;

    // pipeline position
    int stage_ = 0;           // 0..11 deterministic events; final_send_stage between 9 and 10
    bool post_ = false;
    size_t position_ = 0;
    bool pending_ = false;
    bool finishing_ = false;  // FINISH_REQUEST seen: jump to the final send, then LOG and END
    bool final_sent_ = false;
    bool running_ = false;    // inside run(): resumption requests are deferred to the loop
    bool done_ = false;
    bool request_handled_ = false;
    bool walk_done_ = false;  // END_REQUEST's post-event is behind us
    bool parked_ = false;     // the fiber waits for a task
    std::optional<io::fiber> fiber_;
    std::vector<std::function<void()>> tasks_;  // rare: a vector allocates only when used
    struct drain_waiter final : core::drain_handler {
        void output_drained(bool connected) override;
        http_context* ctx = nullptr;
        bool synchronous = false;
        started_operation operation;
        DWORD bytes = 0;
        PFN_ASYNC_COMPLETION callback = nullptr;
        void* callback_context = nullptr;
    } drain_waiter_;
    bool drain_busy_ = false;
    call_frame frame_;        // the module call running now
    call_frame pending_frame_;
    call_frame last_call_;    // the deterministic notification call that returned last
    int send_depth_ = 0;
    std::atomic<unsigned> outstanding_posts_{0};  // PostCompletion may come from any thread

    const handler_mapping* handler_ = nullptr;
    std::vector<uint16_t> handler_override_modules_;  // from a module-provided IScriptMapInfo
    bool handler_overridden_ = false;
    bool path_matched_ = false;
    IScriptMapInfo* script_map_ = nullptr;
    std::wstring script_name_override_;
    HRESULT error_status_ = S_OK;

    // strings handed out (valid until the end of the request)
    std::wstring physical_path_;
    std::string physical_path_url_;  // the URL physical_path_ was mapped from
    mutable std::wstring script_name_;
    std::vector<std::pair<std::string, std::string>> server_variable_overrides_;
    std::vector<std::unique_ptr<std::string>> narrow_values_;
    std::vector<std::unique_ptr<std::wstring>> wide_values_;
    ULONGLONG start_time_ms_ = 0;
};

// Copies a header value into request memory so the pointer handed to a module stays valid.
PCSTR stable_header_value(core::arena& arena, const std::string* value, USHORT* length);

// Connects the front ends to the pipeline: picks site and application, creates the context, runs it.
class pipeline_entry final : public core::request_handler {
public:
    explicit pipeline_entry(server_runtime& server) : server_(server) {}
    void handle(core::exchange& ex, core::response_stream& stream) override;

private:
    server_runtime& server_;
};

}  // namespace lintel::api
