// key-unencrypted: the key is not encrypted. certcheck never asks for a passphrase.
#include "rules/rules.hpp"

#include <openssl/asn1t.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

// How an encrypted PKCS#8 key is encrypted, and whether aws_signing_helper decrypts that scheme:
// PBES2 with PBKDF2 or scrypt and AES-128/192/256-CBC (AWS-RULES.md 5d rah-key-formats).
struct Pkcs8Scheme {
    std::string words;  // "PBES2 (PBKDF2, AES-256-CBC)"
    bool helper_reads = false;
};

Pkcs8Scheme pkcs8_scheme(std::string_view der) {
    Pkcs8Scheme out{"an unreadable encryption scheme", false};
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    ossl::X509SigPtr sig{d2i_X509_SIG(nullptr, &p, static_cast<long>(der.size()))};
    if (!sig) {
        ossl::clear_errors();
        return out;
    }
    const X509_ALGOR* alg = nullptr;
    X509_SIG_get0(sig.get(), &alg, nullptr);
    const int scheme = OBJ_obj2nid(alg->algorithm);
    if (scheme != NID_pbes2) {
        const char* sn = OBJ_nid2sn(scheme);
        out.words = fmt::format("{} (not PBES2)", sn != nullptr && scheme != NID_undef ? sn : "an unknown scheme");
        ossl::clear_errors();
        return out;
    }
    PBE2PARAM* pbe2 = nullptr;
    if (alg->parameter != nullptr && alg->parameter->type == V_ASN1_SEQUENCE) {
        pbe2 = static_cast<PBE2PARAM*>(ASN1_item_unpack(alg->parameter->value.sequence, ASN1_ITEM_rptr(PBE2PARAM)));
    }
    if (pbe2 == nullptr) {
        out.words = "PBES2 with unreadable parameters";
        ossl::clear_errors();
        return out;
    }
    const int kdf = OBJ_obj2nid(pbe2->keyfunc->algorithm);
    const int cipher = OBJ_obj2nid(pbe2->encryption->algorithm);
    PBE2PARAM_free(pbe2);
    ossl::clear_errors();
    const char* kdf_name = kdf == NID_id_pbkdf2 ? "PBKDF2" : kdf == NID_id_scrypt ? "scrypt"
                                                                                  : OBJ_nid2sn(kdf);
    const char* cipher_name = OBJ_nid2sn(cipher);
    out.words = fmt::format("PBES2 ({}, {})", kdf_name != nullptr ? kdf_name : "unknown KDF",
                            cipher_name != nullptr ? cipher_name : "unknown cipher");
    out.helper_reads = (kdf == NID_id_pbkdf2 || kdf == NID_id_scrypt) &&
                       (cipher == NID_aes_128_cbc || cipher == NID_aes_192_cbc || cipher == NID_aes_256_cbc);
    return out;
}

const PemBlock* block_at(const InputFile& f, int line) {
    for (const PemBlock& b : f.blocks) {
        if (b.begin_line == line) return &b;
    }
    return nullptr;
}

// roles-anywhere: the key is read by aws_signing_helper, which decrypts encrypted PKCS#8 (PBES2,
// PBKDF2 or scrypt, AES-CBC) given --pkcs8-password, and reads nothing else that is encrypted.
Result check_for_helper(const InputFile& f, const PrivateKey& k) {
    const std::string q = shell_quote(f.path);
    const std::string at = k.line > 0 ? fmt::format(" at line {}", k.line) : std::string{};
    const std::string convert =
        fmt::format(
            "convert it to encrypted PKCS#8, which the helper reads: openssl pkcs8 -topk8 -v2 aes-256-cbc -in {} -out key.pem "
            "(asks for the old and the new passphrase), or decrypt it: openssl pkey -in {} -out key.pem",
            q, q);
    if (k.format == KeyFormat::Pkcs8Encrypted) {
        const PemBlock* b = block_at(f, k.line);
        const Pkcs8Scheme scheme = b != nullptr ? pkcs8_scheme(b->der) : Pkcs8Scheme{};
        if (scheme.helper_reads) {
            return Result::fail_as(Severity::Warn,
                                   fmt::format("the private key{} is encrypted PKCS#8, {}: aws_signing_helper reads it with "
                                               "--pkcs8-password, but certcheck does not decrypt keys, so key-matches-cert could "
                                               "not compare it with the certificate",
                                               at, scheme.words),
                                   at_file(f, k.line),
                                   fmt::format("to have the pair checked, check a decrypted copy once: openssl pkey -in {} -out "
                                               "/tmp/key.pem (asks for the passphrase), then delete it",
                                               q));
        }
        return Result::fail(fmt::format("the private key{} is encrypted PKCS#8 with {}, which aws_signing_helper does not decrypt "
                                        "(it takes PBES2 with PBKDF2 or scrypt and AES-128/192/256-CBC)",
                                        at, scheme.words),
                            at_file(f, k.line), convert);
    }
    if (k.format == KeyFormat::LegacyEncrypted) {
        return Result::fail(fmt::format("the private key{} uses OpenSSL's legacy PEM encryption (Proc-Type: 4,ENCRYPTED), which "
                                        "aws_signing_helper cannot read",
                                        at),
                            at_file(f, k.line), convert);
    }
    return Result::fail(fmt::format("the private key{} is encrypted ({}), which aws_signing_helper cannot read", at, describe(k.format)),
                        at_file(f, k.line), convert);
}

constexpr RuleInfo kInfo{
    "key-unencrypted",
    Severity::Error,
    "The private key is not encrypted",
    "IAM User Guide, Managing server certificates in IAM: a key protected by a passphrase is refused "
    "(AWS-RULES.md 1b iam-key-unencrypted); roles-anywhere: aws_signing_helper decrypts PBES2 PKCS#8 with "
    "--pkcs8-password and cannot read legacy Proc-Type: 4,ENCRYPTED PEM (AWS-RULES.md 5d rah-key-formats)",
    "decrypt it into a new file: openssl rsa -in KEY -out key.pem -traditional (asks for the passphrase), or certcheck fix",
};

class KeyUnencrypted final : public Rule {
public:
    KeyUnencrypted() : Rule(kInfo, "no private key was found (see key-pem)") {}
    bool applies(const Material& m, const Context&) const override { return m.key && !m.keys.empty(); }
    Result check(const Material& m, const Context& ctx) const override {
        const InputFile& f = *m.key;
        for (const PrivateKey& k : m.keys) {
            if (!k.encrypted) continue;
            if (ctx.params.key_reader == KeyReader::RolesAnywhereHelper) return check_for_helper(f, k);
            std::string msg = fmt::format("the private key{} is encrypted ({})",
                                          k.line > 0 ? fmt::format(" at line {}", k.line) : std::string{}, describe(k.format));
            if (k.problem && k.format == KeyFormat::LegacyEncrypted) msg += fmt::format(", and {}", *k.problem);
            const std::string q = shell_quote(f.path);
            const bool rsa = k.algorithm == "RSA" || k.algorithm.empty();
            const std::string inform = k.format == KeyFormat::Der ? "-inform DER " : "";
            if (k.format == KeyFormat::OpenSsh) {
                return Result::fail(std::move(msg), at_file(f, k.line),
                                    fmt::format("decrypt a copy into PEM: cp {} key.pem && ssh-keygen -p -m PEM -N '' -f key.pem "
                                                "(asks for the old passphrase)",
                                                q));
            }
            return Result::fail(std::move(msg), at_file(f, k.line),
                                rsa ? fmt::format("decrypt it into a new file: openssl rsa {}-in {} -out key.pem -traditional "
                                                  "(asks for the passphrase), or certcheck fix",
                                                  inform, q)
                                    : fmt::format("decrypt it into a new file: openssl pkey {}-in {} -out key.pem "
                                                  "(asks for the passphrase)",
                                                  inform, q));
        }
        return Result::pass("the private key is not encrypted", at_file(f, m.keys.front().line));
    }
};

}  // namespace

// catalogue: 70
std::unique_ptr<Validator> make_key_unencrypted() { return std::make_unique<KeyUnencrypted>(); }

}  // namespace certcheck::rules
