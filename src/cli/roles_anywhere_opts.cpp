// The Roles Anywhere options shared by check and scan: --attribute-mapping, --crl (loaded by
// the core: load_roles_anywhere_inputs).
#include "cli/options.hpp"

namespace certcheck::cli {

void add_roles_anywhere_extras(CLI::App& cmd, SelectionOptions& o) {
    cmd.add_option("--attribute-mapping", o.attribute_mapping,
                   "roles-anywhere: the profile's attributeMappings (JSON, as aws rolesanywhere get-profile prints)")
        ->type_name("FILE");
    cmd.add_option("--crl", o.crls, "roles-anywhere: a CRL imported for the trust anchor (PEM; repeatable)")
        ->type_name("FILE")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false);
}

}  // namespace certcheck::cli
