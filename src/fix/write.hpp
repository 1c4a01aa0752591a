// Writing fix's output safely under races and signals (internal).
//
// --out is opened once, without following a symlink, and must be a directory owned by this user
// and writable by no one else; directories fix creates are 0700. Every file is written to an
// unnamed temporary file (O_TMPFILE) in --out and fsynced; nothing has a name until all are
// written, so no exit (even SIGKILL) leaves a half-written or decrypted-key file behind. Then,
// holding an exclusive flock on --out (so two certcheck runs never interleave), the targets are
// checked again and published: linked to their final names (link fails if a name exists: the
// check and the write are one step) or, with --force, renamed over them. SIGINT, SIGTERM, SIGHUP
// and SIGPIPE are held back while publishing, so a run publishes all its files or none.
// On file systems without O_TMPFILE, named temporary files are used instead and removed on
// failure and by a handler for those signals.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace certcheck::fixio {

struct OutFile {
    std::string path;  // the final path, inside the --out directory
    std::string data;
    bool secret = false;  // created 0600 from the start (the key)
};

// Throws FixTargetError when a target exists and !force, when a target is one of the inputs
// (even with force), or when dir exists and is not a directory, is a symlink, is owned by another
// user or is group/world-writable. An early check, before any input is read; write_all checks
// again under its lock.
void check_targets(const std::string& dir, const std::vector<std::string>& targets,
                   const std::vector<std::string>& inputs, bool force);

// Creates dir when missing (0700), writes every file as above; on failure nothing this call
// made is left behind and it throws FixTargetError. `inputs` are never replaced, even with force.
// `while_locked` runs once the files are published, before the directory's lock is released:
// fix re-checks there what it wrote, which a concurrent `fix --force` must not replace meanwhile.
void write_all(const std::string& dir, const std::vector<OutFile>& files, const std::vector<std::string>& inputs,
               bool force, const std::function<void()>& while_locked = {});

}  // namespace certcheck::fixio
