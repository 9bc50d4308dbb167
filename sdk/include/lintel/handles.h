// lintel/handles.h - Lintel SDK: how a Windows HANDLE is encoded on Linux.
//
// The rule (shared by the server and every module; do not change it without changing both):
//
//   value v = (uintptr_t)handle
//   v == 0                         NULL: never a valid handle. Consequently file descriptor 0
//                                  cannot travel as a HANDLE; CreateFile never returns fd 0-2.
//   1 <= v <= 0x7fffffff           a Linux file descriptor: HANDLE == (HANDLE)(intptr_t)fd.
//                                  This is what a module stores in
//                                  HTTP_DATA_CHUNK.FromFileHandle.FileHandle and what the server
//                                  turns back into an fd with LintelFdFromHandle().
//   v has bit 62 set               a Lintel handle object (event, event-log source, heap ...):
//                                  the address of a LintelHandleObject with bit 62 or-ed in.
//                                  User-space addresses on Linux never reach bit 62, so an object
//                                  handle can never be mistaken for an fd or for a plain pointer.
//   v == UINTPTR_MAX               INVALID_HANDLE_VALUE (also GetCurrentProcess(), as on Windows).
//   v == UINTPTR_MAX - 1           GetCurrentThread() pseudo handle.
//   anything else                  not a handle Lintel knows.
//
// This header is self-contained (it only needs <stdint.h>) so that server code can include it
// without the rest of the Windows compatibility surface.

#ifndef LINTEL_HANDLES_H
#define LINTEL_HANDLES_H

#include <stdint.h>

typedef void* HANDLE;

// The tag bit that marks a handle object. Public so that the server can recognise object handles.
#define LINTEL_HANDLE_OBJECT_TAG (static_cast<uintptr_t>(1) << 62)
// The largest fd value that can be encoded.
#define LINTEL_HANDLE_MAX_FD 0x7fffffff

// Magic value in every live LintelHandleObject ("LHOB"); cleared when the object is destroyed so
// that a double CloseHandle is detected in most cases.
#define LINTEL_HANDLE_OBJECT_MAGIC 0x4c484f42u

// Kinds of handle objects created by the SDK headers.
enum LintelHandleKind : uint32_t {
    LintelHandleKindEvent = 1,
    LintelHandleKindEventSource = 2,
    LintelHandleKindHeap = 3,
};

// Common header of every handle object. destroy() releases the object; it is set by the code
// that created the object (module or server), so CloseHandle works whichever binary created it,
// as long as that binary is still loaded.
struct LintelHandleObject {
    uint32_t magic;
    uint32_t kind;
    void (*destroy)(LintelHandleObject* self);
};

// Returns the file descriptor a HANDLE encodes, or -1 if the handle is not a file descriptor
// (NULL, INVALID_HANDLE_VALUE, an object handle, or out of range).
inline __attribute__((visibility("hidden"))) int LintelFdFromHandle(HANDLE handle) noexcept {
    const uintptr_t value = reinterpret_cast<uintptr_t>(handle);
    if (value == 0 || value > static_cast<uintptr_t>(LINTEL_HANDLE_MAX_FD)) {
        return -1;
    }
    return static_cast<int>(value);
}

// Returns the HANDLE for a file descriptor; a negative fd gives INVALID_HANDLE_VALUE. fd 0
// yields NULL, which callers treat as "no handle" (see the rule above).
inline __attribute__((visibility("hidden"))) HANDLE LintelHandleFromFd(int fd) noexcept {
    if (fd < 0) {
        return reinterpret_cast<HANDLE>(~static_cast<uintptr_t>(0));
    }
    return reinterpret_cast<HANDLE>(static_cast<intptr_t>(fd));
}

inline __attribute__((visibility("hidden"))) bool LintelHandleIsFd(HANDLE handle) noexcept {
    return LintelFdFromHandle(handle) >= 0;
}

inline __attribute__((visibility("hidden"))) HANDLE LintelHandleFromObject(
    LintelHandleObject* object) noexcept {
    return reinterpret_cast<HANDLE>(reinterpret_cast<uintptr_t>(object) | LINTEL_HANDLE_OBJECT_TAG);
}

// Returns the live object a handle designates, or nullptr if the handle is not an object handle
// or the object's magic is gone (already closed).
inline __attribute__((visibility("hidden"))) LintelHandleObject* LintelObjectFromHandle(
    HANDLE handle) noexcept {
    const uintptr_t value = reinterpret_cast<uintptr_t>(handle);
    if ((value & LINTEL_HANDLE_OBJECT_TAG) == 0 || value == ~static_cast<uintptr_t>(0) ||
        value == ~static_cast<uintptr_t>(0) - 1) {
        return nullptr;
    }
    auto* object = reinterpret_cast<LintelHandleObject*>(value & ~LINTEL_HANDLE_OBJECT_TAG);
    if (object == nullptr || object->magic != LINTEL_HANDLE_OBJECT_MAGIC) {
        return nullptr;
    }
    return object;
}

#endif  // LINTEL_HANDLES_H
