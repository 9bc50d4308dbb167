// unknwn.h - Lintel SDK: IUnknown and IClassFactory.
//
// The vtable layout is COM's (QueryInterface, AddRef, Release in that order, no virtual
// destructor), so objects can be handed between the server and modules.

#include <windows.h>

#ifndef LINTEL_UNKNWN_H
#define LINTEL_UNKNWN_H

struct IUnknown {
    // Thread: any. On success *object holds an AddRef'ed pointer; on failure it is set to NULL.
    virtual HRESULT STDMETHODCALLTYPE QueryInterface(REFIID iid, void** object) = 0;
    virtual ULONG STDMETHODCALLTYPE AddRef() = 0;
    // Deletes the object when the count reaches zero; the object must not be used afterwards.
    virtual ULONG STDMETHODCALLTYPE Release() = 0;

    // The typed helper MSVC's unknwn.h offers (not part of the vtable).
    template <typename Q>
    HRESULT STDMETHODCALLTYPE QueryInterface(Q** object) {
        return QueryInterface(__uuidof(Q), reinterpret_cast<void**>(object));
    }
};
LINTEL_DECLARE_UUID(IUnknown, "00000000-0000-0000-C000-000000000046");
typedef IUnknown* LPUNKNOWN;

struct IClassFactory : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE CreateInstance(IUnknown* outer, REFIID iid,
                                                     void** object) = 0;
    virtual HRESULT STDMETHODCALLTYPE LockServer(BOOL lock) = 0;
};
LINTEL_DECLARE_UUID(IClassFactory, "00000001-0000-0000-C000-000000000046");
typedef IClassFactory* LPCLASSFACTORY;

DEFINE_GUID(IID_IUnknown, 0x00000000, 0x0000, 0x0000, 0xC0, 0, 0, 0, 0, 0, 0, 0x46);
DEFINE_GUID(IID_IClassFactory, 0x00000001, 0x0000, 0x0000, 0xC0, 0, 0, 0, 0, 0, 0, 0x46);

#endif  // LINTEL_UNKNWN_H
