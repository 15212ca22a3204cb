# palaver_qml_debian_depends(OUT_VAR QML_DIR)
# The Debian packages that provide the QML modules imported by the .qml files under QML_DIR,
# as a sorted list. dpkg-shlibdeps cannot see them: a QML module is a qmldir file and a plugin
# that the engine loads at run time, not a library the binary links. Debian's qml6-module-*
# packages do not depend on each other either, so each row also names the packages of the
# modules that module's qmldir imports (QtQuick imports QtQml, which imports QtQml.Models and
# QtQml.WorkerScript; QtQuick.Controls needs QtQuick.Templates). An import without a row stops
# the configure: add its package here when a new import appears in qml/.
set(_palaver_qml_debian_QtQml qml6-module-qtqml qml6-module-qtqml-models
    qml6-module-qtqml-workerscript)
set(_palaver_qml_debian_QtQuick qml6-module-qtquick ${_palaver_qml_debian_QtQml})
set(_palaver_qml_debian_QtQuick.Controls qml6-module-qtquick-controls
    qml6-module-qtquick-templates ${_palaver_qml_debian_QtQuick})
set(_palaver_qml_debian_QtQuick.Layouts qml6-module-qtquick-layouts
    ${_palaver_qml_debian_QtQuick})
set(_palaver_qml_debian_Qt.labs.platform qml6-module-qt-labs-platform
    ${_palaver_qml_debian_QtQuick})
# Ours: compiled into the palaver binary.
set(_palaver_qml_debian_Palaver "")

function(palaver_qml_debian_depends out_var qml_dir)
    file(GLOB_RECURSE qml_files CONFIGURE_DEPENDS ${qml_dir}/*.qml)
    set(packages)
    foreach(qml_file IN LISTS qml_files)
        file(STRINGS ${qml_file} imports REGEX "^[ \t]*import[ \t]+[A-Za-z]")
        foreach(line IN LISTS imports)
            string(REGEX REPLACE "^[ \t]*import[ \t]+([A-Za-z0-9_.]+).*$" "\\1" module "${line}")
            if(NOT DEFINED _palaver_qml_debian_${module})
                file(RELATIVE_PATH where ${PROJECT_SOURCE_DIR} ${qml_file})
                message(FATAL_ERROR "${where} imports ${module}: add its Debian package to "
                    "installer/QmlDebianDepends.cmake")
            endif()
            list(APPEND packages ${_palaver_qml_debian_${module}})
        endforeach()
    endforeach()
    list(REMOVE_DUPLICATES packages)
    list(SORT packages)
    set(${out_var} ${packages} PARENT_SCOPE)
endfunction()
