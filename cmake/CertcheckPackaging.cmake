# Installation (cmake --install) and the Debian package (cpack -G DEB).
include(GNUInstallDirs)

install(TARGETS certcheck RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(FILES "${PROJECT_SOURCE_DIR}/docs/man/certcheck.1" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${PROJECT_SOURCE_DIR}/completions/certcheck.bash"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" RENAME certcheck)
# Debian's zsh reads vendor completions from here (/usr/share/zsh/vendor-completions).
install(FILES "${PROJECT_SOURCE_DIR}/completions/_certcheck" DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")
install(FILES "${PROJECT_SOURCE_DIR}/README.md" "${PROJECT_SOURCE_DIR}/docs/ci.md" "${PROJECT_SOURCE_DIR}/docs/formats.md"
              "${PROJECT_SOURCE_DIR}/docs/scan.md"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}")
# Debian's place for the licence: /usr/share/doc/certcheck/copyright.
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION "${CMAKE_INSTALL_DOCDIR}" RENAME copyright)

set(CPACK_PACKAGE_NAME certcheck)
set(CPACK_PACKAGE_VENDOR "certcheck")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "certcheck checks X.509 certificates, private keys and chains before they are uploaded to AWS
(aws iam upload-server-certificate and friends): every reason the upload would be rejected or the
certificate would not work, with a fix for each. It checks one certificate (check) or whole
directory trees (scan) and reports as text, JSON, JUnit, SARIF or GitHub annotations.")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_CONTACT "certcheck maintainers <certcheck-maintainers@example.invalid>")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # certcheck_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Runtime libraries (libssl3, libgmp10, libc6) computed by dpkg-shlibdeps (Debian package
# dpkg-dev) from the binary. fmt, spdlog, toml++ and the C++ runtime are compiled in
# (cmake/CertcheckLinking.cmake), so libfmt9, libspdlog1.10, libtomlplusplus3 and libstdc++6 are not
# among them.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded with dlopen on first use (src/rules/host_match.cpp), so dpkg-shlibdeps does not see it.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libidn2-0 (>= 2.0.0)")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, pre-commit")

include(CPack)
