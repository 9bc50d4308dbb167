# find_package(Lintel) for module authors: provides Lintel::sdk and lintel_add_module().
get_filename_component(_lintel_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(NOT TARGET Lintel::sdk)
    add_library(Lintel::sdk INTERFACE IMPORTED)
    set_target_properties(Lintel::sdk PROPERTIES
        INTERFACE_INCLUDE_DIRECTORIES "${_lintel_prefix}/include/lintel")
endif()
set(LINTEL_MODULE_DIR "${_lintel_prefix}/lib/lintel/modules")
include("${CMAKE_CURRENT_LIST_DIR}/LintelModule.cmake")
unset(_lintel_prefix)
