# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE).
if(CPACK_GENERATOR STREQUAL "DEB")
    # Each package's description (CPACK_DEBIAN_<COMPONENT>_DESCRIPTION) starts with its own
    # synopsis line; CPackDeb would put the project's summary above it in both packages.
    unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
endif()
