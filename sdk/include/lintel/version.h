// lintel/version.h - version of the Lintel SDK, and the IIS version Lintel presents to modules.
#ifndef LINTEL_VERSION_H
#define LINTEL_VERSION_H

#define LINTEL_VERSION_MAJOR 0
#define LINTEL_VERSION_MINOR 1
#define LINTEL_VERSION_PATCH 0

// Kept in step with the three numbers above.
#define LINTEL_VERSION_STRING "0.1.0"

// Compare with LINTEL_VERSION_NUMBER >= LINTEL_MAKE_VERSION(0, 1, 0).
#define LINTEL_MAKE_VERSION(major, minor, patch) (((major) * 10000) + ((minor) * 100) + (patch))
#define LINTEL_VERSION_NUMBER \
    LINTEL_MAKE_VERSION(LINTEL_VERSION_MAJOR, LINTEL_VERSION_MINOR, LINTEL_VERSION_PATCH)

// The dwServerVersion Lintel passes to RegisterModule: it behaves as IIS 10.
#define LINTEL_IIS_SERVER_VERSION 10

#endif  // LINTEL_VERSION_H
