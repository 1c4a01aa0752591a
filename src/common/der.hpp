// A minimal DER walker for telling structures apart before handing them to OpenSSL (internal).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace certcheck::der {

inline constexpr std::uint8_t kInteger = 0x02;
inline constexpr std::uint8_t kOctetString = 0x04;
inline constexpr std::uint8_t kSequence = 0x30;

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

struct Element {
    std::uint8_t tag = 0;
    std::string_view content;
};

// The first `max` elements inside the outer SEQUENCE of `in` (fewer when it holds fewer); empty
// when `in` does not start with a well-formed SEQUENCE.
[[nodiscard]] std::vector<Element> sequence_elements(std::string_view in, std::size_t max);

// A non-negative INTEGER's content octets without leading zero octets.
[[nodiscard]] std::string_view unsigned_integer(std::string_view content) noexcept;

// The outer TLV is a SEQUENCE that spans the whole input (a trailing NUL pad allowed).
[[nodiscard]] bool whole_sequence(std::string_view in) noexcept;

}  // namespace certcheck::der
