// The html report (written in part 4).
#include "certcheck/render.hpp"

namespace certcheck {

void render_html(const Report& report, std::ostream& out) { (void)report; out << "<!doctype html>\n"; }

}  // namespace certcheck
