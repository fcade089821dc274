# Install rules for the desktop integration and the CPack .deb (included from the top level).
include(GNUInstallDirs)

if(BB_BUILD_UI)
  add_executable(bb_iconrender ${CMAKE_CURRENT_LIST_DIR}/iconrender.cpp)
  target_link_libraries(bb_iconrender PRIVATE Qt6::Gui Qt6::Svg)
  set(_bb_icon_sizes 16 22 24 32 48 64 128 256 512)
  set(_bb_icon_out ${CMAKE_BINARY_DIR}/icons/hicolor)
  add_custom_command(
    OUTPUT ${_bb_icon_out}/256x256/apps/balancebench.png
    COMMAND bb_iconrender ${PROJECT_SOURCE_DIR}/resources/icons/balancebench.svg ${_bb_icon_out} ${_bb_icon_sizes}
    DEPENDS bb_iconrender ${PROJECT_SOURCE_DIR}/resources/icons/balancebench.svg
    COMMENT "Rendering the application icon into the hicolor sizes")
  add_custom_target(bb_icons_png ALL DEPENDS ${_bb_icon_out}/256x256/apps/balancebench.png)
  install(DIRECTORY ${_bb_icon_out}/ DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/balancebench.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
  install(FILES ${CMAKE_CURRENT_LIST_DIR}/balancebench.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${CMAKE_CURRENT_LIST_DIR}/org.balancebench.BalanceBench.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
endif()

set(CPACK_PACKAGE_NAME "balancebench")
set(CPACK_PACKAGE_VENDOR "BalanceBench developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Image classification workbench for imbalanced datasets")
set(CPACK_PACKAGE_CONTACT "BalanceBench developers <dev@balancebench.invalid>")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
# dpkg-shlibdeps turns the linked libraries into Debian runtime package dependencies; the
# SQLite driver and the SVG plugin are loaded at run time, so they are named explicitly.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6")
# Qt's own German texts (standard buttons, file dialogs); the application's are built in.
# An optimised BLAS behind libtorch's libblas.so.3 (the reference BLAS is ~17x slower).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "dataset-fashion-mnist, qt6-translations-l10n, libopenblas0-openmp | libopenblas0 | libblis4")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Ingest a folder-per-class dataset, inspect and fix labels, split and balance it, learn\n embeddings with a supervised contrastive loss and train a focal-loss classifier; GUI and CLI.")
include(CPack)
