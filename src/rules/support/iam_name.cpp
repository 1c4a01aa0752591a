// Rule helpers: the IAM name pattern (declared in rules/rules.hpp).
#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include "endpoint/aia.hpp"
#include "certcheck/rolesanywhere.hpp"
#include "common/x509util.hpp"
#include "load/keys.hpp"
#include "rules/rules.hpp"

namespace certcheck::rules {

std::optional<std::string> iam_name_problem(std::string_view value, std::string_view option) {
    constexpr std::size_t kMaxName = 128;
    if (value.empty()) return fmt::format("{} is empty", option);
    if (value.size() > kMaxName) return fmt::format("{} is {} characters, over {}", option, value.size(), kMaxName);
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        std::string_view{"_+=,.@-"}.find(c) != std::string_view::npos;
        if (ok) continue;
        const auto b = static_cast<unsigned char>(c);
        const std::string shown = b >= 0x21 && b < 0x7f ? fmt::format("'{}'", c) : fmt::format("byte 0x{:02X}", b);
        return fmt::format("{} has {} at position {}; only letters, digits and _+=,.@- are allowed", option, shown, i + 1);
    }
    return std::nullopt;
}

}  // namespace certcheck::rules
