// A shared library loaded on first use (dlopen), for a library only some runs need: linking it
// would make every start load and bind it (docs/performance.md, "Start-up"). Internal.
#pragma once

#include <mutex>
#include <string>
#include <utility>

namespace certcheck {

class SharedLibrary {
public:
    // Nothing is loaded yet. `soname` is the versioned name the package provides (libidn2.so.0).
    explicit SharedLibrary(std::string soname) : soname_(std::move(soname)) {}
    SharedLibrary(const SharedLibrary&) = delete;
    SharedLibrary& operator=(const SharedLibrary&) = delete;
    ~SharedLibrary() = default;  // once loaded, the library stays until the process ends (no dlclose)

    // The address of `name` (the library is loaded by the first call, from any thread), or nullptr
    // with `why` saying which library or function is missing and the loader's reason.
    void* symbol(const char* name, std::string& why);

    // symbol() into `fn`, a pointer of the declared type: Fn is decltype(&function) from the
    // library's header, so the compiler checks every call against the real prototype. False (and
    // `why`) when it is missing.
    template <typename Fn>
    bool bind(Fn& fn, const char* name, std::string& why) {
        fn = reinterpret_cast<Fn>(symbol(name, why));
        return fn != nullptr;
    }

private:
    const std::string soname_;
    std::once_flag once_;
    void* handle_ = nullptr;
    std::string load_error_;
};

}  // namespace certcheck
