# certcheck_set_startup_link_options(target): how the certcheck executable is linked so that it starts
# fast (docs/performance.md, "Start-up"). Every shared library costs the dynamic loader a mapping,
# page faults and its symbol bindings at every start, before main.
#  - -static-libstdc++ -static-libgcc: the C++ runtime linked in (libstdc++.so alone was ~1,800 of
#    ~6,600 symbol relocations). certcheck loads no other C++ library (fmt, spdlog and toml++ are
#    compiled in), so no exception or type crosses a shared-library boundary. Not in sanitizer
#    builds (their runtimes expect the shared C++ runtime) and off with -DCERTCHECK_STATIC_LIBSTDCXX=OFF.
#    OpenSSL stays shared: the legacy provider module links libcrypto.so, and Debian's security
#    updates of OpenSSL must reach certcheck.
#  Tried and left out (no measurable gain, docs/performance.md): -Wl,-z,pack-relative-relocs (DT_RELR:
#  certcheck's own 2,243 relative relocations, ~10 us), -Wl,-O1, -Wl,--as-needed (nothing to drop).
option(CERTCHECK_STATIC_LIBSTDCXX "Link libstdc++ and libgcc statically into certcheck (faster start)" ON)

function(certcheck_set_startup_link_options target)
  if(CERTCHECK_STATIC_LIBSTDCXX AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang" AND NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
endfunction()
