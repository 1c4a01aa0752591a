#include "openssl/bio.hpp"

namespace certcheck::ossl {

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string{};
}

}  // namespace certcheck::ossl
