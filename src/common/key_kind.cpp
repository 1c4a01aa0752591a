#include "common/key_kind.hpp"

#include <cctype>

#include <fmt/format.h>
#include <openssl/ec.h>
#include <openssl/objects.h>

#include "certcheck/openssl.hpp"

namespace certcheck {

std::string KeyKind::describe() const {
    if (algorithm == "EC") return curve.empty() ? std::string{"EC"} : fmt::format("EC {}", curve);
    if (bits > 0 && (algorithm == "RSA" || algorithm == "RSA-PSS" || algorithm == "DSA")) return fmt::format("{} {}-bit", algorithm, bits);
    return algorithm.empty() ? std::string{"unknown"} : algorithm;
}

KeyKind key_kind(EVP_PKEY* pkey) {
    KeyKind k;
    if (pkey == nullptr) return k;
    const char* type = EVP_PKEY_get0_type_name(pkey);
    k.algorithm = type != nullptr ? type : "";
    if (k.algorithm == "rsaEncryption") k.algorithm = "RSA";
    if (k.algorithm == "id-ecPublicKey") k.algorithm = "EC";
    for (char& c : k.algorithm) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    k.bits = EVP_PKEY_get_bits(pkey);
    if (k.algorithm == "EC") {
        char group[64] = {};
        std::size_t len = 0;
        if (EVP_PKEY_get_group_name(pkey, group, sizeof group, &len) == 1) {
            const int nid = OBJ_sn2nid(group);
            const char* nist = nid != NID_undef ? EC_curve_nid2nist(nid) : nullptr;
            k.curve = nist != nullptr ? std::string{nist} : std::string{group};
        }
    }
    ossl::clear_errors();
    return k;
}

}  // namespace certcheck
