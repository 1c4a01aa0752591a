// The scan's shared-prime pass: every RSA modulus in the scanned files (certificates, PKCS#1 and
// PKCS#8 keys), read with a DER walk only (no OpenSSL parse: a few microseconds a file), the same
// modulus in several files kept once, then batch GCD over the distinct moduli.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "certcheck/load.hpp"
#include "load/der.hpp"
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
std::string certificate_modulus(std::string_view der) {
    const auto cert = children(inside(der), 1);
    if (cert.empty() || static_cast<unsigned char>(cert[0][0]) != 0x30) return {};
    auto tbs = children(inside(cert[0]), 7);
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

void moduli_of(const std::string& data, std::vector<std::string>& out) {
    auto add = [&](std::string n) {
        if (n.size() > 1) out.push_back(std::move(n));
    };
    const PemScan pem = scan_pem(data);
    if (pem.blocks.empty()) {  // DER: a certificate or a key
        std::string n = certificate_modulus(data);
        if (n.empty()) n = pkcs1_modulus(data);
        if (n.empty()) n = pkcs8_modulus(data);
        add(std::move(n));
        return;
    }
    for (const PemBlock& b : pem.blocks) {
        if (!b.ok() || b.encrypted()) continue;
        if (b.label == "CERTIFICATE" || b.label == "TRUSTED CERTIFICATE" || b.label == "X509 CERTIFICATE") {
            add(certificate_modulus(b.der));
        } else if (b.label == "RSA PRIVATE KEY") {
            add(pkcs1_modulus(b.der));
        } else if (b.label == "PRIVATE KEY") {
            add(pkcs8_modulus(b.der));
        }
    }
}

}  // namespace

SharedPrimes shared_primes_in_files(const std::vector<std::string>& paths, unsigned threads) {
    // Each thread keeps the distinct moduli it met, with the first (lowest-index) file holding
    // each; memory follows the distinct moduli, not the files (a CA in every chain counts once).
    using FirstFile = std::map<std::string, std::size_t, std::less<>>;
    const unsigned n_threads = std::max(1U, threads);
    std::vector<FirstFile> seen(n_threads);
    std::atomic<std::size_t> next{0};
    auto work = [&](unsigned t) {
        std::vector<std::string> found;
        for (std::size_t i = next++; i < paths.size(); i = next++) {
            found.clear();
            try {
                moduli_of(read_file_bytes(paths[i]), found);
            } catch (const std::exception&) {
                // Unreadable here means unreadable in the scan too, which reports it.
            }
            for (std::string& n : found) {
                auto [it, fresh] = seen[t].try_emplace(std::move(n), i);
                if (!fresh) it->second = std::min(it->second, i);
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n_threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& t : pool) t.join();

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
    const auto partners = shared_prime_partners(moduli, threads);
    SharedPrimes out;
    for (std::size_t i = 0; i < moduli.size(); ++i) {
        if (partners[i]) out.emplace(std::move(moduli[i]), paths[owner[*partners[i]]]);
    }
    return out;
}

}  // namespace certcheck::weak
