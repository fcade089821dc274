// PredictionView: simulated drops (QDropEvent with QMimeData) of files, a folder, a mix, a
// web address only, text only and an unreadable file; drops onto the window; paste of paths;
// cancel of a large folder; CSV/JSON exports byte-identical to `balancebench-cli predict`.

#include "predictionview.h"
#include "trainingfixture.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QListView>
#include <QMainWindow>
#include <QMimeData>
#include <QProcess>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolBar>
#include <QTreeWidget>
#include <QUrl>

using namespace bb;

namespace {

QList<QUrl> urlsOf(const QStringList &paths)
{
    QList<QUrl> urls;
    for (const QString &p : paths)
        urls.append(QUrl::fromLocalFile(p));
    return urls;
}

/// Sends drag-enter then drop of `mime` to `target`; returns whether the enter was accepted.
bool drop(QWidget *target, QMimeData *mime)
{
    const QPoint pos(target->width() / 2, target->height() / 2);
    QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QDropEvent dropEvent(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropEvent);
    return enter.isAccepted();
}

QByteArray runCliPredict(const QString &bundle, const QStringList &paths, bool csv)
{
    QProcess cli;
    QStringList args{QStringLiteral("predict"), bundle};
    args += paths;
    args << (csv ? QStringLiteral("--csv") : QStringLiteral("--json")) << QStringLiteral("--threads") << QStringLiteral("1");
    cli.start(QStringLiteral(BB_CLI_PATH), args);
    if (!cli.waitForFinished(300000))
        return {};
    return cli.readAllStandardOutput();
}

} // namespace

class TestPredictionView : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_root, m_bundle, m_inbox, m_broken;
    QStringList m_files;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
        m_root = m_tmp.filePath(QStringLiteral("train"));
        bbtest::writeDataset(m_root, {{QStringLiteral("a"), 30}, {QStringLiteral("b"), 30}, {QStringLiteral("c"), 30}}, 16);
        m_bundle = bbtest::trainBundle(m_root, m_tmp.path(), bbtest::tinyConfig(2));
        QVERIFY(QFileInfo(m_bundle).isFile());
        // Images to classify: a folder with nested sub-folders, a non-image file among them.
        m_inbox = m_tmp.filePath(QStringLiteral("inbox"));
        bbtest::writeDataset(m_inbox, {{QStringLiteral("x"), 4}}, 20);
        bbtest::writeDataset(m_inbox + QStringLiteral("/y"), {{QStringLiteral("deeper"), 3}}, 20);
        QCOMPARE(QDir(m_inbox + QStringLiteral("/y/deeper")).entryList(QDir::Files).size(), 3);
        QFile notes(m_inbox + QStringLiteral("/x/notes.txt"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("not an image");
        notes.close();
        for (int i = 0; i < 3; ++i)
            m_files.append(QStringLiteral("%1/x/x_%2.png").arg(m_inbox).arg(i, 5, 10, QLatin1Char('0')));
        m_broken = m_tmp.filePath(QStringLiteral("broken.jpg"));
        QFile b(m_broken);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("\xff\xd8\xff\xe0 truncated jpeg");
        b.close();
    }

    void dropFiles()
    {
        PredictionView view(nullptr);
        view.resize(1000, 700);
        view.setModelPath(m_bundle);
        QSignalSpy finished(&view, &PredictionView::finished);
        auto *mime = new QMimeData;
        mime->setUrls(urlsOf(m_files));
        QVERIFY(drop(&view, mime));
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().at(0).toBool(), true);
        QCOMPARE(view.resultCount(), 3);
        QCOMPARE(view.problemCount(), 0);
        for (int i = 0; i < 3; ++i) {
            const PredictionItem *it = view.resultAt(i);
            QCOMPARE(it->prediction.path, m_files[i]);
            QCOMPARE(int(it->prediction.top.size()), 3);
            QVERIFY(!it->thumbnail.isNull());
            QCOMPARE(int(it->neighbours.size()), 5);
            QCOMPARE(int(it->neighbour_thumbs.size()), 5);
            for (const QImage &t : it->neighbour_thumbs)
                QVERIFY(!t.isNull());
            QVERIFY(it->prediction.top[0].probability >= it->prediction.top[1].probability);
        }
        delete mime;
    }

    void dropFolderAndMixOnTheWindow()
    {
        // The view inside a window: drops onto the window's toolbar reach the view.
        QMainWindow window;
        window.setAcceptDrops(true); // as the workbench's MainWindow (Qt delivers drops only to such widgets)
        auto *view = new PredictionView(nullptr);
        window.setCentralWidget(view);
        QToolBar *bar = window.addToolBar(QStringLiteral("tools"));
        bar->addAction(QStringLiteral("nothing"));
        window.resize(1100, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        view->setModelPath(m_bundle);
        QSignalSpy finished(view, &PredictionView::finished);
        auto *mime = new QMimeData;
        mime->setUrls(urlsOf({m_inbox}));
        QVERIFY(drop(&window, mime));
        QVERIFY(finished.wait(120000));
        QCOMPARE(view->resultCount(), 7); // 4 + 3 nested, notes.txt ignored
        QCOMPARE(view->problemCount(), 0);
        // A mix of a folder, a file and an unreadable file onto the view itself.
        auto *mix = new QMimeData;
        mix->setUrls(urlsOf({m_inbox + QStringLiteral("/y"), m_files[0], m_broken}));
        QVERIFY(drop(view, mix));
        QVERIFY(finished.wait(120000));
        QCOMPARE(view->resultCount(), 7 + 3 + 1);
        QCOMPARE(view->problemCount(), 1);
        QCOMPARE(view->problemList()->topLevelItem(0)->text(0), QDir::toNativeSeparators(m_broken));
        QVERIFY(!view->problemList()->topLevelItem(0)->text(1).isEmpty());
        delete mime;
        delete mix;
    }

    void webAddressAndTextDropsGetAMessage()
    {
        PredictionView view(nullptr);
        view.setModelPath(m_bundle);
        QSignalSpy messages(&view, &PredictionView::messageShown);
        QSignalSpy finished(&view, &PredictionView::finished);
        QMimeData url;
        url.setUrls({QUrl(QStringLiteral("https://example.com/cat.png"))});
        QVERIFY(drop(&view, &url)); // accepted, so the user gets an answer instead of a "no" cursor
        QCOMPARE(messages.count(), 1);
        QVERIFY2(view.message().contains(QLatin1String("https://example.com/cat.png")), qPrintable(view.message()));
        QVERIFY(view.message().contains(QLatin1String("web address")));
        QVERIFY(!view.isRunning());
        QMimeData text;
        text.setText(QStringLiteral("just some words"));
        QVERIFY(drop(&view, &text));
        QCOMPARE(messages.count(), 2);
        QVERIFY2(view.message().contains(QLatin1String("text, not files")), qPrintable(view.message()));
        QVERIFY(!view.isRunning());
        QTest::qWait(200);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(view.resultCount(), 0);
        QVERIFY(view.predictions().empty());
    }

    void unreadableAndMissingFilesAreListedWithReasons()
    {
        PredictionView view(nullptr);
        view.setModelPath(m_bundle);
        QSignalSpy finished(&view, &PredictionView::finished);
        const QString missing = m_tmp.filePath(QStringLiteral("gone.png"));
        // Paste of paths (one per line, quoted or as file:// URLs).
        QApplication::clipboard()->setText(QStringLiteral("\"%1\"\n%2\n%3\n")
                                               .arg(m_broken, QUrl::fromLocalFile(m_files[1]).toString(), missing));
        view.pastePaths();
        QVERIFY(finished.wait(120000));
        QCOMPARE(view.resultCount(), 1);
        QCOMPARE(view.problemCount(), 2);
        QStringList reasons;
        for (int i = 0; i < view.problemCount(); ++i)
            reasons.append(view.problemList()->topLevelItem(i)->text(0) + QStringLiteral(": ") +
                           view.problemList()->topLevelItem(i)->text(1));
        QVERIFY2(reasons.last().endsWith(QLatin1String("no such file or folder")), qPrintable(reasons.join(QLatin1Char('\n'))));
        QVERIFY(!view.problemList()->topLevelItem(0)->text(1).isEmpty());
    }

    void exportsEqualTheCli()
    {
        PredictionView view(nullptr);
        view.setModelPath(m_bundle);
        view.setTopK(2);
        QSignalSpy finished(&view, &PredictionView::finished);
        const QString missing = m_tmp.filePath(QStringLiteral("gone.png"));
        const QStringList inputs{m_files[2], m_inbox + QStringLiteral("/y"), m_broken, missing, m_files[0]};
        view.addPaths(inputs);
        QVERIFY(finished.wait(120000));
        const QString jsonFile = m_tmp.filePath(QStringLiteral("p.json")), csvFile = m_tmp.filePath(QStringLiteral("p.csv"));
        QVERIFY(view.exportJson(jsonFile));
        QVERIFY(view.exportCsv(csvFile));
        QFile j(jsonFile), c(csvFile);
        QVERIFY(j.open(QIODevice::ReadOnly));
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QByteArray gotJson = j.readAll(), gotCsv = c.readAll();
        QStringList cliInputs = inputs;
        const QByteArray cliJson = runCliPredict(m_bundle, cliInputs << QStringLiteral("--top-k") << QStringLiteral("2"), false);
        QVERIFY(!cliJson.isEmpty());
        QCOMPARE(gotJson, cliJson);
        const QByteArray cliCsv = runCliPredict(m_bundle, cliInputs, true);
        QCOMPARE(gotCsv + QByteArray(), cliCsv);
        const QJsonArray arr = QJsonDocument::fromJson(gotJson).array();
        QCOMPARE(arr.size(), 1 + 3 + 1 + 1 + 1);
        // In the order given, the missing path's row in its place (as the CLI; both put it last before).
        QCOMPARE(arr[5].toObject().value(QStringLiteral("path")).toString(), missing);
        QCOMPARE(arr.last().toObject().value(QStringLiteral("path")).toString(), m_files[0]);
    }

    void largeFolderRunsInTheBackgroundAndCancels()
    {
        const QString big = m_tmp.filePath(QStringLiteral("big"));
        bbtest::writeDataset(big, {{QStringLiteral("p"), 400}, {QStringLiteral("q"), 400}}, 24);
        PredictionView view(nullptr);
        view.setModelPath(m_bundle);
        QSignalSpy finished(&view, &PredictionView::finished);
        bool cancelled = false;
        connect(view.resultView()->model(), &QAbstractItemModel::rowsInserted, &view, [&] {
            if (!cancelled) {
                cancelled = true;
                QVERIFY(view.isRunning());
                view.cancel();
            }
        });
        bbtest::StallDetector stall;
        stall.start();
        view.addPaths({big});
        QVERIFY(view.isRunning());
        QVERIFY(finished.wait(120000));
        stall.stop();
        QCOMPARE(finished.first().at(1).toBool(), true); // cancelled
        QVERIFY(cancelled);
        QVERIFY2(view.resultCount() < 800, qPrintable(QString::number(view.resultCount())));
        QVERIFY(view.resultCount() > 0);
        qInfo("cancelled after %d of 800 images; longest stall %lld ms", view.resultCount(), stall.maxStall_ms());
        QVERIFY(!view.isRunning());
    }
};

QTEST_MAIN(TestPredictionView)
#include "tst_predictionview.moc"
