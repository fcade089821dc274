#pragma once
// Reading a JSON object from a file, with what went wrong told apart so each caller can word
// its own message (a settings file, a run's record).

#include <QJsonObject>
#include <QString>

namespace bb {

struct JsonObjectFile {
    enum class Outcome {
        Ok,
        Missing,    ///< no such file
        Unreadable, ///< exists, cannot be opened (detail: the system's reason)
        Syntax,     ///< not JSON (detail: the parser's message and byte offset)
        NotObject,  ///< valid JSON, but an array, a string, a number, true/false or null (detail: which)
    };
    Outcome outcome = Outcome::Missing;
    QJsonObject object;
    QString detail;
};

/// Reads `path` as one JSON object. A valid document of another type (`42`, `null`, `[…]`) is
/// NotObject, not Syntax: Qt's parser rejects top-level scalars as "illegal value".
JsonObjectFile readJsonObjectFile(const QString &path);

} // namespace bb
