# lintel_add_module(NAME SOURCES src... [CXX_STANDARD 14|17|20] [PERMISSIVE])
#
# Builds an IIS-style native module as NAME.so against the Lintel SDK. The SDK target must exist as
# Lintel::sdk (find_package(Lintel) or the Lintel source tree provides it).
#   CXX_STANDARD  C++ standard for the module (default 17). Legacy modules that use dynamic exception
#                 specifications (`throw(T)`) need 14.
#   PERMISSIVE    adds -fpermissive for legacy code that jumps over initialisations; never a default.
function(lintel_add_module name)
    cmake_parse_arguments(arg "PERMISSIVE" "CXX_STANDARD" "SOURCES" ${ARGN})
    if(NOT arg_SOURCES)
        message(FATAL_ERROR "lintel_add_module(${name}): SOURCES is required")
    endif()
    if(NOT arg_CXX_STANDARD)
        set(arg_CXX_STANDARD 17)
    endif()
    add_library(${name} MODULE ${arg_SOURCES})
    target_link_libraries(${name} PRIVATE Lintel::sdk)
    set_target_properties(${name} PROPERTIES
        PREFIX ""
        CXX_STANDARD ${arg_CXX_STANDARD}
        CXX_EXTENSIONS OFF
        POSITION_INDEPENDENT_CODE ON)
    if(arg_PERMISSIVE)
        target_compile_options(${name} PRIVATE -fpermissive)
    endif()
endfunction()
