#pragma once
// The user-interface language: which translations the application carries, which one the user
// chose (QSettings "ui/language"; empty follows the system), and installing the translators.
//
// The application's .qm files are embedded as Qt resources under ":/i18n"; Qt's own catalogue
// (qtbase_<code>.qm, for standard dialogs and buttons) is loaded from Qt's translations folder
// when the system has it. The CLI never loads any of this: its output stays English.

#include <QList>
#include <QString>

namespace bb {

struct Language {
    QString code; ///< "en", "de", ...
    QString name; ///< in the language itself: "English", "Deutsch"
};

/// The languages with an embedded translation, English first, the others by code.
QList<Language> availableLanguages();

/// The language stored in the settings: a code, or "" for "follow the system".
QString savedLanguage();
void saveLanguage(const QString &code);

/// The available language that `code` stands for: itself when available; for "" or an
/// unavailable code the first available one of QLocale::system().uiLanguages() (which
/// honours LANGUAGE), else "en".
QString resolveLanguage(const QString &code);

/// Installs the translators for resolveLanguage(code), replacing those of an earlier call, and
/// returns that language's code. English has a translator too: it holds the plural forms.
/// A missing Qt catalogue is not an error (standard buttons then stay English). Widgets built
/// before the call keep their texts: call it before building windows.
QString installTranslators(const QString &code);

/// The code installTranslators() last installed, or "" when it has not been called.
QString installedLanguage();

/// `sourceText` of `context` in language `code`, without installing anything; the source text
/// when there is no translation.
QString translateInto(const QString &code, const char *context, const char *sourceText);

} // namespace bb
