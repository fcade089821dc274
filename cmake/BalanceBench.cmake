# Project-wide compiler settings and helpers.

find_program(BB_CCACHE ccache)
if(BB_CCACHE)
  # pch_defines/time_macros: ccache may otherwise refuse to cache TUs built with a PCH.
  set(_bb_launcher ${CMAKE_COMMAND} -E env
      "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
      ${BB_CCACHE})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${_bb_launcher})
endif()

if(BB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Strict Qt definitions for every target of ours (STYLE.md 12) and QT_NO_KEYWORDS
# because Qt's `slots`/`signals` macros break libtorch headers.
function(bb_target_defaults target)
  target_compile_definitions(${target} PRIVATE
    QT_NO_KEYWORDS QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT QT_NO_FOREACH QT_NO_CAST_FROM_BYTEARRAY
    BB_VERSION="${PROJECT_VERSION}")
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()
