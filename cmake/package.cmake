# Installation layout and the Debian package (scripts/package.sh runs cpack).
# The man page and the completion scripts are made by the built mpctl itself ('mpctl man',
# 'mpctl completion SHELL'), from the command table --help uses, so they cannot drift.
include(GNUInstallDirs)

set(MPCTL_GENERATED ${PROJECT_BINARY_DIR}/generated)
add_custom_command(
  OUTPUT ${MPCTL_GENERATED}/mpctl.1.gz ${MPCTL_GENERATED}/mpctl.bash
         ${MPCTL_GENERATED}/mpctl.zsh ${MPCTL_GENERATED}/mpctl.fish
  COMMAND sh ${PROJECT_SOURCE_DIR}/cmake/generate_docs.sh $<TARGET_FILE:mpctl> ${MPCTL_GENERATED}
  DEPENDS mpctl ${PROJECT_SOURCE_DIR}/cmake/generate_docs.sh
  VERBATIM
  COMMENT "Generating the man page and completions from mpctl's command table")
add_custom_target(mpctl_docs ALL DEPENDS ${MPCTL_GENERATED}/mpctl.1.gz ${MPCTL_GENERATED}/mpctl.bash
                  ${MPCTL_GENERATED}/mpctl.zsh ${MPCTL_GENERATED}/mpctl.fish)

install(TARGETS mpctl mpctl-emulator RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/schemas/ DESTINATION ${CMAKE_INSTALL_DATADIR}/mpctl/schemas)
install(FILES ${PROJECT_SOURCE_DIR}/examples/emulator-seed.yaml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mpctl/examples)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/minimal
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mpctl/examples)
install(FILES ${MPCTL_GENERATED}/mpctl.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${MPCTL_GENERATED}/mpctl.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME mpctl)
install(FILES ${MPCTL_GENERATED}/mpctl.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
# zsh's script uses bashcompinit, so it is sourced rather than put on $fpath.
install(FILES ${MPCTL_GENERATED}/mpctl.zsh DESTINATION ${CMAKE_INSTALL_DATADIR}/mpctl/completions)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mpctl)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "keeps Maskinporten clients, keys and scopes in Git (plan/apply against Digdir's API)")
set(CPACK_PACKAGE_CONTACT "mpctl maintainers <mpctl@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # mpctl_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: from the binaries' libraries (dpkg-shlibdeps)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "ca-certificates")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "openssl, bash-completion, git")  # git: plan --base REF
include(CPack)
