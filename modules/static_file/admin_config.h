// admin_config.h - reading IIS configuration sections through the admin API, the way an IIS
// module does (IHttpServer::GetAdminManager -> GetAdminSection at a configuration path), plus a
// cache of parsed sections per configuration path.
//
// The admin API merges every level on each GetAdminSection call, so the modules parse a section
// once per configuration path and keep the result; the request path never calls it. There is no
// schema behind the API: an attribute the file does not set is absent, and the caller supplies
// IIS's default for it.
#ifndef LINTEL_MODULES_STATIC_ADMIN_CONFIG_H
#define LINTEL_MODULES_STATIC_ADMIN_CONFIG_H

// clang-format off
#include <windows.h>
#include <httpserv.h>
#include <ahadmin.h>
// clang-format on

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "text_util.h"

// Hidden visibility: each module binary keeps its own copy.
#pragma GCC visibility push(hidden)
namespace lintel_static {

// Owns one COM reference; releases it when it goes.
template <class T>
class com_ref {
public:
    com_ref() = default;
    explicit com_ref(T* raw) : raw_(raw) {}
    com_ref(com_ref&& other) noexcept : raw_(other.raw_) { other.raw_ = nullptr; }
    com_ref& operator=(com_ref&& other) noexcept {
        std::swap(raw_, other.raw_);
        return *this;
    }
    com_ref(const com_ref&) = delete;
    com_ref& operator=(const com_ref&) = delete;
    ~com_ref() {
        if (raw_ != nullptr) raw_->Release();
    }
    T** out() { return &raw_; }
    T* get() const { return raw_; }
    T* operator->() const { return raw_; }
    explicit operator bool() const { return raw_ != nullptr; }

private:
    T* raw_ = nullptr;
};

// A BSTR made for one call.
class bstr_arg {
public:
    explicit bstr_arg(const wchar_t* text) : value_(SysAllocString(text)) {}
    bstr_arg(const bstr_arg&) = delete;
    bstr_arg& operator=(const bstr_arg&) = delete;
    ~bstr_arg() { SysFreeString(value_); }
    BSTR get() const { return value_; }

private:
    BSTR value_;
};

// The text of an attribute as the file wrote it; nullopt when no level sets it.
inline std::optional<std::string> attribute_text(IAppHostElement* element, const wchar_t* name) {
    if (element == nullptr) return std::nullopt;
    com_ref<IAppHostProperty> property;
    bstr_arg property_name(name);
    if (FAILED(element->GetPropertyByName(property_name.get(), property.out())) || !property) {
        return std::nullopt;
    }
    BSTR text = nullptr;
    if (FAILED(property->get_StringValue(&text)) || text == nullptr) return std::nullopt;
    std::string out = to_utf8(text);
    SysFreeString(text);
    return out;
}

inline com_ref<IAppHostElement> child_element(IAppHostElement* element, const wchar_t* name) {
    com_ref<IAppHostElement> child;
    if (element != nullptr) {
        bstr_arg child_name(name);
        if (FAILED(element->GetElementByName(child_name.get(), child.out()))) {
            return com_ref<IAppHostElement>();
        }
    }
    return child;
}

// Calls visit(IAppHostElement*) for each entry of the element's collection, in order.
template <class Visit>
void for_each_entry(IAppHostElement* element, Visit&& visit) {
    if (element == nullptr) return;
    com_ref<IAppHostElementCollection> collection;
    if (FAILED(element->get_Collection(collection.out())) || !collection) return;
    DWORD count = 0;
    if (FAILED(collection->get_Count(&count))) return;
    for (DWORD i = 0; i < count; ++i) {
        VARIANT index;
        VariantInit(&index);
        index.vt = VT_I4;
        index.lVal = static_cast<LONG>(i);
        com_ref<IAppHostElement> entry;
        if (SUCCEEDED(collection->get_Item(index, entry.out())) && entry) visit(entry.get());
    }
}

// Reads a section at a configuration path; an empty reference when it cannot be read.
inline com_ref<IAppHostElement> read_section(IHttpServer* server, const wchar_t* section,
                                             const std::wstring& config_path) {
    com_ref<IAppHostElement> element;
    IAppHostAdminManager* manager = server != nullptr ? server->GetAdminManager() : nullptr;
    if (manager == nullptr) return element;
    bstr_arg section_name(section);
    bstr_arg path(config_path.c_str());
    if (FAILED(manager->GetAdminSection(section_name.get(), path.get(), element.out()))) {
        return com_ref<IAppHostElement>();
    }
    return element;
}

// ---- value parsing: the schema's types, with the caller's default on anything unreadable --------

inline bool parse_bool(const std::optional<std::string>& text, bool fallback) {
    if (!text) return fallback;
    if (iequals(trimmed(*text), "true")) return true;
    if (iequals(trimmed(*text), "false")) return false;
    return fallback;
}

// A configuration timeSpan, "[-][d.]hh:mm:ss[.fraction]", in whole seconds.
inline std::optional<int64_t> parse_timespan_seconds(std::string_view text) {
    text = trimmed(text);
    bool negative = false;
    if (!text.empty() && text.front() == '-') {
        negative = true;
        text.remove_prefix(1);
    }
    int64_t fields[4] = {0, 0, 0, 0};  // days, hours, minutes, seconds
    const size_t first_colon = text.find(':');
    if (first_colon == std::string_view::npos) return std::nullopt;
    const size_t dot = text.substr(0, first_colon).find('.');
    std::string_view rest = text;
    if (dot != std::string_view::npos) {
        std::string_view days = text.substr(0, dot);
        if (days.empty()) return std::nullopt;
        for (char c : days) {
            if (c < '0' || c > '9') return std::nullopt;
            fields[0] = fields[0] * 10 + (c - '0');
        }
        rest = text.substr(dot + 1);
    }
    int field = 1;
    for (size_t i = 0; i < rest.size(); ++i) {
        const char c = rest[i];
        if (c == ':') {
            if (++field > 3) return std::nullopt;
        } else if (c == '.' && field == 3) {
            break;  // fractions of a second do not make a max-age
        } else if (c >= '0' && c <= '9') {
            fields[field] = fields[field] * 10 + (c - '0');
            if (fields[field] > 100000000) return std::nullopt;
        } else {
            return std::nullopt;
        }
    }
    if (field != 3) return std::nullopt;
    const int64_t seconds = ((fields[0] * 24 + fields[1]) * 60 + fields[2]) * 60 + fields[3];
    return negative ? -seconds : seconds;
}

// A "flags" attribute: a comma list of names ("Date, Time, Size") or a number.
struct flag_name {
    std::string_view name;
    uint32_t value;
};
template <size_t N>
std::optional<uint32_t> parse_flags(std::string_view text, const flag_name (&names)[N]) {
    text = trimmed(text);
    if (!text.empty() && text.front() >= '0' && text.front() <= '9') {
        uint32_t value = 0;
        for (char c : text) {
            if (c < '0' || c > '9') return std::nullopt;
            value = value * 10 + static_cast<uint32_t>(c - '0');
        }
        return value;
    }
    uint32_t value = 0;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string_view::npos) comma = text.size();
        const std::string_view item = trimmed(text.substr(start, comma - start));
        if (!item.empty()) {
            bool known = false;
            for (const flag_name& flag : names) {
                if (iequals(item, flag.name)) {
                    value |= flag.value;
                    known = true;
                }
            }
            if (!known) return std::nullopt;
        }
        start = comma + 1;
    }
    return value;
}

// ---- configuration paths ------------------------------------------------------------------------

// MACHINE/WEBROOT/APPHOST/<site><url path>: the path GetAdminSection merges for a URL, as IIS's
// metadata for that URL. `url_path` is a decoded URL path without its trailing slash ("" for
// the site root).
inline std::wstring config_path_for(IHttpContext* context, std::string_view url_path) {
    std::wstring path = L"MACHINE/WEBROOT/APPHOST/";
    IHttpSite* site = context->GetSite();
    if (site != nullptr && site->GetSiteName() != nullptr) path += site->GetSiteName();
    while (!url_path.empty() && url_path.back() == '/') url_path.remove_suffix(1);
    path += to_wide(url_path);
    return path;
}

// Parsed sections by configuration path. Lintel's configuration does not change while it runs,
// so entries live until the module's factory terminates; the map is bounded anyway (a site has
// only so many directories, but nothing should grow without limit).
template <class Parsed>
class config_cache {
public:
    using loader = std::shared_ptr<const Parsed> (*)(IHttpServer*, const std::wstring&);

    std::shared_ptr<const Parsed> get(IHttpServer* server, const std::wstring& config_path,
                                      loader load) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto found = parsed_.find(config_path);
            if (found != parsed_.end()) return found->second;
        }
        // Read outside the lock: a merge can take a while and other paths need not wait. Two
        // threads may parse the same path once each; both results are equal.
        std::shared_ptr<const Parsed> value = load(server, config_path);
        std::lock_guard<std::mutex> lock(mutex_);
        if (parsed_.size() >= k_max_paths) parsed_.clear();
        parsed_.emplace(config_path, value);
        return value;
    }

    void clear() {
        std::lock_guard<std::mutex> lock(mutex_);
        parsed_.clear();
    }

private:
    static constexpr size_t k_max_paths = 4096;
    std::mutex mutex_;
    std::unordered_map<std::wstring, std::shared_ptr<const Parsed>> parsed_;
};

}  // namespace lintel_static
#pragma GCC visibility pop

#endif  // LINTEL_MODULES_STATIC_ADMIN_CONFIG_H
