// httpcach.h - the key kinds of the server's built-in caches.
//
// IHttpCacheKey itself is declared in httpserv.h (the server API needs it); this header adds the
// URI, file and token keys a module meets in CGlobalModule::OnGlobalCacheOperation
// (ICacheProvider::GetCacheKey) or passes to IHttpServer::DoCacheOperation. Tell them apart by
// GetCacheName(), then static_cast to the matching key type.
//
// GetCacheName is answered inline by each key kind; it overrides the virtual of IHttpCacheKey, so
// no vtable gains a slot. Keys handed out by the server live as long as the notification or the
// cache entry they came with.
#ifndef _HTTPCACH_H_
#define _HTTPCACH_H_

#include <httpserv.h>

#define URI_CACHE_NAME                      L"URI"

// Key of the URI cache (per-URL configuration and metadata).
class IUriKey : public IHttpCacheKey
{
public:
    PCWSTR GetCacheName(VOID) const
    {
        return URI_CACHE_NAME;
    }

    virtual PCWSTR GetUrl(VOID) const = 0;

    virtual PCWSTR GetSiteName(VOID) const = 0;

    virtual DWORD GetSiteId(VOID) const = 0;

    virtual VOID UpdateFrequentlyHitTickCount(DWORD dwTicks) = 0;

    virtual PCWSTR GetConfigPath(VOID) const = 0;
};
LINTEL_DECLARE_UUID(IUriKey, "f1bc4f8c-6bf8-42c0-b745-4fbe1a67e5a7");

#define FILE_CACHE_NAME                     L"FILE"

// Key of the file cache: the physical path.
class IFileKey : public IHttpCacheKey
{
public:
    PCWSTR GetCacheName(VOID) const
    {
        return FILE_CACHE_NAME;
    }

    virtual PCWSTR GetPath(VOID) const = 0;
};
LINTEL_DECLARE_UUID(IFileKey, "7377f6a4-266c-4043-b62a-9ea955a5e97a");

#define TOKEN_CACHE_NAME                    L"TOKEN"

// Key of the logon-token cache.
class IHttpTokenKey : public IHttpCacheKey
{
public:
    PCWSTR GetCacheName(VOID) const
    {
        return TOKEN_CACHE_NAME;
    }

    virtual PCWSTR GetUserName(VOID) const = 0;

    // Never the password itself.
    virtual PCWSTR GetPasswordHash(VOID) const = 0;

    // The LOGON32_LOGON_* method the user was logged on with.
    virtual DWORD GetLogonMethod(VOID) const = 0;
};
LINTEL_DECLARE_UUID(IHttpTokenKey, "1d3dc8cb-fc52-42bc-97e1-1bf02136e8ba");

#endif  // _HTTPCACH_H_
