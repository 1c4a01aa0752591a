// Loading: bytes -> PEM blocks with line numbers -> OpenSSL objects. Content problems are
// recorded in the Material for the rules; only an input that cannot be read at all throws.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "certcheck/material.hpp"

namespace certcheck {

// An input that could not be read (missing, unreadable, a directory, too large): exit 2.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

inline constexpr std::size_t kMaxInputBytes = 10u * 1024u * 1024u;

// "file://x.pem" and "fileb://x.pem" (as written for the aws command) -> "x.pem".
[[nodiscard]] std::string strip_file_scheme(std::string_view path);

// Reads a regular file of at most kMaxInputBytes; throws InputError naming the file otherwise.
[[nodiscard]] std::string read_file_bytes(const std::string& path);

struct PemScan {
    std::vector<PemBlock> blocks;
    std::vector<TextRun> stray;
    std::vector<int> joined_lines;  // lines holding an END and the next BEGIN ("cat" of files without a final newline)
};
// The PEM scanner: keeps labels, headers, line numbers and what lies outside the blocks.
[[nodiscard]] PemScan scan_pem(std::string_view text);

[[nodiscard]] TextFacts text_facts(std::string_view data);

// Classifies bytes already in memory (no I/O).
[[nodiscard]] InputFile analyse_input(Slot slot, std::string path, std::string data);

// read_file_bytes + analyse_input.
[[nodiscard]] InputFile read_input(Slot slot, std::string_view path);

// Chain certificates seen earlier in the run, parsed once, with their issuing relations
// remembered (a scan meets the same few CA certificates thousands of times). Thread-safe.
class CertCache {
public:
    CertCache();
    ~CertCache();
    CertCache(const CertCache&) = delete;
    CertCache& operator=(const CertCache&) = delete;

    // The parsed certificate for these DER bytes, or nullopt with `why` set. CA certificates
    // (and self-signed ones) are kept and shared; others are parsed and handed over.
    [[nodiscard]] std::optional<Certificate> get(std::string_view der, std::string& why);
    // x509::issued_by, remembered by the two certificates' fingerprints (their identity).
    [[nodiscard]] bool issued_by(const Certificate& child, const Certificate& parent);
    [[nodiscard]] std::size_t size() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// A copy sharing the same OpenSSL object (up-referenced).
[[nodiscard]] Certificate share(const Certificate& c);

// One file with what it holds parsed: certificates (the bad ones recorded) and private keys.
struct LoadedFile {
    InputFile file;
    std::vector<Certificate> certs;
    std::vector<BadBlock> bad;
    std::vector<PrivateKey> keys;
};
[[nodiscard]] LoadedFile load_file(InputFile f, CertCache* cache = nullptr);

// A Material from files already loaded (scan loads each file once and may reuse it).
[[nodiscard]] Material assemble_material(LoadedFile body, std::optional<LoadedFile> key,
                                         std::optional<LoadedFile> chain, Request request = {});

// Parses what the files hold and relates the chain to the body. With a cache, CA
// certificates are shared across subjects.
[[nodiscard]] Material load_material(InputFile body, std::optional<InputFile> key,
                                     std::optional<InputFile> chain, Request request = {},
                                     CertCache* cache = nullptr);

// The CA certificates certcheck may assume a client trusts (chain-complete).
class TrustStore {
public:
    [[nodiscard]] static TrustStore system();                            // OpenSSL's default paths
    [[nodiscard]] static TrustStore from_path(const std::string& path);  // a PEM file or a hashed/plain directory
    [[nodiscard]] static TrustStore none();

    // A trusted certificate whose subject is x's issuer and whose key verifies x's signature.
    [[nodiscard]] bool has_issuer_of(X509* x) const;
    // That trusted certificate (fix builds chains from it), or null.
    [[nodiscard]] ossl::X509Ptr issuer_of(X509* x) const;
    [[nodiscard]] const std::string& description() const noexcept { return description_; }

    struct State;  // the store, built on first use (the system bundle costs ~20 ms to parse)

private:
    TrustStore(std::shared_ptr<State> state, std::string description);
    std::shared_ptr<State> state_;
    std::string description_;
};

}  // namespace certcheck
