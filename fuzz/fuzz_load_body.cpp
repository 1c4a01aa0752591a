// Loading arbitrary bytes as the body slot: classification, PEM/DER parsing, OpenSSL objects.
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace certcheck;
    (void)load_file(analyse_input(Slot::Body, "fuzz-input", std::string{fuzz::bytes(data, size)}));
    return 0;
}
