// End-to-end through the real CLI binary: demo dataset -> scan -> balance plan and output,
// exit codes and error lines.

#include "../core/testutil.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

class TestCliFoundation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void exitCodes_data();
    void exitCodes();
    void demoPlanEqualsSeedTable();
    void demoTestSplit();
    void scanJson();
    void unreadableFolderIsReported();
    void balanceWritesOutput();

private:
    struct Run {
        int code = -1;
        QByteArray out, err;
    };
    Run cli(const QStringList &args, int timeout_ms = 300000);
    QTemporaryDir m_tmp;
    QString m_demo;
};

TestCliFoundation::Run TestCliFoundation::cli(const QStringList &args, int timeout_ms)
{
    QProcess p;
    p.start(QStringLiteral(BB_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(timeout_ms)) {
        p.kill();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void TestCliFoundation::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    if (!QFile::exists(QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")))
        QFAIL("dataset-fashion-mnist is required (packaging/install-deps.sh installs it)");
    m_demo = m_tmp.filePath(QStringLiteral("demo"));
    const Run r = cli({QStringLiteral("demo-dataset"), m_demo});
    QVERIFY2(r.code == 0, r.err.constData());
}

void TestCliFoundation::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("stdoutHas");
    QTest::addColumn<QString>("stderrHas");
    QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << "Commands:" << "";
    QTest::newRow("version") << QStringList{QStringLiteral("--version")} << 0 << "balancebench-cli 0." << "";
    QTest::newRow("scan help") << QStringList{QStringLiteral("scan"), QStringLiteral("--help")} << 0 << "--json" << "";
    QTest::newRow("balance help") << QStringList{QStringLiteral("balance"), QStringLiteral("--help")} << 0 << "--dry-run" << "";
    QTest::newRow("no command") << QStringList{} << 2 << "" << "Usage";
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2 << "" << "unknown command";
    QTest::newRow("unknown option") << QStringList{QStringLiteral("scan"), QStringLiteral("--bogus"), QStringLiteral("x")} << 2 << "" << "Unknown option";
    QTest::newRow("missing arg") << QStringList{QStringLiteral("scan")} << 2 << "" << "missing argument";
    QTest::newRow("bad number") << QStringList{QStringLiteral("balance"), QStringLiteral("x"), QStringLiteral("--dry-run"), QStringLiteral("--target"), QStringLiteral("lots")} << 2 << "" << "--target";
    QTest::newRow("no out") << QStringList{QStringLiteral("balance"), QStringLiteral("x")} << 2 << "" << "--out";
    QTest::newRow("missing dataset") << QStringList{QStringLiteral("scan"), QStringLiteral("/nonexistent/dataset")} << 1 << "" << "not a dataset folder";
    QTest::newRow("bad split") << QStringList{QStringLiteral("demo-dataset"), QStringLiteral("/tmp/x"), QStringLiteral("--split"), QStringLiteral("dev")} << 2 << "" << "--split";
}

void TestCliFoundation::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, stdoutHas);
    QFETCH(QString, stderrHas);
    const Run r = cli(args);
    QCOMPARE(r.code, code);
    QVERIFY2(QString::fromUtf8(r.out).contains(stdoutHas), r.out.constData());
    QVERIFY2(QString::fromUtf8(r.err).contains(stderrHas), r.err.constData());
    if (code == 1) // failures are one line on stderr
        QCOMPARE(r.err.count('\n'), 1);
}

void TestCliFoundation::demoPlanEqualsSeedTable()
{
    // Train split of the demo: 542/469/500/542/90/100/1000. With --val 0.2 the validation share is
    // round(0.2 n): 108/94/100/108/18/20/200, leaving 434/375/400/434/72/80/800 for training;
    // every class then ends at the target 800 (bag is kept, all others up-sampled).
    const Run r = cli({QStringLiteral("balance"), m_demo, QStringLiteral("--dry-run"), QStringLiteral("--json"),
                       QStringLiteral("--project"), m_tmp.filePath(QStringLiteral("p.sqlite"))});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
    const QMap<QString, QPair<int, int>> expected = {
        {QStringLiteral("tshirt"), {434, 108}}, {QStringLiteral("trouser"), {375, 94}},
        {QStringLiteral("pullover"), {400, 100}}, {QStringLiteral("dress"), {434, 108}},
        {QStringLiteral("sandal"), {72, 18}}, {QStringLiteral("sneaker"), {80, 20}}, {QStringLiteral("bag"), {800, 200}}};
    const QJsonArray classes = doc.value(QStringLiteral("classes")).toArray();
    QCOMPARE(classes.size(), 7);
    for (const QJsonValue &v : classes) {
        const QJsonObject c = v.toObject();
        const QString name = c.value(QStringLiteral("name")).toString();
        QVERIFY2(expected.contains(name), qPrintable(name));
        QCOMPARE(c.value(QStringLiteral("original")).toInt(), expected[name].first);
        QCOMPARE(c.value(QStringLiteral("final")).toInt(), 800);
        QCOMPARE(doc.value(QStringLiteral("val")).toObject().value(name).toInt(), expected[name].second);
    }
    // The plain form is the seed-style table.
    const Run plain = cli({QStringLiteral("balance"), m_demo, QStringLiteral("--dry-run"), QStringLiteral("--project"),
                           m_tmp.filePath(QStringLiteral("p.sqlite"))});
    QVERIFY(plain.code == 0);
    const QString table = QString::fromUtf8(plain.out);
    QVERIFY2(table.contains(QStringLiteral("Original → Final")), qPrintable(table));
    QVERIFY2(table.contains(QRegularExpression(QStringLiteral("sandal\\s+72 → 800"))), qPrintable(table));
    QVERIFY2(table.contains(QRegularExpression(QStringLiteral("bag\\s+800 → 800\\s+keep"))), qPrintable(table));
}

void TestCliFoundation::demoTestSplit()
{
    const QString test = m_tmp.filePath(QStringLiteral("demo-test"));
    const Run r = cli({QStringLiteral("demo-dataset"), test, QStringLiteral("--split"), QStringLiteral("test"), QStringLiteral("--json")});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonArray classes = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("classes")).toArray();
    QCOMPARE(classes.size(), 7);
    for (const QJsonValue &v : classes)
        QCOMPARE(v.toObject().value(QStringLiteral("count")).toInt(), 200);
    // Test images come from the IDX test file (t10k-*), train images from train-*.
    QCOMPARE(QDir(test + QStringLiteral("/bag")).entryList({QStringLiteral("t10k-*.png")}, QDir::Files).size(), 200);
    QCOMPARE(QDir(m_demo + QStringLiteral("/bag")).entryList({QStringLiteral("train-*.png")}, QDir::Files).size(), 1000);
    // Same seed -> same sample.
    const QString again = m_tmp.filePath(QStringLiteral("demo-test-2"));
    QVERIFY(cli({QStringLiteral("demo-dataset"), again, QStringLiteral("--split"), QStringLiteral("test")}).code == 0);
    QCOMPARE(QDir(again + QStringLiteral("/dress")).entryList(QDir::Files), QDir(test + QStringLiteral("/dress")).entryList(QDir::Files));
}

void TestCliFoundation::scanJson()
{
    // Add junk to a copy of one class: it must be reported or ignored, never fatal.
    QVERIFY(bbtest::writeFile(m_demo + QStringLiteral("/bag/broken.png"), QByteArray("\x89PNG\r\n\x1a\n broken", 16)));
    QVERIFY(bbtest::writeFile(m_demo + QStringLiteral("/bag/notes.txt"), QByteArray("hello")));
    const Run r = cli({QStringLiteral("scan"), m_demo, QStringLiteral("--json"), QStringLiteral("--project"),
                       m_tmp.filePath(QStringLiteral("scan.sqlite"))});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(doc.value(QStringLiteral("images")).toInt(), 3243);
    QCOMPARE(doc.value(QStringLiteral("classes")).toArray().size(), 7);
    const QJsonArray skipped = doc.value(QStringLiteral("skipped")).toArray();
    QCOMPARE(skipped.size(), 1);
    QCOMPARE(skipped[0].toObject().value(QStringLiteral("path")).toString(), QStringLiteral("bag/broken.png"));
    QVERIFY(!skipped[0].toObject().value(QStringLiteral("reason")).toString().isEmpty());
    QFile::remove(m_demo + QStringLiteral("/bag/broken.png"));
    QFile::remove(m_demo + QStringLiteral("/bag/notes.txt"));
}

void TestCliFoundation::unreadableFolderIsReported()
{
    // A sub-folder the user may not list: the scan goes on, and says which folder it could not
    // read (before, its images were silently absent). Root may list anything, so as root the
    // scan runs as "nobody" (setpriv), with a copy of the CLI and the data where nobody can reach.
    const QString base = m_tmp.filePath(QStringLiteral("perm"));
    const QString ds = base + QStringLiteral("/ds"), storeDir = base + QStringLiteral("/store");
    const QByteArray png = bbtest::encode(bbtest::gradient(16, 16, 1), ".png");
    for (const char *f : {"a/x.png", "b/y.png", "b/sub/z.png"})
        QVERIFY(bbtest::writeFile(ds + QLatin1Char('/') + QLatin1String(f), png));
    QVERIFY(QDir().mkpath(storeDir));
    const auto rx = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
    for (const QString &d : {m_tmp.path(), base, ds, ds + QStringLiteral("/a"), ds + QStringLiteral("/b")})
        QVERIFY(QFile::setPermissions(d, rx | QFile::WriteOwner));
    for (const char *f : {"a/x.png", "b/y.png"})
        QVERIFY(QFile::setPermissions(ds + QLatin1Char('/') + QLatin1String(f), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    QVERIFY(QFile::setPermissions(storeDir, rx | QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther));
    QVERIFY(QFile::setPermissions(ds + QStringLiteral("/b/sub"), QFileDevice::Permissions()));
    const QString cliCopy = base + QStringLiteral("/balancebench-cli");
    if (::geteuid() == 0) {
        QVERIFY(QFile::copy(QStringLiteral(BB_CLI_PATH), cliCopy));
        QVERIFY(QFile::setPermissions(cliCopy, rx | QFile::WriteOwner));
    }
    auto run = [&](const QStringList &args) {
        QProcess p;
        if (::geteuid() == 0) {
            p.setWorkingDirectory(base);
            p.start(QStringLiteral("setpriv"), QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                                           QStringLiteral("--clear-groups"), cliCopy} + args);
        } else {
            p.start(QStringLiteral(BB_CLI_PATH), args);
        }
        Run r;
        if (p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit)
            r.code = p.exitCode();
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    };
    const Run scan = run({QStringLiteral("scan"), ds, QStringLiteral("--json"), QStringLiteral("--project"),
                          storeDir + QStringLiteral("/p.sqlite")});
    // A new store in a folder the user may not write to: said so (SQLite's "unable to open
    // database file" before, which reads as a broken store).
    const Run readOnly = run({QStringLiteral("scan"), ds, QStringLiteral("--project"), base + QStringLiteral("/new.sqlite")});
    QFile::setPermissions(ds + QStringLiteral("/b/sub"), rx | QFile::WriteOwner); // so the temp dir can go
    QVERIFY2(scan.code == 0, scan.err.constData());
    const QJsonObject doc = QJsonDocument::fromJson(scan.out).object();
    QCOMPARE(doc.value(QStringLiteral("images")).toInt(), 2);
    const QJsonArray unreadable = doc.value(QStringLiteral("unreadable_folders")).toArray();
    QCOMPARE(unreadable.size(), 1);
    QVERIFY2(unreadable[0].toString().startsWith(QStringLiteral("b/sub: ")), qPrintable(unreadable[0].toString()));
    QVERIFY2(scan.err.contains("cannot read the folder b/sub"), scan.err.constData());
    QVERIFY2(readOnly.code != 0 && readOnly.err.contains("its folder is read-only"), readOnly.err.constData());
    QVERIFY(!QFileInfo::exists(base + QStringLiteral("/new.sqlite")));
}

void TestCliFoundation::balanceWritesOutput()
{
    const QString out = m_tmp.filePath(QStringLiteral("balanced"));
    const Run r = cli({QStringLiteral("balance"), m_demo, QStringLiteral("--out"), out, QStringLiteral("--size"),
                       QStringLiteral("64"), QStringLiteral("--target"), QStringLiteral("100"), QStringLiteral("--json"),
                       QStringLiteral("--project"), m_tmp.filePath(QStringLiteral("bal.sqlite"))});
    QVERIFY2(r.code == 0, r.err.constData());
    for (const QString &c : {QStringLiteral("bag"), QStringLiteral("sandal"), QStringLiteral("tshirt")}) {
        QCOMPARE(QDir(out + QStringLiteral("/train/") + c).entryList(QDir::Files).size(), 100);
    }
    QCOMPARE(QDir(out + QStringLiteral("/val/sandal")).entryList(QDir::Files).size(), 18);
    QVERIFY(QFile::exists(out + QStringLiteral("/manifest.csv")));
    QVERIFY(QFile::exists(out + QStringLiteral("/balance.json")));
}

QTEST_GUILESS_MAIN(TestCliFoundation)
#include "tst_cli_foundation.moc"
