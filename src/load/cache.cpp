// The run-wide cache of chain certificates and their issuing relations.
#include <map>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include <openssl/x509v3.h>

#include "certcheck/load.hpp"
#include "common/x509util.hpp"
#include "load/assemble.hpp"

namespace certcheck {

struct CertCache::Impl {
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, Certificate> by_der;  // DER -> parsed (line unset)
    // (child, parent) fingerprints -> verdict. Keyed by identity, never by pointer: a freed
    // certificate's address can be reused by another one.
    std::map<std::pair<std::string, std::string>, bool> issued;
};

CertCache::CertCache() : impl_(std::make_unique<Impl>()) {}
CertCache::~CertCache() = default;

Certificate share(const Certificate& c) {
    Certificate out;
    out.x509 = ossl::share(c.x509.get());
    out.line = c.line;
    out.subject = c.subject;
    out.issuer = c.issuer;
    out.label = c.label;
    out.self_signed = c.self_signed;
    out.fingerprint = c.fingerprint;
    return out;
}

std::optional<Certificate> CertCache::get(std::string_view der, std::string& why) {
    const std::string key{der};
    {
        std::shared_lock lock(impl_->mutex);
        if (const auto it = impl_->by_der.find(key); it != impl_->by_der.end()) return share(it->second);
    }
    // Parse outside the lock; a race parses twice and keeps one.
    auto c = parse_certificate(der, 0, why);
    if (!c) return std::nullopt;
    if (!c->self_signed && X509_check_ca(c->x509.get()) == 0) return c;  // a leaf: seen once, not kept
    std::unique_lock lock(impl_->mutex);
    const auto it = impl_->by_der.emplace(key, std::move(*c)).first;
    return share(it->second);
}

bool CertCache::issued_by(const Certificate& child, const Certificate& parent) {
    // A leaf's relation is asked once per subject: remembering it would only grow the map.
    const bool worth_remembering = child.self_signed || X509_check_ca(child.x509.get()) != 0;
    if (!worth_remembering || child.fingerprint.empty() || parent.fingerprint.empty()) {
        return x509::issued_by(child.x509.get(), parent.x509.get());
    }
    auto key = std::make_pair(child.fingerprint, parent.fingerprint);
    {
        std::shared_lock lock(impl_->mutex);
        if (const auto it = impl_->issued.find(key); it != impl_->issued.end()) return it->second;
    }
    const bool ok = x509::issued_by(child.x509.get(), parent.x509.get());
    std::unique_lock lock(impl_->mutex);
    impl_->issued.emplace(std::move(key), ok);
    return ok;
}

std::size_t CertCache::size() const {
    std::shared_lock lock(impl_->mutex);
    return impl_->by_der.size();
}

}  // namespace certcheck
