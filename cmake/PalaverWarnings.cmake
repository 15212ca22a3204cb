# Warnings and Qt hygiene flags shared by every Palaver target.
function(palaver_target_defaults target)
    if(MSVC)
        # The Windows desktop package (.github/workflows/desktop-packages.yml).
        target_compile_options(${target} PRIVATE /W4 /permissive- /utf-8)
        if(PALAVER_WERROR)
            target_compile_options(${target} PRIVATE /WX)
        endif()
    else()
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
        if(PALAVER_WERROR)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_KEYWORDS QT_NO_URL_CAST_FROM_STRING
        QT_USE_QSTRINGBUILDER)
endfunction()
