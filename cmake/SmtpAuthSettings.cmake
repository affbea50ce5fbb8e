# SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
# SPDX-License-Identifier: Apache-2.0
option(SMTPAUTH_SANITIZE "Build with AddressSanitizer + UndefinedBehaviorSanitizer" OFF)
option(SMTPAUTH_FUZZ "Also build the libFuzzer targets of tests/fuzz (needs CMAKE_CXX_COMPILER=clang++)" OFF)
# Q_ASSERT on the invariants the code relies on (the read-back after a write, the journal's chain) is
# checked in every Debug build; this keeps it checked in optimized builds too (tests of a Release tree).
option(SMTPAUTH_FORCE_ASSERTS "Keep Q_ASSERT checks in optimized builds of every target" OFF)

# One place for the compiler and Qt hygiene settings every target of the project shares.
# Hardening for a tool that holds admin tokens (the set Debian's hardening-check looks for): stack
# protector, full RELRO with immediate binding, position-independent executables, and _FORTIFY_SOURCE=2
# where the optimizer runs (it needs -O; not with the sanitizers, which replace the same functions).
# tests/install/test_hardening checks the built executables. MSVC gets its equivalents (/GS, Control Flow
# Guard, ASLR with high entropy, DEP); macOS links PIE by default and gets the stack protector.
function(smtpauth_apply_hardening target)
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  if(MSVC)
    target_compile_options(${target} PRIVATE /GS /guard:cf)
    target_link_options(${target} PRIVATE /guard:cf /DYNAMICBASE /HIGHENTROPYVA /NXCOMPAT)
    return()
  endif()
  target_compile_options(${target} PRIVATE -fstack-protector-strong)
  if(NOT SMTPAUTH_SANITIZE AND NOT SMTPAUTH_FUZZ)
    target_compile_options(${target} PRIVATE $<$<NOT:$<CONFIG:Debug>>:-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2>)
  endif()
  if(NOT APPLE AND NOT WIN32)
    target_link_options(${target} PRIVATE -Wl,-z,relro -Wl,-z,now)
  endif()
endfunction()

function(smtpauth_apply_common_settings target)
  target_compile_definitions(${target} PRIVATE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    QT_USE_QSTRINGBUILDER
    SMTPAUTH_VERSION="${PROJECT_VERSION}")
  # -Werror=switch always: a switch over one of the project's enums names every enumerator (no default:),
  # so a new category, state or source cannot be missed silently anywhere it is decided on.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror=switch)
  if(SMTPAUTH_FORCE_ASSERTS)
    target_compile_definitions(${target} PRIVATE QT_FORCE_ASSERTS)
  endif()
  if(SMTPAUTH_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  smtpauth_apply_hardening(${target})
  # ASan + UBSan (./dev.sh test, build-asan/); SMTPAUTH_FUZZ adds libFuzzer coverage (clang, build-fuzz/).
  # The link option is PUBLIC so every executable that links a sanitized static library gets the runtime.
  if(SMTPAUTH_SANITIZE OR SMTPAUTH_FUZZ)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
  if(SMTPAUTH_FUZZ)
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()

# smtpauth_add_test(NAME SOURCES files... LIBS libs... [LABELS l...] [ENV K=V...])
# One executable per tested class or flow; every test runs headless with its own HOME and a fixed LANG,
# so no test can read or write the developer's real settings, keychain index or data.
function(smtpauth_add_test name)
  cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  smtpauth_apply_common_settings(${name})
  # A test's own Q_ASSERTs (and those of the headers it includes) run whatever the build type.
  target_compile_definitions(${name} PRIVATE QT_FORCE_ASSERTS)
  target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
  add_test(NAME ${name} COMMAND ${name})
  set(test_home "${CMAKE_BINARY_DIR}/test-homes/${name}")
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES
    TIMEOUT ${T_TIMEOUT}
    LABELS "${T_LABELS}"
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;HOME=${test_home};XDG_DATA_HOME=${test_home}/data;XDG_CONFIG_HOME=${test_home}/config;XDG_CACHE_HOME=${test_home}/cache;LANG=C.UTF-8;LC_ALL=C.UTF-8;SMTPAUTH_BIN_DIR=$<TARGET_FILE_DIR:${name}>;SMTPAUTH_SOURCE_DIR=${CMAKE_SOURCE_DIR};${T_ENV}")
  file(MAKE_DIRECTORY "${test_home}")
endfunction()
