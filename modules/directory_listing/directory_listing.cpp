// DirectoryListingModule: IIS's directory browsing for Lintel, configured by
// system.webServer/directoryBrowse (enabled, default false; showFlags, default
// "Date, Time, Size, Extension") read through the admin API.
//
// The last module of IIS's "StaticFile" handler mapping: it sees a directory URL only when no
// default document answered it. Browsing off: 403.14, as IIS. On: "/dir" is redirected to "/dir/"
// (301) and "/dir/" gets an HTML listing - a link to the parent, then one line per entry with the
// fields showFlags asks for (date and time of the last change in the server's local time, or the
// long date with LongDate; the size; names without their extension unless Extension is set).
// Names are HTML-escaped in the text and percent-encoded in the links. Dot files (Linux's hidden
// files) are not listed, like hidden files in IIS. Entries are sorted by name, ignoring case.
// Anything that is not a directory is left to the other modules.
// clang-format off
#define _WINSOCKAPI_
#include <windows.h>
#include <httpserv.h>
// clang-format on

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "../static_file/admin_config.h"
#include "../static_file/site_paths.h"
#include "../static_file/text_util.h"

namespace {

using namespace lintel_static;

// showFlags values (the schema's flag numbers).
constexpr uint32_t k_show_date = 2;
constexpr uint32_t k_show_time = 4;
constexpr uint32_t k_show_size = 8;
constexpr uint32_t k_show_extension = 16;
constexpr uint32_t k_show_long_date = 32;
constexpr flag_name k_show_flags[] = {
    {"None", 0},           {"Date", k_show_date},           {"Time", k_show_time},
    {"Size", k_show_size}, {"Extension", k_show_extension}, {"LongDate", k_show_long_date}};

struct browse_config {
    bool enabled = false;
    uint32_t show = k_show_date | k_show_time | k_show_size | k_show_extension;
    bool allow_outside_root = false;  // staticContent's allowSymlinksOutsideRoot
};

std::shared_ptr<const browse_config> load_browse_config(IHttpServer* server,
                                                        const std::wstring& config_path) {
    auto parsed = std::make_shared<browse_config>();
    com_ref<IAppHostElement> section =
        read_section(server, L"system.webServer/directoryBrowse", config_path);
    parsed->enabled = parse_bool(attribute_text(section.get(), L"enabled"), false);
    if (const auto flags = attribute_text(section.get(), L"showFlags")) {
        parsed->show = parse_flags(*flags, k_show_flags).value_or(parsed->show);
    }
    com_ref<IAppHostElement> content =
        read_section(server, L"system.webServer/staticContent", config_path);
    parsed->allow_outside_root =
        parse_bool(attribute_text(content.get(), L"allowSymlinksOutsideRoot"), false);
    return parsed;
}

IHttpServer* g_server = nullptr;
config_cache<browse_config>* g_configs = nullptr;  // from RegisterModule until Terminate

std::string_view script_name(IHttpContext* context) {
    thread_local std::string url;
    url.clear();
    DWORD length = 0;
    PCWSTR wide = context->GetScriptName(&length);
    if (wide != nullptr) append_utf8(url, wide, length);
    return url;
}

struct listed {
    std::string name;
    bool directory;
    off_t size;
    time_t modified;
};

std::vector<listed> read_directory(const std::string& path) {
    std::vector<listed> out;
    DIR* listing = ::opendir(path.c_str());
    if (listing == nullptr) return out;
    const int fd = ::dirfd(listing);
    while (const dirent* item = ::readdir(listing)) {
        if (item->d_name[0] == '.') continue;  // ".", ".." and hidden files
        struct stat info;
        // Links are described by what they point to; a dangling one is left out.
        if (::fstatat(fd, item->d_name, &info, 0) != 0) continue;
        if (!S_ISDIR(info.st_mode) && !S_ISREG(info.st_mode)) continue;
        out.push_back(
            listed{item->d_name, S_ISDIR(info.st_mode), info.st_size, info.st_mtim.tv_sec});
    }
    ::closedir(listing);
    std::sort(out.begin(), out.end(),
              [](const listed& a, const listed& b) { return lowered(a.name) < lowered(b.name); });
    return out;
}

// One listing line's date and time columns, as IIS's en-US listing prints them.
void append_when(std::string& out, time_t when, uint32_t show) {
    static constexpr const char* days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                           "Thursday", "Friday", "Saturday"};
    static constexpr const char* months[] = {"January",   "February", "March",    "April",
                                             "May",       "June",     "July",     "August",
                                             "September", "October",  "November", "December"};
    tm local{};
    localtime_r(&when, &local);
    char text[64];
    if (show & k_show_long_date) {
        std::snprintf(text, sizeof text, "%s, %s %d, %d", days[local.tm_wday % 7],
                      months[local.tm_mon % 12], local.tm_mday, local.tm_year + 1900);
        out += text;
    } else if (show & k_show_date) {
        char date[32];
        std::snprintf(date, sizeof date, "%d/%d/%d", local.tm_mon + 1, local.tm_mday,
                      local.tm_year + 1900);
        std::snprintf(text, sizeof text, "%10s", date);
        out += text;
    }
    if (show & k_show_time) {
        const int hour = local.tm_hour % 12 == 0 ? 12 : local.tm_hour % 12;
        std::snprintf(text, sizeof text, " %2d:%02d %s", hour, local.tm_min,
                      local.tm_hour < 12 ? "AM" : "PM");
        out += text;
    }
}

std::string render(std::string_view host, std::string_view url, const std::vector<listed>& items,
                   uint32_t show) {
    std::string title;
    append_html(title, host);
    title += " - ";
    append_html(title, url);

    std::string page = "<!DOCTYPE html>\r\n<html><head><meta charset=\"utf-8\"><title>" + title +
                       "</title></head><body><h1>" + title + "</h1><hr>\r\n\r\n<pre>";
    if (url != "/") {
        const std::string_view trimmed_url = url.substr(0, url.size() - 1);
        std::string parent;
        append_url_path(parent, trimmed_url.substr(0, trimmed_url.rfind('/') + 1));
        page += "<a href=\"";
        append_html(page, parent);
        page += "\">[To Parent Directory]</a><br><br>";
    }
    for (const listed& item : items) {
        std::string line;
        append_when(line, item.modified, show);
        if (show & k_show_size) {
            char size[32];
            if (item.directory) {
                std::snprintf(size, sizeof size, "%12s", "&lt;dir&gt;");
            } else {
                std::snprintf(size, sizeof size, "%12lld", static_cast<long long>(item.size));
            }
            line += ' ';
            line += size;
        }
        std::string href;
        append_url_path(href, url);
        append_url_path(href, item.name);
        if (item.directory) href.push_back('/');
        std::string_view shown = item.name;
        const size_t dot = shown.rfind('.');
        if (!item.directory && !(show & k_show_extension) && dot != std::string_view::npos &&
            dot > 0) {
            shown = shown.substr(0, dot);
        }
        page += line;
        page += " <a href=\"";
        append_html(page, href);
        page += "\">";
        append_html(page, shown);
        page += "</a><br>";
    }
    page += "</pre><hr></body></html>\r\n";
    return page;
}

class DirectoryListingModule final : public CHttpModule {
public:
    REQUEST_NOTIFICATION_STATUS OnExecuteRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider*) override {
        const std::string url(script_name(context));
        if (url.empty() || url.front() != '/' || has_trailing_dot_or_space(url)) {
            return RQ_NOTIFICATION_CONTINUE;
        }
        const std::string physical = to_utf8(context->GetPhysicalPath());
        struct stat info;
        if (::stat(physical.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
            return RQ_NOTIFICATION_CONTINUE;  // not a directory: not this module's request
        }
        const std::shared_ptr<const browse_config> config =
            g_configs->get(g_server, config_path_for(context, url), &load_browse_config);
        if (!config->enabled) {
            return fail(context, 403, 14, "Forbidden", S_OK);
        }

        IHttpResponse* response = context->GetResponse();
        if (url.back() != '/') {
            std::string location;
            append_url_path(location, url);
            location.push_back('/');
            response->SetStatus(301, "Moved Permanently");
            if (FAILED(response->Redirect(location.c_str(), FALSE, TRUE))) {
                return fail(context, 500, 0, "Internal Server Error", E_FAIL);
            }
            return RQ_NOTIFICATION_FINISH_REQUEST;
        }
        const char* method = context->GetRequest()->GetHttpMethod();
        if (std::strcmp(method, "GET") != 0 && std::strcmp(method, "HEAD") != 0) {
            static constexpr char allow[] = "GET, HEAD, OPTIONS, TRACE";
            response->SetHeader("Allow", allow, static_cast<USHORT>(sizeof allow - 1), TRUE);
            return fail(context, 405, 0, "Method Not Allowed",
                        HRESULT_FROM_WIN32(ERROR_INVALID_FUNCTION));
        }
        std::string resolved;
        const std::string root = site_roots::root_for(g_server, context, url);
        switch (resolve_inside(physical, root, config->allow_outside_root, resolved)) {
            case path_status::ok: break;
            case path_status::forbidden: return fail(context, 403, 0, "Forbidden", E_ACCESSDENIED);
            default:
                return fail(context, 404, 0, "Not Found", HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
        }

        USHORT host_length = 0;
        PCSTR host = context->GetRequest()->GetHeader(HttpHeaderHost, &host_length);
        const std::string page =
            render(host != nullptr ? std::string_view(host, host_length) : std::string_view(), url,
                   read_directory(resolved), config->show);
        // Request memory: the chunk stays valid whether or not the response is buffered.
        auto* body =
            static_cast<char*>(context->AllocateRequestMemory(static_cast<DWORD>(page.size())));
        if (body == nullptr) {
            return fail(context, 500, 0, "Internal Server Error",
                        HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY));
        }
        std::memcpy(body, page.data(), page.size());
        response->SetStatus(200, "OK");
        static constexpr char type[] = "text/html; charset=utf-8";
        response->SetHeader("Content-Type", type, static_cast<USHORT>(sizeof type - 1), TRUE);
        HTTP_DATA_CHUNK chunk = {};
        chunk.DataChunkType = HttpDataChunkFromMemory;
        chunk.FromMemory.pBuffer = body;
        chunk.FromMemory.BufferLength = static_cast<ULONG>(page.size());
        DWORD sent = 0;
        const HRESULT hr = response->WriteEntityChunks(&chunk, 1, FALSE, FALSE, &sent);
        if (FAILED(hr)) return fail(context, 500, 0, "Internal Server Error", hr);
        context->SetRequestHandled();
        return RQ_NOTIFICATION_CONTINUE;
    }

    // The instance lives in request memory (see the factory): end its life, free nothing.
    VOID Dispose() override { this->~DirectoryListingModule(); }

private:
    static REQUEST_NOTIFICATION_STATUS fail(IHttpContext* context, USHORT status, USHORT substatus,
                                            const char* reason, HRESULT hr) {
        context->GetResponse()->SetStatus(status, reason, substatus, hr);
        return RQ_NOTIFICATION_FINISH_REQUEST;
    }
};

class DirectoryListingModuleFactory final : public IHttpModuleFactory {
public:
    HRESULT GetHttpModule(CHttpModule** module, IModuleAllocator* allocator) override {
        void* memory = allocator->AllocateMemory(sizeof(DirectoryListingModule));
        if (memory == nullptr) return HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY);
        *module = new (memory) DirectoryListingModule();
        return S_OK;
    }

    VOID Terminate() override {
        delete g_configs;
        g_configs = nullptr;
        site_roots::clear();
        delete this;
    }
};

}  // namespace

HRESULT __stdcall RegisterModule(DWORD, IHttpModuleRegistrationInfo* module_info,
                                 IHttpServer* server) {
    g_server = server;
    g_configs = new (std::nothrow) config_cache<browse_config>();
    auto* factory = new (std::nothrow) DirectoryListingModuleFactory();
    if (g_configs == nullptr || factory == nullptr) {
        delete g_configs;
        g_configs = nullptr;
        delete factory;
        return HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY);
    }
    return module_info->SetRequestNotifications(factory, RQ_EXECUTE_REQUEST_HANDLER, 0);
}
