# palaver_add_test(NAME SOURCES... LIBS... [LABELS ...] [TIMEOUT s])
# One QtTest executable registered with CTest; tests link the real core libraries.
function(palaver_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    palaver_target_defaults(${name})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;PALAVER_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data;PALAVER_SERVER_BIN=$<TARGET_FILE:palaver-server>")
endfunction()
