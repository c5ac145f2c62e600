# HeraldVersion.cmake — herald's version, from one place: the project()
# version in CMakeLists.txt.  In a git checkout `git describe` refines it
# (v0.1.0-12-gabc1234 after a tag, else 0.1.0-gabc1234; -dirty with
# uncommitted changes); in a copy made from a checkout (make deb) the file
# .tarball-version holds what git said there.
#
#   include(cmake/HeraldVersion.cmake) after project(): sets
#       HERALD_VERSION_FULL.
#   cmake -DSOURCE_DIR=DIR -P cmake/HeraldVersion.cmake: prints it.
if(CMAKE_SCRIPT_MODE_FILE)
    file(STRINGS "${SOURCE_DIR}/CMakeLists.txt" _hv_line
         REGEX "^project\\(herald VERSION [0-9.]+")
    string(REGEX REPLACE "^project\\(herald VERSION ([0-9.]+).*" "\\1"
           _hv_base "${_hv_line}")
    set(_hv_src "${SOURCE_DIR}")
else()
    set(_hv_base "${PROJECT_VERSION}")
    set(_hv_src "${PROJECT_SOURCE_DIR}")
endif()

set(HERALD_VERSION_FULL "${_hv_base}")
find_package(Git QUIET)
set(_hv_git "")
if(GIT_FOUND AND EXISTS "${_hv_src}/.git")
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${_hv_src}" describe --tags
                            --match "v[0-9]*" --dirty
                    OUTPUT_VARIABLE _hv_git OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE _hv_rc ERROR_QUIET)
    if(_hv_rc EQUAL 0)
        string(REGEX REPLACE "^v" "" _hv_git "${_hv_git}")
    else()
        # No release tag yet: the project version and the commit.
        execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${_hv_src}" describe
                                --always --abbrev=7 --dirty
                        OUTPUT_VARIABLE _hv_git OUTPUT_STRIP_TRAILING_WHITESPACE
                        RESULT_VARIABLE _hv_rc ERROR_QUIET)
        if(_hv_rc EQUAL 0 AND _hv_git)
            set(_hv_git "${_hv_base}-g${_hv_git}")
        else()
            set(_hv_git "")
        endif()
    endif()
endif()
if(_hv_git)
    set(HERALD_VERSION_FULL "${_hv_git}")
elseif(EXISTS "${_hv_src}/.tarball-version")
    file(STRINGS "${_hv_src}/.tarball-version" _hv_tar LIMIT_COUNT 1)
    if(_hv_tar MATCHES "^[0-9][0-9A-Za-z.+~-]*$")
        set(HERALD_VERSION_FULL "${_hv_tar}")
    endif()
endif()

if(CMAKE_SCRIPT_MODE_FILE)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E echo "${HERALD_VERSION_FULL}")
endif()
