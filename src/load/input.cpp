// Reading an input file and classifying its bytes by content, not by name.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include "certcheck/load.hpp"
#include "common/der.hpp"

namespace certcheck {
namespace {

template <typename T, auto D2i, auto Free>
bool parses_as(std::string_view der) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    T* obj = D2i(nullptr, &p, static_cast<long>(der.size()));
    ossl::clear_errors();
    if (obj == nullptr) return false;
    Free(obj);
    return true;
}

DerKind sniff_der(std::string_view der) {
    if (!der::whole_sequence(der)) {
        // BER with indefinite lengths (30 80): how Windows and Java often write .p7b and .pfx files.
        if (der.size() > 2 && static_cast<unsigned char>(der[1]) == 0x80) {
            if (parses_as<PKCS7, d2i_PKCS7, PKCS7_free>(der)) return DerKind::Pkcs7;
            if (parses_as<PKCS12, d2i_PKCS12, PKCS12_free>(der)) return DerKind::Pkcs12;
        }
        return DerKind::Unknown;
    }
    if (parses_as<X509, d2i_X509, X509_free>(der)) return DerKind::Certificate;
    if (parses_as<PKCS12, d2i_PKCS12, PKCS12_free>(der)) return DerKind::Pkcs12;
    if (parses_as<PKCS7, d2i_PKCS7, PKCS7_free>(der)) return DerKind::Pkcs7;
    if (parses_as<X509_REQ, d2i_X509_REQ, X509_REQ_free>(der)) return DerKind::CertificateRequest;
    if (parses_as<X509_CRL, d2i_X509_CRL, X509_CRL_free>(der)) return DerKind::Crl;
    if (parses_as<PKCS8_PRIV_KEY_INFO, d2i_PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>(der)) {
        return DerKind::PrivateKey;
    }
    if (parses_as<X509_SIG, d2i_X509_SIG, X509_SIG_free>(der)) return DerKind::EncryptedPrivateKey;
    if (parses_as<X509_PUBKEY, d2i_X509_PUBKEY, X509_PUBKEY_free>(der)) return DerKind::PublicKey;
    const auto second = der::second_element_tag(der);
    if (second && (*second == 0x02 || *second == 0x04)) return DerKind::PrivateKey;  // PKCS#1 / DSA / SEC1 shapes
    return DerKind::Unknown;
}

// ASCII text stored as UTF-16 -> the same text in UTF-8 (non-ASCII becomes '?').
std::string utf16_to_ascii(std::string_view data) {
    bool big_endian = false;
    if (data.starts_with("\xFE\xFF")) {
        big_endian = true;
        data.remove_prefix(2);
    } else if (data.starts_with("\xFF\xFE")) {
        data.remove_prefix(2);
    } else if (!data.empty() && data[0] == '\0') {
        big_endian = true;
    }
    std::string out;
    out.reserve(data.size() / 2);
    for (std::size_t i = 0; i + 1 < data.size(); i += 2) {
        const auto lo = static_cast<unsigned char>(big_endian ? data[i + 1] : data[i]);
        const auto hi = static_cast<unsigned char>(big_endian ? data[i] : data[i + 1]);
        out.push_back(hi == 0 && lo < 0x80 ? static_cast<char>(lo) : '?');
    }
    return out;
}

bool mostly_binary(std::string_view data) {
    std::size_t odd = 0;
    for (const char ch : data) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) ++odd;
    }
    return odd > 0 && odd * 20 > data.size();  // over 5% control bytes
}

}  // namespace

std::string strip_file_scheme(std::string_view path) {
    for (const std::string_view scheme : {"file://", "fileb://"}) {
        if (path.starts_with(scheme)) return std::string{path.substr(scheme.size())};
    }
    return std::string{path};
}

std::string read_file_bytes(const std::string& path) {
    // Opened first, with O_NONBLOCK, and judged by fstat of the opened descriptor: a name that is
    // swapped for a FIFO between a stat() and an open() would otherwise block open() for ever.
    // O_NONBLOCK makes opening a FIFO return at once; fstat then refuses it before any read.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT) throw InputError(path + ": no such file");
        if (err == ELOOP) throw InputError(path + ": cannot read: " + std::strerror(err));
        throw InputError(path + ": cannot open: " + std::strerror(err));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        throw InputError(path + ": cannot read: " + std::strerror(err));
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        throw InputError(path + ": is a directory, not a file");
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        throw InputError(path + ": not a regular file (a FIFO, socket or device); refusing to read it");
    }
    if (static_cast<std::size_t>(st.st_size) > kMaxInputBytes) {
        ::close(fd);
        throw InputError(path + ": " + std::to_string(st.st_size) + " bytes is over the 10 MiB limit; refusing to read it");
    }
    // One read asks for a byte more than stat() said: a regular file returns fewer bytes than
    // asked only at its end, so a file that grew since stat() shows as a full read.
    std::string data(static_cast<std::size_t>(st.st_size) + 1, '\0');
    std::size_t got = 0;
    int err = 0;
    while (got < data.size()) {
        const ssize_t n = ::read(fd, data.data() + got, data.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) err = errno;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
        if (got < data.size()) break;  // short read of a regular file: its end
    }
    ::close(fd);
    if (err != 0) throw InputError(path + ": cannot read: " + std::strerror(err));
    if (got > static_cast<std::size_t>(st.st_size)) throw InputError(path + ": changed while being read; refusing it");
    data.resize(got);
    return data;
}

InputFile analyse_input(Slot slot, std::string path, std::string data) {
    InputFile f;
    f.slot = slot;
    f.path = std::move(path);
    f.data = std::move(data);
    f.text = text_facts(f.data);

    const std::string_view view = f.data;
    if (view.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        f.encoding = Encoding::Empty;
        return f;
    }
    if (f.text.utf16) {
        PemScan scan = scan_pem(utf16_to_ascii(view));
        if (!scan.blocks.empty()) {
            f.encoding = Encoding::Pem;
            f.blocks = std::move(scan.blocks);
            f.stray = std::move(scan.stray);
            return f;
        }
        f.encoding = Encoding::Binary;
        return f;
    }
    if (view.find("-----BEGIN ") != std::string_view::npos) {
        PemScan scan = scan_pem(view);
        f.encoding = Encoding::Pem;
        f.blocks = std::move(scan.blocks);
        f.stray = std::move(scan.stray);
        f.joined_lines = std::move(scan.joined_lines);
        return f;
    }
    if (static_cast<unsigned char>(view.front()) == 0x30) {
        f.der_kind = sniff_der(view);
        if (f.der_kind != DerKind::Unknown) {
            f.encoding = Encoding::Der;
            return f;
        }
    }
    if (mostly_binary(view) || !f.text.utf8) {
        f.encoding = Encoding::Binary;
        return f;
    }
    f.encoding = Encoding::Text;
    f.stray = scan_pem(view).stray;
    return f;
}

InputFile read_input(Slot slot, std::string_view path) {
    std::string real = strip_file_scheme(path);
    std::string data = read_file_bytes(real);
    return analyse_input(slot, std::move(real), std::move(data));
}

}  // namespace certcheck
