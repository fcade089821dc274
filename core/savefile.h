#pragma once
// Writing a whole file in one step: the new content replaces the old only when all of it is
// on disk, and a full disk is reported, not hidden.

#include <QByteArray>
#include <QString>

namespace bb {

/// Writes `bytes` to `path` through QSaveFile (a temporary file renamed over the target).
/// Returns the system's reason on failure (empty on success), with the old file untouched.
///
/// QSaveFile buffers by default, and Qt 6.4's commit() then returns true after its final flush
/// failed with ENOSPC, leaving an empty file in place of the old one; here it is unbuffered, so
/// every write's failure is seen.
QString writeFileAtomically(const QString &path, const QByteArray &bytes);

} // namespace bb
