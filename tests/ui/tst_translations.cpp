// Translations: switching the language changes the main window's and core's texts; the .ts
// files are complete (no unfinished or empty message, placeholders and accelerators kept); and
// lupdate over today's sources finds nothing the committed .ts files lack, with no warning.

#include "language.h"
#include "mainwindow.h"
#include "trainingconfig.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <memory>

using namespace bb;

namespace {

struct TsMessage {
    QString context, source, comment;
    bool numerus = false;
    QString type;             ///< the translation's type attribute ("unfinished", "vanished", ...)
    QStringList translations; ///< one, or one per numerus form
};

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QList<TsMessage> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    TsMessage m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = TsMessage();
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            m.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            if (m.numerus) {
                while (xml.readNextStartElement())
                    m.translations.append(xml.readElementText()); // <numerusform>
            } else {
                m.translations.append(xml.readElementText());
            }
            out.append(m);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

QString tsPath(const QString &code)
{
    return QStringLiteral(BB_TS_DIR "/balancebench_%1.ts").arg(code);
}

// %1..%99, %n and their %L forms, and QProgressBar's %v/%m, in order of appearance, sorted.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(L?[0-9]{1,2}|L?n|v|m)"));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out.append(it.next().captured(0));
    out.sort();
    return out;
}

// The keyboard accelerator of a menu text ("&File" -> 'f'), or a null QChar.
QChar mnemonic(const QString &text)
{
    for (int i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != QLatin1Char('&'))
            continue;
        if (text[i + 1] == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text[i + 1].toLower();
    }
    return {};
}

int mnemonicCount(const QString &text)
{
    int n = 0;
    for (int i = 0; i + 1 < text.size(); ++i)
        if (text[i] == QLatin1Char('&')) {
            if (text[i + 1] != QLatin1Char('&'))
                ++n;
            ++i;
        }
    return n;
}

// Accelerators used twice among `actions`, described for a failure message; submenus recursively.
void findClashes(const QString &where, const QList<QAction *> &actions, QStringList *clashes)
{
    QHash<QChar, QString> seen;
    for (QAction *a : actions) {
        if (a->isSeparator() || !a->isVisible())
            continue;
        const QChar c = mnemonic(a->text());
        if (!c.isNull()) {
            if (seen.contains(c))
                clashes->append(QStringLiteral("%1: “%2” and “%3” both use %4").arg(where, seen.value(c), a->text(), c));
            else
                seen.insert(c, a->text());
        }
        if (a->menu())
            findClashes(where + QStringLiteral(" ▸ ") + a->text(), a->menu()->actions(), clashes);
    }
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
    // The languages translations/ holds; a new language adds its row here.
    static void languageRows()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("de") << QStringLiteral("de");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void cleanup()
    {
        installTranslators(QStringLiteral("en"));
        QSettings().clear();
    }

    void embeddedLanguages()
    {
        const QList<Language> languages = availableLanguages();
        QCOMPARE(languages.size(), 2);
        QCOMPARE(languages[0].code, QStringLiteral("en"));
        QCOMPARE(languages[0].name, QStringLiteral("English"));
        QCOMPARE(languages[1].code, QStringLiteral("de"));
        QCOMPARE(languages[1].name, QStringLiteral("Deutsch"));
        QCOMPARE(resolveLanguage(QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(resolveLanguage(QStringLiteral("en")), QStringLiteral("en"));
    }

    void systemLanguageIsFollowed()
    {
        // ctest runs this test with LANGUAGE=de:en (tests/ui/CMakeLists.txt); Qt reads it into
        // QLocale::system().uiLanguages() at start-up.
        if (!qEnvironmentVariable("LANGUAGE").startsWith(QLatin1String("de")))
            QSKIP("run with LANGUAGE=de:en (ctest does) to check that the system language is followed");
        QCOMPARE(resolveLanguage(QString()), QStringLiteral("de"));
        QCOMPARE(resolveLanguage(QStringLiteral("xx")), QStringLiteral("de")); // unknown code: the system's
        QCOMPARE(installTranslators(QString()), QStringLiteral("de"));
        QCOMPARE(installedLanguage(), QStringLiteral("de"));
    }

    // German first, then back to English: the rows run in this order, in one process.
    void mainWindowSwitchesLanguage_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QStringList>("texts"); // File menu, Open action, Undo, first page, status
        QTest::addColumn<QStringList>("classes"); // "%n class(es)" for 1 and 7
        QTest::newRow("de") << QStringLiteral("de")
                            << QStringList{QStringLiteral("&Datei"), QStringLiteral("Datensatz-&Ordner öffnen…"),
                                           QStringLiteral("&Rückgängig"), QStringLiteral("Bilder"),
                                           QStringLiteral("Kein Datensatz geöffnet")}
                            << QStringList{QStringLiteral("1 Klasse"), QStringLiteral("7 Klassen")};
        // English needs its catalogue too: it holds the plural forms.
        QTest::newRow("en") << QStringLiteral("en")
                            << QStringList{QStringLiteral("&File"), QStringLiteral("&Open Dataset Folder…"),
                                           QStringLiteral("&Undo"), QStringLiteral("Browser"),
                                           QStringLiteral("No dataset open")}
                            << QStringList{QStringLiteral("1 class"), QStringLiteral("7 classes")};
    }

    void mainWindowSwitchesLanguage()
    {
        QFETCH(QString, code);
        QFETCH(QStringList, texts);
        QFETCH(QStringList, classes);
        QCOMPARE(installTranslators(code), code);
        MainWindow w;
        QCOMPARE(w.menu(QStringLiteral("file"))->title(), texts[0]);
        QCOMPARE(w.action(QStringLiteral("actionOpenDataset"))->text(), texts[1]);
        QCOMPARE(w.action(QStringLiteral("actionUndo"))->text(), texts[2]);
        QCOMPARE(w.pages()->tabText(0), texts[3]);
        QCOMPARE(w.findChild<QLabel *>(QStringLiteral("statusImages"))->text(), texts[4]);
        QCOMPARE(MainWindow::tr("%n class(es)", nullptr, 1), classes[0]);
        QCOMPARE(MainWindow::tr("%n class(es)", nullptr, 7), classes[1]);
    }

    void qtStandardTextsFollow()
    {
        // Debian's qt6-translations-l10n ships qtbase_de.qm; without it the buttons stay English.
        if (!QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_de.qm")))
            QSKIP("no qtbase_de.qm in Qt's translations folder (package qt6-translations-l10n)");
        installTranslators(QStringLiteral("de"));
        QDialogButtonBox buttons(QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
        installTranslators(QStringLiteral("en"));
        QDialogButtonBox english(QDialogButtonBox::Cancel);
        QCOMPARE(english.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Cancel"));
    }

    void coreMessagesAreTranslated()
    {
        TrainingConfig c;
        c.epochs = -1;
        installTranslators(QStringLiteral("de"));
        QCOMPARE(c.validate().message(), QStringLiteral("Einstellung „epochs“: muss >= 0 sein"));
        installTranslators(QStringLiteral("en"));
        QCOMPARE(c.validate().message(), QStringLiteral("setting 'epochs': must be >= 0"));
    }

    void languageSetting()
    {
        QCOMPARE(savedLanguage(), QString());
        {
            MainWindow w;
            QVERIFY(w.action(QStringLiteral("actionLanguageSystem"))->isChecked());
            QCOMPARE(w.action(QStringLiteral("actionLanguage_de"))->text(), QStringLiteral("&Deutsch"));
            QCOMPARE(w.action(QStringLiteral("actionLanguage_en"))->text(), QStringLiteral("&English"));
        }
        saveLanguage(QStringLiteral("de"));
        QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("de"));
        MainWindow w;
        QVERIFY(w.action(QStringLiteral("actionLanguage_de"))->isChecked());
        QVERIFY(!w.action(QStringLiteral("actionLanguageSystem"))->isChecked());
        // The restart notice is said in the language chosen.
        QCOMPARE(translateInto(QStringLiteral("de"), "bb::MainWindow",
                               "BalanceBench will use this language when it starts next time."),
                 QStringLiteral("BalanceBench verwendet diese Sprache ab dem nächsten Start."));
    }

    void menuAcceleratorsAreUnique_data() { languageRows(); }

    void menuAcceleratorsAreUnique()
    {
        QFETCH(QString, code);
        installTranslators(code);
        MainWindow w;
        QStringList clashes;
        findClashes(QStringLiteral("menu bar"), w.menuBar()->actions(), &clashes);
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    }

    void tsFilesAreComplete_data() { languageRows(); }

    void tsFilesAreComplete()
    {
        QFETCH(QString, code);
        QString error;
        const QList<TsMessage> messages = readTs(tsPath(code), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!messages.isEmpty());
        QStringList problems;
        for (const TsMessage &m : messages) {
            const QString where = QStringLiteral("%1 “%2”").arg(m.context, m.source);
            if (!m.type.isEmpty())
                problems.append(QStringLiteral("%1: translation is %2").arg(where, m.type));
            if (m.numerus && m.translations.size() != 2) // English and German: singular, plural
                problems.append(QStringLiteral("%1: %2 plural forms, expected 2").arg(where).arg(m.translations.size()));
            for (const QString &t : m.translations) {
                if (t.isEmpty()) {
                    problems.append(QStringLiteral("%1: empty translation").arg(where));
                    continue;
                }
                if (placeholders(t) != placeholders(m.source))
                    problems.append(QStringLiteral("%1: placeholders %2 in “%3”").arg(where, placeholders(t).join(QLatin1Char(' ')), t));
                if (mnemonicCount(t) != mnemonicCount(m.source))
                    problems.append(QStringLiteral("%1: keyboard accelerators differ in “%2”").arg(where, t));
            }
        }
        if (code == QLatin1String("en")) {
            for (const TsMessage &m : messages)
                if (!m.numerus)
                    problems.append(QStringLiteral("%1 “%2”: the English file holds plural forms only").arg(m.context, m.source));
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void tsFilesMatchTheSources_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QStringList>("options");
        const QStringList common{QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none")};
        QTest::newRow("en") << QStringLiteral("en") << (common + QStringList{QStringLiteral("-pluralonly")});
        QTest::newRow("de") << QStringLiteral("de") << common;
    }

    void tsFilesMatchTheSources()
    {
        QFETCH(QString, code);
        QFETCH(QStringList, options);
        if (!QFileInfo(QStringLiteral(BB_LUPDATE)).isExecutable())
            QSKIP("lupdate (" BB_LUPDATE ") is not installed: package qt6-l10n-tools");
        // lupdate over the sources into a copy, with the options `ninja update_translations` uses.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QFileInfo(tsPath(code)).fileName());
        QVERIFY(QFile::copy(tsPath(code), copy));
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(BB_LUPDATE),
                      options + QStringList{QStringLiteral("@" BB_LUPDATE_INPUTS), QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(120000));
        const QString output = QString::fromLocal8Bit(lupdate.readAll());
        QCOMPARE(lupdate.exitCode(), 0);
        // Everything but lupdate's progress lines is a warning about a source (e.g. a tr() it
        // cannot give a context): those strings would be filed wrongly.
        QStringList warnings;
        for (const QString &line : output.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            if (!line.startsWith(QLatin1String("Updating ")) && !line.startsWith(QLatin1String("    "))
                && !line.startsWith(QLatin1String("Stripping ")))
                warnings.append(line);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));

        QString error;
        auto key = [](const TsMessage &m) { return m.context + QChar(0) + m.source + QChar(0) + m.comment; };
        QSet<QString> committed, current;
        for (const TsMessage &m : readTs(tsPath(code), &error))
            committed.insert(key(m));
        for (const TsMessage &m : readTs(copy, &error))
            current.insert(key(m));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList differences;
        for (const QString &k : current - committed)
            differences.append(QStringLiteral("not in balancebench_%1.ts: %2").arg(code, QString(k).replace(QChar(0), QStringLiteral(" | "))));
        for (const QString &k : committed - current)
            differences.append(QStringLiteral("no longer in the sources: %1").arg(QString(k).replace(QChar(0), QStringLiteral(" | "))));
        differences.sort();
        QVERIFY2(differences.isEmpty(),
                 qPrintable(QStringLiteral("run `ninja update_translations`, translate, and commit translations/:\n")
                            + differences.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
