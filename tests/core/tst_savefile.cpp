// Whole-file writes (core/savefile.h) on a "full disk": a file-size limit (RLIMIT_FSIZE) makes
// the kernel refuse writes past it (EFBIG), as a full disk refuses them with ENOSPC, without
// needing a mount.
#include "savefile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>

using namespace bb;

class TestSaveFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writesAndReplaces();
    void fullDiskKeepsTheOldFile();
};

static QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

void TestSaveFile::writesAndReplaces()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.json"));
    QCOMPARE(writeFileAtomically(path, "first"), QString());
    QCOMPARE(readAll(path), QByteArray("first"));
    QCOMPARE(writeFileAtomically(path, QByteArray(100000, 'x')), QString());
    QCOMPARE(readAll(path).size(), 100000);
    QCOMPARE(writeFileAtomically(path, QByteArray()), QString());
    QCOMPARE(readAll(path), QByteArray());
    QVERIFY(!writeFileAtomically(dir.filePath(QStringLiteral("no/such/folder/a.json")), "x").isEmpty());
}

void TestSaveFile::fullDiskKeepsTheOldFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.json"));
    QCOMPARE(writeFileAtomically(path, "old content"), QString());
    rlimit saved{};
    QVERIFY(getrlimit(RLIMIT_FSIZE, &saved) == 0);
    auto *oldHandler = std::signal(SIGXFSZ, SIG_IGN); // else the kernel ends the process
    rlimit small = saved;
    small.rlim_cur = 4096;
    QVERIFY(setrlimit(RLIMIT_FSIZE, &small) == 0);
    // Small enough for a buffered QSaveFile to hold it all until commit(), where Qt 6.4 drops the
    // error of its last flush; and one larger than the limit in one write.
    const QString small1 = writeFileAtomically(path, QByteArray(6000, 'y'));
    const QString large = writeFileAtomically(path, QByteArray(1 << 20, 'z'));
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, oldHandler);
    QVERIFY2(!small1.isEmpty() && !large.isEmpty(), qPrintable(small1 + QLatin1Char('|') + large));
    QVERIFY2(small1.contains(QStringLiteral("too large"), Qt::CaseInsensitive), qPrintable(small1));
    QCOMPARE(readAll(path), QByteArray("old content"));
    const QStringList left = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(left, QStringList{QStringLiteral("report.json")});
}

QTEST_GUILESS_MAIN(TestSaveFile)
#include "tst_savefile.moc"
