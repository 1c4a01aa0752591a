#include "fix/pem.hpp"

#include <openssl/crypto.h>
#include <openssl/pem.h>

#include <string_view>

#include "certcheck/openssl.hpp"
#include "openssl/bio.hpp"

namespace certcheck::fixer {

void wipe(std::string& s) noexcept {
    if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
    s.clear();
}

std::string cert_pem(X509* x) {
    ossl::BioPtr bio{BIO_new(BIO_s_mem())};
    if (!bio || PEM_write_bio_X509(bio.get(), x) != 1) {
        ossl::clear_errors();
        return {};
    }
    return ossl::bio_text(bio.get());
}

std::string key_pem(EVP_PKEY* k) {
    ossl::BioPtr bio{BIO_new(BIO_s_secmem())};
    if (!bio) return {};
    if (PEM_write_bio_PrivateKey_traditional(bio.get(), k, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        ossl::clear_errors();
        bio.reset(BIO_new(BIO_s_secmem()));
        if (!bio || PEM_write_bio_PrivateKey(bio.get(), k, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
            ossl::clear_errors();
            return {};
        }
    }
    return ossl::bio_text(bio.get());
}

std::string written_key_label(const std::string& key_text) {
    constexpr std::string_view kBegin = "-----BEGIN ";
    if (!key_text.starts_with(kBegin)) return {};
    const std::size_t end = key_text.find("-----", kBegin.size());
    return end == std::string::npos ? std::string{} : key_text.substr(kBegin.size(), end - kBegin.size());
}

std::string block_text(const InputFile& f, int begin_line) {
    if (f.encoding != Encoding::Pem || f.text.utf16 || begin_line <= 0) return {};
    int end_line = 0;
    for (const PemBlock& b : f.blocks) {
        if (b.begin_line == begin_line) end_line = b.end_line;
    }
    if (end_line < begin_line) return {};
    std::string out;
    std::size_t pos = 0;
    for (int line = 1; line <= end_line && pos <= f.data.size(); ++line) {
        std::size_t nl = f.data.find('\n', pos);
        if (nl == std::string::npos) nl = f.data.size();
        if (line >= begin_line) {
            std::string_view text{f.data.data() + pos, nl - pos};
            while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
            if (line == begin_line) {
                // From the dashes: blanks before them, or an END glued in front (joined_lines), are other changes.
                if (const std::size_t dashes = text.find("-----BEGIN "); dashes != std::string_view::npos) text.remove_prefix(dashes);
            }
            if (line == end_line) {
                // Up to the END line's closing dashes: a BEGIN glued after it belongs to the next block.
                if (const std::size_t end = text.find("-----END "); end != std::string_view::npos) {
                    if (const std::size_t close = text.find("-----", end + 9); close != std::string_view::npos) text = text.substr(0, close + 5);
                }
            }
            out.append(text);
            out.push_back('\n');
        }
        pos = nl + 1;
    }
    return out;
}

}  // namespace certcheck::fixer
