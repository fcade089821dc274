// BalanceTableModel in the BalanceView: the table shows exactly core's plan for the options the
// controls describe (numbers compared with planBalance() called here on the same store), per-class
// targets edited in the table re-plan, preview samples are rendered, and the export job writes
// the plan's files.

#include "balancetablemodel.h"
#include "balanceview.h"
#include "projectsession.h"
#include "projectstore.h"
#include "uitestutil.h"

#include <QDirIterator>
#include <QTableView>
#include <QTemporaryDir>

using namespace bb;

class TestBalanceTableModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_root, m_file;

    static int cell(const BalanceTableModel *m, int row, int col) { return m->index(row, col).data().toInt(); }

    void compareWithCore(const BalanceView &view)
    {
        auto store = ProjectStore::open(m_file);
        QVERIFY(store);
        auto plan = planBalance(balanceInputsFromStore(*store.value()), view.options());
        QVERIFY2(plan, qPrintable(plan.error()));
        const BalanceTableModel *m = view.tableModel();
        QCOMPARE(m->rowCount(), int(plan.value().classes.size()));
        for (int r = 0; r < m->rowCount(); ++r) {
            const ClassPlan &c = plan.value().classes[size_t(r)];
            QCOMPARE(m->index(r, BalanceTableModel::ClassColumn).data().toString(), c.name);
            QCOMPARE(cell(m, r, BalanceTableModel::OriginalColumn), c.original);
            QCOMPARE(cell(m, r, BalanceTableModel::FinalColumn), c.final);
            QCOMPARE(cell(m, r, BalanceTableModel::ValColumn), c.val);
            QCOMPARE(cell(m, r, BalanceTableModel::TestColumn), c.test);
            const QString action = m->index(r, BalanceTableModel::ActionColumn).data().toString();
            QVERIFY2(action.startsWith(c.action() == QLatin1String("keep") ? QStringLiteral("keep") : c.action()),
                     qPrintable(action));
        }
        QCOMPARE(m->plan().images.size(), plan.value().images.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_root = m_dir.filePath(QStringLiteral("ds"));
        m_file = m_dir.filePath(QStringLiteral("p.sqlite"));
        bbtest::writeDataset(m_root, {{QStringLiteral("big"), 40}, {QStringLiteral("mid"), 20}, {QStringLiteral("tiny"), 5}});
    }

    void tableEqualsCorePlan()
    {
        ProjectSession session;
        QVERIFY(bbtest::openAndScan(session, m_root, m_file));
        BalanceView view(&session);
        view.resize(1200, 800);
        QSignalSpy planned(&view, &BalanceView::planReady);
        view.show();
        QVERIFY(planned.wait(10000));
        // Defaults: target 800 up-samples every class.
        compareWithCore(view);
        QCOMPARE(cell(view.tableModel(), 0, BalanceTableModel::FinalColumn), 800);

        // Hand-checked numbers for target 20, val 0.2: big 40 -> 32 train (8 val), mid 16, tiny 4.
        view.setTarget(20);
        QVERIFY(planned.wait(10000));
        compareWithCore(view);
        const BalanceTableModel *m = view.tableModel();
        QCOMPARE(cell(m, 0, BalanceTableModel::OriginalColumn), 32);
        QCOMPARE(cell(m, 0, BalanceTableModel::FinalColumn), 20);
        QCOMPARE(m->index(0, BalanceTableModel::ActionColumn).data().toString(), QStringLiteral("down-sample"));
        QCOMPARE(cell(m, 1, BalanceTableModel::OriginalColumn), 16);
        QCOMPARE(m->index(1, BalanceTableModel::ActionColumn).data().toString(), QStringLiteral("up-sample ×1.25"));
        QCOMPARE(cell(m, 2, BalanceTableModel::OriginalColumn), 4);
        QCOMPARE(m->index(2, BalanceTableModel::ActionColumn).data().toString(), QStringLiteral("up-sample ×5.00"));
        QCOMPARE(cell(m, 2, BalanceTableModel::ValColumn), 1);

        // Editing a class's target in the table is a per-class override.
        QVERIFY(view.tableView()->model()->setData(m->index(1, BalanceTableModel::TargetColumn), 16));
        QVERIFY(planned.wait(10000));
        compareWithCore(view);
        QCOMPARE(view.options().class_targets.value(QStringLiteral("mid")), 16);
        QCOMPARE(m->index(1, BalanceTableModel::ActionColumn).data().toString(), QStringLiteral("keep"));
        QCOMPARE(cell(m, 1, BalanceTableModel::TargetColumn), 16);

        // A new seed gives a new split/augmentation; the table still equals core's plan.
        view.setOutputSize(32);
        view.setSeed(7);
        QVERIFY(planned.wait(10000));
        compareWithCore(view);
    }

    void previewAndExport()
    {
        ProjectSession session;
        QVERIFY(bbtest::openAndScan(session, m_root, m_file));
        BalanceView view(&session);
        QSignalSpy planned(&view, &BalanceView::planReady);
        QSignalSpy previewed(&view, &BalanceView::previewReady);
        view.show();
        QVERIFY(planned.wait(10000));
        view.setTarget(12);
        view.setOutputSize(24);
        QTRY_VERIFY_WITH_TIMEOUT(planned.count() >= 2 && view.options().target == 12, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(previewed.count() >= 1 && view.previewSampleCount() == 3 * BalanceView::kSamplesPerClass,
                                 10000);

        // The preview images are what the balancer renders for those planned entries.
        const BalancePlan plan = view.tableModel()->plan();
        const QString out = m_dir.filePath(QStringLiteral("balanced"));
        QSignalSpy done(&view, &BalanceView::exportFinished);
        view.exportTo(out, false);
        QVERIFY(view.isExporting());
        QVERIFY(done.wait(30000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        int pngs = 0;
        QDirIterator it(out, {QStringLiteral("*.png")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++pngs;
        }
        QCOMPARE(pngs, int(plan.images.size()));
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/manifest.csv")));
        // The export saved the plan's split into the project, as the CLI does.
        auto store = ProjectStore::open(m_file);
        QCOMPARE(store.value()->split().size(), plan.split.size());
    }
};

QTEST_MAIN(TestBalanceTableModel)
#include "tst_balancetablemodel.moc"
