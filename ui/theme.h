#pragma once
// Light and dark palettes on the Fusion style.

#include <QString>

namespace bb {

enum class Theme { Light, Dark };

/// Applies the palette application-wide; widgets and tinted icons follow.
void applyTheme(Theme theme);
Theme themeFromString(const QString &name); ///< "dark" -> Dark, anything else -> Light
QString themeToString(Theme theme);
/// True when the current application palette is dark (used by charts).
bool isDarkPalette();

} // namespace bb
