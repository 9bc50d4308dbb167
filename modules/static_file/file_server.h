// file_server.h - the file-serving engine of StaticFileModule, also compiled into
// DefaultDocumentModule (which serves the document it picks itself: Lintel has no child requests).
//
// Per request, on the fast path: the URL (GetScriptName) finds a cache entry holding the file's
// metadata, the response headers already formatted and either the content (small files) or an
// open descriptor; one stat() of the physical path confirms the file is still the one cached
// (device, inode, size, mtime, ctime); the body goes out as a memory chunk, or a file-handle chunk
// with that descriptor. No configuration merge, no realpath, no open, no heap allocation in the
// module; for a small file no read either.
//
// Small-file content is kept only for files whose mtime is at least k_settled_seconds old when
// they are read. File timestamps advance in clock ticks, so a file written twice within one tick
// keeps size and times; if it was read between the writes, the cached bytes would be stale with
// nothing to notice. A file that old is past that window (git treats "racily clean" index entries
// the same way). A younger file is served from its descriptor, and its content is read once it
// has settled.
//
// On a miss (first request, or the file changed): map the URL, check where it resolves
// (site_paths.h), open it, read the staticContent section for its directory (cached per
// configuration path), pick the MIME type, format ETag and Last-Modified, and publish a new entry.
// Entries are reference counted: a request keeps the entry (and so its descriptor) until the
// module is disposed at the end of the request, so a file replaced or evicted meanwhile is closed
// only after every response that uses it. The cache is a bounded LRU, sharded by URL.
#ifndef LINTEL_MODULES_STATIC_FILE_SERVER_H
#define LINTEL_MODULES_STATIC_FILE_SERVER_H

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "admin_config.h"
#include "site_paths.h"
#include "text_util.h"

// Hidden visibility: each module binary keeps its own copy.
#pragma GCC visibility push(hidden)
namespace lintel_static {

// ---- system.webServer/staticContent -------------------------------------------------------------

struct static_config {
    std::unordered_map<std::string, std::string> mime_types;  // lower-case ".ext" -> MIME type
    std::string cache_control;  // Cache-Control value from clientCache; "" adds none
    std::string expires;        // Expires value from clientCache; "" adds none
    bool set_etag = true;
    bool allow_outside_root = false;  // Lintel's allowSymlinksOutsideRoot

    // The MIME type for a file name: the longest dotted suffix that is mapped ("a.dll.config"
    // tries ".dll.config", then ".config"); a name without a dot uses the "." entry; ".*" maps
    // whatever else. nullptr: not servable (IIS's 404.3).
    const std::string* mime_type_for(std::string_view name) const {
        size_t dot = name.find('.');
        const bool has_extension = dot != std::string_view::npos;
        while (dot != std::string_view::npos) {
            auto found = mime_types.find(lowered(name.substr(dot)));
            if (found != mime_types.end()) return &found->second;
            dot = name.find('.', dot + 1);
        }
        if (!has_extension) {
            auto found = mime_types.find(".");
            if (found != mime_types.end()) return &found->second;
        }
        auto any = mime_types.find(".*");
        return any != mime_types.end() ? &any->second : nullptr;
    }
};

// clientCache as the headers it adds (IIS's defaults: NoControl, max-age one day, setEtag true).
inline void read_client_cache(IAppHostElement* client_cache, static_config& out) {
    std::string mode = attribute_text(client_cache, L"cacheControlMode").value_or("NoControl");
    mode = std::string(trimmed(mode));
    if (mode == "0") mode = "NoControl";
    if (mode == "1") mode = "DisableCache";
    if (mode == "2") mode = "UseMaxAge";
    if (mode == "3") mode = "UseExpires";
    if (iequals(mode, "DisableCache")) {
        out.cache_control = "no-cache";
    } else if (iequals(mode, "UseMaxAge")) {
        // An unreadable or negative value falls back to the default, as a schema would.
        const auto text = attribute_text(client_cache, L"cacheControlMaxAge");
        const std::optional<int64_t> parsed = text ? parse_timespan_seconds(*text) : std::nullopt;
        const int64_t seconds = parsed && *parsed >= 0 ? *parsed : 86400;
        out.cache_control = "max-age=" + std::to_string(seconds);
    } else if (iequals(mode, "UseExpires")) {
        out.expires =
            std::string(trimmed(attribute_text(client_cache, L"httpExpires").value_or("")));
    }
    // cacheControlCustom: directives, one per line in IIS 6's metabase form; they follow the
    // mode's own directive in the same header.
    const std::string custom = attribute_text(client_cache, L"cacheControlCustom").value_or("");
    size_t start = 0;
    while (start < custom.size()) {
        size_t end = custom.find_first_of("\r\n", start);
        if (end == std::string::npos) end = custom.size();
        const std::string_view directive =
            trimmed(std::string_view(custom).substr(start, end - start));
        if (!directive.empty()) {
            if (!out.cache_control.empty()) out.cache_control += ", ";
            out.cache_control += directive;
        }
        start = end + 1;
    }
    for (std::string* value : {&out.cache_control, &out.expires}) {
        for (char& c : *value) {
            if (c == '\0') c = ' ';
        }
    }
    out.set_etag = parse_bool(attribute_text(client_cache, L"setEtag"), true);
}

inline std::shared_ptr<const static_config> load_static_config(IHttpServer* server,
                                                               const std::wstring& config_path) {
    auto parsed = std::make_shared<static_config>();
    com_ref<IAppHostElement> section =
        read_section(server, L"system.webServer/staticContent", config_path);
    for_each_entry(section.get(), [&](IAppHostElement* map) {
        const auto extension = attribute_text(map, L"fileExtension");
        const auto type = attribute_text(map, L"mimeType");
        if (extension && type && !trimmed(*type).empty()) {
            parsed->mime_types[lowered(trimmed(*extension))] = std::string(trimmed(*type));
        }
    });
    com_ref<IAppHostElement> client_cache = child_element(section.get(), L"clientCache");
    read_client_cache(client_cache.get(), *parsed);
    parsed->allow_outside_root =
        parse_bool(attribute_text(section.get(), L"allowSymlinksOutsideRoot"), false);

    // Every directory of a site usually inherits the same section: share one parsed copy (the
    // MIME map is a few hundred entries) among all the configuration paths that read alike.
    std::string fingerprint = parsed->cache_control + '\n' + parsed->expires + '\n' +
                              (parsed->set_etag ? '1' : '0') +
                              (parsed->allow_outside_root ? '1' : '0');
    std::map<std::string_view, std::string_view> ordered(parsed->mime_types.begin(),
                                                         parsed->mime_types.end());
    for (const auto& [extension, type] : ordered) {
        fingerprint.append(extension).push_back('\0');
        fingerprint.append(type).push_back('\0');
    }
    static std::mutex mutex;
    static std::unordered_map<std::string, std::shared_ptr<const static_config>> shared;
    std::lock_guard<std::mutex> lock(mutex);
    if (shared.size() >= 256) shared.clear();
    return shared.try_emplace(std::move(fingerprint), std::move(parsed)).first->second;
}

// Files up to this size are answered from memory (larger ones go out with sendfile anyway);
// content kept by all entries together stays under the budget.
constexpr off_t k_content_limit = 32 * 1024;
constexpr size_t k_content_budget = 64 * 1024 * 1024;
constexpr time_t k_settled_seconds = 2;

inline std::atomic<size_t>& content_bytes() {
    static std::atomic<size_t> total{0};
    return total;
}

// ---- cache entries ------------------------------------------------------------------------------

class file_entry {
public:
    file_entry() = default;
    file_entry(const file_entry&) = delete;
    file_entry& operator=(const file_entry&) = delete;

    void add_ref() { refs_.fetch_add(1, std::memory_order_relaxed); }
    void release() {
        if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
    }

    // Still the file this entry describes? One stat() of the mapped path: a file rewritten in
    // place changes size, mtime or ctime; one replaced (rename, re-created, a link retargeted)
    // changes the inode.
    bool current() const {
        struct stat now;
        if (::stat(path.c_str(), &now) != 0) return false;
        return now.st_ino == ino && now.st_dev == dev && now.st_size == size &&
               now.st_mtim.tv_sec == mtime.tv_sec && now.st_mtim.tv_nsec == mtime.tv_nsec &&
               now.st_ctim.tv_sec == ctime.tv_sec && now.st_ctim.tv_nsec == ctime.tv_nsec;
    }

    std::string key;   // site id + URL
    std::string path;  // physical path as the server mapped it
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = 0;
    timespec mtime{};
    timespec ctime{};
    bool directory = false;
    int fd = -1;          // open for a servable regular file whose content is not kept, else -1
    std::string content;  // the whole file, when has_content
    bool has_content = false;
    bool content_tried = false;  // reading it was attempted (and failed): do not retry
    std::shared_ptr<const static_config> config;
    const std::string* content_type = nullptr;  // points into config; nullptr: 404.3
    std::string etag;                           // quoted, or "" when setEtag is off
    std::string last_modified;                  // HTTP date
    time_t modified = 0;                        // whole seconds, for date validators

    // LRU links, guarded by the owning shard's mutex.
    file_entry* newer = nullptr;
    file_entry* older = nullptr;
    bool linked = false;

    // A small file served from its descriptor only because it was too fresh when the entry was
    // made: worth rebuilding once it has settled.
    bool content_due() const {
        return !has_content && !content_tried && fd >= 0 && size > 0 && size <= k_content_limit &&
               ::time(nullptr) - mtime.tv_sec >= k_settled_seconds &&
               content_bytes().load(std::memory_order_relaxed) + size <= k_content_budget;
    }

    // Reads the whole file from `fd` if it qualifies (see the header); the descriptor is closed
    // when the content is kept.
    void keep_content() {
        if (fd < 0 || size <= 0 || size > k_content_limit ||
            ::time(nullptr) - mtime.tv_sec < k_settled_seconds) {
            return;
        }
        content_tried = true;
        const size_t bytes = static_cast<size_t>(size);
        if (content_bytes().fetch_add(bytes) + bytes > k_content_budget) {
            content_bytes().fetch_sub(bytes);
            return;
        }
        content.resize(bytes);
        size_t done = 0;
        while (done < bytes) {
            const ssize_t n =
                ::pread(fd, content.data() + done, bytes - done, static_cast<off_t>(done));
            if (n <= 0) break;
            done += static_cast<size_t>(n);
        }
        // The read must have seen the file the metadata describes.
        struct stat after;
        if (done != bytes || ::fstat(fd, &after) != 0 || after.st_size != size ||
            after.st_mtim.tv_sec != mtime.tv_sec || after.st_mtim.tv_nsec != mtime.tv_nsec ||
            after.st_ctim.tv_sec != ctime.tv_sec || after.st_ctim.tv_nsec != ctime.tv_nsec) {
            content_bytes().fetch_sub(bytes);
            std::string().swap(content);
            return;
        }
        has_content = true;
        ::close(fd);
        fd = -1;
    }

private:
    ~file_entry() {
        if (fd >= 0) ::close(fd);
        if (has_content) content_bytes().fetch_sub(content.size());
    }
    std::atomic<uint32_t> refs_{1};
};

// One counted reference to an entry; what a module instance holds for its request.
class entry_ref {
public:
    entry_ref() = default;
    explicit entry_ref(file_entry* adopted) : entry_(adopted) {}
    entry_ref(entry_ref&& other) noexcept : entry_(other.entry_) { other.entry_ = nullptr; }
    entry_ref& operator=(entry_ref&& other) noexcept {
        if (this != &other) {
            reset();
            entry_ = other.entry_;
            other.entry_ = nullptr;
        }
        return *this;
    }
    entry_ref(const entry_ref&) = delete;
    entry_ref& operator=(const entry_ref&) = delete;
    ~entry_ref() { reset(); }

    void reset() {
        if (entry_ != nullptr) entry_->release();
        entry_ = nullptr;
    }
    file_entry* get() const { return entry_; }
    file_entry* operator->() const { return entry_; }
    file_entry& operator*() const { return *entry_; }
    explicit operator bool() const { return entry_ != nullptr; }

private:
    file_entry* entry_ = nullptr;
};

// URL -> entry, a bounded LRU in 16 independently locked shards. The cache owns one reference
// per linked entry.
class file_cache {
public:
    file_cache() {
        // Most entries hold a descriptor: stay well below the process limit (the server needs
        // descriptors for connections too).
        rlimit limit{};
        size_t total = 4096;
        if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
            total = static_cast<size_t>(limit.rlim_cur) / 4;
        }
        if (total < 64) total = 64;
        if (total > 16384) total = 16384;
        per_shard_limit_ = total / k_shards;
    }
    file_cache(const file_cache&) = delete;
    file_cache& operator=(const file_cache&) = delete;
    ~file_cache() { clear(); }

    entry_ref find(const std::string& key) {
        shard& s = shard_for(key);
        std::lock_guard<std::mutex> lock(s.mutex);
        auto found = s.entries.find(key);
        if (found == s.entries.end()) return entry_ref();
        file_entry* entry = found->second;
        s.unlink(entry);
        s.push_newest(entry);
        entry->add_ref();
        return entry_ref(entry);
    }

    // Publishes `fresh` under its key, replacing what is there. The cache takes a reference of
    // its own; the caller keeps the one it had.
    void put(file_entry* fresh) {
        shard& s = shard_for(fresh->key);
        fresh->add_ref();  // the cache's reference
        file_entry* evicted[2] = {nullptr, nullptr};
        {
            std::lock_guard<std::mutex> lock(s.mutex);
            auto [slot, inserted] = s.entries.try_emplace(fresh->key, fresh);
            if (!inserted) {
                evicted[0] = slot->second;
                s.unlink(evicted[0]);
                slot->second = fresh;
            }
            s.push_newest(fresh);
            if (s.count > per_shard_limit_) {
                evicted[1] = s.oldest;
                s.unlink(evicted[1]);
                s.entries.erase(evicted[1]->key);
            }
        }
        for (file_entry* old : evicted) {
            if (old != nullptr) old->release();  // outside the lock: may close a descriptor
        }
    }

    // Drops `stale` if it is still the entry for its key (its file is gone).
    void forget(file_entry* stale) {
        shard& s = shard_for(stale->key);
        {
            std::lock_guard<std::mutex> lock(s.mutex);
            auto found = s.entries.find(stale->key);
            if (found == s.entries.end() || found->second != stale) return;
            s.unlink(stale);
            s.entries.erase(found);
        }
        stale->release();
    }

    void clear() {
        for (shard& s : shards_) {
            std::unordered_map<std::string, file_entry*> taken;
            {
                std::lock_guard<std::mutex> lock(s.mutex);
                taken.swap(s.entries);
                s.newest = s.oldest = nullptr;
                s.count = 0;
            }
            for (auto& item : taken) {
                item.second->linked = false;
                item.second->release();
            }
        }
    }

private:
    static constexpr size_t k_shards = 16;

    struct shard {
        std::mutex mutex;
        std::unordered_map<std::string, file_entry*> entries;
        file_entry* newest = nullptr;
        file_entry* oldest = nullptr;
        size_t count = 0;

        void unlink(file_entry* e) {
            if (!e->linked) return;
            (e->newer ? e->newer->older : newest) = e->older;
            (e->older ? e->older->newer : oldest) = e->newer;
            e->newer = e->older = nullptr;
            e->linked = false;
            --count;
        }
        void push_newest(file_entry* e) {
            e->older = newest;
            e->newer = nullptr;
            (newest ? newest->newer : oldest) = e;
            newest = e;
            e->linked = true;
            ++count;
        }
    };

    shard& shard_for(const std::string& key) {
        return shards_[std::hash<std::string>{}(key) % k_shards];
    }

    shard shards_[k_shards];
    size_t per_shard_limit_ = 256;
};

// ---- responses ----------------------------------------------------------------------------------

// An error status for the request (the body, if any, is the custom error module's business).
inline REQUEST_NOTIFICATION_STATUS fail(IHttpContext* context, USHORT status, USHORT substatus,
                                        const char* reason, HRESULT error) {
    context->GetResponse()->SetStatus(status, reason, substatus, error);
    return RQ_NOTIFICATION_FINISH_REQUEST;
}

inline void set_header(IHttpResponse* response, const char* name, std::string_view value) {
    response->SetHeader(name, value.data(), static_cast<USHORT>(value.size()), TRUE);
}

inline std::string_view request_header(IHttpContext* context, HTTP_HEADER_ID id) {
    USHORT length = 0;
    PCSTR value = context->GetRequest()->GetHeader(id, &length);
    return value != nullptr ? std::string_view(value, length) : std::string_view();
}

// Does an If-Match / If-None-Match list name `etag`? Weak comparison ignores the W/ prefixes;
// strong comparison never matches a weak tag.
inline bool etag_list_matches(std::string_view list, std::string_view etag, bool weak) {
    list = trimmed(list);
    if (list == "*") return true;
    if (etag.empty()) return false;
    size_t pos = 0;
    while (pos < list.size()) {
        while (pos < list.size() && (list[pos] == ' ' || list[pos] == '\t' || list[pos] == ',')) {
            ++pos;
        }
        bool is_weak = false;
        if (list.compare(pos, 2, "W/") == 0) {
            is_weak = true;
            pos += 2;
        }
        if (pos >= list.size() || list[pos] != '"') return false;  // not an entity-tag list
        const size_t close = list.find('"', pos + 1);
        if (close == std::string_view::npos) return false;
        const std::string_view tag = list.substr(pos, close - pos + 1);
        if (tag == etag && (weak || !is_weak)) return true;
        pos = close + 1;
    }
    return false;
}

struct byte_range {
    uint64_t first;
    uint64_t last;
};

enum class range_request { whole, partial, unsatisfiable };

// Parses "bytes=..." against a file of `size` bytes. A header Lintel cannot honour as a range
// request (another unit, bad syntax, too many ranges, or ranges that add up to more than the
// file - overlapping requests that would multiply the work) is ignored: the whole file goes
// out.
constexpr size_t k_max_ranges = 32;
inline range_request parse_ranges(std::string_view header, uint64_t size, byte_range* ranges,
                                  size_t& count) {
    count = 0;
    header = trimmed(header);
    if (header.size() < 6 || !iequals(header.substr(0, 6), "bytes=")) return range_request::whole;
    header.remove_prefix(6);
    bool any_syntax = false;
    uint64_t total = 0;
    size_t start = 0;
    while (start <= header.size()) {
        size_t comma = header.find(',', start);
        if (comma == std::string_view::npos) comma = header.size();
        const std::string_view spec = trimmed(header.substr(start, comma - start));
        start = comma + 1;
        if (spec.empty()) continue;
        const size_t dash = spec.find('-');
        if (dash == std::string_view::npos) return range_request::whole;
        const auto number = [](std::string_view digits, uint64_t& value) {
            if (digits.empty() || digits.size() > 19) return false;
            value = 0;
            for (char c : digits) {
                if (c < '0' || c > '9') return false;
                value = value * 10 + static_cast<uint64_t>(c - '0');
            }
            return true;
        };
        const std::string_view left = trimmed(spec.substr(0, dash));
        const std::string_view right = trimmed(spec.substr(dash + 1));
        byte_range range{};
        if (left.empty()) {
            uint64_t suffix = 0;
            if (!number(right, suffix)) return range_request::whole;
            any_syntax = true;
            if (suffix == 0 || size == 0) continue;  // unsatisfiable on its own
            range = {suffix >= size ? 0 : size - suffix, size - 1};
        } else {
            uint64_t first = 0;
            uint64_t last = UINT64_MAX;
            if (!number(left, first)) return range_request::whole;
            if (!right.empty() && !number(right, last)) return range_request::whole;
            if (last < first) return range_request::whole;
            any_syntax = true;
            if (first >= size) continue;
            range = {first, last >= size ? size - 1 : last};
        }
        if (count == k_max_ranges) return range_request::whole;
        ranges[count++] = range;
        total += range.last - range.first + 1;
    }
    if (!any_syntax) return range_request::whole;
    if (count == 0) return range_request::unsatisfiable;
    if (count > 1 && total > size) return range_request::whole;
    return range_request::partial;
}

inline std::string content_range(uint64_t first, uint64_t last, uint64_t size) {
    return "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" +
           std::to_string(size);
}

// The engine: one per module binary, made in RegisterModule, destroyed in Terminate.
class file_server {
public:
    explicit file_server(IHttpServer* server) : server_(server) {}

    struct lookup_result {
        entry_ref entry;  // set when status == 0
        USHORT status = 0;
        USHORT substatus = 0;
        const char* reason = "";
        HRESULT error = S_OK;
    };

    // The entry for a URL of the request's site. `physical()` maps the URL and is called only
    // when the entry has to be (re)built.
    template <class Physical>
    lookup_result lookup(IHttpContext* context, std::string_view url, Physical&& physical) {
        thread_local std::string key;
        key.clear();
        const DWORD site = context->GetSite() != nullptr ? context->GetSite()->GetSiteId() : 0;
        key.append(reinterpret_cast<const char*>(&site), sizeof site);
        key.append(url);
        lookup_result result;
        entry_ref cached = files_.find(key);
        if (cached && cached->current() && !cached->content_due()) {
            result.entry = std::move(cached);
            return result;
        }
        build(context, key, url, physical(), cached.get(), result);
        return result;
    }

    std::shared_ptr<const static_config> config_for(IHttpContext* context, std::string_view url) {
        return configs_.get(server_, config_path_for(context, url_directory(url)),
                            &load_static_config);
    }

    // Answers a GET or HEAD for a servable regular file: validators, conditional requests,
    // ranges, headers and the body chunk. `entry` must stay referenced until the request ends.
    REQUEST_NOTIFICATION_STATUS respond(IHttpContext* context, const file_entry& entry) {
        IHttpRequest* request = context->GetRequest();
        IHttpResponse* response = context->GetResponse();
        const char* method = request->GetHttpMethod();
        if (std::strcmp(method, "GET") != 0 && std::strcmp(method, "HEAD") != 0) {
            set_header(response, "Allow", "GET, HEAD, OPTIONS, TRACE");
            return fail(context, 405, 0, "Method Not Allowed",
                        HRESULT_FROM_WIN32(ERROR_INVALID_FUNCTION));
        }
        const uint64_t size = static_cast<uint64_t>(entry.size);

        // Preconditions, in RFC 9110's order (section 13.2.2).
        const std::string_view if_match = request_header(context, HttpHeaderIfMatch);
        if (!if_match.empty()) {
            if (!etag_list_matches(if_match, entry.etag, false))
                return precondition_failed(context);
        } else {
            const std::string_view since = request_header(context, HttpHeaderIfUnmodifiedSince);
            if (!since.empty()) {
                const std::optional<time_t> date = parse_http_date(since);
                if (date && entry.modified > *date) return precondition_failed(context);
            }
        }
        const std::string_view if_none_match = request_header(context, HttpHeaderIfNoneMatch);
        bool not_modified = false;
        if (!if_none_match.empty()) {
            not_modified = etag_list_matches(if_none_match, entry.etag, true);
        } else {
            const std::string_view since = request_header(context, HttpHeaderIfModifiedSince);
            if (!since.empty()) {
                const std::optional<time_t> date = parse_http_date(since);
                not_modified = date && entry.modified <= *date && *date <= ::time(nullptr);
            }
        }
        if (not_modified) {
            response->SetStatus(304, "Not Modified");
            set_validators(response, entry);
            context->SetRequestHandled();
            return RQ_NOTIFICATION_CONTINUE;
        }

        byte_range ranges[k_max_ranges];
        size_t count = 0;
        range_request kind = range_request::whole;
        const std::string_view range = request_header(context, HttpHeaderRange);
        if (!range.empty() && if_range_allows(request_header(context, HttpHeaderIfRange), entry)) {
            kind = parse_ranges(range, size, ranges, count);
        }
        if (kind == range_request::unsatisfiable) {
            set_header(response, "Content-Range", "bytes */" + std::to_string(size));
            return fail(context, 416, 0, "Requested Range Not Satisfiable",
                        HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER));
        }

        set_validators(response, entry);
        set_header(response, "Accept-Ranges", "bytes");
        HRESULT hr = S_OK;
        if (kind == range_request::whole) {
            response->SetStatus(200, "OK");
            set_header(response, "Content-Type", *entry.content_type);
            hr = write_file(response, entry, 0, size);
        } else if (count == 1) {
            response->SetStatus(206, "Partial Content");
            set_header(response, "Content-Type", *entry.content_type);
            set_header(response, "Content-Range",
                       content_range(ranges[0].first, ranges[0].last, size));
            hr = write_file(response, entry, ranges[0].first, ranges[0].last - ranges[0].first + 1);
        } else {
            response->SetStatus(206, "Partial Content");
            hr = write_multipart(context, entry, ranges, count);
        }
        if (FAILED(hr)) {
            response->Clear();
            return fail(context, 500, 0, "Internal Server Error", hr);
        }
        context->SetRequestHandled();
        return RQ_NOTIFICATION_CONTINUE;
    }

    void clear() {
        files_.clear();
        configs_.clear();
        site_roots::clear();
    }

private:
    template <class Path>
    void build(IHttpContext* context, const std::string& key, std::string_view url, Path&& mapped,
               file_entry* stale, lookup_result& result) {
        const auto refuse = [&](USHORT status, USHORT substatus, const char* reason, HRESULT hr) {
            if (stale != nullptr) files_.forget(stale);
            result.status = status;
            result.substatus = substatus;
            result.reason = reason;
            result.error = hr;
        };
        const HRESULT not_found = HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
        if (url.empty() || url.front() != '/' || has_trailing_dot_or_space(url)) {
            return refuse(404, 0, "Not Found", not_found);
        }
        const std::string physical(std::move(mapped));
        const std::string root = site_roots::root_for(server_, context, url);
        std::string resolved;
        std::shared_ptr<const static_config> config;
        switch (resolve_inside(physical, root, false, resolved)) {
            case path_status::ok: break;
            case path_status::forbidden: return refuse(403, 0, "Forbidden", E_ACCESSDENIED);
            case path_status::not_found: return refuse(404, 0, "Not Found", not_found);
            case path_status::outside_root:
                // Configuration is read only for paths that exist: a flood of 404s costs no
                // merges.
                config = config_for(context, url);
                if (root.empty() || !config->allow_outside_root) {
                    return refuse(404, 0, "Not Found", not_found);
                }
                break;
        }
        if (!config) config = config_for(context, url);

        auto* fresh = new file_entry();
        entry_ref owner(fresh);  // released if anything below refuses
        fresh->key = key;
        fresh->path = physical;
        fresh->config = config;
        struct stat info;
        if (::stat(resolved.c_str(), &info) != 0) return refuse(404, 0, "Not Found", not_found);
        if (S_ISREG(info.st_mode)) {
            // O_NONBLOCK: a FIFO swapped in after the stat must not block the loop in open().
            int fd =
                ::open(resolved.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
            if (fd < 0) {
                return errno == EACCES ? refuse(403, 0, "Forbidden", E_ACCESSDENIED)
                                       : refuse(404, 0, "Not Found", not_found);
            }
            if (fd <= 2) {
                // fd 0 cannot travel as a HANDLE (it would be NULL); keep clear of 1 and 2 too.
                const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
                ::close(fd);
                fd = moved;
                if (fd < 0) return refuse(500, 0, "Internal Server Error", E_FAIL);
            }
            fresh->fd = fd;
            if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
                return refuse(404, 0, "Not Found", not_found);
            }
            const std::string_view name = url.substr(url.rfind('/') + 1);
            fresh->content_type = config->mime_type_for(name);
            if (fresh->content_type == nullptr) {
                ::close(fresh->fd);  // kept as a known 404.3 without holding a descriptor
                fresh->fd = -1;
            }
        } else if (S_ISDIR(info.st_mode)) {
            fresh->directory = true;
        } else {
            return refuse(404, 0, "Not Found", not_found);  // devices, sockets, FIFOs
        }
        fresh->dev = info.st_dev;
        fresh->ino = info.st_ino;
        fresh->size = info.st_size;
        fresh->mtime = info.st_mtim;
        fresh->ctime = info.st_ctim;
        fresh->modified = info.st_mtim.tv_sec;
        fresh->last_modified = http_date(fresh->modified);
        if (config->set_etag) {
            // Modification time as a FILETIME and the size, the shape of IIS's ETags.
            const uint64_t ticks =
                (static_cast<uint64_t>(info.st_mtim.tv_sec) + 11644473600ull) * 10000000ull +
                static_cast<uint64_t>(info.st_mtim.tv_nsec) / 100;
            char tag[48];
            std::snprintf(tag, sizeof tag, "\"%llx:%llx\"", static_cast<unsigned long long>(ticks),
                          static_cast<unsigned long long>(info.st_size));
            fresh->etag = tag;
        }
        if (fresh->content_type != nullptr) fresh->keep_content();
        files_.put(fresh);
        result.entry = std::move(owner);
    }

    static void set_validators(IHttpResponse* response, const file_entry& entry) {
        set_header(response, "Last-Modified", entry.last_modified);
        if (!entry.etag.empty()) set_header(response, "ETag", entry.etag);
        if (!entry.config->cache_control.empty()) {
            set_header(response, "Cache-Control", entry.config->cache_control);
        }
        if (!entry.config->expires.empty()) set_header(response, "Expires", entry.config->expires);
    }

    static REQUEST_NOTIFICATION_STATUS precondition_failed(IHttpContext* context) {
        return fail(context, 412, 0, "Precondition Failed", S_OK);
    }

    // If-Range: the range applies only if the validator still matches (strong comparison for
    // an entity tag, the exact modification second for a date).
    static bool if_range_allows(std::string_view if_range, const file_entry& entry) {
        if_range = trimmed(if_range);
        if (if_range.empty()) return true;
        if (if_range.front() == '"' || if_range.compare(0, 2, "W/") == 0) {
            return !entry.etag.empty() && if_range == entry.etag;
        }
        const std::optional<time_t> date = parse_http_date(if_range);
        return date && *date == entry.modified;
    }

    // A region of the file: from the kept content (the server copies it) or from the descriptor.
    static HTTP_DATA_CHUNK body_chunk(const file_entry& entry, uint64_t offset, uint64_t length) {
        HTTP_DATA_CHUNK chunk = {};
        if (entry.has_content) {
            chunk.DataChunkType = HttpDataChunkFromMemory;
            chunk.FromMemory.pBuffer = const_cast<char*>(entry.content.data()) + offset;
            chunk.FromMemory.BufferLength = static_cast<ULONG>(length);
            return chunk;
        }
        chunk.DataChunkType = HttpDataChunkFromFileHandle;
        chunk.FromFileHandle.ByteRange.StartingOffset.QuadPart = offset;
        chunk.FromFileHandle.ByteRange.Length.QuadPart = length;
        chunk.FromFileHandle.FileHandle = LintelHandleFromFd(entry.fd);
        return chunk;
    }

    // By reference, not copied: what a chunk points at (the entry's content or descriptor) lives
    // until the module instance is disposed, after the response has been sent.
    static HRESULT write_file(IHttpResponse* response, const file_entry& entry, uint64_t offset,
                              uint64_t length) {
        if (length == 0) return S_OK;  // Content-Length: 0, nothing to read
        HTTP_DATA_CHUNK chunk = body_chunk(entry, offset, length);
        return response->WriteEntityChunkByReference(&chunk);
    }

    // multipart/byteranges (RFC 9110 section 14.6): one part per range, each with its own
    // Content-Type and Content-Range; the part heads live in request memory. A failure part-way
    // leaves a partial body: the caller clears the response.
    static HRESULT write_multipart(IHttpContext* context, const file_entry& entry,
                                   const byte_range* ranges, size_t count) {
        static std::atomic<uint64_t> sequence{0};
        const uint64_t seed =
            (sequence.fetch_add(1, std::memory_order_relaxed) + 1) * 0x9E3779B97F4A7C15ull ^
            static_cast<uint64_t>(::time(nullptr));
        char boundary[24];
        std::snprintf(boundary, sizeof boundary, "%016llx", static_cast<unsigned long long>(seed));
        set_header(context->GetResponse(), "Content-Type",
                   std::string("multipart/byteranges; boundary=") + boundary);

        HTTP_DATA_CHUNK chunks[2 * k_max_ranges + 1];
        DWORD used = 0;
        const auto memory_chunk = [&](const std::string& text) {
            auto* copy =
                static_cast<char*>(context->AllocateRequestMemory(static_cast<DWORD>(text.size())));
            if (copy == nullptr) return false;
            std::memcpy(copy, text.data(), text.size());
            HTTP_DATA_CHUNK& chunk = chunks[used++];
            chunk = {};
            chunk.DataChunkType = HttpDataChunkFromMemory;
            chunk.FromMemory.pBuffer = copy;
            chunk.FromMemory.BufferLength = static_cast<ULONG>(text.size());
            return true;
        };
        const uint64_t size = static_cast<uint64_t>(entry.size);
        for (size_t i = 0; i < count; ++i) {
            std::string head = i == 0 ? "--" : "\r\n--";
            head += boundary;
            head += "\r\nContent-Type: " + *entry.content_type;
            head += "\r\nContent-Range: " + content_range(ranges[i].first, ranges[i].last, size);
            head += "\r\n\r\n";
            if (!memory_chunk(head)) return E_OUTOFMEMORY;
            chunks[used++] =
                body_chunk(entry, ranges[i].first, ranges[i].last - ranges[i].first + 1);
        }
        if (!memory_chunk(std::string("\r\n--") + boundary + "--\r\n")) return E_OUTOFMEMORY;
        for (DWORD i = 0; i < used; ++i) {
            const HRESULT hr = context->GetResponse()->WriteEntityChunkByReference(&chunks[i]);
            if (FAILED(hr)) return hr;
        }
        return S_OK;
    }

    IHttpServer* server_;
    file_cache files_;
    config_cache<static_config> configs_;
};

}  // namespace lintel_static
#pragma GCC visibility pop

#endif  // LINTEL_MODULES_STATIC_FILE_SERVER_H
