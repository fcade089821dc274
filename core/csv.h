#pragma once
// CSV field quoting shared by every CSV the project writes (manifest, labels, predictions,
// embeddings, t-SNE layouts), and the reading of such a line.

#include <QString>
#include <QStringList>

namespace bb {

/// `s` quoted for CSV when it holds a comma, a quote or a newline (quotes doubled).
QString csvField(const QString &s);

/// The fields of one CSV line as csvField writes them: a field in double quotes may hold commas
/// and doubled quotes; spaces around an unquoted field are trimmed.
QStringList parseCsvLine(const QString &line);

} // namespace bb
