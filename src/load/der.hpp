// A minimal DER walker for telling structures apart before handing them to OpenSSL (internal).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace certcheck::der {

struct Tlv {
    std::uint8_t tag = 0;
    std::size_t header = 0;  // tag + length octets
    std::size_t length = 0;  // content length
    [[nodiscard]] std::size_t total() const noexcept { return header + length; }
};

// Reads one definite-length TLV at the start of `in`; nullopt when malformed or truncated.
[[nodiscard]] std::optional<Tlv> read(std::string_view in) noexcept;

// The tag of the second element inside an outer SEQUENCE (after the first element), or nullopt.
// PKCS#1 RSAPrivateKey: INTEGER (0x02); SEC1 ECPrivateKey: OCTET STRING (0x04); PKCS#8: SEQUENCE (0x30).
[[nodiscard]] std::optional<std::uint8_t> second_element_tag(std::string_view in) noexcept;

// The outer TLV is a SEQUENCE that spans the whole input (a trailing NUL pad allowed).
[[nodiscard]] bool whole_sequence(std::string_view in) noexcept;

}  // namespace certcheck::der
