#include "support/temp.hpp"

#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace certcheck::test {

TempDir::TempDir(std::string_view prefix) {
    std::string tmpl = (std::filesystem::temp_directory_path() / (std::string{prefix} + "-XXXXXX")).string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
    const std::string out = path_ + "/" + name;
    std::ofstream f(out, std::ios::binary | std::ios::trunc);
    f << text;
    if (!f) throw std::runtime_error("cannot write " + out);
    return out;
}

const TempDir& temp_dir() {
    static const TempDir dir;
    return dir;
}

std::string write_temp(const std::string& name, const std::string& text) { return temp_dir().write(name, text); }

}  // namespace certcheck::test
