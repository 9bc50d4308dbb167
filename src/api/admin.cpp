// The admin API objects (see admin.h). Every object is immutable after construction: an element
// object shares the merged section it was cut from (std::shared_ptr aliasing), so children,
// properties and collections handed out later keep that section alive on their own. No method
// lets a C++ exception out: allocation failures become E_OUTOFMEMORY.
#include "api/admin.h"

// clang-format off
#include <windows.h>
#include <httpserv.h>
// clang-format on

#include <atomic>
#include <cstdint>
#include <cwchar>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "api/text.h"
#include "config/sections.h"

namespace lintel::api {

namespace {

using element_ptr = std::shared_ptr<const config::merged_element>;

constexpr HRESULT invalid_index = HRESULT_FROM_WIN32(ERROR_INVALID_INDEX);

struct published_configuration {
    std::mutex mutex;
    std::shared_ptr<const config::snapshot> snapshot;
};

// Never destroyed: a module thread may still ask during process exit.
published_configuration& published() {
    static auto* state = new published_configuration;
    return *state;
}

template <class Body>
HRESULT guarded(Body&& body) noexcept {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return E_OUTOFMEMORY;
    } catch (...) {
        return E_FAIL;
    }
}

// A BSTR argument read up to its NUL: modules pass plain L"..." literals where a BSTR belongs,
// and those have no length prefix.
std::string from_bstr(const OLECHAR* text) {
    return narrow(std::wstring_view(text, std::wcslen(text)));
}

HRESULT to_bstr(std::string_view utf8, BSTR* out) {
    const std::wstring wide = widen(utf8);
    *out = SysAllocStringLen(wide.data(), static_cast<UINT>(wide.size()));
    return *out != nullptr ? S_OK : E_OUTOFMEMORY;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

std::optional<int64_t> parse_integer(std::string_view text) {
    const bool negative = !text.empty() && text.front() == '-';
    if (negative) text.remove_prefix(1);
    if (text.empty() || text.size() > 10) return std::nullopt;
    int64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
}

// Without a schema the text decides the type: true/false (any case) is VT_BOOL, an integer is
// VT_I4 - VT_UI4 when only an unsigned 32-bit value holds it - and anything else VT_BSTR.
HRESULT to_variant(std::string_view text, VARIANT* out) {
    VariantInit(out);
    if (equals_ignoring_case(text, "true") || equals_ignoring_case(text, "false")) {
        out->vt = VT_BOOL;
        out->boolVal = equals_ignoring_case(text, "true") ? VARIANT_TRUE : VARIANT_FALSE;
        return S_OK;
    }
    if (auto number = parse_integer(text)) {
        if (*number >= INT32_MIN && *number <= INT32_MAX) {
            out->vt = VT_I4;
            out->lVal = static_cast<LONG>(*number);
            return S_OK;
        }
        if (*number > INT32_MAX && *number <= UINT32_MAX) {
            out->vt = VT_UI4;
            out->ulVal = static_cast<ULONG>(*number);
            return S_OK;
        }
    }
    BSTR text_value = nullptr;
    const HRESULT hr = to_bstr(text, &text_value);
    if (FAILED(hr)) return hr;
    out->vt = VT_BSTR;
    out->bstrVal = text_value;
    return S_OK;
}

// A collection's get_Item argument: an integer index or a name (VT_BSTR); a VARIANT passed by
// reference is followed once.
struct item_selector {
    std::optional<int64_t> index;
    std::string name;
};

HRESULT read_selector(const VARIANT& value, item_selector& out, bool follow_reference = true) {
    switch (value.vt) {
        case VT_I1: out.index = value.cVal; return S_OK;
        case VT_UI1: out.index = value.bVal; return S_OK;
        case VT_I2: out.index = value.iVal; return S_OK;
        case VT_UI2: out.index = value.uiVal; return S_OK;
        case VT_I4: out.index = value.lVal; return S_OK;
        case VT_UI4: out.index = value.ulVal; return S_OK;
        case VT_INT: out.index = value.intVal; return S_OK;
        case VT_UINT: out.index = value.uintVal; return S_OK;
        case VT_I8: out.index = value.llVal; return S_OK;
        case VT_UI8:
            out.index = value.ullVal > INT64_MAX ? -1 : static_cast<int64_t>(value.ullVal);
            return S_OK;
        case VT_BSTR:
            out.name = value.bstrVal != nullptr ? from_bstr(value.bstrVal) : std::string();
            return S_OK;
        case VT_VARIANT | VT_BYREF:
            if (!follow_reference || value.pvarVal == nullptr) return E_INVALIDARG;
            return read_selector(*value.pvarVal, out, false);
        default: return E_INVALIDARG;
    }
}

// Finds the position get_Item(selector) designates among count items; matches(i, name) says
// whether item i answers to name.
template <class Matches>
HRESULT resolve_item(const VARIANT& selector, std::size_t count, Matches&& matches,
                     std::size_t& position) {
    item_selector wanted;
    const HRESULT hr = read_selector(selector, wanted);
    if (FAILED(hr)) return hr;
    if (wanted.index) {
        if (*wanted.index < 0 || static_cast<uint64_t>(*wanted.index) >= count) {
            return invalid_index;
        }
        position = static_cast<std::size_t>(*wanted.index);
        return S_OK;
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (matches(i, wanted.name)) {
            position = i;
            return S_OK;
        }
    }
    return invalid_index;
}

// Reference counting and QueryInterface for an object implementing one interface (plus
// IUnknown). A pinned object ignores the count: it is never freed.
template <class Interface>
class com_object : public Interface {
public:
    HRESULT STDMETHODCALLTYPE QueryInterface(REFIID iid, void** object) override {
        if (object == nullptr) return E_POINTER;
        if (IsEqualGUID(iid, __uuidof(IUnknown)) || IsEqualGUID(iid, __uuidof(Interface))) {
            *object = static_cast<Interface*>(this);
            AddRef();
            return S_OK;
        }
        *object = nullptr;
        return E_NOINTERFACE;
    }
    ULONG STDMETHODCALLTYPE AddRef() override {
        if (pinned_) return 2;
        return refs_.fetch_add(1, std::memory_order_relaxed) + 1;
    }
    ULONG STDMETHODCALLTYPE Release() override {
        if (pinned_) return 1;
        const ULONG left = refs_.fetch_sub(1, std::memory_order_acq_rel) - 1;
        if (left == 0) delete this;
        return left;
    }

protected:
    explicit com_object(bool pinned = false) : pinned_(pinned) {}
    virtual ~com_object() = default;

private:
    std::atomic<ULONG> refs_{1};
    const bool pinned_;
};

class element_object;

class property_object final : public com_object<IAppHostProperty> {
public:
    explicit property_object(std::shared_ptr<const config::attribute> attribute)
        : attribute_(std::move(attribute)) {}

    HRESULT STDMETHODCALLTYPE get_Name(BSTR* name) override {
        if (name == nullptr) return E_POINTER;
        *name = nullptr;
        return guarded([&] { return to_bstr(attribute_->name, name); });
    }
    HRESULT STDMETHODCALLTYPE get_Value(VARIANT* value) override {
        if (value == nullptr) return E_POINTER;
        return guarded([&] { return to_variant(attribute_->value, value); });
    }
    HRESULT STDMETHODCALLTYPE put_Value(VARIANT) override { return E_NOTIMPL; }
    HRESULT STDMETHODCALLTYPE Clear() override { return E_NOTIMPL; }
    HRESULT STDMETHODCALLTYPE get_StringValue(BSTR* value) override {
        if (value == nullptr) return E_POINTER;
        *value = nullptr;
        return guarded([&] { return to_bstr(attribute_->value, value); });
    }
    HRESULT STDMETHODCALLTYPE get_Exception(IAppHostPropertyException** exception) override {
        // The value was read as written: there is nothing to report.
        if (exception == nullptr) return E_POINTER;
        *exception = nullptr;
        return S_OK;
    }
    HRESULT STDMETHODCALLTYPE GetMetadata(BSTR, VARIANT* value) override {
        if (value != nullptr) VariantInit(value);
        return E_NOTIMPL;
    }
    HRESULT STDMETHODCALLTYPE SetMetadata(BSTR, VARIANT) override { return E_NOTIMPL; }
    HRESULT STDMETHODCALLTYPE get_Schema(IAppHostPropertySchema** schema) override {
        if (schema != nullptr) *schema = nullptr;
        return E_NOTIMPL;
    }

private:
    std::shared_ptr<const config::attribute> attribute_;
};

IAppHostProperty* new_property(const element_ptr& owner, const config::attribute& attribute) {
    return new property_object(std::shared_ptr<const config::attribute>(owner, &attribute));
}

IAppHostElement* new_element(const element_ptr& owner, const config::merged_element& element);

class property_collection_object final : public com_object<IAppHostPropertyCollection> {
public:
    explicit property_collection_object(element_ptr element) : element_(std::move(element)) {}

    HRESULT STDMETHODCALLTYPE get_Count(DWORD* count) override {
        if (count == nullptr) return E_POINTER;
        *count = static_cast<DWORD>(element_->attributes.size());
        return S_OK;
    }
    HRESULT STDMETHODCALLTYPE get_Item(VARIANT index, IAppHostProperty** property) override {
        if (property == nullptr) return E_POINTER;
        *property = nullptr;
        return guarded([&] {
            const auto& attributes = element_->attributes;
            std::size_t position = 0;
            const HRESULT hr = resolve_item(
                index, attributes.size(),
                [&](std::size_t i, const std::string& name) { return attributes[i].name == name; },
                position);
            if (FAILED(hr)) return hr;
            *property = new_property(element_, attributes[position]);
            return S_OK;
        });
    }

private:
    element_ptr element_;
};

class child_collection_object final : public com_object<IAppHostChildElementCollection> {
public:
    explicit child_collection_object(element_ptr element) : element_(std::move(element)) {}

    HRESULT STDMETHODCALLTYPE get_Count(DWORD* count) override {
        if (count == nullptr) return E_POINTER;
        *count = static_cast<DWORD>(element_->children.size());
        return S_OK;
    }
    HRESULT STDMETHODCALLTYPE get_Item(VARIANT index, IAppHostElement** element) override {
        if (element == nullptr) return E_POINTER;
        *element = nullptr;
        return guarded([&] {
            const auto& children = element_->children;
            std::size_t position = 0;
            const HRESULT hr = resolve_item(
                index, children.size(),
                [&](std::size_t i, const std::string& name) { return children[i].name == name; },
                position);
            if (FAILED(hr)) return hr;
            *element = new_element(element_, children[position]);
            return S_OK;
        });
    }

private:
    element_ptr element_;
};

class element_collection_object final : public com_object<IAppHostElementCollection> {
public:
    explicit element_collection_object(element_ptr element) : element_(std::move(element)) {}

    HRESULT STDMETHODCALLTYPE get_Count(DWORD* count) override {
        if (count == nullptr) return E_POINTER;
        *count = static_cast<DWORD>(element_->collection.size());
        return S_OK;
    }
    // By index, or by the entry's key (its name attribute, else its first attribute).
    HRESULT STDMETHODCALLTYPE get_Item(VARIANT index, IAppHostElement** element) override {
        if (element == nullptr) return E_POINTER;
        *element = nullptr;
        return guarded([&] {
            const auto& entries = element_->collection;
            std::size_t position = 0;
            const HRESULT hr = resolve_item(
                index, entries.size(),
                [&](std::size_t i, const std::string& key) {
                    return config::collection_key(entries[i]) == key;
                },
                position);
            if (FAILED(hr)) return hr;
            *element = new_element(element_, entries[position]);
            return S_OK;
        });
    }
    HRESULT STDMETHODCALLTYPE AddElement(IAppHostElement*, INT) override { return E_NOTIMPL; }
    HRESULT STDMETHODCALLTYPE DeleteElement(VARIANT) override { return E_NOTIMPL; }
    HRESULT STDMETHODCALLTYPE Clear() override { return E_NOTIMPL; }
    HRESULT STDMETHODCALLTYPE CreateNewElement(BSTR, IAppHostElement** element) override {
        if (element != nullptr) *element = nullptr;
        return E_NOTIMPL;
    }
    HRESULT STDMETHODCALLTYPE get_Schema(IAppHostCollectionSchema** schema) override {
        if (schema != nullptr) *schema = nullptr;
        return E_NOTIMPL;
    }

private:
    element_ptr element_;
};

class element_object final : public com_object<IAppHostElement> {
public:
    explicit element_object(element_ptr element) : element_(std::move(element)) {}

    HRESULT STDMETHODCALLTYPE get_Name(BSTR* name) override {
        if (name == nullptr) return E_POINTER;
        *name = nullptr;
        return guarded([&] { return to_bstr(element_->name, name); });
    }
    // Without a schema any element may hold a collection, so this always succeeds (an element
    // without <add> entries has an empty one) rather than leave a module with NULL.
    HRESULT STDMETHODCALLTYPE get_Collection(IAppHostElementCollection** collection) override {
        if (collection == nullptr) return E_POINTER;
        *collection = nullptr;
        return guarded([&] {
            *collection = new element_collection_object(element_);
            return S_OK;
        });
    }
    HRESULT STDMETHODCALLTYPE get_Properties(IAppHostPropertyCollection** properties) override {
        if (properties == nullptr) return E_POINTER;
        *properties = nullptr;
        return guarded([&] {
            *properties = new property_collection_object(element_);
            return S_OK;
        });
    }
    HRESULT STDMETHODCALLTYPE
    get_ChildElements(IAppHostChildElementCollection** elements) override {
        if (elements == nullptr) return E_POINTER;
        *elements = nullptr;
        return guarded([&] {
            *elements = new child_collection_object(element_);
            return S_OK;
        });
    }
    HRESULT STDMETHODCALLTYPE GetMetadata(BSTR, VARIANT* value) override {
        if (value != nullptr) VariantInit(value);
        return E_NOTIMPL;
    }
    HRESULT STDMETHODCALLTYPE SetMetadata(BSTR, VARIANT) override { return E_NOTIMPL; }
    HRESULT STDMETHODCALLTYPE get_Schema(IAppHostElementSchema** schema) override {
        if (schema != nullptr) *schema = nullptr;
        return E_NOTIMPL;
    }
    HRESULT STDMETHODCALLTYPE GetElementByName(BSTR name, IAppHostElement** element) override {
        if (element == nullptr) return E_POINTER;
        *element = nullptr;
        if (name == nullptr) return E_INVALIDARG;
        return guarded([&] {
            const config::merged_element* child = element_->find_child(from_bstr(name));
            if (child == nullptr) return invalid_index;
            *element = new_element(element_, *child);
            return S_OK;
        });
    }
    HRESULT STDMETHODCALLTYPE GetPropertyByName(BSTR name, IAppHostProperty** property) override {
        if (property == nullptr) return E_POINTER;
        *property = nullptr;
        if (name == nullptr) return E_INVALIDARG;
        return guarded([&] {
            const config::attribute* attribute = element_->find_attribute(from_bstr(name));
            if (attribute == nullptr) return invalid_index;
            *property = new_property(element_, *attribute);
            return S_OK;
        });
    }
    HRESULT STDMETHODCALLTYPE Clear() override { return E_NOTIMPL; }
    HRESULT STDMETHODCALLTYPE get_Methods(IAppHostMethodCollection** methods) override {
        if (methods != nullptr) *methods = nullptr;
        return E_NOTIMPL;
    }

private:
    element_ptr element_;
};

IAppHostElement* new_element(const element_ptr& owner, const config::merged_element& element) {
    return new element_object(element_ptr(owner, &element));
}

class admin_manager final : public com_object<IAppHostAdminManager> {
public:
    explicit admin_manager(bool pinned) : com_object(pinned) {}

    HRESULT STDMETHODCALLTYPE GetAdminSection(BSTR section_name, BSTR path,
                                              IAppHostElement** section) override {
        if (section == nullptr) return E_POINTER;
        *section = nullptr;
        if (section_name == nullptr || path == nullptr) return E_INVALIDARG;
        return guarded([&]() -> HRESULT {
            const auto snapshot = admin_configuration();
            if (!snapshot) return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
            auto found = config::section_for(*snapshot, from_bstr(section_name), from_bstr(path));
            switch (found.status) {
                case config::section_status::found: break;
                case config::section_status::unknown_section:
                    return HRESULT_FROM_WIN32(ERROR_INVALID_DATA);
                case config::section_status::invalid_path: return E_INVALIDARG;
                case config::section_status::path_not_found:
                    // What the IIS reference lists for "the requested path was not found".
                    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
            }
            *section = new element_object(
                std::make_shared<const config::merged_element>(std::move(found.element)));
            return S_OK;
        });
    }
    HRESULT STDMETHODCALLTYPE GetMetadata(BSTR, VARIANT* value) override {
        if (value != nullptr) VariantInit(value);
        return E_NOTIMPL;
    }
    HRESULT STDMETHODCALLTYPE SetMetadata(BSTR, VARIANT) override { return E_NOTIMPL; }
    HRESULT STDMETHODCALLTYPE get_ConfigManager(IAppHostConfigManager** manager) override {
        if (manager != nullptr) *manager = nullptr;
        return E_NOTIMPL;
    }
};

}  // namespace

void publish_admin_configuration(std::shared_ptr<const config::snapshot> snapshot) {
    auto& state = published();
    std::lock_guard lock(state.mutex);
    // The previous snapshot ends up in the parameter, freed after the lock is released.
    state.snapshot.swap(snapshot);
}

std::shared_ptr<const config::snapshot> admin_configuration() {
    auto& state = published();
    std::lock_guard lock(state.mutex);
    return state.snapshot;
}

IAppHostAdminManager* server_admin_manager() {
    static auto* manager = new admin_manager(/*pinned=*/true);
    return manager;
}

int create_admin_object(const _GUID& clsid, const _GUID& iid, void** object) {
    if (object == nullptr) return E_POINTER;
    *object = nullptr;
    if (!IsEqualGUID(clsid, __uuidof(AppHostAdminManager))) return REGDB_E_CLASSNOTREG;
    return guarded([&] {
        auto* manager = new admin_manager(/*pinned=*/false);
        const HRESULT hr = manager->QueryInterface(iid, object);
        manager->Release();
        return hr;
    });
}

}  // namespace lintel::api
