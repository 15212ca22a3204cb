# The release date that packages state (AppStream <release date>, the Debian changelog): the
# date of the commit being built, so rebuilding a commit gives the same packages. Set
# SOURCE_DATE_EPOCH (reproducible-builds.org) to override it; outside a git checkout (a source
# tarball without SOURCE_DATE_EPOCH) it is the configure time. The version itself comes only
# from project(VERSION).
if(NOT DEFINED ENV{SOURCE_DATE_EPOCH})
    find_package(Git QUIET)
    if(GIT_FOUND)
        execute_process(COMMAND ${GIT_EXECUTABLE} log -1 --format=%ct
            WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
            OUTPUT_VARIABLE _palaver_commit_time OUTPUT_STRIP_TRAILING_WHITESPACE
            RESULT_VARIABLE _palaver_git_result ERROR_QUIET)
        if(_palaver_git_result EQUAL 0 AND _palaver_commit_time MATCHES "^[0-9]+$")
            set(ENV{SOURCE_DATE_EPOCH} ${_palaver_commit_time})
        endif()
    endif()
endif()
# For tools run at build time that read it too (help2man).
set(PALAVER_SOURCE_DATE_EPOCH "$ENV{SOURCE_DATE_EPOCH}")
# string(TIMESTAMP) reads SOURCE_DATE_EPOCH.
string(TIMESTAMP PALAVER_RELEASE_DATE "%Y-%m-%d" UTC)
string(TIMESTAMP PALAVER_RELEASE_DATE_RFC2822 "%a, %d %b %Y %H:%M:%S +0000" UTC)
