// A move-only owner of one GMP integer (internal to src/weak/).
#pragma once

#include <gmp.h>

#include <string>
#include <string_view>

namespace certcheck::weak {

class Z {
public:
    Z() { mpz_init(v_); }  // GMP 6.2: no allocation until a value is stored
    explicit Z(unsigned long x) { mpz_init_set_ui(v_, x); }
    ~Z() { mpz_clear(v_); }
    Z(Z&& o)
    noexcept {
        mpz_init(v_);
        mpz_swap(v_, o.v_);
    }
    Z& operator=(Z&& o) noexcept {
        mpz_swap(v_, o.v_);
        return *this;
    }
    Z(const Z&) = delete;
    Z& operator=(const Z&) = delete;

    mpz_ptr get() noexcept { return v_; }
    [[nodiscard]] mpz_srcptr get() const noexcept { return v_; }
    // Frees the limbs now (a tree node no longer needed), leaving zero.
    void release() {
        mpz_clear(v_);
        mpz_init(v_);
    }

private:
    mpz_t v_;
};

// Big-endian unsigned bytes to an integer and back.
inline Z from_bytes(std::string_view be) {
    Z z;
    if (!be.empty()) mpz_import(z.get(), be.size(), 1, 1, 1, 0, be.data());
    return z;
}
inline std::string to_bytes(mpz_srcptr z) {
    std::string out((mpz_sizeinbase(z, 2) + 7) / 8, '\0');
    std::size_t written = 0;
    if (!out.empty()) mpz_export(out.data(), &written, 1, 1, 1, 0, z);
    out.resize(written);
    return out;
}

}  // namespace certcheck::weak
