// The Roles Anywhere profile inputs shared by check, scan and access: --attribute-mapping, --crl.
#include <algorithm>

#include <fmt/format.h>

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

std::string checked_anchor_arn(const std::string& arn) {
    if (!arn.starts_with("arn:") || std::count(arn.begin(), arn.end(), ':') < 5) {
        throw UsageError{fmt::format("--trust-anchor-arn: '{}' is not an ARN (arn:aws:rolesanywhere:REGION:ACCOUNT:trust-anchor/ID)", arn)};
    }
    return arn;
}

void load_roles_anywhere_extras(const SelectionOptions& o, RolesAnywhereInputs& ra) {
    if (o.attribute_mapping) ra.mapping = load_attribute_mapping(strip_file_scheme(*o.attribute_mapping));
    if (!o.crls.empty() && !o.trust_anchor) throw UsageError{"--crl needs --trust-anchor: a CRL is checked against the anchor's hierarchy"};
    for (const std::string& path : o.crls) {
        std::vector<Crl> crls = load_crls(strip_file_scheme(path));
        ra.crls.insert(ra.crls.end(), crls.begin(), crls.end());
    }
}

}  // namespace certcheck::cli
