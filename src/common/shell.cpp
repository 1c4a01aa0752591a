#include "common/shell.hpp"

namespace certcheck {

std::string shell_quote(std::string_view s) {
    const bool plain = !s.empty() && s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./:@+=,%") ==
                                         std::string_view::npos;
    if (plain) return std::string{s};
    std::string out = "'";
    for (const char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    out += "'";
    return out;
}

}  // namespace certcheck
