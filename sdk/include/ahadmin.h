// ahadmin.h - the IIS configuration-system interfaces (AppHost admin API), as far as Lintel
// provides them so far.
//
// These are COM interfaces: each derives from IUnknown, methods return HRESULT, strings are BSTR
// and values VARIANT. The virtual-function order below is the one of the Windows SDK; it is the
// binary contract with modules and must not change. Interfaces not yet provided in full are only
// declared (their pointers can be passed around, not called).
//
// Contract for every interface here:
// - Objects are reference counted: an object returned through an out-parameter carries one
//   reference the caller gives back with Release().
// - BSTR arguments may be plain NUL-terminated wide strings; Lintel reads them up to the NUL.
//   BSTR and VARIANT results are owned by the caller (SysFreeString / VariantClear).
// - The configuration seen through IHttpServer::GetAdminManager is a read-only snapshot; it is
//   safe to use from any thread.
#ifndef LINTEL_AHADMIN_H
#define LINTEL_AHADMIN_H

#include <windows.h>

class IAppHostPropertyException;
class IAppHostPropertySchema;
class IAppHostElementSchema;
class IAppHostCollectionSchema;
class IAppHostMethodCollection;
class IAppHostConfigFile;
class IAppHostElement;
class IAppHostProperty;

// Describes a configuration error: where it is and why.
class IAppHostConfigException : public IUnknown
{
public:
    virtual HRESULT STDMETHODCALLTYPE get_LineNumber(ULONG* pcLineNumber) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_FileName(BSTR* pbstrFileName) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_ConfigPath(BSTR* pbstrConfigPath) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_ErrorLine(BSTR* pbstrErrorLine) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_PreErrorLine(BSTR* pbstrPreErrorLine) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_PostErrorLine(BSTR* pbstrPostErrorLine) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_ErrorString(BSTR* pbstrErrorString) = 0;
};
LINTEL_DECLARE_UUID(IAppHostConfigException, "4dfa1df3-8900-4bc7-bbb5-d1a458c52410");

// The pre-release name the IIS reference pages still use for IAppHostConfigException.
typedef IAppHostConfigException INativeSectionException;

// The children of an element, by index (VARIANT holding an integer) or name (VARIANT BSTR).
class IAppHostChildElementCollection : public IUnknown
{
public:
    virtual HRESULT STDMETHODCALLTYPE get_Count(DWORD* pcCount) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_Item(VARIANT cIndex, IAppHostElement** ppElement) = 0;
};
LINTEL_DECLARE_UUID(IAppHostChildElementCollection, "08a90f5f-0702-48d6-b45f-02a9885a9768");

// The attributes of an element, by index or name.
class IAppHostPropertyCollection : public IUnknown
{
public:
    virtual HRESULT STDMETHODCALLTYPE get_Count(DWORD* pcCount) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_Item(VARIANT cIndex, IAppHostProperty** ppProperty) = 0;
};
LINTEL_DECLARE_UUID(IAppHostPropertyCollection, "0191775e-bcff-445a-b4f4-3bdda54e2816");

// The <add>/<remove>/<clear> entries of a collection element, in effective order.
class IAppHostElementCollection : public IUnknown
{
public:
    virtual HRESULT STDMETHODCALLTYPE get_Count(DWORD* pcElementCount) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_Item(VARIANT cIndex, IAppHostElement** ppElement) = 0;

    // cPosition -1 appends.
    virtual HRESULT STDMETHODCALLTYPE AddElement(IAppHostElement* pElement, INT cPosition = -1)
        = 0;

    virtual HRESULT STDMETHODCALLTYPE DeleteElement(VARIANT cIndex) = 0;

    virtual HRESULT STDMETHODCALLTYPE Clear(void) = 0;

    virtual HRESULT STDMETHODCALLTYPE CreateNewElement(BSTR bstrElementName,
                                                       IAppHostElement** ppElement) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_Schema(IAppHostCollectionSchema** ppSchema) = 0;
};
LINTEL_DECLARE_UUID(IAppHostElementCollection, "c8550bff-5281-4b1e-ac34-99b6fa38464d");

// One configuration element (a section or anything below it), with its effective values at the
// configuration path it was read for.
class IAppHostElement : public IUnknown
{
public:
    virtual HRESULT STDMETHODCALLTYPE get_Name(BSTR* pbstrName) = 0;

    // The element's collection entries. Without schemas Lintel cannot tell a collection from
    // other elements: every element answers, with an empty collection when it has no entries.
    virtual HRESULT STDMETHODCALLTYPE get_Collection(IAppHostElementCollection** ppCollection)
        = 0;

    virtual HRESULT STDMETHODCALLTYPE get_Properties(IAppHostPropertyCollection** ppProperties)
        = 0;

    virtual HRESULT STDMETHODCALLTYPE get_ChildElements(
        IAppHostChildElementCollection** ppElements) = 0;

    virtual HRESULT STDMETHODCALLTYPE GetMetadata(BSTR bstrMetadataType, VARIANT* pValue) = 0;

    virtual HRESULT STDMETHODCALLTYPE SetMetadata(BSTR bstrMetadataType, VARIANT value) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_Schema(IAppHostElementSchema** ppSchema) = 0;

    virtual HRESULT STDMETHODCALLTYPE GetElementByName(BSTR bstrSubName,
                                                       IAppHostElement** ppElement) = 0;

    virtual HRESULT STDMETHODCALLTYPE GetPropertyByName(BSTR bstrSubName,
                                                        IAppHostProperty** ppProperty) = 0;

    virtual HRESULT STDMETHODCALLTYPE Clear(void) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_Methods(IAppHostMethodCollection** ppMethods) = 0;
};
LINTEL_DECLARE_UUID(IAppHostElement, "64ff8ccc-b287-4dae-b08a-a72cbf45f453");

// One attribute. get_Value yields the typed value (VT_BOOL, VT_I4, VT_UI4, VT_BSTR ...) after
// defaults and inheritance were applied.
class IAppHostProperty : public IUnknown
{
public:
    virtual HRESULT STDMETHODCALLTYPE get_Name(BSTR* pbstrName) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_Value(VARIANT* pVariant) = 0;

    virtual HRESULT STDMETHODCALLTYPE put_Value(VARIANT value) = 0;

    virtual HRESULT STDMETHODCALLTYPE Clear(void) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_StringValue(BSTR* pbstrValue) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_Exception(IAppHostPropertyException** ppException) = 0;

    virtual HRESULT STDMETHODCALLTYPE GetMetadata(BSTR bstrMetadataType, VARIANT* pValue) = 0;

    virtual HRESULT STDMETHODCALLTYPE SetMetadata(BSTR bstrMetadataType, VARIANT value) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_Schema(IAppHostPropertySchema** ppSchema) = 0;
};
LINTEL_DECLARE_UUID(IAppHostProperty, "ed35f7a1-5024-4e7b-a44d-07ddaf4b524d");

class IAppHostConfigManager : public IUnknown
{
public:
    virtual HRESULT STDMETHODCALLTYPE GetConfigFile(BSTR bstrConfigPath,
                                                    IAppHostConfigFile** ppConfigFile) = 0;

    virtual HRESULT STDMETHODCALLTYPE GetUniqueConfigPath(BSTR bstrConfigPath,
                                                          BSTR* pbstrUniquePath) = 0;
};
LINTEL_DECLARE_UUID(IAppHostConfigManager, "8f6d760f-f0cb-4d69-b5f6-848b33e9bdc6");

// Read access to the effective configuration. bstrPath is a configuration path such as
// L"MACHINE/WEBROOT/APPHOST/Default Web Site/app"; bstrSectionName e.g.
// L"system.webServer/defaultDocument".
class IAppHostAdminManager : public IUnknown
{
public:
    virtual HRESULT STDMETHODCALLTYPE GetAdminSection(BSTR bstrSectionName, BSTR bstrPath,
                                                      IAppHostElement** ppAdminSection) = 0;

    virtual HRESULT STDMETHODCALLTYPE GetMetadata(BSTR bstrMetadataType, VARIANT* pValue) = 0;

    virtual HRESULT STDMETHODCALLTYPE SetMetadata(BSTR bstrMetadataType, VARIANT value) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_ConfigManager(IAppHostConfigManager** ppConfigManager)
        = 0;
};
LINTEL_DECLARE_UUID(IAppHostAdminManager, "9be77978-73ed-4a9a-87fd-13f09fec1b13");

// Adds saving changes back to the configuration files.
class IAppHostWritableAdminManager : public IAppHostAdminManager
{
public:
    virtual HRESULT STDMETHODCALLTYPE CommitChanges(void) = 0;

    virtual HRESULT STDMETHODCALLTYPE get_CommitPath(BSTR* pbstrCommitPath) = 0;

    virtual HRESULT STDMETHODCALLTYPE put_CommitPath(BSTR bstrCommitPath) = 0;
};
LINTEL_DECLARE_UUID(IAppHostWritableAdminManager, "fa7660f6-7b3f-4237-a8bf-ed0ad0dcbbd9");

// The COM classes modules create with CoCreateInstance.
class AppHostAdminManager;
LINTEL_DECLARE_UUID(AppHostAdminManager, "228fb8f7-fb53-4fd5-8c7b-ff59de606c5b");

class AppHostWritableAdminManager;
LINTEL_DECLARE_UUID(AppHostWritableAdminManager, "2b72133b-3f5b-4602-8952-803546ce3344");

// The IID_/CLSID_ names module sources use; the SDK defines them in a library, Lintel maps them
// onto the uuids above.
#define IID_IAppHostConfigException __uuidof(IAppHostConfigException)
#define IID_IAppHostChildElementCollection __uuidof(IAppHostChildElementCollection)
#define IID_IAppHostPropertyCollection __uuidof(IAppHostPropertyCollection)
#define IID_IAppHostElementCollection __uuidof(IAppHostElementCollection)
#define IID_IAppHostElement __uuidof(IAppHostElement)
#define IID_IAppHostProperty __uuidof(IAppHostProperty)
#define IID_IAppHostConfigManager __uuidof(IAppHostConfigManager)
#define IID_IAppHostAdminManager __uuidof(IAppHostAdminManager)
#define IID_IAppHostWritableAdminManager __uuidof(IAppHostWritableAdminManager)
#define CLSID_AppHostAdminManager __uuidof(AppHostAdminManager)
#define CLSID_AppHostWritableAdminManager __uuidof(AppHostWritableAdminManager)

#endif  // LINTEL_AHADMIN_H
