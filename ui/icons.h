#pragma once
// Application icons from resources/icons (SVG, sharp at every device pixel ratio).

#include <QIcon>
#include <QString>

namespace bb {

/// The icon ":/icons/<name>.svg", tinted for the current palette (light or dark).
QIcon themedIcon(const QString &name);

/// The application's own icon.
QIcon appIcon();

} // namespace bb
