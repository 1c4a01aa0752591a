// The explicit registration list, in catalogue order. Static self-registration is avoided on
// purpose (linkers drop unreferenced objects from static libraries); the list is instead generated
// at build time from each rule file's "// catalogue: N" line (cmake/gen-rule-list.cmake), so a new
// rule is written in its own file only. builtin_rules.inc defines make_builtin_rules().
#include "rules/rules.hpp"

#include "rules/builtin_rules.inc"
