# The packages, described once for CPack (installer/README.md):
#   Linux    DEB, RPM and TGZ, one package per component: `server` (palaver-server) and
#            `client` (palaver)
#   Windows  NSIS installer of the client; macOS  DragNDrop image of the client
# The version is project(VERSION) and nothing else; `--version` of both programs prints it too.
include(${CMAKE_CURRENT_LIST_DIR}/QmlDebianDepends.cmake)

set(CPACK_PACKAGE_NAME palaver)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Palaver contributors")
set(CPACK_PACKAGE_HOMEPAGE_URL https://github.com/palaver-chat/palaver)
set(PALAVER_PACKAGE_CONTACT "Palaver maintainers <maintainers@palaver-chat.invalid>" CACHE STRING
    "Maintainer of the packages (Debian's Maintainer field); set it for a published release")
set(CPACK_PACKAGE_CONTACT ${PALAVER_PACKAGE_CONTACT})
set(CPACK_PACKAGE_INSTALL_DIRECTORY Palaver)
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_STRIP_FILES ON)
set(CPACK_OUTPUT_FILE_PREFIX packages)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/CPackProjectConfig.cmake)
set(CPACK_SOURCE_GENERATOR "")

# First line: the synopsis; the rest is wrapped by hand (Debian wants lines under 80 columns).
string(JOIN "\n" _palaver_server_description
    "Palaver chat server"
    "A self-hosted chat server: rooms and direct conversations over WebSockets,"
    "with the history in SQLite or PostgreSQL. The package runs it as the systemd"
    "service palaver-server under its own user, with its data in /var/lib/palaver"
    "and its configuration in /etc/palaver/server.conf.")
string(JOIN "\n" _palaver_client_description
    "desktop client for Palaver chat servers"
    "The desktop client of the self-hosted Palaver chat server: rooms with unread"
    "and mention badges, delivery and read ticks, typing, replies, reactions, edits"
    "and mentions. Messages written offline are sent when the connection returns.")

if(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR DEB TGZ)
    find_program(PALAVER_RPMBUILD rpmbuild)
    if(PALAVER_RPMBUILD)
        list(APPEND CPACK_GENERATOR RPM)
    else()
        message(STATUS "rpmbuild not found (Debian package rpm): cpack makes no RPM packages")
    endif()
    set(CPACK_COMPONENTS_ALL)
    if(PALAVER_BUILD_SERVER)
        list(APPEND CPACK_COMPONENTS_ALL server)
    endif()
    if(PALAVER_BUILD_CLIENT)
        list(APPEND CPACK_COMPONENTS_ALL client)
    endif()
    # The server's files live in /etc and /lib/systemd/system, outside the /usr prefix: the
    # generators install into their staging folder through DESTDIR.
    set(CPACK_SET_DESTDIR ON)
elseif(WIN32)
    set(CPACK_GENERATOR NSIS)
    set(CPACK_COMPONENTS_ALL client)
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_COMPONENTS_ALL client)
endif()

# --- DEB ---------------------------------------------------------------------------------------
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Library dependencies from dpkg-shlibdeps, never by hand; the lists below are what it cannot
# see (plugins and QML modules loaded at run time, tools the maintainer scripts call).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SECTION net)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME palaver-server)
set(CPACK_DEBIAN_SERVER_DESCRIPTION "${_palaver_server_description}")
# libqt6sql6-sqlite: QtSql's QSQLITE driver, a plugin QSqlDatabase loads by name at run time,
# so dpkg-shlibdeps cannot see it; SQLite is the default database. adduser: postinst creates the
# palaver user with it where systemd-sysusers (package systemd) is missing.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-sqlite, adduser")
# libqt6sql6-psql: the QPSQL driver, loaded the same way, needed only with `database =
# postgresql://…` (several nodes), hence a recommendation. qt6-image-formats-plugins: the WebP
# image plugin for thumbnails of WebP uploads (PNG, JPEG, GIF and BMP come with libqt6gui6).
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "libqt6sql6-psql, qt6-image-formats-plugins")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "postgresql, redis-server")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/debian/postinst
    ${CMAKE_CURRENT_LIST_DIR}/debian/prerm
    ${CMAKE_CURRENT_LIST_DIR}/debian/postrm
    ${CMAKE_CURRENT_LIST_DIR}/debian/conffiles)

set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME palaver)
set(CPACK_DEBIAN_CLIENT_DESCRIPTION "${_palaver_client_description}")
if(PALAVER_BUILD_CLIENT)
    # The QML modules qml/ imports (QmlDebianDepends.cmake derives the list from the imports);
    # qt6-qpa-plugins: the xcb and wayland platform plugins, without which no window opens
    # (libqt6gui6 only recommends it); libqt6svg6: the SVG image plugin that draws the window
    # and tray icons; libqt6sql6-sqlite: the QSQLITE driver of the local cache
    # (client/cache/cachedatabase.cpp). All are loaded at run time, invisible to
    # dpkg-shlibdeps.
    palaver_qml_debian_depends(_palaver_qml_packages ${PROJECT_SOURCE_DIR}/qml)
    list(APPEND _palaver_qml_packages qt6-qpa-plugins libqt6svg6 libqt6sql6-sqlite)
    list(JOIN _palaver_qml_packages ", " CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS)
    message(STATUS "palaver (deb) run-time dependencies besides libraries: "
        "${CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS}")
endif()
# Reactions are emoji; without a colour emoji font they show as boxes on a bare system.
set(CPACK_DEBIAN_CLIENT_PACKAGE_RECOMMENDS "fonts-noto-color-emoji")

# --- RPM ---------------------------------------------------------------------------------------
# The same packages for RPM systems. Their requirements are rpm's automatic library ones only:
# the Qt plugin and QML module package names differ between RPM distributions and none was
# tried, so they are not guessed here (installer/README.md).
set(CPACK_RPM_COMPONENT_INSTALL ON)
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "Unspecified")
set(CPACK_RPM_PACKAGE_GROUP "Applications/Internet")
set(CPACK_RPM_SERVER_PACKAGE_NAME palaver-server)
set(CPACK_RPM_SERVER_PACKAGE_SUMMARY "Palaver chat server")
set(CPACK_RPM_SERVER_PACKAGE_DESCRIPTION "${_palaver_server_description}")
set(CPACK_RPM_SERVER_USER_FILELIST "%config(noreplace) /etc/palaver/server.conf")
set(CPACK_RPM_SERVER_POST_INSTALL_SCRIPT_FILE ${CMAKE_CURRENT_LIST_DIR}/rpm/post.sh)
set(CPACK_RPM_SERVER_PRE_UNINSTALL_SCRIPT_FILE ${CMAKE_CURRENT_LIST_DIR}/rpm/preun.sh)
set(CPACK_RPM_SERVER_POST_UNINSTALL_SCRIPT_FILE ${CMAKE_CURRENT_LIST_DIR}/rpm/postun.sh)
set(CPACK_RPM_CLIENT_PACKAGE_NAME palaver)
set(CPACK_RPM_CLIENT_PACKAGE_SUMMARY "Palaver desktop chat client")
set(CPACK_RPM_CLIENT_PACKAGE_DESCRIPTION "${_palaver_client_description}")
# Folders that other packages own (filesystem, systemd, hicolor-icon-theme): listed in ours
# they would conflict.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /lib /lib/systemd /lib/systemd/system /usr/lib/systemd /usr/lib/systemd/system
    /usr/lib/sysusers.d /usr/share/man /usr/share/man/man1 /usr/share/applications
    /usr/share/metainfo /usr/share/icons
    /usr/share/icons/hicolor /usr/share/icons/hicolor/scalable
    /usr/share/icons/hicolor/scalable/apps)
foreach(size 16 22 24 32 48 64 128 256 512)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/share/icons/hicolor/${size}x${size} /usr/share/icons/hicolor/${size}x${size}/apps)
endforeach()

# --- TGZ ---------------------------------------------------------------------------------------
# One tarball per component, its paths relative to / (tar -C / -xzf …); no maintainer scripts.
set(CPACK_ARCHIVE_COMPONENT_INSTALL ON)
set(CPACK_ARCHIVE_SERVER_FILE_NAME
    palaver-server-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR})
set(CPACK_ARCHIVE_CLIENT_FILE_NAME
    palaver-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR})

# --- NSIS (Windows) ----------------------------------------------------------------------------
# Built by .github/workflows/desktop-packages.yml; Qt's deployment script (qml/CMakeLists.txt)
# puts the Qt DLLs, plugins and QML modules beside bin/palaver.exe.
set(CPACK_NSIS_PACKAGE_NAME "Palaver ${PROJECT_VERSION}")
set(CPACK_NSIS_DISPLAY_NAME "Palaver")
set(CPACK_NSIS_INSTALLED_ICON_NAME bin/palaver.exe)
set(CPACK_NSIS_URL_INFO_ABOUT ${CPACK_PACKAGE_HOMEPAGE_URL})
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
set(CPACK_NSIS_MUI_FINISHPAGE_RUN palaver.exe)
# A Start-menu entry "Palaver" for bin/palaver.exe.
set(CPACK_PACKAGE_EXECUTABLES palaver Palaver)

# --- DragNDrop (macOS) -------------------------------------------------------------------------
# Palaver.app (the bundle of qml/CMakeLists.txt, with Qt deployed into it) beside a link to
# /Applications.
set(CPACK_DMG_VOLUME_NAME Palaver)

include(CPack)
cpack_add_component(server DISPLAY_NAME "Palaver server"
    DESCRIPTION "palaver-server, its systemd unit and configuration")
cpack_add_component(client DISPLAY_NAME "Palaver desktop client" REQUIRED
    DESCRIPTION "palaver, the desktop application")
