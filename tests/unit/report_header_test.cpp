// The report model is pure data: certcheck/report.hpp compiles without OpenSSL's headers, so a
// renderer or a consumer of the report never depends on libcrypto. This file includes only that
// header before checking, and fails to compile when an OpenSSL header became reachable from it.
#include "certcheck/report.hpp"

#if defined(OPENSSL_E_OS2_H) || defined(OPENSSL_MACROS_H) || defined(OPENSSL_TYPES_H) || \
    defined(OPENSSL_CONFIGURATION_H) || defined(OPENSSL_OPENSSLCONF_H) || defined(OPENSSL_OPENSSLV_H)
#error "certcheck/report.hpp reaches an OpenSSL header: keep the report model free of libcrypto"
#endif

// The guards above are the ones OpenSSL defines (checked after the test above, so that the check
// can fail): if a new OpenSSL renamed them, this stops the build instead of passing vacuously.
#include <openssl/x509.h>
#if !defined(OPENSSL_E_OS2_H) || !defined(OPENSSL_TYPES_H) || !defined(OPENSSL_MACROS_H)
#error "OpenSSL's include guards changed: update the names checked above"
#endif

#include <gtest/gtest.h>

namespace certcheck {
namespace {

TEST(ReportHeader, HoldsARolesAnywhereSubjectWithoutOpenSsl) {
    Report report;
    SubjectReport subject;
    subject.name = "leaf.pem";
    RolesAnywhereReport ra;
    ra.session.tags.push_back(SessionTag{"x509Subject/CN", "web-1", false, ""});
    PolicyEvaluation evaluation;
    evaluation.verdict = PolicyVerdict::NotAllowed;
    StatementResult statement;
    statement.index = 0;
    statement.sid = "ClientCertificates";
    evaluation.statements.push_back(statement);
    ra.policy = evaluation;
    subject.roles_anywhere = ra;
    subject.verdict = Verdict::Fail;
    report.subjects.push_back(subject);

    EXPECT_EQ(report.exit_code(), 1);
    EXPECT_EQ(report.summary().failed, 1);
    EXPECT_EQ(to_string(report.subjects[0].roles_anywhere->policy->verdict), "not-allowed");
    EXPECT_EQ(report.subjects[0].roles_anywhere->policy->statements[0].label(), "statement 1 (Sid ClientCertificates)");
    statement.sid.clear();
    EXPECT_EQ(statement.label(), "statement 1");
}

}  // namespace
}  // namespace certcheck
