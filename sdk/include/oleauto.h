// oleauto.h - Lintel SDK: BSTR, VARIANT and IDispatch.
//
// BSTR layout (shared by the server and modules, so a BSTR allocated on one side can be freed on
// the other): a malloc block holding a 32-bit byte length, then the characters (wchar_t, 4 bytes
// each), then a NUL wchar_t; the BSTR points at the first character. SysStringLen reads the
// length prefix, so it must only be given real BSTRs; code receiving a BSTR from a module should
// use wcslen (modules sometimes pass a plain L"..." literal where a BSTR is expected).

#include <windows.h>

#ifndef LINTEL_OLEAUTO_H
#define LINTEL_OLEAUTO_H

#include <unknwn.h>

typedef OLECHAR* BSTR;
typedef BSTR* LPBSTR;
typedef unsigned short VARTYPE;
typedef short VARIANT_BOOL;
typedef double DATE;
typedef LONG DISPID;
typedef DISPID MEMBERID;

#define VARIANT_TRUE (static_cast<VARIANT_BOOL>(-1))
#define VARIANT_FALSE (static_cast<VARIANT_BOOL>(0))

typedef union tagCY {
    struct {
        ULONG Lo;
        LONG Hi;
    };
    LONGLONG int64;
} CY, *LPCY;

typedef struct tagDEC {
    USHORT wReserved;
    union {
        struct {
            BYTE scale;
            BYTE sign;
        };
        USHORT signscale;
    };
    ULONG Hi32;
    union {
        struct {
            ULONG Lo32;
            ULONG Mid32;
        };
        ULONGLONG Lo64;
    };
} DECIMAL, *LPDECIMAL;

enum VARENUM {
    VT_EMPTY = 0,
    VT_NULL = 1,
    VT_I2 = 2,
    VT_I4 = 3,
    VT_R4 = 4,
    VT_R8 = 5,
    VT_CY = 6,
    VT_DATE = 7,
    VT_BSTR = 8,
    VT_DISPATCH = 9,
    VT_ERROR = 10,
    VT_BOOL = 11,
    VT_VARIANT = 12,
    VT_UNKNOWN = 13,
    VT_DECIMAL = 14,
    VT_I1 = 16,
    VT_UI1 = 17,
    VT_UI2 = 18,
    VT_UI4 = 19,
    VT_I8 = 20,
    VT_UI8 = 21,
    VT_INT = 22,
    VT_UINT = 23,
    VT_VOID = 24,
    VT_HRESULT = 25,
    VT_PTR = 26,
    VT_SAFEARRAY = 27,
    VT_CARRAY = 28,
    VT_USERDEFINED = 29,
    VT_LPSTR = 30,
    VT_LPWSTR = 31,
    VT_RECORD = 36,
    VT_INT_PTR = 37,
    VT_UINT_PTR = 38,
    VT_FILETIME = 64,
    VT_BLOB = 65,
    VT_STREAM = 66,
    VT_STORAGE = 67,
    VT_STREAMED_OBJECT = 68,
    VT_STORED_OBJECT = 69,
    VT_BLOB_OBJECT = 70,
    VT_CF = 71,
    VT_CLSID = 72,
    VT_VERSIONED_STREAM = 73,
    VT_BSTR_BLOB = 0x0FFF,
    VT_VECTOR = 0x1000,
    VT_ARRAY = 0x2000,
    VT_BYREF = 0x4000,
    VT_RESERVED = 0x8000,
    VT_ILLEGAL = 0xFFFF,
    VT_ILLEGALMASKED = 0x0FFF,
    VT_TYPEMASK = 0x0FFF
};

struct IDispatch;
struct IRecordInfo;
struct ITypeInfo;
struct tagSAFEARRAY;
typedef struct tagSAFEARRAY SAFEARRAY;
typedef SAFEARRAY* LPSAFEARRAY;

typedef struct tagVARIANT VARIANT;
struct tagVARIANT {
    union {
        struct {
            VARTYPE vt;
            WORD wReserved1;
            WORD wReserved2;
            WORD wReserved3;
            union {
                LONGLONG llVal;
                LONG lVal;
                BYTE bVal;
                SHORT iVal;
                FLOAT fltVal;
                DOUBLE dblVal;
                VARIANT_BOOL boolVal;
                SCODE scode;
                CY cyVal;
                DATE date;
                BSTR bstrVal;
                IUnknown* punkVal;
                IDispatch* pdispVal;
                SAFEARRAY* parray;
                BYTE* pbVal;
                SHORT* piVal;
                LONG* plVal;
                LONGLONG* pllVal;
                FLOAT* pfltVal;
                DOUBLE* pdblVal;
                VARIANT_BOOL* pboolVal;
                SCODE* pscode;
                CY* pcyVal;
                DATE* pdate;
                BSTR* pbstrVal;
                IUnknown** ppunkVal;
                IDispatch** ppdispVal;
                SAFEARRAY** pparray;
                VARIANT* pvarVal;
                PVOID byref;
                CHAR cVal;
                USHORT uiVal;
                ULONG ulVal;
                ULONGLONG ullVal;
                INT intVal;
                UINT uintVal;
                DECIMAL* pdecVal;
                CHAR* pcVal;
                USHORT* puiVal;
                ULONG* pulVal;
                ULONGLONG* pullVal;
                INT* pintVal;
                UINT* puintVal;
                struct {
                    PVOID pvRecord;
                    IRecordInfo* pRecInfo;
                };
            };
        };
        DECIMAL decVal;
    };
};
typedef VARIANT* LPVARIANT;
typedef VARIANT VARIANTARG;
typedef VARIANT* LPVARIANTARG;
static_assert(sizeof(VARIANT) == 24, "VARIANT layout as on x64 Windows");

#define V_VT(X) ((X)->vt)
#define V_ISBYREF(X) (V_VT(X) & VT_BYREF)
#define V_ISARRAY(X) (V_VT(X) & VT_ARRAY)
#define V_ISVECTOR(X) (V_VT(X) & VT_VECTOR)
#define V_NONE(X) V_I2(X)
#define V_UI1(X) ((X)->bVal)
#define V_UI1REF(X) ((X)->pbVal)
#define V_I1(X) ((X)->cVal)
#define V_I1REF(X) ((X)->pcVal)
#define V_I2(X) ((X)->iVal)
#define V_I2REF(X) ((X)->piVal)
#define V_UI2(X) ((X)->uiVal)
#define V_UI2REF(X) ((X)->puiVal)
#define V_I4(X) ((X)->lVal)
#define V_I4REF(X) ((X)->plVal)
#define V_UI4(X) ((X)->ulVal)
#define V_UI4REF(X) ((X)->pulVal)
#define V_I8(X) ((X)->llVal)
#define V_I8REF(X) ((X)->pllVal)
#define V_UI8(X) ((X)->ullVal)
#define V_UI8REF(X) ((X)->pullVal)
#define V_INT(X) ((X)->intVal)
#define V_INTREF(X) ((X)->pintVal)
#define V_UINT(X) ((X)->uintVal)
#define V_UINTREF(X) ((X)->puintVal)
#define V_R4(X) ((X)->fltVal)
#define V_R4REF(X) ((X)->pfltVal)
#define V_R8(X) ((X)->dblVal)
#define V_R8REF(X) ((X)->pdblVal)
#define V_CY(X) ((X)->cyVal)
#define V_CYREF(X) ((X)->pcyVal)
#define V_DATE(X) ((X)->date)
#define V_DATEREF(X) ((X)->pdate)
#define V_BSTR(X) ((X)->bstrVal)
#define V_BSTRREF(X) ((X)->pbstrVal)
#define V_DISPATCH(X) ((X)->pdispVal)
#define V_DISPATCHREF(X) ((X)->ppdispVal)
#define V_ERROR(X) ((X)->scode)
#define V_ERRORREF(X) ((X)->pscode)
#define V_BOOL(X) ((X)->boolVal)
#define V_BOOLREF(X) ((X)->pboolVal)
#define V_UNKNOWN(X) ((X)->punkVal)
#define V_UNKNOWNREF(X) ((X)->ppunkVal)
#define V_VARIANTREF(X) ((X)->pvarVal)
#define V_ARRAY(X) ((X)->parray)
#define V_ARRAYREF(X) ((X)->pparray)
#define V_BYREF(X) ((X)->byref)
#define V_DECIMAL(X) ((X)->decVal)
#define V_DECIMALREF(X) ((X)->pdecVal)
#define V_RECORD(X) ((X)->pvRecord)
#define V_RECORDINFO(X) ((X)->pRecInfo)

// VariantChangeType flags.
#define VARIANT_NOVALUEPROP 0x01
#define VARIANT_ALPHABOOL 0x02
#define VARIANT_NOUSEROVERRIDE 0x04
#define VARIANT_CALENDAR_HIJRI 0x08
#define VARIANT_LOCALBOOL 0x10

typedef struct tagDISPPARAMS {
    VARIANTARG* rgvarg;
    DISPID* rgdispidNamedArgs;
    UINT cArgs;
    UINT cNamedArgs;
} DISPPARAMS;

typedef struct tagEXCEPINFO {
    WORD wCode;
    WORD wReserved;
    BSTR bstrSource;
    BSTR bstrDescription;
    BSTR bstrHelpFile;
    DWORD dwHelpContext;
    PVOID pvReserved;
    HRESULT (*pfnDeferredFillIn)(struct tagEXCEPINFO*);
    SCODE scode;
} EXCEPINFO, *LPEXCEPINFO;

#define DISPATCH_METHOD 0x1
#define DISPATCH_PROPERTYGET 0x2
#define DISPATCH_PROPERTYPUT 0x4
#define DISPATCH_PROPERTYPUTREF 0x8
#define DISPID_UNKNOWN (-1)
#define DISPID_VALUE 0
#define DISPID_PROPERTYPUT (-3)

struct IDispatch : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE GetTypeInfoCount(UINT* count) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetTypeInfo(UINT index, LCID locale, ITypeInfo** info) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetIDsOfNames(REFIID iid, LPOLESTR* names, UINT count,
                                                    LCID locale, DISPID* ids) = 0;
    virtual HRESULT STDMETHODCALLTYPE Invoke(DISPID member, REFIID iid, LCID locale, WORD flags,
                                             DISPPARAMS* params, VARIANT* result,
                                             EXCEPINFO* exception, UINT* arg_error) = 0;
};
LINTEL_DECLARE_UUID(IDispatch, "00020400-0000-0000-C000-000000000046");
typedef IDispatch* LPDISPATCH;
DEFINE_GUID(IID_IDispatch, 0x00020400, 0x0000, 0x0000, 0xC0, 0, 0, 0, 0, 0, 0, 0x46);

// ---- BSTR
// ----------------------------------------------------------------------------------------
namespace lintel {
namespace sdk {
LINTEL_SDK_INLINE BSTR allocate_bstr_bytes(const void* data, UINT bytes) noexcept {
    char* block = static_cast<char*>(malloc(sizeof(UINT) + bytes + sizeof(OLECHAR)));
    if (block == nullptr) {
        return nullptr;
    }
    memcpy(block, &bytes, sizeof(UINT));
    if (data != nullptr) {
        memcpy(block + sizeof(UINT), data, bytes);
    } else {
        memset(block + sizeof(UINT), 0, bytes);
    }
    memset(block + sizeof(UINT) + bytes, 0, sizeof(OLECHAR));
    return reinterpret_cast<BSTR>(block + sizeof(UINT));
}
}  // namespace sdk
}  // namespace lintel

LINTEL_SDK_INLINE BSTR SysAllocStringLen(const OLECHAR* text, UINT length) noexcept {
    if (length > 0x3FFFFFFFu / sizeof(OLECHAR)) {
        return nullptr;
    }
    return ::lintel::sdk::allocate_bstr_bytes(text, static_cast<UINT>(length * sizeof(OLECHAR)));
}
LINTEL_SDK_INLINE BSTR SysAllocString(const OLECHAR* text) noexcept {
    if (text == nullptr) {
        return nullptr;
    }
    return SysAllocStringLen(text, static_cast<UINT>(wcslen(text)));
}
// A BSTR holding `length` bytes copied from text (narrow data carried in a BSTR).
LINTEL_SDK_INLINE BSTR SysAllocStringByteLen(LPCSTR text, UINT length) noexcept {
    return ::lintel::sdk::allocate_bstr_bytes(text, length);
}
LINTEL_SDK_INLINE void SysFreeString(BSTR text) noexcept {
    if (text != nullptr) {
        free(reinterpret_cast<char*>(text) - sizeof(UINT));
    }
}
LINTEL_SDK_INLINE UINT SysStringByteLen(BSTR text) noexcept {
    if (text == nullptr) {
        return 0;
    }
    UINT bytes = 0;
    memcpy(&bytes, reinterpret_cast<const char*>(text) - sizeof(UINT), sizeof(UINT));
    return bytes;
}
LINTEL_SDK_INLINE UINT SysStringLen(BSTR text) noexcept {
    return SysStringByteLen(text) / static_cast<UINT>(sizeof(OLECHAR));
}
LINTEL_SDK_INLINE INT SysReAllocStringLen(BSTR* target, const OLECHAR* text, UINT length) noexcept {
    if (target == nullptr) {
        return FALSE;
    }
    BSTR fresh = SysAllocStringLen(text, length);
    if (fresh == nullptr) {
        return FALSE;
    }
    SysFreeString(*target);
    *target = fresh;
    return TRUE;
}
LINTEL_SDK_INLINE INT SysReAllocString(BSTR* target, const OLECHAR* text) noexcept {
    if (text == nullptr) {
        if (target != nullptr) {
            SysFreeString(*target);
            *target = nullptr;
        }
        return TRUE;
    }
    return SysReAllocStringLen(target, text, static_cast<UINT>(wcslen(text)));
}

// ---- VARIANT
// -------------------------------------------------------------------------------------
LINTEL_SDK_INLINE void VariantInit(VARIANTARG* variant) noexcept {
    variant->vt = VT_EMPTY;
    variant->wReserved1 = 0;
    variant->wReserved2 = 0;
    variant->wReserved3 = 0;
}
// Releases what the variant owns (BSTR, interface) and leaves it VT_EMPTY. By-reference values
// are not owned. Arrays are not supported (there is no SAFEARRAY implementation).
LINTEL_SDK_INLINE HRESULT VariantClear(VARIANTARG* variant) noexcept {
    if (variant == nullptr) {
        return E_INVALIDARG;
    }
    if ((variant->vt & VT_BYREF) == 0) {
        if ((variant->vt & VT_ARRAY) != 0) {
            return DISP_E_BADVARTYPE;
        }
        switch (variant->vt) {
            case VT_BSTR: SysFreeString(variant->bstrVal); break;
            case VT_UNKNOWN:
            case VT_DISPATCH:
                if (variant->punkVal != nullptr) {
                    variant->punkVal->Release();
                }
                break;
            default: break;
        }
    }
    VariantInit(variant);
    return S_OK;
}
LINTEL_SDK_INLINE HRESULT VariantCopy(VARIANTARG* dest, const VARIANTARG* src) noexcept {
    if (dest == nullptr || src == nullptr) {
        return E_INVALIDARG;
    }
    if (dest == src) {
        return S_OK;
    }
    if ((src->vt & VT_ARRAY) != 0 && (src->vt & VT_BYREF) == 0) {
        return DISP_E_BADVARTYPE;
    }
    VARIANT copy;
    memcpy(static_cast<void*>(&copy), static_cast<const void*>(src), sizeof(VARIANT));
    if ((src->vt & VT_BYREF) == 0) {
        if (src->vt == VT_BSTR && src->bstrVal != nullptr) {
            copy.bstrVal =
                ::lintel::sdk::allocate_bstr_bytes(src->bstrVal, SysStringByteLen(src->bstrVal));
            if (copy.bstrVal == nullptr) {
                return E_OUTOFMEMORY;
            }
        } else if ((src->vt == VT_UNKNOWN || src->vt == VT_DISPATCH) && src->punkVal != nullptr) {
            src->punkVal->AddRef();
        }
    }
    const HRESULT hr = VariantClear(dest);
    if (FAILED(hr)) {
        VariantClear(&copy);
        return hr;
    }
    memcpy(static_cast<void*>(dest), static_cast<const void*>(&copy), sizeof(VARIANT));
    return S_OK;
}

namespace lintel {
namespace sdk {
// The value of a scalar variant, in the widest form that holds it exactly.
struct __attribute__((visibility("hidden"))) variant_scalar {
    enum kind_t { signed_int, unsigned_int, floating, boolean, text, none } kind;
    long long s;
    unsigned long long u;
    double f;
    std::wstring w;
};
LINTEL_SDK_INLINE HRESULT read_variant(const VARIANT& v, variant_scalar* out) {
    out->kind = variant_scalar::signed_int;
    out->s = 0;
    out->u = 0;
    out->f = 0;
    switch (v.vt) {
        case VT_EMPTY: out->s = 0; return S_OK;
        case VT_I1: out->s = v.cVal; return S_OK;
        case VT_I2: out->s = v.iVal; return S_OK;
        case VT_I4: out->s = v.lVal; return S_OK;
        case VT_INT: out->s = v.intVal; return S_OK;
        case VT_I8: out->s = v.llVal; return S_OK;
        case VT_ERROR: out->s = v.scode; return S_OK;
        case VT_UI1:
            out->kind = variant_scalar::unsigned_int;
            out->u = v.bVal;
            return S_OK;
        case VT_UI2:
            out->kind = variant_scalar::unsigned_int;
            out->u = v.uiVal;
            return S_OK;
        case VT_UI4:
            out->kind = variant_scalar::unsigned_int;
            out->u = v.ulVal;
            return S_OK;
        case VT_UINT:
            out->kind = variant_scalar::unsigned_int;
            out->u = v.uintVal;
            return S_OK;
        case VT_UI8:
            out->kind = variant_scalar::unsigned_int;
            out->u = v.ullVal;
            return S_OK;
        case VT_R4:
            out->kind = variant_scalar::floating;
            out->f = v.fltVal;
            return S_OK;
        case VT_R8:
        case VT_DATE:
            out->kind = variant_scalar::floating;
            out->f = v.dblVal;
            return S_OK;
        case VT_BOOL:
            out->kind = variant_scalar::boolean;
            out->s = v.boolVal != 0 ? -1 : 0;
            return S_OK;
        case VT_BSTR:
            out->kind = variant_scalar::text;
            out->w = v.bstrVal != nullptr ? std::wstring(v.bstrVal) : std::wstring();
            return S_OK;
        case VT_NULL: out->kind = variant_scalar::none; return S_OK;
        default: return DISP_E_TYPEMISMATCH;
    }
}
// Parses text as a number for a conversion; "True"/"False" count as -1/0.
LINTEL_SDK_INLINE HRESULT parse_variant_text(variant_scalar* value) {
    std::wstring t = value->w;
    while (!t.empty() && iswspace(static_cast<wint_t>(t.back()))) {
        t.pop_back();
    }
    size_t start = 0;
    while (start < t.size() && iswspace(static_cast<wint_t>(t[start]))) {
        ++start;
    }
    t = t.substr(start);
    if (wcscasecmp(t.c_str(), L"true") == 0 || wcscasecmp(t.c_str(), L"false") == 0) {
        value->kind = variant_scalar::boolean;
        value->s = (t[0] == L't' || t[0] == L'T') ? -1 : 0;
        return S_OK;
    }
    if (t.empty()) {
        return DISP_E_TYPEMISMATCH;
    }
    wchar_t* end = nullptr;
    errno = 0;
    const long long s = wcstoll(t.c_str(), &end, 10);
    if (end != nullptr && *end == L'\0' && errno == 0) {
        value->kind = variant_scalar::signed_int;
        value->s = s;
        return S_OK;
    }
    errno = 0;
    const unsigned long long u = wcstoull(t.c_str(), &end, 10);
    if (end != nullptr && *end == L'\0' && errno == 0 && t[0] != L'-') {
        value->kind = variant_scalar::unsigned_int;
        value->u = u;
        return S_OK;
    }
    errno = 0;
    const double f = wcstod(t.c_str(), &end);
    if (end != nullptr && *end == L'\0' && errno == 0) {
        value->kind = variant_scalar::floating;
        value->f = f;
        return S_OK;
    }
    return errno == ERANGE ? DISP_E_OVERFLOW : DISP_E_TYPEMISMATCH;
}
// Integer value in [low, high], rounding floating values half to even as OLE does.
LINTEL_SDK_INLINE HRESULT scalar_to_integer(const variant_scalar& v, long double low,
                                            long double high, long long* s,
                                            unsigned long long* u) noexcept {
    long double value = 0;
    switch (v.kind) {
        case variant_scalar::signed_int:
        case variant_scalar::boolean: value = static_cast<long double>(v.s); break;
        case variant_scalar::unsigned_int: value = static_cast<long double>(v.u); break;
        case variant_scalar::floating: {
            const long double f = v.f;
            long double r = static_cast<long double>(static_cast<long long>(f));
            const long double frac = f - r;
            if (frac > 0.5L || (frac == 0.5L && static_cast<long long>(r) % 2 != 0)) {
                r += 1;
            } else if (frac < -0.5L || (frac == -0.5L && static_cast<long long>(r) % 2 != 0)) {
                r -= 1;
            }
            value = r;
            break;
        }
        default: return DISP_E_TYPEMISMATCH;
    }
    if (value < low || value > high) {
        return DISP_E_OVERFLOW;
    }
    if (v.kind == variant_scalar::unsigned_int) {
        *u = v.u;
        *s = static_cast<long long>(v.u);
    } else {
        *s = static_cast<long long>(value);
        *u = static_cast<unsigned long long>(*s);
    }
    return S_OK;
}
}  // namespace sdk
}  // namespace lintel

// Converts between the scalar types (integers, floats, VT_BOOL, VT_BSTR, VT_EMPTY). Numbers are
// formatted and parsed in the C locale. VT_BOOL becomes "-1"/"0" as text, or "True"/"False" with
// VARIANT_ALPHABOOL or VARIANT_LOCALBOOL. dest may equal src.
LINTEL_SDK_INLINE HRESULT VariantChangeType(VARIANTARG* dest, const VARIANTARG* src, USHORT flags,
                                            VARTYPE type) noexcept {
    if (dest == nullptr || src == nullptr) {
        return E_INVALIDARG;
    }
    const VARIANT* source = src;
    while ((source->vt & VT_BYREF) != 0 && source->vt == (VT_BYREF | VT_VARIANT)) {
        source = source->pvarVal;
    }
    if (source->vt == type) {
        return VariantCopy(dest, source);
    }
    try {
        ::lintel::sdk::variant_scalar value;
        HRESULT hr = ::lintel::sdk::read_variant(*source, &value);
        if (FAILED(hr)) {
            return hr;
        }
        if (value.kind == ::lintel::sdk::variant_scalar::none) {
            return type == VT_NULL
                       ? VariantClear(dest) == S_OK ? (dest->vt = VT_NULL, S_OK) : E_FAIL
                       : DISP_E_TYPEMISMATCH;
        }
        VARIANT result;
        VariantInit(&result);
        result.llVal = 0;
        if (type == VT_BSTR) {
            std::wstring text;
            wchar_t number[64];
            switch (value.kind) {
                case ::lintel::sdk::variant_scalar::text: text = value.w; break;
                case ::lintel::sdk::variant_scalar::boolean:
                    if ((flags & (VARIANT_ALPHABOOL | VARIANT_LOCALBOOL)) != 0) {
                        text = value.s != 0 ? L"True" : L"False";
                    } else {
                        text = value.s != 0 ? L"-1" : L"0";
                    }
                    break;
                case ::lintel::sdk::variant_scalar::signed_int:
                    swprintf(number, 64, L"%lld", value.s);
                    text = number;
                    break;
                case ::lintel::sdk::variant_scalar::unsigned_int:
                    swprintf(number, 64, L"%llu", value.u);
                    text = number;
                    break;
                default:
                    swprintf(number, 64, source->vt == VT_R4 ? L"%.7g" : L"%.15g", value.f);
                    text = number;
                    break;
            }
            result.vt = VT_BSTR;
            result.bstrVal = SysAllocStringLen(text.c_str(), static_cast<UINT>(text.size()));
            if (result.bstrVal == nullptr) {
                return E_OUTOFMEMORY;
            }
        } else {
            if (value.kind == ::lintel::sdk::variant_scalar::text) {
                hr = ::lintel::sdk::parse_variant_text(&value);
                if (FAILED(hr)) {
                    return hr;
                }
            }
            long long s = 0;
            unsigned long long u = 0;
            const long double max_u64 = 18446744073709551615.0L;
            switch (type) {
                case VT_EMPTY: break;
                case VT_BOOL:
                    result.boolVal =
                        (value.kind == ::lintel::sdk::variant_scalar::floating
                             ? value.f != 0
                             : (value.kind == ::lintel::sdk::variant_scalar::unsigned_int
                                    ? value.u != 0
                                    : value.s != 0))
                            ? VARIANT_TRUE
                            : VARIANT_FALSE;
                    break;
                case VT_R4:
                case VT_R8:
                case VT_DATE: {
                    const double f = value.kind == ::lintel::sdk::variant_scalar::floating ? value.f
                                     : value.kind == ::lintel::sdk::variant_scalar::unsigned_int
                                         ? static_cast<double>(value.u)
                                         : static_cast<double>(value.s);
                    if (type == VT_R4) {
                        result.fltVal = static_cast<float>(f);
                    } else {
                        result.dblVal = f;
                    }
                    break;
                }
                case VT_I1:
                    hr = scalar_to_integer(value, -128, 127, &s, &u);
                    result.cVal = static_cast<CHAR>(s);
                    break;
                case VT_UI1:
                    hr = scalar_to_integer(value, 0, 255, &s, &u);
                    result.bVal = static_cast<BYTE>(s);
                    break;
                case VT_I2:
                    hr = scalar_to_integer(value, -32768, 32767, &s, &u);
                    result.iVal = static_cast<SHORT>(s);
                    break;
                case VT_UI2:
                    hr = scalar_to_integer(value, 0, 65535, &s, &u);
                    result.uiVal = static_cast<USHORT>(s);
                    break;
                case VT_I4:
                    hr = scalar_to_integer(value, -2147483648.0L, 2147483647.0L, &s, &u);
                    result.lVal = static_cast<LONG>(s);
                    break;
                case VT_INT:
                    hr = scalar_to_integer(value, -2147483648.0L, 2147483647.0L, &s, &u);
                    result.intVal = static_cast<INT>(s);
                    break;
                case VT_UI4:
                    hr = scalar_to_integer(value, 0, 4294967295.0L, &s, &u);
                    result.ulVal = static_cast<ULONG>(u);
                    break;
                case VT_UINT:
                    hr = scalar_to_integer(value, 0, 4294967295.0L, &s, &u);
                    result.uintVal = static_cast<UINT>(u);
                    break;
                case VT_I8:
                    hr = scalar_to_integer(value, -9223372036854775808.0L, 9223372036854775807.0L,
                                           &s, &u);
                    result.llVal = s;
                    break;
                case VT_UI8:
                    hr = scalar_to_integer(value, 0, max_u64, &s, &u);
                    result.ullVal = u;
                    break;
                case VT_ERROR:
                    hr = scalar_to_integer(value, -2147483648.0L, 4294967295.0L, &s, &u);
                    result.scode = static_cast<SCODE>(s);
                    break;
                default: return DISP_E_BADVARTYPE;
            }
            if (FAILED(hr)) {
                return hr;
            }
            result.vt = type;
        }
        VariantClear(dest);
        memcpy(static_cast<void*>(dest), static_cast<const void*>(&result), sizeof(VARIANT));
        return S_OK;
    } catch (...) {
        return E_OUTOFMEMORY;
    }
}
LINTEL_SDK_INLINE HRESULT VariantChangeTypeEx(VARIANTARG* dest, const VARIANTARG* src, LCID,
                                              USHORT flags, VARTYPE type) noexcept {
    return VariantChangeType(dest, src, flags, type);
}

#endif  // LINTEL_OLEAUTO_H
