#include "certcheck/openssl.hpp"

#include <openssl/err.h>
#include <openssl/provider.h>

#include <array>

namespace certcheck::ossl {

X509Ptr share(X509* x) noexcept {
    if (x != nullptr && X509_up_ref(x) == 1) return X509Ptr{x};
    return X509Ptr{};
}

void clear_errors() noexcept { ERR_clear_error(); }

std::string drain_errors(std::string_view fallback) {
    std::string out;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        std::array<char, 256> buf{};
        const char* reason = ERR_reason_error_string(code);
        std::string text;
        if (reason != nullptr) {
            text = reason;
        } else {
            ERR_error_string_n(code, buf.data(), buf.size());
            text = buf.data();
        }
        // Repeated reasons (the decoder retries each format) say nothing new.
        if (out.find(text) != std::string::npos) continue;
        if (!out.empty()) out += "; ";
        out += text;
    }
    return out.empty() ? std::string{fallback} : out;
}

bool load_legacy_provider() noexcept {
    // Held until exit, then unloaded before OpenSSL's own clean-up runs (it was set up earlier,
    // so its exit handler runs later): nothing of the providers outlives the process's end.
    struct Loaded {
        OSSL_PROVIDER* default_provider = nullptr;
        OSSL_PROVIDER* legacy = nullptr;
        Loaded() {
            // Loading one provider explicitly stops the default one from loading implicitly: load both.
            default_provider = OSSL_PROVIDER_load(nullptr, "default");
            legacy = default_provider != nullptr ? OSSL_PROVIDER_load(nullptr, "legacy") : nullptr;
            ERR_clear_error();
        }
        ~Loaded() {
            if (legacy != nullptr) OSSL_PROVIDER_unload(legacy);
            if (default_provider != nullptr) OSSL_PROVIDER_unload(default_provider);
        }
        Loaded(const Loaded&) = delete;
        Loaded& operator=(const Loaded&) = delete;
    };
    static const Loaded loaded;
    return loaded.legacy != nullptr;
}

int refuse_passphrase(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*userdata*/) noexcept {
    return -1;  // no passphrase: never prompt
}

}  // namespace certcheck::ossl
