// comdef.h - Lintel SDK: the MSVC COM support classes, small versions.
//
//   _com_error      an HRESULT carried as an exception (thrown by _com_issue_error).
//   _bstr_t         an owned BSTR with a cached UTF-8 copy for the narrow conversion.
//                   Copies are deep (MSVC shares a reference-counted buffer; not observable
//                   through this interface except by comparing GetBSTR() pointers).
//   _variant_t      a VARIANT that owns its contents (VariantClear on destruction).
//   _com_ptr_t<I>   an AddRef/Release smart pointer; _COM_SMARTPTR_TYPEDEF(I, iid) declares
//                   IPtr. The iid argument is ignored: the IID is __uuidof(I).
// Errors throw _com_error where MSVC's classes do (allocation failures, failed conversions,
// CreateInstance through the throwing helpers is not provided).

#include <windows.h>

#ifndef LINTEL_COMDEF_H
#define LINTEL_COMDEF_H

#include <oleauto.h>

#include <utility>

class _com_error {
public:
    explicit _com_error(HRESULT hr, IUnknown* /*error_info*/ = nullptr, bool = false) noexcept
        : hr_(hr) {}
    _com_error(const _com_error& other) noexcept : hr_(other.hr_) {}
    _com_error& operator=(const _com_error& other) noexcept {
        hr_ = other.hr_;
        message_.clear();
        return *this;
    }
    virtual ~_com_error() = default;

    HRESULT Error() const noexcept { return hr_; }
    WORD WCode() const noexcept {
        return hr_ >= static_cast<HRESULT>(0x80040200) && hr_ <= static_cast<HRESULT>(0x8004FFFF)
                   ? static_cast<WORD>(hr_ - static_cast<HRESULT>(0x80040200))
                   : 0;
    }
    // "Unknown error 0x8007000E"-style text (TCHAR, cached in the object).
    const TCHAR* ErrorMessage() const {
        if (message_.empty()) {
            char text[64];
            snprintf(text, sizeof(text), "Unknown error 0x%08X", static_cast<unsigned>(hr_));
            for (const char* p = text; *p != '\0'; ++p) {
                message_ += static_cast<TCHAR>(*p);
            }
        }
        return message_.c_str();
    }
    // No IErrorInfo on Lintel: description, source and help are empty.
    BSTR Description() const noexcept { return nullptr; }
    BSTR Source() const noexcept { return nullptr; }
    BSTR HelpFile() const noexcept { return nullptr; }
    DWORD HelpContext() const noexcept { return 0; }

private:
    HRESULT hr_;
    mutable std::basic_string<TCHAR> message_;
};

[[noreturn]] inline void _com_issue_error(HRESULT hr) {
    throw _com_error(hr);
}
[[noreturn]] inline void _com_issue_errorex(HRESULT hr, IUnknown*, REFIID) {
    throw _com_error(hr);
}
[[noreturn]] inline void _com_raise_error(HRESULT hr, IUnknown* = nullptr) {
    throw _com_error(hr);
}

namespace _com_util {
// Returns a BSTR (free with SysFreeString); UTF-8 input.
inline BSTR ConvertStringToBSTR(const char* text) {
    if (text == nullptr) {
        return nullptr;
    }
    const std::wstring wide = ::lintel::sdk::widen(text);
    BSTR result = SysAllocStringLen(wide.c_str(), static_cast<UINT>(wide.size()));
    if (result == nullptr) {
        _com_issue_error(E_OUTOFMEMORY);
    }
    return result;
}
// Returns a new[] char array (free with delete[]); UTF-8 output.
inline char* ConvertBSTRToString(BSTR text) {
    if (text == nullptr) {
        return nullptr;
    }
    const std::string narrow = ::lintel::sdk::narrow(text);
    char* result = new char[narrow.size() + 1];
    memcpy(result, narrow.c_str(), narrow.size() + 1);
    return result;
}
}  // namespace _com_util

class _variant_t;

class _bstr_t {
public:
    _bstr_t() noexcept : bstr_(nullptr) {}
    _bstr_t(const _bstr_t& other) : bstr_(copy(other.bstr_)) {}
    _bstr_t(_bstr_t&& other) noexcept : bstr_(other.bstr_), narrow_(std::move(other.narrow_)) {
        other.bstr_ = nullptr;
        other.narrow_.clear();
    }
    _bstr_t(const char* text) : bstr_(_com_util::ConvertStringToBSTR(text)) {}
    _bstr_t(const wchar_t* text) : bstr_(nullptr) {
        if (text != nullptr) {
            bstr_ = SysAllocString(text);
            if (bstr_ == nullptr) {
                _com_issue_error(E_OUTOFMEMORY);
            }
        }
    }
    // copy == false takes ownership of the BSTR.
    _bstr_t(BSTR text, bool copy_text) : bstr_(copy_text ? copy(text) : text) {}
    inline _bstr_t(const _variant_t& value);
    ~_bstr_t() { SysFreeString(bstr_); }

    _bstr_t& operator=(const _bstr_t& other) {
        if (this != &other) {
            BSTR fresh = copy(other.bstr_);
            SysFreeString(bstr_);
            bstr_ = fresh;
            narrow_.clear();
        }
        return *this;
    }
    _bstr_t& operator=(_bstr_t&& other) noexcept {
        if (this != &other) {
            SysFreeString(bstr_);
            bstr_ = other.bstr_;
            narrow_ = std::move(other.narrow_);
            other.bstr_ = nullptr;
            other.narrow_.clear();
        }
        return *this;
    }
    _bstr_t& operator=(const char* text) { return *this = _bstr_t(text); }
    _bstr_t& operator=(const wchar_t* text) { return *this = _bstr_t(text); }

    _bstr_t& operator+=(const _bstr_t& other) {
        const UINT a = length();
        const UINT b = other.length();
        BSTR joined = SysAllocStringLen(nullptr, a + b);
        if (joined == nullptr) {
            _com_issue_error(E_OUTOFMEMORY);
        }
        if (a != 0) {
            memcpy(joined, bstr_, a * sizeof(OLECHAR));
        }
        if (b != 0) {
            memcpy(joined + a, other.bstr_, b * sizeof(OLECHAR));
        }
        SysFreeString(bstr_);
        bstr_ = joined;
        narrow_.clear();
        return *this;
    }
    _bstr_t operator+(const _bstr_t& other) const {
        _bstr_t result(*this);
        result += other;
        return result;
    }
    friend _bstr_t operator+(const char* a, const _bstr_t& b) { return _bstr_t(a) + b; }
    friend _bstr_t operator+(const wchar_t* a, const _bstr_t& b) { return _bstr_t(a) + b; }

    // NULL when the _bstr_t holds no string, as with MSVC.
    operator const wchar_t*() const noexcept { return bstr_; }
    operator wchar_t*() const noexcept { return bstr_; }
    // UTF-8 copy, cached until the next modification.
    operator const char*() const {
        if (bstr_ == nullptr) {
            return nullptr;
        }
        if (narrow_.empty() && length() != 0) {
            narrow_ = ::lintel::sdk::narrow(bstr_);
        }
        return narrow_.c_str();
    }
    operator char*() const { return const_cast<char*>(static_cast<const char*>(*this)); }

    bool operator!() const noexcept { return bstr_ == nullptr; }
    bool operator==(const _bstr_t& other) const noexcept { return compare(other) == 0; }
    bool operator!=(const _bstr_t& other) const noexcept { return compare(other) != 0; }
    bool operator<(const _bstr_t& other) const noexcept { return compare(other) < 0; }
    bool operator>(const _bstr_t& other) const noexcept { return compare(other) > 0; }
    bool operator<=(const _bstr_t& other) const noexcept { return compare(other) <= 0; }
    bool operator>=(const _bstr_t& other) const noexcept { return compare(other) >= 0; }

    UINT length() const noexcept { return SysStringLen(bstr_); }
    BSTR copy(bool copy_text = true) const { return copy_text ? copy(bstr_) : bstr_; }
    BSTR GetBSTR() const noexcept { return bstr_; }
    BSTR& GetBSTR() noexcept { return bstr_; }
    // Releases the current string and returns the slot to fill (for [out] BSTR* parameters).
    BSTR* GetAddress() noexcept {
        SysFreeString(bstr_);
        bstr_ = nullptr;
        narrow_.clear();
        return &bstr_;
    }
    void Assign(BSTR text) {
        BSTR fresh = copy(text);
        SysFreeString(bstr_);
        bstr_ = fresh;
        narrow_.clear();
    }
    void Attach(BSTR text) noexcept {
        SysFreeString(bstr_);
        bstr_ = text;
        narrow_.clear();
    }
    BSTR Detach() noexcept {
        BSTR text = bstr_;
        bstr_ = nullptr;
        narrow_.clear();
        return text;
    }

private:
    static BSTR copy(BSTR text) {
        if (text == nullptr) {
            return nullptr;
        }
        BSTR fresh = SysAllocStringLen(text, SysStringLen(text));
        if (fresh == nullptr) {
            _com_issue_error(E_OUTOFMEMORY);
        }
        return fresh;
    }
    int compare(const _bstr_t& other) const noexcept {
        const UINT a = length();
        const UINT b = other.length();
        const UINT n = a < b ? a : b;
        for (UINT i = 0; i < n; ++i) {
            if (bstr_[i] != other.bstr_[i]) {
                return bstr_[i] < other.bstr_[i] ? -1 : 1;
            }
        }
        return a < b ? -1 : (a > b ? 1 : 0);
    }

    BSTR bstr_;
    mutable std::string narrow_;
};

// Integral constructors follow Windows widths: int and long (32-bit there) give VT_I4 when the
// value fits, 64-bit values VT_I8; unsigned likewise VT_UI4 / VT_UI8.
class _variant_t : public tagVARIANT {
public:
    _variant_t() noexcept { VariantInit(this); }
    _variant_t(const VARIANT& other) {
        VariantInit(this);
        check(VariantCopy(this, &other));
    }
    _variant_t(const _variant_t& other) : _variant_t(static_cast<const VARIANT&>(other)) {}
    _variant_t(_variant_t&& other) noexcept {
        memcpy(static_cast<void*>(static_cast<VARIANT*>(this)),
               static_cast<const void*>(static_cast<VARIANT*>(&other)), sizeof(VARIANT));
        VariantInit(&other);
    }
    // copy == false takes ownership of the VARIANT's contents.
    _variant_t(VARIANT& other, bool copy_value) {
        VariantInit(this);
        if (copy_value) {
            check(VariantCopy(this, &other));
        } else {
            memcpy(static_cast<void*>(static_cast<VARIANT*>(this)),
                   static_cast<const void*>(&other), sizeof(VARIANT));
            VariantInit(&other);
        }
    }
    _variant_t(short value, VARTYPE type = VT_I2) {
        VariantInit(this);
        if (type == VT_BOOL) {
            vt = VT_BOOL;
            boolVal = value != 0 ? VARIANT_TRUE : VARIANT_FALSE;
        } else {
            vt = VT_I2;
            iVal = value;
        }
    }
    _variant_t(int value) noexcept { set_signed(value); }
    _variant_t(long value) noexcept { set_signed(value); }
    _variant_t(long long value) noexcept { set_signed(value); }
    _variant_t(unsigned short value) noexcept {
        VariantInit(this);
        vt = VT_UI2;
        uiVal = value;
    }
    _variant_t(unsigned int value) noexcept { set_unsigned(value); }
    _variant_t(unsigned long value) noexcept { set_unsigned(value); }
    _variant_t(unsigned long long value) noexcept { set_unsigned(value); }
    _variant_t(char value) noexcept {
        VariantInit(this);
        vt = VT_I1;
        cVal = value;
    }
    _variant_t(unsigned char value) noexcept {
        VariantInit(this);
        vt = VT_UI1;
        bVal = value;
    }
    _variant_t(bool value) noexcept {
        VariantInit(this);
        vt = VT_BOOL;
        boolVal = value ? VARIANT_TRUE : VARIANT_FALSE;
    }
    _variant_t(float value) noexcept {
        VariantInit(this);
        vt = VT_R4;
        fltVal = value;
    }
    _variant_t(double value, VARTYPE type = VT_R8) noexcept {
        VariantInit(this);
        vt = type == VT_DATE ? VT_DATE : VT_R8;
        dblVal = value;
    }
    _variant_t(const _bstr_t& value) {
        VariantInit(this);
        vt = VT_BSTR;
        bstrVal = value.copy();
    }
    _variant_t(const wchar_t* value) {
        VariantInit(this);
        vt = VT_BSTR;
        bstrVal = _bstr_t(value).Detach();
    }
    _variant_t(const char* value) {
        VariantInit(this);
        vt = VT_BSTR;
        bstrVal = _bstr_t(value).Detach();
    }
    _variant_t(IUnknown* value, bool add_ref = true) noexcept {
        VariantInit(this);
        vt = VT_UNKNOWN;
        punkVal = value;
        if (add_ref && value != nullptr) {
            value->AddRef();
        }
    }
    _variant_t(IDispatch* value, bool add_ref = true) noexcept {
        VariantInit(this);
        vt = VT_DISPATCH;
        pdispVal = value;
        if (add_ref && value != nullptr) {
            reinterpret_cast<IUnknown*>(value)->AddRef();
        }
    }
    ~_variant_t() { VariantClear(this); }

    _variant_t& operator=(const _variant_t& other) {
        if (this != &other) {
            check(VariantCopy(this, &other));
        }
        return *this;
    }
    _variant_t& operator=(const VARIANT& other) {
        check(VariantCopy(this, &other));
        return *this;
    }
    _variant_t& operator=(_variant_t&& other) noexcept {
        if (this != &other) {
            VariantClear(this);
            memcpy(static_cast<void*>(static_cast<VARIANT*>(this)),
                   static_cast<const void*>(static_cast<VARIANT*>(&other)), sizeof(VARIANT));
            VariantInit(&other);
        }
        return *this;
    }
    template <typename T>
    _variant_t& operator=(const T& value) {
        return *this = _variant_t(value);
    }

    void Clear() { check(VariantClear(this)); }
    void ChangeType(VARTYPE type, const _variant_t* source = nullptr) {
        check(VariantChangeType(this, source != nullptr ? source : this, 0, type));
    }
    void Attach(VARIANT& other) {
        Clear();
        memcpy(static_cast<void*>(static_cast<VARIANT*>(this)), static_cast<const void*>(&other),
               sizeof(VARIANT));
        VariantInit(&other);
    }
    VARIANT Detach() noexcept {
        VARIANT out;
        memcpy(static_cast<void*>(&out), static_cast<const void*>(static_cast<VARIANT*>(this)),
               sizeof(VARIANT));
        VariantInit(this);
        return out;
    }
    VARIANT& GetVARIANT() noexcept { return *this; }
    VARIANT* GetAddress() {
        Clear();
        return this;
    }

    // Extractors convert a copy with VariantChangeType (throwing _com_error on failure).
    operator short() const { return converted(VT_I2).iVal; }
    operator long() const { return converted(VT_I4).lVal; }
    operator int() const { return converted(VT_I4).lVal; }
    operator long long() const { return converted(VT_I8).llVal; }
    operator unsigned short() const { return converted(VT_UI2).uiVal; }
    operator unsigned long() const { return converted(VT_UI4).ulVal; }
    operator unsigned int() const { return converted(VT_UI4).ulVal; }
    operator unsigned long long() const { return converted(VT_UI8).ullVal; }
    operator bool() const { return converted(VT_BOOL).boolVal != VARIANT_FALSE; }
    operator float() const { return converted(VT_R4).fltVal; }
    operator double() const { return converted(VT_R8).dblVal; }
    operator _bstr_t() const { return _bstr_t(*this); }

private:
    static void check(HRESULT hr) {
        if (FAILED(hr)) {
            _com_issue_error(hr);
        }
    }
    _variant_t converted(VARTYPE type) const {
        _variant_t result;
        check(VariantChangeType(&result, this, 0, type));
        return result;
    }
    void set_signed(long long value) noexcept {
        VariantInit(this);
        if (value >= -2147483647LL - 1 && value <= 2147483647LL) {
            vt = VT_I4;
            lVal = static_cast<LONG>(value);
        } else {
            vt = VT_I8;
            llVal = value;
        }
    }
    void set_unsigned(unsigned long long value) noexcept {
        VariantInit(this);
        if (value <= 0xFFFFFFFFull) {
            vt = VT_UI4;
            ulVal = static_cast<ULONG>(value);
        } else {
            vt = VT_UI8;
            ullVal = value;
        }
    }
};

inline _bstr_t::_bstr_t(const _variant_t& value) : bstr_(nullptr) {
    if (value.vt == VT_BSTR) {
        bstr_ = copy(value.bstrVal);
        return;
    }
    VARIANT text;
    VariantInit(&text);
    const HRESULT hr = VariantChangeType(&text, &value, 0, VT_BSTR);
    if (FAILED(hr)) {
        _com_issue_error(hr);
    }
    bstr_ = text.bstrVal;  // ownership moves to this object
}

template <typename I>
class _com_ptr_t {
public:
    typedef I Interface;

    // NULL and nullptr arrive through the I* constructor (one conversion, no ambiguity).
    _com_ptr_t() noexcept : p_(nullptr) {}
    _com_ptr_t(I* p, bool add_ref = true) noexcept : p_(p) {
        if (add_ref && p_ != nullptr) {
            p_->AddRef();
        }
    }
    _com_ptr_t(const _com_ptr_t& other) noexcept : p_(other.p_) {
        if (p_ != nullptr) {
            p_->AddRef();
        }
    }
    _com_ptr_t(_com_ptr_t&& other) noexcept : p_(other.p_) { other.p_ = nullptr; }
    // From another interface pointer: QueryInterface (NULL if unsupported).
    template <typename Q>
    explicit _com_ptr_t(Q* other) : p_(nullptr) {
        if (other != nullptr) {
            other->QueryInterface(__uuidof(I), reinterpret_cast<void**>(&p_));
        }
    }
    template <typename Q>
    explicit _com_ptr_t(const _com_ptr_t<Q>& other) : _com_ptr_t(other.GetInterfacePtr()) {}
    // CoCreateInstance of a class (throws _com_error on failure).
    explicit _com_ptr_t(const CLSID& clsid, IUnknown* outer = nullptr, DWORD context = CLSCTX_ALL)
        : p_(nullptr) {
        const HRESULT hr = CreateInstance(clsid, outer, context);
        if (FAILED(hr) && hr != E_NOINTERFACE) {
            _com_issue_error(hr);
        }
    }
    ~_com_ptr_t() { _Release(); }

    _com_ptr_t& operator=(const _com_ptr_t& other) noexcept {
        if (p_ != other.p_) {
            I* old = p_;
            p_ = other.p_;
            if (p_ != nullptr) {
                p_->AddRef();
            }
            if (old != nullptr) {
                old->Release();
            }
        }
        return *this;
    }
    _com_ptr_t& operator=(_com_ptr_t&& other) noexcept {
        if (this != &other) {
            _Release();
            p_ = other.p_;
            other.p_ = nullptr;
        }
        return *this;
    }
    _com_ptr_t& operator=(I* p) noexcept {
        if (p_ != p) {
            if (p != nullptr) {
                p->AddRef();
            }
            _Release();
            p_ = p;
        }
        return *this;
    }

    HRESULT CreateInstance(const CLSID& clsid, IUnknown* outer = nullptr,
                           DWORD context = CLSCTX_ALL) noexcept {
        _Release();
        return CoCreateInstance(clsid, outer, context, __uuidof(I), reinterpret_cast<void**>(&p_));
    }
    HRESULT CreateInstance(LPCWSTR clsid_string, IUnknown* outer = nullptr,
                           DWORD context = CLSCTX_ALL) noexcept {
        CLSID clsid;
        const HRESULT hr = CLSIDFromString(clsid_string, &clsid);
        if (FAILED(hr)) {
            return hr;
        }
        return CreateInstance(clsid, outer, context);
    }
    template <typename Q>
    HRESULT QueryInterface(const IID& iid, Q** out) const noexcept {
        if (p_ == nullptr) {
            return E_POINTER;
        }
        return p_->QueryInterface(iid, reinterpret_cast<void**>(out));
    }
    template <typename Q>
    HRESULT QueryInterface(const IID& iid, Q*& out) const noexcept {
        return QueryInterface(iid, &out);
    }

    void Attach(I* p) noexcept {
        _Release();
        p_ = p;
    }
    void Attach(I* p, bool add_ref) noexcept {
        if (add_ref && p != nullptr) {
            p->AddRef();
        }
        Attach(p);
    }
    I* Detach() noexcept {
        I* p = p_;
        p_ = nullptr;
        return p;
    }
    void Release() {
        if (p_ == nullptr) {
            _com_issue_error(E_POINTER);
        }
        _Release();
    }
    void AddRef() {
        if (p_ == nullptr) {
            _com_issue_error(E_POINTER);
        }
        p_->AddRef();
    }
    I* GetInterfacePtr() const noexcept { return p_; }
    I*& GetInterfacePtr() noexcept { return p_; }

    operator I*() const noexcept { return p_; }
    I& operator*() const {
        if (p_ == nullptr) {
            _com_issue_error(E_POINTER);
        }
        return *p_;
    }
    I* operator->() const {
        if (p_ == nullptr) {
            _com_issue_error(E_POINTER);
        }
        return p_;
    }
    // For [out] parameters: releases the current interface and returns the slot.
    I** operator&() noexcept {
        _Release();
        return &p_;
    }
    explicit operator bool() const noexcept { return p_ != nullptr; }
    bool operator!() const noexcept { return p_ == nullptr; }
    bool operator==(I* p) const noexcept { return p_ == p; }
    bool operator!=(I* p) const noexcept { return p_ != p; }
    bool operator==(const _com_ptr_t& other) const noexcept { return p_ == other.p_; }
    bool operator!=(const _com_ptr_t& other) const noexcept { return p_ != other.p_; }

private:
    void _Release() noexcept {
        if (p_ != nullptr) {
            I* p = p_;
            p_ = nullptr;
            p->Release();
        }
    }

    I* p_;
};

// _COM_SMARTPTR_TYPEDEF(IFoo, __uuidof(IFoo)) declares IFooPtr. The IID argument is not used
// (the smart pointer asks __uuidof(IFoo), which LINTEL_DECLARE_UUID sets).
#define _COM_SMARTPTR_TYPEDEF(Interface, iid) typedef ::_com_ptr_t<Interface> Interface##Ptr

_COM_SMARTPTR_TYPEDEF(IUnknown, __uuidof(IUnknown));
_COM_SMARTPTR_TYPEDEF(IDispatch, __uuidof(IDispatch));

#endif  // LINTEL_COMDEF_H
