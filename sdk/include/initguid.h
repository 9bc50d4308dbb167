// initguid.h - Lintel SDK: makes DEFINE_GUID define its GUIDs.
//
// On Lintel DEFINE_GUID always emits a weak definition (see windows.h), so this header only
// defines INITGUID for code that tests it. Including it before or after other headers, in one or
// several translation units, is equally fine.

#ifndef INITGUID
#define INITGUID
#endif

#include <windows.h>
