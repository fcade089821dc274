// EvaluationView: its numbers are those of `balancebench-cli evaluate` for the same model and
// test folder (confusion, per-class P/R/F1/support, macro-F1, accuracy, predictions.csv); the
// heatmap shows counts and row-normalised fractions; a cell click lists exactly that cell's
// images by confidence and selects them in the browser; exports write PNG/SVG/PDF/CSV/JSON.

#include "browserselection.h"
#include "browserview.h"
#include "evaluationview.h"
#include "projectsession.h"
#include "trainingfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QListWidget>
#include <QProcess>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>

#include <qcustomplot.h>

using namespace bb;

namespace {

QJsonObject runCliEvaluate(const QString &bundle, const QString &testRoot, const QString &reportDir)
{
    QProcess cli;
    cli.start(QStringLiteral(BB_CLI_PATH), {QStringLiteral("evaluate"), bundle, testRoot, QStringLiteral("--json"),
                                            QStringLiteral("--report"), reportDir, QStringLiteral("--threads"), QStringLiteral("1")});
    if (!cli.waitForFinished(300000) || cli.exitCode() != 0) {
        qWarning("cli: %s", cli.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
}

struct CsvRow {
    QString path, truth, predicted;
    double probability;
};

std::vector<CsvRow> readPredictionsCsv(const QString &file)
{
    std::vector<CsvRow> rows;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList c = lines[i].split(QLatin1Char(','));
        rows.push_back({c[0], c[1], c[2], c[3].toDouble()});
    }
    return rows;
}

} // namespace

class TestEvaluationView : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_root, m_test, m_bundle;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
        m_root = m_tmp.filePath(QStringLiteral("train"));
        m_test = m_tmp.filePath(QStringLiteral("test"));
        bbtest::writeDataset(m_root, {{QStringLiteral("a"), 30}, {QStringLiteral("b"), 30}, {QStringLiteral("c"), 30}}, 16);
        bbtest::writeDataset(m_test, {{QStringLiteral("a"), 12}, {QStringLiteral("b"), 9}, {QStringLiteral("c"), 11}, {QStringLiteral("zzz"), 2}}, 16);
        // An unreadable test image: listed as failed by both, counted by neither.
        QFile broken(m_test + QStringLiteral("/a/broken.png"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("\x89PNG\r\n\x1a\n this is not really a png");
        broken.close();
        m_bundle = bbtest::trainBundle(m_root, m_tmp.path(), bbtest::tinyConfig(2));
        QVERIFY(QFileInfo(m_bundle).isFile());
    }

    void numbersEqualTheCli()
    {
        EvaluationView view(nullptr);
        view.setModelPath(m_bundle);
        view.setTestFolder(m_test);
        QSignalSpy done(&view, &EvaluationView::evaluationFinished);
        QVERIFY(view.evaluate());
        QVERIFY(done.wait(300000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        const QString reportDir = m_tmp.filePath(QStringLiteral("cli-report"));
        const QJsonObject cli = runCliEvaluate(m_bundle, m_test, reportDir);
        QVERIFY(!cli.isEmpty());
        QJsonObject gui = view.result()->toJson();
        QJsonObject cliNoTime = cli;
        gui.remove(QStringLiteral("seconds"));
        cliNoTime.remove(QStringLiteral("seconds"));
        QCOMPARE(gui, cliNoTime); // confusion, per-class metrics, macro-F1, accuracy, failed
        QCOMPARE(cli.value(QStringLiteral("failed")).toArray().size(), 1);
        QCOMPARE(view.result()->unknown_classes, QStringList{QStringLiteral("zzz")});
        QFile csv(reportDir + QStringLiteral("/predictions.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(view.result()->predictionsCsv(), QString::fromUtf8(csv.readAll()));

        // The heatmap and the table show exactly these numbers.
        const QJsonArray confusion = cli.value(QStringLiteral("confusion")).toArray();
        const int n = int(confusion.size());
        QCOMPARE(n, 3);
        int total = 0;
        for (int r = 0; r < n; ++r)
            for (int c = 0; c < n; ++c) {
                const int count = confusion[r].toArray()[c].toInt();
                total += count;
                QCOMPARE(view.cellValue(r, c), double(count));
                QCOMPARE(view.cellText(r, c), QString::number(count));
            }
        QCOMPARE(total, 32);
        const QJsonArray perClass = cli.value(QStringLiteral("per_class")).toArray();
        for (int r = 0; r < n; ++r) {
            const QJsonObject m = perClass[r].toObject();
            QCOMPARE(view.classTable()->item(r, 0)->text(), m.value(QStringLiteral("name")).toString());
            QCOMPARE(view.classTable()->item(r, 1)->text(), QString::number(m.value(QStringLiteral("precision")).toDouble(), 'f', 4));
            QCOMPARE(view.classTable()->item(r, 2)->text(), QString::number(m.value(QStringLiteral("recall")).toDouble(), 'f', 4));
            QCOMPARE(view.classTable()->item(r, 3)->text(), QString::number(m.value(QStringLiteral("f1")).toDouble(), 'f', 4));
            QCOMPARE(view.classTable()->item(r, 4)->text(), QString::number(m.value(QStringLiteral("support")).toInt()));
        }
        QCOMPARE(view.classTable()->item(n, 3)->text(), QString::number(cli.value(QStringLiteral("macro_f1")).toDouble(), 'f', 4));
        QCOMPARE(view.classTable()->item(n + 1, 3)->text(), QString::number(cli.value(QStringLiteral("accuracy")).toDouble(), 'f', 4));
        QVERIFY(view.summaryLabel()->text().contains(QString::number(cli.value(QStringLiteral("macro_f1")).toDouble(), 'f', 4)));
        // Row-normalised: each row's fraction of its true class.
        view.setNormalized(true);
        for (int r = 0; r < n; ++r) {
            double rowSum = 0, shown = 0;
            for (int c = 0; c < n; ++c)
                rowSum += confusion[r].toArray()[c].toInt();
            for (int c = 0; c < n; ++c) {
                QCOMPARE(view.cellValue(r, c), confusion[r].toArray()[c].toInt() / rowSum);
                QCOMPARE(view.cellText(r, c), QString::number(confusion[r].toArray()[c].toInt() / rowSum, 'f', 2));
                shown += view.cellValue(r, c);
            }
            QVERIFY(std::abs(shown - 1.0) < 1e-12);
        }
        view.setNormalized(false);

        // Exports.
        for (const QString &suffix : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
            const QString f = m_tmp.filePath(QStringLiteral("matrix.") + suffix);
            QVERIFY2(view.exportMatrix(f), qPrintable(suffix));
            QFile file(f);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray head = file.read(256);
            if (suffix == QLatin1String("png"))
                QVERIFY(!QImage(f).isNull());
            else if (suffix == QLatin1String("svg"))
                QVERIFY(head.contains("<svg"));
            else
                QVERIFY(head.startsWith("%PDF"));
            QVERIFY(view.exportChart(m_tmp.filePath(QStringLiteral("chart.") + suffix)));
        }
        QVERIFY(!view.exportMatrix(m_tmp.filePath(QStringLiteral("matrix.bmpx"))));
        const QString jsonFile = m_tmp.filePath(QStringLiteral("metrics.json"));
        QVERIFY(view.exportMetricsJson(jsonFile));
        QFile jf(jsonFile);
        QVERIFY(jf.open(QIODevice::ReadOnly));
        QJsonObject exported = QJsonDocument::fromJson(jf.readAll()).object();
        exported.remove(QStringLiteral("seconds"));
        QCOMPARE(exported, cliNoTime);
        const QString csvFile = m_tmp.filePath(QStringLiteral("metrics.csv"));
        QVERIFY(view.exportMetricsCsv(csvFile));
        QFile cf(csvFile);
        QVERIFY(cf.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(cf.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + n + 2);
        QCOMPARE(lines[1].split(QLatin1Char(','))[3].toDouble(), std::round(perClass[0].toObject().value(QStringLiteral("f1")).toDouble() * 1e6) / 1e6);
    }

    void matrixGetsTheLargerShare_data() { bbtest::addLanguageRows(); }

    void matrixGetsTheLargerShare()
    {
        // The width a 1600-pixel main window leaves the page between its docks. The cell page's
        // one row of actions ("Show in Browser", "Relabel selected as:" …) made the tabs at least
        // 510 px wide in German, leaving the confusion matrix the smaller part.
        QFETCH(QString, language);
        const bbtest::LanguageScope scope(language);
        QCOMPARE(scope.installed, language);
        EvaluationView view(nullptr);
        view.resize(1010, 840);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *tabs = view.findChild<QTabWidget *>(QStringLiteral("evaluationTabs"));
        QVERIFY(tabs);
        QVERIFY2(view.matrixPlot()->width() > tabs->width(),
                 qPrintable(QStringLiteral("matrix %1 px, tabs %2 px").arg(view.matrixPlot()->width()).arg(tabs->width())));
    }

    void cellClickListsTheCellsImages()
    {
        EvaluationView view(nullptr);
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setModelPath(m_bundle);
        view.setTestFolder(m_test);
        QSignalSpy done(&view, &EvaluationView::evaluationFinished);
        QVERIFY(view.evaluate());
        QVERIFY(done.wait(300000));
        const QString reportDir = m_tmp.filePath(QStringLiteral("cli-report2"));
        QVERIFY(!runCliEvaluate(m_bundle, m_test, reportDir).isEmpty());
        const std::vector<CsvRow> rows = readPredictionsCsv(reportDir + QStringLiteral("/predictions.csv"));
        const QStringList classes{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        view.matrixPlot()->replot();
        QSignalSpy chosen(&view, &EvaluationView::cellImagesChosen);
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c) {
                QTest::mouseClick(view.matrixPlot(), Qt::LeftButton, Qt::NoModifier, view.cellCenter(r, c));
                QCOMPARE(view.selectedRow(), r);
                QCOMPARE(view.selectedColumn(), c);
                QStringList expected;
                for (const CsvRow &row : rows)
                    if (row.truth == classes[r] && row.predicted == classes[c])
                        expected.append(QDir(m_test).filePath(row.path));
                QStringList got = view.cellImagePaths();
                QCOMPARE(got.size(), int(view.cellValue(r, c)));
                QCOMPARE(view.cellList()->count(), got.size());
                // Most confident first.
                double last = 2;
                for (const QString &p : got) {
                    double prob = -1;
                    for (const CsvRow &row : rows)
                        if (QDir(m_test).filePath(row.path) == p)
                            prob = row.probability;
                    QVERIFY(prob <= last + 1e-6);
                    last = prob;
                }
                got.sort();
                expected.sort();
                QCOMPARE(got, expected);
            }
        QCOMPARE(chosen.count(), 9);
    }

    void cellImagesSelectedInBrowser()
    {
        // Evaluating the open project's own images: the cell's images are project images that
        // the browser selects, ready to relabel.
        ProjectSession session;
        QVERIFY(bbtest::openAndScan(session, m_root, m_tmp.filePath(QStringLiteral("browse.sqlite"))));
        BrowserView browser(&session);
        browser.resize(900, 700);
        EvaluationView view(&session);
        view.setModelPath(m_bundle);
        view.setTestFolder(m_root);
        QSignalSpy done(&view, &EvaluationView::evaluationFinished);
        QVERIFY(view.evaluate());
        QVERIFY(done.wait(300000));
        QSignalSpy chosen(&view, &EvaluationView::cellImagesChosen);
        int row = 0;
        for (int r = 0; r < 3; ++r)
            if (view.cellValue(r, r) > view.cellValue(row, row))
                row = r;
        view.selectCell(row, row);
        QCOMPARE(chosen.count(), 1);
        const QList<qint64> ids = chosen.first().at(0).value<QList<qint64>>();
        const QStringList paths = chosen.first().at(1).toStringList();
        QCOMPARE(ids.size(), paths.size());
        QVERIFY(!ids.isEmpty());
        // Double-clicking the cell asks for exactly these images in the browser.
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.matrixPlot()->replot();
        QSignalSpy toBrowser(&view, &EvaluationView::showInBrowserRequested);
        QTest::mouseDClick(view.matrixPlot(), Qt::LeftButton, Qt::NoModifier, view.cellCenter(row, row));
        QCOMPARE(toBrowser.count(), 1);
        QCOMPARE(toBrowser.first().at(0).value<QList<qint64>>(), ids);
        QCOMPARE(selectImagesInBrowser(&browser, &session, ids), int(ids.size()));
        QList<qint64> selected = browser.selectedIds();
        QList<qint64> sortedIds = ids;
        std::sort(selected.begin(), selected.end());
        std::sort(sortedIds.begin(), sortedIds.end());
        QCOMPARE(selected, sortedIds);
    }
};

QTEST_MAIN(TestEvaluationView)
#include "tst_evaluationview.moc"
