// The command line: CLI11 declarations, one options struct per subcommand, dispatch.
// Only this layer (and main) touches process state; everything is testable in-process.
#pragma once

#include <ctime>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace certcheck::cli {

enum ExitCode : int {
    kExitPass = 0,
    kExitFail = 1,
    kExitUsage = 2
};

// What the process gives the CLI, so tests can run it in-process.
struct Io {
    std::ostream& out;
    std::ostream& err;
    bool out_is_tty = false;
    bool no_color = false;  // NO_COLOR is set, or TERM=dumb
    bool err_is_tty = false;
    bool in_is_tty = false;  // fix may prompt for a passphrase only then
};

struct SelectionOptions {
    std::string profile = "iam-server";
    std::vector<std::string> skip;
    std::vector<std::string> only;
    std::optional<std::string> at;
    int expiry_warn = 30;
    std::string fail_on = "error";
    std::optional<std::string> trust_store;
    std::optional<std::string> trust_anchor;       // roles-anywhere
    std::optional<std::string> trust_policy;       // roles-anywhere
    std::optional<std::string> trust_anchor_arn;   // roles-anywhere
    std::optional<std::string> attribute_mapping;  // roles-anywhere
    std::vector<std::string> crls;                 // roles-anywhere
    std::string config_file;                       // the configuration file applied ("" for none), for -v
};

struct OutputOptions {
    std::string format = "text";
    std::optional<std::string> output;
    bool quiet = false;
    bool verbose = false;
};

// --config FILE / --no-config (on the top level and on check and scan).
struct ConfigOptions {
    std::optional<std::string> file;
    bool none = false;
};

struct CheckOptions {
    std::string cert;  // required unless --aws-json is given
    std::optional<std::string> aws_json;
    bool fetch_missing = false;
    std::optional<std::string> key;
    std::optional<std::string> chain;
    std::optional<std::string> name;
    std::optional<std::string> user_name;  // iam-signing
    std::optional<std::string> path;
    std::vector<std::string> hosts;
    SelectionOptions selection;
    OutputOptions output;
    ConfigOptions config;
};

struct ScanOptions {
    std::vector<std::string> paths;  // required unless --aws-json is given
    std::optional<std::string> aws_json;
    unsigned jobs = 0;  // 0: the number of cores
    bool follow_symlinks = false;
    std::string progress = "auto";
    std::vector<std::string> include;  // globs; from --include or the config file's [scan] include
    std::vector<std::string> exclude;
    std::optional<std::string> shard;      // K/N
    std::optional<std::string> user_name;  // iam-signing: carried into every subject's upload command
    SelectionOptions selection;
    OutputOptions output;
    ConfigOptions config;
};

struct EndpointOptions {
    std::vector<std::string> targets;
    std::optional<std::string> targets_file;
    unsigned jobs = 8;
    std::optional<std::string> servername;
    double timeout = 10;
    std::optional<std::string> cert;
    std::optional<std::string> chain;
    bool fetch_missing = false;
    SelectionOptions selection;  // profile: "endpoint" unless --profile (or [endpoint] profile) says otherwise
    OutputOptions output;
    ConfigOptions config;
};

struct ExporterOptions {
    std::vector<std::string> paths;
    std::vector<std::string> endpoints;           // --endpoint
    std::optional<std::string> endpoint_targets;  // --endpoint-targets FILE
    double endpoint_timeout = 10;
    std::string listen = "127.0.0.1:9793";
    std::string interval = "5m";
    unsigned jobs = 0;
    bool follow_symlinks = false;
    std::vector<std::string> include;
    std::vector<std::string> exclude;
    SelectionOptions selection;
    ConfigOptions config;
};

struct MergeOptions {
    std::vector<std::string> files;
    std::optional<std::string> profile;  // only to check: every line's profile must agree
    OutputOptions output;
};

struct RulesOptions {
    std::optional<std::string> profile;
    std::string format = "text";
};

struct ProfilesOptions {};

struct FixOptions {
    std::string cert;
    std::string key;
    std::optional<std::string> chain;
    std::optional<std::string> bundle;
    std::string out;
    bool force = false;
    std::optional<std::string> passphrase_file;
    std::optional<std::string> passphrase_env;
    bool fetch_missing = false;
    std::optional<std::string> name;       // --name: the server-certificate name (iam-server, cloudfront)
    std::optional<std::string> path;       // --path: the IAM path (cloudfront: /cloudfront/.../)
    std::optional<std::string> user_name;  // iam-signing
    std::string format = "text";           // text or json
    SelectionOptions selection;
};

struct InspectOptions {
    std::vector<std::string> files;
    std::string format = "text";
    std::optional<std::string> at;
    std::optional<std::string> passphrase_file;  // opens a PKCS#12 archive or an encrypted key
    std::optional<std::string> passphrase_env;
};

struct AccessOptions {
    std::vector<std::string> paths;
    std::string trust_anchor;
    std::vector<std::string> roles;  // --trust-policy FILE (a policy or aws iam get-role output), repeatable
    std::optional<std::string> attribute_mapping;
    std::vector<std::string> crls;
    std::optional<std::string> trust_anchor_arn;
    std::optional<std::string> at;
    std::string format = "text";
    std::optional<std::string> output;
};

// A usage problem found after parsing: exit 2 with the message.
struct UsageError {
    std::string message;
};

int run_check(const CheckOptions& opts, Io& io);
int run_scan(const ScanOptions& opts, Io& io);
int run_rules(const RulesOptions& opts, Io& io);
int run_exporter(const ExporterOptions& opts, Io& io);
int run_merge(const MergeOptions& opts, Io& io);
int run_profiles(const ProfilesOptions& opts, Io& io);
int run_fix(const FixOptions& opts, Io& io);
int run_inspect(const InspectOptions& opts, Io& io);
int run_endpoint(const EndpointOptions& opts, Io& io);
int run_access(const AccessOptions& opts, Io& io);

// Parses argv and runs the subcommand. Returns the process exit code (0, 1 or 2).
int run(int argc, const char* const* argv, Io& io);

}  // namespace certcheck::cli
