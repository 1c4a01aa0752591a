// The explicit registration list: catalogue order. Static self-registration is avoided on
// purpose (linkers drop unreferenced objects from static libraries).
#include "rules/rules.hpp"

namespace certcheck::rules {

std::vector<std::unique_ptr<Validator>> make_builtin_rules() {
    std::vector<std::unique_ptr<Validator>> r;
    r.push_back(make_body_pem());
    r.push_back(make_body_single_cert());
    r.push_back(make_body_validity());
    r.push_back(make_body_expiry_soon());
    r.push_back(make_body_signature_algorithm());
    r.push_back(make_key_pem());
    r.push_back(make_key_unencrypted());
    r.push_back(make_key_rsa_pkcs1());
    r.push_back(make_key_size());
    r.push_back(make_key_matches_cert());
    r.push_back(make_key_weak());
    r.push_back(make_chain_pem());
    r.push_back(make_chain_no_leaf());
    r.push_back(make_chain_order());
    r.push_back(make_chain_no_extra());
    r.push_back(make_chain_validity());
    r.push_back(make_chain_complete());
    r.push_back(make_chain_present());
    r.push_back(make_request_size());
    r.push_back(make_request_charset());
    r.push_back(make_request_name());
    r.push_back(make_request_path());
    r.push_back(make_pem_line_endings());
    r.push_back(make_pem_trailing_whitespace());
    r.push_back(make_pem_leading_bytes());
    r.push_back(make_host_match());
    r.push_back(make_cloudfront_path());
    r.push_back(make_cloudfront_key());
    r.push_back(make_chain_no_root());
    r.push_back(make_acm_x509v3());
    r.push_back(make_acm_key_algorithm());
    r.push_back(make_acm_size());
    r.push_back(make_acm_issuer_key_algorithm());
    r.push_back(make_acm_issuer_present());
    r.push_back(make_acm_ocsp_url());
    r.push_back(make_ra_x509v3());
    r.push_back(make_ra_basic_constraints());
    r.push_back(make_ra_key_usage());
    r.push_back(make_ra_signature_algorithm());
    r.push_back(make_ra_subject_present());
    r.push_back(make_ra_key_algorithm());
    r.push_back(make_ra_chain_to_anchor());
    r.push_back(make_ra_anchor_bundle());
    r.push_back(make_ra_tag_values());
    r.push_back(make_ra_trust_policy());
    r.push_back(make_endpoint_chain_complete());
    r.push_back(make_endpoint_serves_cert());
    r.push_back(make_endpoint_serves_chain());
    r.push_back(make_ra_revoked());
    return r;
}

}  // namespace certcheck::rules
