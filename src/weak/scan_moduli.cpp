// The scan's shared-prime pass: every RSA modulus in the scanned files (certificates, PKCS#1 and
// PKCS#8 keys), read with a DER walk only (no OpenSSL parse, no full PEM scan: the PEM blocks are
// found by their armour and only the first bytes of each are decoded), the same modulus in
// several files kept once, then batch GCD over the distinct moduli.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <optional>

#include "certcheck/load.hpp"
#include "certcheck/openssl.hpp"
#include "common/der.hpp"
#include "common/parallel.hpp"
#include "weak/weak.hpp"

namespace certcheck::weak {
namespace {

constexpr std::string_view kRsaOid{"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01", 9};
constexpr std::string_view kRsaPssOid{"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a", 9};

// The TLVs inside `content`, whole (header included), at most `max`.
std::vector<std::string_view> children(std::string_view content, std::size_t max) {
    std::vector<std::string_view> out;
    while (!content.empty() && out.size() < max) {
        const auto t = der::read(content);
        if (!t || t->total() > content.size()) break;
        out.push_back(content.substr(0, t->total()));
        content.remove_prefix(t->total());
    }
    return out;
}

std::string_view inside(std::string_view tlv) {
    const auto t = der::read(tlv);
    return t ? tlv.substr(t->header, t->length) : std::string_view{};
}

bool rsa_algorithm(std::string_view alg_identifier) {
    const auto parts = children(inside(alg_identifier), 1);
    if (parts.empty() || static_cast<unsigned char>(parts[0][0]) != 0x06) return false;
    const std::string_view oid = inside(parts[0]);
    return oid == kRsaOid || oid == kRsaPssOid;
}

// Certificate: SEQUENCE { tbs SEQUENCE { [0] version?, serial, sigAlg, issuer, validity, subject, spki, ... } ... }
// The RSA modulus in a TBSCertificate's content (whole, or cut off after its subjectPublicKeyInfo).
std::string tbs_modulus(std::string_view tbs_content) {
    auto tbs = children(tbs_content, 7);
    if (!tbs.empty() && static_cast<unsigned char>(tbs[0][0]) == 0xa0) tbs.erase(tbs.begin());
    if (tbs.size() < 6) return {};
    const auto spki = children(inside(tbs[5]), 2);
    if (spki.size() != 2 || !rsa_algorithm(spki[0]) || static_cast<unsigned char>(spki[1][0]) != 0x03) return {};
    std::string_view bits = inside(spki[1]);
    if (bits.empty() || bits[0] != '\0') return {};
    bits.remove_prefix(1);
    const auto fields = der::sequence_elements(bits, 1);
    if (fields.empty() || fields[0].tag != 0x02) return {};
    return std::string{der::unsigned_integer(fields[0].content)};
}

std::string certificate_modulus(std::string_view der) {
    const auto cert = children(inside(der), 1);
    if (cert.empty() || static_cast<unsigned char>(cert[0][0]) != 0x30) return {};
    return tbs_modulus(inside(cert[0]));
}

std::string pkcs1_modulus(std::string_view der) {
    const auto fields = der::sequence_elements(der, 2);
    if (fields.size() != 2 || fields[0].tag != 0x02 || fields[1].tag != 0x02) return {};
    return std::string{der::unsigned_integer(fields[1].content)};
}

std::string pkcs8_modulus(std::string_view der) {
    const auto parts = children(inside(der), 3);
    if (parts.size() != 3 || !rsa_algorithm(parts[1]) || static_cast<unsigned char>(parts[2][0]) != 0x04) return {};
    return pkcs1_modulus(inside(parts[2]));
}

// ---- the same, from the first bytes of a block -------------------------------------------
// A certificate's key and a private key's modulus sit in the first few hundred bytes of the DER:
// only that much base64 is decoded first (the rest of a certificate, its extensions and
// signature, is half of it). The outer SEQUENCEs may be cut off there; the elements read must
// be whole. When the prefix is too short or not understood, the whole block is decoded and read
// as above.
constexpr std::size_t kPrefixBytes = 768;

// The content of the TLV at the start of `in`, as much of it as `in` holds.
std::string_view open_prefix(std::string_view in) {
    if (in.size() < 2 || static_cast<unsigned char>(in[0]) == 0xff) return {};
    const auto first = static_cast<unsigned char>(in[1]);
    std::size_t header = 2;
    std::size_t length = first;
    if (first >= 0x80) {
        const std::size_t n = first & 0x7fU;
        if (n == 0 || n > 4 || in.size() < 2 + n) return {};
        length = 0;
        for (std::size_t i = 0; i < n; ++i) length = (length << 8) | static_cast<unsigned char>(in[2 + i]);
        header += n;
    }
    return in.substr(header, length);
}

std::string certificate_modulus_prefix(std::string_view der) {
    if (der.empty() || static_cast<unsigned char>(der[0]) != 0x30) return {};
    const std::string_view tbs_tlv = open_prefix(der);
    if (tbs_tlv.empty() || static_cast<unsigned char>(tbs_tlv[0]) != 0x30) return {};
    return tbs_modulus(open_prefix(tbs_tlv));
}

std::string pkcs1_modulus_prefix(std::string_view der) {
    if (der.empty() || static_cast<unsigned char>(der[0]) != 0x30) return {};
    const auto fields = children(open_prefix(der), 2);
    if (fields.size() != 2 || static_cast<unsigned char>(fields[0][0]) != 0x02 || static_cast<unsigned char>(fields[1][0]) != 0x02) {
        return {};
    }
    return std::string{der::unsigned_integer(inside(fields[1]))};
}

std::string pkcs8_modulus_prefix(std::string_view der) {
    if (der.empty() || static_cast<unsigned char>(der[0]) != 0x30) return {};
    const std::string_view body = open_prefix(der);
    const auto parts = children(body, 2);
    if (parts.size() != 2 || !rsa_algorithm(parts[1])) return {};
    const std::string_view rest = body.substr(parts[0].size() + parts[1].size());
    if (rest.empty() || static_cast<unsigned char>(rest[0]) != 0x04) return {};
    return pkcs1_modulus_prefix(open_prefix(rest));
}

// Base64 (RFC 4648) of a PEM body into `out`, line breaks and spaces skipped, until `limit` bytes
// are out or the text ends; stops at '=' or anything else (PEM headers such as "Proc-Type:").
void decode_base64_prefix(std::string_view in, std::size_t limit, std::string& out) {
    static const std::array<int, 256> value = [] {  // the sextet; -1: not base64, -2: skipped
        std::array<int, 256> v{};
        v.fill(-1);
        const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (std::size_t i = 0; i < alphabet.size(); ++i) v[static_cast<unsigned char>(alphabet[i])] = static_cast<int>(i);
        for (const char c : {' ', '\t', '\r', '\n'}) v[static_cast<unsigned char>(c)] = -2;
        return v;
    }();
    out.resize(std::min(limit, in.size() / 4 * 3 + 3));
    std::size_t n = 0;
    unsigned acc = 0;
    int bits = 0;
    const char* p = in.data();
    const char* const end = p + in.size();
    while (p < end && n < limit) {
        // Four base64 characters in a row (nothing pending): three bytes at once.
        if (bits == 0 && end - p >= 4 && n + 3 <= limit) {
            const int a = value[static_cast<unsigned char>(p[0])];
            const int b = value[static_cast<unsigned char>(p[1])];
            const int c = value[static_cast<unsigned char>(p[2])];
            const int d = value[static_cast<unsigned char>(p[3])];
            if ((a | b | c | d) >= 0) {
                const auto v = static_cast<unsigned>(a) << 18U | static_cast<unsigned>(b) << 12U | static_cast<unsigned>(c) << 6U |
                               static_cast<unsigned>(d);
                out[n] = static_cast<char>(v >> 16U);
                out[n + 1] = static_cast<char>((v >> 8U) & 0xffU);
                out[n + 2] = static_cast<char>(v & 0xffU);
                n += 3;
                p += 4;
                continue;
            }
        }
        const int v = value[static_cast<unsigned char>(*p++)];
        if (v == -2) continue;
        if (v < 0) break;
        acc = (acc << 6U) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = static_cast<char>((acc >> static_cast<unsigned>(bits)) & 0xffU);
        }
    }
    out.resize(n);
}

using Extract = std::string (*)(std::string_view);

// The modulus of one PEM block's body: from its first kPrefixBytes, else from all of it.
std::string block_modulus(std::string_view body, Extract prefix, Extract whole, std::string& buffer) {
    decode_base64_prefix(body, kPrefixBytes, buffer);
    std::string n = prefix(buffer);
    if (!n.empty() || buffer.size() < kPrefixBytes) return n;
    decode_base64_prefix(body, std::string::npos, buffer);
    return whole(buffer);
}

void moduli_of(const std::string& data, std::vector<std::string>& out) {
    auto add = [&](std::string n) {
        if (n.size() > 1) out.push_back(std::move(n));
    };
    constexpr std::string_view kBegin = "-----BEGIN ";
    constexpr std::string_view kEnd = "-----END ";
    const std::string_view text = data;
    std::size_t pos = text.find(kBegin);
    if (pos == std::string_view::npos) {  // DER: a certificate or a key
        std::string n = certificate_modulus(data);
        if (n.empty()) n = pkcs1_modulus(data);
        if (n.empty()) n = pkcs8_modulus(data);
        add(std::move(n));
        return;
    }
    std::string buffer;
    while (pos != std::string_view::npos) {
        const std::size_t label_at = pos + kBegin.size();
        const std::size_t label_end = text.find("-----", label_at);
        if (label_end == std::string_view::npos) return;
        const std::size_t end = text.find(kEnd, label_end + 5);
        if (end == std::string_view::npos) return;
        const std::string_view label = text.substr(label_at, label_end - label_at);
        const std::string_view body = text.substr(label_end + 5, end - label_end - 5);
        if (label == "CERTIFICATE" || label == "TRUSTED CERTIFICATE" || label == "X509 CERTIFICATE") {
            add(block_modulus(body, certificate_modulus_prefix, certificate_modulus, buffer));
        } else if (label == "RSA PRIVATE KEY") {
            add(block_modulus(body, pkcs1_modulus_prefix, pkcs1_modulus, buffer));
        } else if (label == "PRIVATE KEY") {
            add(block_modulus(body, pkcs8_modulus_prefix, pkcs8_modulus, buffer));
        }
        pos = text.find(kBegin, end + kEnd.size());
    }
}

// The whole file into `out` (reused from file to file: no allocation once it is large enough)
// with one open, reads until end of file, and one close; false when it cannot be opened or read,
// or holds more than kMaxInputBytes (the scan reads it again and reports why). The walk listed
// regular files only; O_NONBLOCK keeps a name swapped for a FIFO since from blocking the read.
bool read_whole(const std::string& path, std::string& out) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) return false;
    constexpr std::size_t kChunk = 16384;
    std::size_t size = 0;
    bool ok = true;
    for (;;) {
        if (out.size() < size + kChunk) out.resize(size + kChunk);
        const ssize_t got = ::read(fd, out.data() + size, kChunk);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            ok = got == 0;
            break;
        }
        size += static_cast<std::size_t>(got);
        if (size > kMaxInputBytes) {
            ok = false;
            break;
        }
    }
    ::close(fd);
    out.resize(ok ? size : 0);
    return ok;
}

// SHA-256 over the moduli, each after its length (4 bytes, big-endian); "" when it cannot be made
// (then nothing is ever reused).
std::string digest_of(const std::vector<std::string>& moduli) {
    const ossl::MdCtxPtr ctx{EVP_MD_CTX_new()};
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned md_len = 0;
    bool ok = ctx && EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) == 1;
    for (std::size_t i = 0; ok && i < moduli.size(); ++i) {
        const auto n = static_cast<std::uint32_t>(moduli[i].size());
        const std::array<unsigned char, 4> len{static_cast<unsigned char>(n >> 24U), static_cast<unsigned char>(n >> 16U),
                                               static_cast<unsigned char>(n >> 8U), static_cast<unsigned char>(n)};
        ok = EVP_DigestUpdate(ctx.get(), len.data(), len.size()) == 1 && EVP_DigestUpdate(ctx.get(), moduli[i].data(), moduli[i].size()) == 1;
    }
    ok = ok && EVP_DigestFinal_ex(ctx.get(), md.data(), &md_len) == 1;
    ossl::clear_errors();
    return ok ? std::string(reinterpret_cast<const char*>(md.data()), md_len) : std::string{};
}

}  // namespace

SharedPrimes shared_primes_in_files(const std::vector<std::string>& paths, unsigned threads) {
    std::vector<scan::Directory> given(1);
    given[0].names = paths;
    given[0].as_given = true;
    return shared_primes_in_files(given, threads);
}

SharedPrimes shared_primes_in_files(const std::vector<scan::Directory>& directories, unsigned threads, GcdMemo* memo) {
    std::vector<std::size_t> first;  // the number of the first file of each directory
    first.reserve(directories.size() + 1);
    first.push_back(0);
    for (const scan::Directory& d : directories) first.push_back(first.back() + d.names.size());
    const auto path_of = [&](std::size_t i) {
        const auto d = static_cast<std::size_t>(std::upper_bound(first.begin(), first.end(), i) - first.begin()) - 1;
        return directories[d].file_path(i - first[d]);
    };
    // Each thread keeps the distinct moduli it met, with the first (lowest-index) file holding
    // each; memory follows the distinct moduli, not the files (a CA in every chain counts once).
    using FirstFile = std::map<std::string, std::size_t, std::less<>>;
    const unsigned n_threads = std::max(1U, threads);
    std::vector<FirstFile> seen(n_threads);
    struct Buffers {
        std::vector<std::string> found;
        std::string data;  // reused from file to file
    };
    std::vector<Buffers> buffers(n_threads);
    parallel_for(directories.size(), n_threads, [&](std::size_t d, unsigned t) {
        const scan::Directory& dir = directories[d];
        auto& [found, data] = buffers[t];
        for (std::size_t j = 0; j < dir.names.size(); ++j) {
            const std::size_t i = first[d] + j;
            found.clear();
            // Unreadable here means unreadable in the scan too, which reports it.
            if (read_whole(dir.file_path(j), data)) moduli_of(data, found);
            for (std::string& n : found) {
                auto [it, fresh] = seen[t].try_emplace(std::move(n), i);
                if (!fresh) it->second = std::min(it->second, i);
            }
        }
    });

    FirstFile first_file = std::move(seen[0]);
    for (unsigned t = 1; t < n_threads; ++t) {
        for (auto& [n, i] : seen[t]) {
            auto [it, fresh] = first_file.try_emplace(n, i);
            if (!fresh) it->second = std::min(it->second, i);
        }
        seen[t].clear();
    }
    std::vector<std::string> moduli;
    std::vector<std::size_t> owner;
    moduli.reserve(first_file.size());
    for (auto& [n, file] : first_file) {
        moduli.push_back(n);
        owner.push_back(file);
    }
    first_file.clear();
    std::vector<std::optional<std::size_t>> partners;
    const std::string digest = memo != nullptr ? digest_of(moduli) : std::string{};
    if (memo != nullptr && !memo->digest.empty() && memo->digest == digest) {
        partners.resize(moduli.size());
        for (const auto& [i, j] : memo->partners) partners[i] = j;
        memo->reused = true;
    } else {
        partners = shared_prime_partners(moduli, threads);
        if (memo != nullptr) {
            memo->digest = digest;
            memo->partners.clear();
            for (std::size_t i = 0; i < partners.size(); ++i) {
                if (partners[i]) memo->partners.emplace_back(i, *partners[i]);
            }
            memo->reused = false;
        }
    }
    SharedPrimes out;
    for (std::size_t i = 0; i < moduli.size(); ++i) {
        if (partners[i]) out.emplace(std::move(moduli[i]), path_of(owner[*partners[i]]));
    }
    return out;
}

}  // namespace certcheck::weak
