#include "common/shared_library.hpp"

#include <dlfcn.h>

#include <fmt/format.h>

namespace certcheck {

void* SharedLibrary::symbol(const char* name, std::string& why) {
    std::call_once(once_, [this] {
        handle_ = ::dlopen(soname_.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle_ == nullptr) {
            const char* err = ::dlerror();
            load_error_ = fmt::format("cannot load {} ({})", soname_, err != nullptr ? err : "unknown reason");
        }
    });
    if (handle_ == nullptr) {
        why = load_error_;
        return nullptr;
    }
    void* address = ::dlsym(handle_, name);
    if (address == nullptr) why = fmt::format("{} has no function {}", soname_, name);
    return address;
}

}  // namespace certcheck
