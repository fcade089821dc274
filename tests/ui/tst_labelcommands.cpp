// Labeling commands through ProjectSession: every action is committed to the store at once,
// undo/redo are committed too, and a fresh session on the same file sees the same labels.

#include "classlistmodel.h"
#include "imagelistmodel.h"
#include "projectsession.h"
#include "projectstore.h"
#include "uitestutil.h"

#include <QTemporaryDir>
#include <QUndoStack>

using namespace bb;

namespace {

// Labels as a second, independent connection reads them from the file (not the session's models).
QHash<QString, QString> storedLabels(const QString &file)
{
    auto store = ProjectStore::open(file);
    if (!store)
        return {};
    QHash<QString, QString> out;
    for (const ImageRecord &r : store.value()->images())
        out.insert(r.path, r.label);
    return out;
}

QHash<QString, int> storedCounts(const QString &file)
{
    auto store = ProjectStore::open(file);
    QHash<QString, int> out;
    if (store)
        for (const ClassRecord &c : store.value()->classes())
            out.insert(c.name, c.count);
    return out;
}

qint64 idOf(const ProjectSession &s, const QString &path)
{
    for (const ImageRecord &r : s.imageModel()->records())
        if (r.path == path)
            return r.id;
    return 0;
}

} // namespace

class TestLabelCommands : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_root, m_file;
    std::unique_ptr<ProjectSession> m_session;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        // A fresh dataset and project per test function.
        static int n = 0;
        m_root = m_dir.filePath(QStringLiteral("ds%1").arg(++n));
        m_file = m_dir.filePath(QStringLiteral("p%1.sqlite").arg(n));
        bbtest::writeDataset(m_root, {{QStringLiteral("ant"), 4}, {QStringLiteral("bee"), 3}, {QStringLiteral("cow"), 2}});
        m_session = std::make_unique<ProjectSession>();
        QVERIFY(bbtest::openAndScan(*m_session, m_root, m_file));
        QCOMPARE(m_session->imageModel()->rowCount(), 9);
        QCOMPARE(m_session->classModel()->rowCount(), 3);
    }

    void cleanup() { m_session.reset(); }

    void relabelUndoRedoPersisted()
    {
        const qint64 a0 = idOf(*m_session, QStringLiteral("ant/ant_00000.png"));
        const qint64 a1 = idOf(*m_session, QStringLiteral("ant/ant_00001.png"));
        const qint64 b0 = idOf(*m_session, QStringLiteral("bee/bee_00000.png"));
        QVERIFY(a0 && a1 && b0);
        QVERIFY(m_session->assignLabel({a0, a1, b0}, QStringLiteral("cow")));
        QCOMPARE(m_session->undoStack()->count(), 1);
        auto labels = storedLabels(m_file);
        QCOMPARE(labels.value(QStringLiteral("ant/ant_00000.png")), QStringLiteral("cow"));
        QCOMPARE(labels.value(QStringLiteral("bee/bee_00000.png")), QStringLiteral("cow"));
        QCOMPARE(storedCounts(m_file), (QHash<QString, int>{{QStringLiteral("ant"), 2}, {QStringLiteral("bee"), 2},
                                                             {QStringLiteral("cow"), 5}}));
        QCOMPARE(m_session->classModel()->classes()[2].count, 5); // the list shows the store's count

        m_session->undoStack()->undo();
        labels = storedLabels(m_file);
        QCOMPARE(labels.value(QStringLiteral("ant/ant_00000.png")), QStringLiteral("ant"));
        QCOMPARE(labels.value(QStringLiteral("ant/ant_00001.png")), QStringLiteral("ant"));
        QCOMPARE(labels.value(QStringLiteral("bee/bee_00000.png")), QStringLiteral("bee"));
        QCOMPARE(m_session->imageModel()->recordById(b0)->label, QStringLiteral("bee"));

        m_session->undoStack()->redo();
        QCOMPARE(storedLabels(m_file).value(QStringLiteral("bee/bee_00000.png")), QStringLiteral("cow"));

        // History: label, undo-label, label for b0.
        auto store = ProjectStore::open(m_file);
        const auto history = store.value()->labelHistory(b0);
        QCOMPARE(int(history.size()), 3);
        QCOMPARE(history[0].new_label, QStringLiteral("cow"));
        QCOMPARE(history[1].action, QStringLiteral("undo-label"));
        QCOMPARE(history[1].new_label, QStringLiteral("bee"));

        // A new session on the same file (as after a crash) sees what was committed.
        m_session.reset();
        ProjectSession again;
        QVERIFY(bbtest::openAndScan(again, m_root, m_file));
        QCOMPARE(again.imageModel()->recordById(b0)->label, QStringLiteral("cow"));
        QCOMPARE(again.imageModel()->recordById(a0)->label, QStringLiteral("cow"));
        QCOMPARE(again.classModel()->classes()[0].count, 2);
    }

    void relabelToNewClassAndUndo()
    {
        const qint64 c0 = idOf(*m_session, QStringLiteral("cow/cow_00000.png"));
        QVERIFY(m_session->assignLabel({c0}, QStringLiteral("deer")));
        QVERIFY(storedCounts(m_file).contains(QStringLiteral("deer")));
        QCOMPARE(m_session->classModel()->rowCount(), 4);
        m_session->undoStack()->undo();
        // The class the action created goes away with it.
        QVERIFY(!storedCounts(m_file).contains(QStringLiteral("deer")));
        QCOMPARE(m_session->classModel()->rowCount(), 3);
        QCOMPARE(storedLabels(m_file).value(QStringLiteral("cow/cow_00000.png")), QStringLiteral("cow"));
    }

    void excludeInclude()
    {
        const qint64 a2 = idOf(*m_session, QStringLiteral("ant/ant_00002.png"));
        QVERIFY(m_session->setExcluded({a2}, true));
        QCOMPARE(storedCounts(m_file).value(QStringLiteral("ant")), 3);
        QVERIFY(m_session->imageModel()->recordById(a2)->excluded);
        m_session->undoStack()->undo();
        QCOMPARE(storedCounts(m_file).value(QStringLiteral("ant")), 4);
        QVERIFY(!m_session->imageModel()->recordById(a2)->excluded);
        m_session->undoStack()->redo();
        auto store = ProjectStore::open(m_file);
        bool excluded = false;
        for (const ImageRecord &r : store.value()->images())
            if (r.id == a2)
                excluded = r.excluded;
        QVERIFY(excluded);
        // Excluding an already excluded image is not an action.
        const int before = m_session->undoStack()->count();
        QVERIFY(m_session->setExcluded({a2}, true));
        QCOMPARE(m_session->undoStack()->count(), before);
    }

    void classActions()
    {
        QUndoStack *undo = m_session->undoStack();
        QVERIFY(m_session->createClass(QStringLiteral("elk")));
        QVERIFY(storedCounts(m_file).contains(QStringLiteral("elk")));
        QVERIFY(m_session->renameClass(QStringLiteral("bee"), QStringLiteral("wasp")));
        QCOMPARE(storedLabels(m_file).value(QStringLiteral("bee/bee_00001.png")), QStringLiteral("wasp"));
        QVERIFY(m_session->mergeClass(QStringLiteral("cow"), QStringLiteral("ant")));
        auto counts = storedCounts(m_file);
        QVERIFY(!counts.contains(QStringLiteral("cow")));
        QCOMPARE(counts.value(QStringLiteral("ant")), 6);
        QVERIFY(m_session->deleteClass(QStringLiteral("elk")));
        QVERIFY(!storedCounts(m_file).contains(QStringLiteral("elk")));
        QCOMPARE(undo->count(), 4);

        // Refused actions never reach the stack.
        QVERIFY(!m_session->renameClass(QStringLiteral("wasp"), QStringLiteral("ant")));  // exists
        QVERIFY(!m_session->deleteClass(QStringLiteral("ant")));                         // has images
        QVERIFY(!m_session->createClass(QStringLiteral("a/b")));                         // not a folder name
        QVERIFY(!m_session->mergeClass(QStringLiteral("ant"), QStringLiteral("ant")));
        QCOMPARE(undo->count(), 4);

        undo->undo(); // delete elk
        QVERIFY(storedCounts(m_file).contains(QStringLiteral("elk")));
        undo->undo(); // merge cow -> ant
        counts = storedCounts(m_file);
        QCOMPARE(counts.value(QStringLiteral("cow")), 2);
        QCOMPARE(counts.value(QStringLiteral("ant")), 4);
        QCOMPARE(storedLabels(m_file).value(QStringLiteral("cow/cow_00001.png")), QStringLiteral("cow"));
        undo->undo(); // rename
        QCOMPARE(storedLabels(m_file).value(QStringLiteral("bee/bee_00001.png")), QStringLiteral("bee"));
        QCOMPARE(m_session->imageModel()->idsWithLabel(QStringLiteral("bee")).size(), 3);
        undo->undo(); // create
        QVERIFY(!storedCounts(m_file).contains(QStringLiteral("elk")));
        QCOMPARE(storedCounts(m_file).size(), 3);

        for (int i = 0; i < 4; ++i)
            undo->redo();
        counts = storedCounts(m_file);
        QCOMPARE(counts, (QHash<QString, int>{{QStringLiteral("ant"), 6}, {QStringLiteral("wasp"), 3}}));
        QCOMPARE(m_session->classModel()->names(), (QStringList{QStringLiteral("ant"), QStringLiteral("wasp")}));
    }

    void sourceImagesUntouched()
    {
        QHash<QString, QByteArray> before;
        QDirIterator it(m_root, {QStringLiteral("*.png")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString p = it.next();
            QFile f(p);
            QVERIFY(f.open(QIODevice::ReadOnly));
            before.insert(p, f.readAll());
        }
        QVERIFY(m_session->assignLabel(m_session->imageModel()->idsWithLabel(QStringLiteral("ant")), QStringLiteral("bee")));
        QVERIFY(m_session->mergeClass(QStringLiteral("cow"), QStringLiteral("bee")));
        QVERIFY(m_session->renameClass(QStringLiteral("bee"), QStringLiteral("bug")));
        QHash<QString, QByteArray> after;
        QDirIterator it2(m_root, {QStringLiteral("*.png")}, QDir::Files, QDirIterator::Subdirectories);
        while (it2.hasNext()) {
            const QString p = it2.next();
            QFile f(p);
            QVERIFY(f.open(QIODevice::ReadOnly));
            after.insert(p, f.readAll());
        }
        QCOMPARE(after, before);
    }
};

QTEST_MAIN(TestLabelCommands)
#include "tst_labelcommands.moc"
