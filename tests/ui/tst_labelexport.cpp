// exportLabelFolders / writeLabelsCsv (core/labelexport, used by the workbench's File menu):
// folder-per-class copies or links of the current labels, a CSV, and the refusals.

#include "labelexport.h"
#include "datasetscanner.h"
#include "projectstore.h"
#include "uitestutil.h"

#include <QTemporaryDir>

using namespace bb;

class TestLabelExport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_root;
    std::vector<ImageRecord> m_images;

    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_root = m_dir.filePath(QStringLiteral("ds"));
        bbtest::writeDataset(m_root, {{QStringLiteral("cat"), 3}, {QStringLiteral("dog"), 2}});
        // Same file name in two folders, both labelled "cat" below: the export must not overwrite.
        QVERIFY(QFile::copy(m_root + QStringLiteral("/dog/dog_00000.png"), m_root + QStringLiteral("/cat/dog_00000.png")));
        auto store = ProjectStore::open(m_dir.filePath(QStringLiteral("p.sqlite")));
        QVERIFY(store);
        QVERIFY(scanDataset(m_root, *store.value()));
        std::vector<qint64> relabel, exclude;
        for (const ImageRecord &r : store.value()->images()) {
            if (r.path == QLatin1String("dog/dog_00000.png"))
                relabel.push_back(r.id);
            if (r.path == QLatin1String("cat/cat_00002.png"))
                exclude.push_back(r.id);
        }
        QVERIFY(store.value()->setLabels(relabel, QStringLiteral("cat"), QStringLiteral("label")));
        QVERIFY(store.value()->setExcluded(exclude, true));
        m_images = store.value()->images();
        QCOMPARE(int(m_images.size()), 6);
    }

    void copyFolders()
    {
        const QString out = m_dir.filePath(QStringLiteral("copy"));
        auto done = exportLabelFolders(m_images, m_root, out, {});
        QVERIFY2(done, qPrintable(done.error()));
        QCOMPARE(done.value().written, 5); // 6 images, one excluded
        QCOMPARE(done.value().classes, 2);
        QCOMPARE(QDir(out + QStringLiteral("/cat")).entryList(QDir::Files).size(), 4);
        QCOMPARE(QDir(out + QStringLiteral("/dog")).entryList(QDir::Files), QStringList{QStringLiteral("dog_00001.png")});
        // The relabelled dog_00000 and the cat folder's own dog_00000 both arrive, one renamed.
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/cat/dog_00000.png")));
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/cat/dog_00000_2.png")));
        QCOMPARE(readAll(out + QStringLiteral("/cat/cat_00000.png")), readAll(m_root + QStringLiteral("/cat/cat_00000.png")));
        QVERIFY(!QFileInfo(out + QStringLiteral("/cat/cat_00000.png")).isSymLink());
        const QStringList csv = QString::fromUtf8(readAll(out + QStringLiteral("/labels.csv"))).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(csv.size(), 6);
        QCOMPARE(csv.first(), QStringLiteral("path,label,folder_class,excluded,status,reason,sha256,width,height"));
        QVERIFY(csv.contains(QStringLiteral("dog/dog_00000.png,cat,dog,0,ok,,%1,16,16")
                                 .arg(std::find_if(m_images.begin(), m_images.end(), [](const ImageRecord &r) {
                                          return r.path == QLatin1String("dog/dog_00000.png");
                                      })->hash)));
    }

    void symlinks()
    {
        const QString out = m_dir.filePath(QStringLiteral("links"));
        LabelExportOptions opts;
        opts.mode = LabelExportMode::Symlink;
        opts.include_excluded = true;
        auto done = exportLabelFolders(m_images, m_root, out, opts);
        QVERIFY2(done, qPrintable(done.error()));
        QCOMPARE(done.value().written, 6);
        const QFileInfo link(out + QStringLiteral("/cat/cat_00002.png"));
        QVERIFY(link.isSymLink());
        QCOMPARE(link.symLinkTarget(), QFileInfo(m_root + QStringLiteral("/cat/cat_00002.png")).absoluteFilePath());
    }

    void refusals()
    {
        const QString busy = m_dir.filePath(QStringLiteral("busy"));
        QDir().mkpath(busy);
        QFile f(busy + QStringLiteral("/x.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QVERIFY(!exportLabelFolders(m_images, m_root, busy, {}));
        QVERIFY(!exportLabelFolders(m_images, m_root, m_root + QStringLiteral("/export"), {}));
        QVERIFY(!QFileInfo::exists(m_root + QStringLiteral("/export")));
    }

    void csvQuoting()
    {
        std::vector<ImageRecord> one(1);
        one[0].path = QStringLiteral("a,b/\"q\".png");
        one[0].label = QStringLiteral("x");
        one[0].status = QStringLiteral("ok");
        const QString file = m_dir.filePath(QStringLiteral("q.csv"));
        QVERIFY(writeLabelsCsv(one, file));
        QVERIFY(readAll(file).contains("\"a,b/\"\"q\"\".png\",x,"));
    }
};

QTEST_MAIN(TestLabelExport)
#include "tst_labelexport.moc"
