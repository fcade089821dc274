// ImageListModel + ImageFilterProxy: batch growth, roles, filtering and sorting.

#include "imagefilterproxy.h"
#include "imagelistmodel.h"

#include <QMimeData>
#include <QSignalSpy>
#include <QtTest>

using namespace bb;

namespace {

ImageRecord rec(qint64 id, const QString &path, const QString &label, const QString &status = QStringLiteral("ok"),
                qint64 size = 100)
{
    ImageRecord r;
    r.id = id;
    r.path = path;
    r.label = status == QLatin1String("ok") ? label : QString();
    r.folder_class = path.section(QLatin1Char('/'), 0, 0);
    r.status = status;
    r.reason = status == QLatin1String("skipped") ? QStringLiteral("truncated PNG") : QString();
    r.size = size;
    r.width = 16;
    r.height = 16;
    r.format = QStringLiteral("png");
    r.hash = QStringLiteral("%1").arg(id, 64, 16, QLatin1Char('0'));
    return r;
}

// 12 images: cat 0..4 (4 is skipped), dog 5..9 (9 excluded), bird 10..11.
std::vector<ImageRecord> fixture()
{
    std::vector<ImageRecord> v;
    for (int i = 0; i < 5; ++i)
        v.push_back(rec(i + 1, QStringLiteral("cat/c%1.png").arg(i), QStringLiteral("cat"),
                        i == 4 ? QStringLiteral("skipped") : QStringLiteral("ok"), 1000 - i * 10));
    for (int i = 0; i < 5; ++i)
        v.push_back(rec(i + 6, QStringLiteral("dog/d%1.png").arg(i), QStringLiteral("dog"), QStringLiteral("ok"), 500 + i));
    v[9].excluded = true;
    v.push_back(rec(11, QStringLiteral("bird/b0.png"), QStringLiteral("bird"), QStringLiteral("ok"), 2000));
    v.push_back(rec(12, QStringLiteral("bird/Big_b1.png"), QStringLiteral("bird"), QStringLiteral("ok"), 10));
    return v;
}

} // namespace

class TestImageListModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void batchGrowth()
    {
        ImageListModel model;
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        std::vector<ImageRecord> all = fixture();
        model.addOrUpdate({all.begin(), all.begin() + 5});
        model.addOrUpdate({all.begin() + 5, all.end()});
        QCOMPARE(model.rowCount(), 12);
        QCOMPARE(inserted.count(), 2); // one insertion per batch, not per row
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 4);
        QCOMPARE(inserted.at(1).at(1).toInt(), 5);
        QCOMPARE(inserted.at(1).at(2).toInt(), 11);
        // A rescan batch with a known id updates in place and keeps the label it does not carry.
        ImageRecord again = all[2];
        again.label.clear();
        again.size = 4242;
        model.addOrUpdate({again});
        QCOMPARE(model.rowCount(), 12);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(2).data(ImageListModel::SizeRole).toLongLong(), 4242);
        QCOMPARE(model.index(2).data(ImageListModel::LabelRole).toString(), QStringLiteral("cat"));
        // An identical record changes nothing.
        model.addOrUpdate({model.recordAt(3)});
        QCOMPARE(changed.count(), 1);
    }

    void roles()
    {
        ImageListModel model;
        model.setDatasetRoot(QStringLiteral("/data/set"));
        model.addOrUpdate(fixture());
        model.setSplit({{1, QStringLiteral("train")}, {2, QStringLiteral("val")}});
        model.setClassColors({{QStringLiteral("cat"), QColor(0x4e, 0x79, 0xa7)}});
        const QModelIndex i = model.index(0);
        QCOMPARE(i.data(ImageListModel::IdRole).toLongLong(), 1);
        QCOMPARE(i.data(Qt::DisplayRole).toString(), QStringLiteral("c0.png"));
        QCOMPARE(i.data(ImageListModel::PathRole).toString(), QStringLiteral("cat/c0.png"));
        QCOMPARE(i.data(ImageListModel::AbsolutePathRole).toString(), QStringLiteral("/data/set/cat/c0.png"));
        QCOMPARE(i.data(ImageListModel::LabelRole).toString(), QStringLiteral("cat"));
        QCOMPARE(i.data(ImageListModel::SplitRole).toString(), QStringLiteral("train"));
        QCOMPARE(model.index(1).data(ImageListModel::SplitRole).toString(), QStringLiteral("val"));
        QCOMPARE(model.index(2).data(ImageListModel::SplitRole).toString(), QString());
        QCOMPARE(i.data(ImageListModel::ClassColorRole).value<QColor>(), QColor(0x4e, 0x79, 0xa7));
        QCOMPARE(model.index(4).data(ImageListModel::StatusRole).toString(), QStringLiteral("skipped"));
        QCOMPARE(model.index(4).data(ImageListModel::ReasonRole).toString(), QStringLiteral("truncated PNG"));
        QCOMPARE(model.index(9).data(ImageListModel::ExcludedRole).toBool(), true);
        QCOMPARE(model.index(8).data(ImageListModel::ExcludedRole).toBool(), false);
        QCOMPARE(model.count(QStringLiteral("skipped")), 1);
        QCOMPARE(model.count(QStringLiteral("ok")), 11);
        // No thumbnail cache: no decoration, and asking does not crash.
        QVERIFY(!i.data(Qt::DecorationRole).isValid());
        // Drag payload: the ids of ok rows only.
        std::unique_ptr<QMimeData> mime(model.mimeData({model.index(0), model.index(4), model.index(6)}));
        QVERIFY(mime);
        QCOMPARE(decodeImageIds(mime->data(imageIdsMimeType())), (QList<qint64>{1, 7}));
    }

    void localEdits()
    {
        ImageListModel model;
        model.addOrUpdate(fixture());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.applyLabels({{1, QStringLiteral("dog")}, {2, QStringLiteral("dog")}, {11, QStringLiteral("dog")}});
        QCOMPARE(changed.count(), 2); // rows 0-1 and row 10: one signal per contiguous run
        QCOMPARE(model.idsWithLabel(QStringLiteral("dog")).size(), 8);
        model.renameLabel(QStringLiteral("dog"), QStringLiteral("hound"));
        QCOMPARE(model.idsWithLabel(QStringLiteral("dog")).size(), 0);
        QCOMPARE(model.idsWithLabel(QStringLiteral("hound")).size(), 8);
        model.applyExcluded({1, 2}, true);
        QVERIFY(model.recordById(1)->excluded);
        QVERIFY(!model.recordById(3)->excluded);
    }

    void filtering_data()
    {
        QTest::addColumn<QString>("cls");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("split");
        QTest::addColumn<QString>("search");
        QTest::addColumn<int>("expected");
        using S = ImageFilterProxy::StatusFilter;
        QTest::newRow("everything") << QString() << int(S::All) << QString() << QString() << 12;
        QTest::newRow("class cat") << QStringLiteral("cat") << int(S::All) << QString() << QString() << 4;
        QTest::newRow("class dog") << QStringLiteral("dog") << int(S::All) << QString() << QString() << 5;
        QTest::newRow("usable") << QString() << int(S::Ok) << QString() << QString() << 10;
        QTest::newRow("usable dog") << QStringLiteral("dog") << int(S::Ok) << QString() << QString() << 4;
        QTest::newRow("skipped") << QString() << int(S::Skipped) << QString() << QString() << 1;
        QTest::newRow("excluded") << QString() << int(S::Excluded) << QString() << QString() << 1;
        QTest::newRow("missing") << QString() << int(S::Missing) << QString() << QString() << 0;
        QTest::newRow("train split") << QString() << int(S::All) << QStringLiteral("train") << QString() << 3;
        QTest::newRow("val split") << QString() << int(S::All) << QStringLiteral("val") << QString() << 1;
        QTest::newRow("no split") << QString() << int(S::All) << QStringLiteral("none") << QString() << 8;
        QTest::newRow("search d") << QString() << int(S::All) << QString() << QStringLiteral("/d") << 5;
        QTest::newRow("search case") << QString() << int(S::All) << QString() << QStringLiteral("big_") << 1;
        QTest::newRow("combined") << QStringLiteral("cat") << int(S::Ok) << QStringLiteral("train") << QStringLiteral("c1")
                                  << 1;
    }

    void filtering()
    {
        QFETCH(QString, cls);
        QFETCH(int, status);
        QFETCH(QString, split);
        QFETCH(QString, search);
        QFETCH(int, expected);
        ImageListModel model;
        model.addOrUpdate(fixture());
        model.setSplit({{1, QStringLiteral("train")}, {2, QStringLiteral("train")}, {6, QStringLiteral("train")},
                        {7, QStringLiteral("val")}});
        ImageFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.setClassFilter(cls);
        proxy.setStatusFilter(ImageFilterProxy::StatusFilter(status));
        proxy.setSplitFilter(split);
        proxy.setSearchText(search);
        QCOMPARE(proxy.rowCount(), expected);
    }

    void filterFollowsRelabel()
    {
        ImageListModel model;
        model.addOrUpdate(fixture());
        ImageFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.setClassFilter(QStringLiteral("bird"));
        QCOMPARE(proxy.rowCount(), 2);
        model.applyLabels({{11, QStringLiteral("cat")}});
        QCOMPARE(proxy.rowCount(), 1);
        // Rows arriving in a later batch are filtered too.
        model.addOrUpdate({rec(99, QStringLiteral("bird/late.png"), QStringLiteral("bird"))});
        QCOMPARE(proxy.rowCount(), 2);
    }

    void sorting()
    {
        ImageListModel model;
        model.addOrUpdate(fixture());
        ImageFilterProxy proxy;
        proxy.setSourceModel(&model);
        auto firstPath = [&] { return proxy.index(0, 0).data(ImageListModel::PathRole).toString(); };
        auto lastPath = [&] { return proxy.index(proxy.rowCount() - 1, 0).data(ImageListModel::PathRole).toString(); };
        QCOMPARE(firstPath(), QStringLiteral("bird/Big_b1.png")); // by path, ascending
        proxy.setSortKey(ImageFilterProxy::SortKey::Size);
        QCOMPARE(firstPath(), QStringLiteral("bird/Big_b1.png")); // 10 bytes
        QCOMPARE(lastPath(), QStringLiteral("bird/b0.png"));      // 2000 bytes
        proxy.setSortKey(ImageFilterProxy::SortKey::Size, Qt::DescendingOrder);
        QCOMPARE(firstPath(), QStringLiteral("bird/b0.png"));
        proxy.setSortKey(ImageFilterProxy::SortKey::Class);
        QCOMPARE(proxy.index(0, 0).data(ImageListModel::LabelRole).toString(), QString()); // the skipped one
        QCOMPARE(proxy.index(1, 0).data(ImageListModel::LabelRole).toString(), QStringLiteral("bird"));
        QCOMPARE(lastPath(), QStringLiteral("dog/d4.png"));
    }
};

QTEST_MAIN(TestImageListModel)
#include "tst_imagelistmodel.moc"
