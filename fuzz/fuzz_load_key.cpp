// Loading arbitrary bytes as the key slot: classification, PEM/DER parsing, OpenSSL objects.
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace certcheck;
    (void)load_file(analyse_input(Slot::Key, "fuzz-input", std::string{fuzz::bytes(data, size)}));
    return 0;
}
