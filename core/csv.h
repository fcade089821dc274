#pragma once
// CSV field quoting shared by every CSV the project writes (manifest, labels, predictions).

#include <QString>

namespace bb {

/// `s` quoted for CSV when it holds a comma, a quote or a newline (quotes doubled).
QString csvField(const QString &s);

} // namespace bb
