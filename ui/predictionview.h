#pragma once
// The prediction page: drop image files, folders (recursive) or a mix onto the page or the
// window, choose them, or paste their paths; each image shows its preview, the top-k classes
// with probability bars and the five nearest training images. Drops of only a web address or
// text are answered with a message; unreadable files are listed with the reason; big folders
// run in the background with progress and cancel; CSV/JSON exports equal `balancebench-cli
// predict --csv/--json` for the same inputs.

#include "jobcontrol.h"
#include "workers/jobtypes.h"

#include <QThread>
#include <QWidget>

#include <memory>

class QLabel;
class QListView;
class QMimeData;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace bb {

class ModelPicker;
class PredictionListModel;
class PredictionWorker;
class ProjectSession;

class PredictionView : public QWidget {
    Q_OBJECT
public:
    explicit PredictionView(ProjectSession *session, QWidget *parent = nullptr);
    ~PredictionView() override;

    void setModelPath(const QString &path);
    QString modelPath() const;
    void setTopK(int k);
    int topK() const;

    /// Handles dropped or pasted data: local files and folders are classified; a drop with only
    /// web addresses or text gets a message. Returns whether anything was queued.
    bool handleMimeData(const QMimeData *mime, bool fromPaste = false);
    /// Classifies these files/folders (queued behind a running job).
    void addPaths(const QStringList &paths);
    void pastePaths();
    void cancel();
    void clear();
    bool isRunning() const { return m_running; }

    /// Everything classified so far (failed files included), in the CLI's order per request.
    const std::vector<Prediction> &predictions() const { return m_all; }
    int resultCount() const;         ///< classified images shown
    int problemCount() const;        ///< unreadable / missing files listed
    const PredictionItem *resultAt(int row) const;
    QString message() const;         ///< the last message shown to the user
    QListView *resultView() const { return m_list; }
    QTreeWidget *problemList() const { return m_problems; }

    QString csv() const;             ///< = balancebench-cli predict --csv
    QByteArray json() const;         ///< = balancebench-cli predict --json
    Status exportCsv(const QString &file) const;
    Status exportJson(const QString &file) const;

Q_SIGNALS:
    void finished(bool ok, bool cancelled);
    void messageShown(const QString &text);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void startNext();
    void showMessage(const QString &text, bool warning);
    void onBatch(quint64 generation, const bb::PredictionItems &items, int done, int total);
    void onFinished(quint64 generation, bool ok, bool cancelled, const QString &error);
    void updateActions();
    void chooseFiles();
    void chooseFolder();
    void exportDialog(bool json);

    ProjectSession *m_session;
    ModelPicker *m_model;
    QSpinBox *m_topK;
    QPushButton *m_addFiles, *m_addFolder, *m_paste, *m_cancel, *m_clear, *m_exportCsv, *m_exportJson;
    QProgressBar *m_progress;
    QLabel *m_message, *m_dropHint, *m_summary;
    QListView *m_list;
    PredictionListModel *m_model_;
    QTreeWidget *m_problems;
    QWidget *m_problemBox;

    QThread m_thread;
    PredictionWorker *m_worker;
    std::shared_ptr<JobControl> m_control;
    quint64 m_generation = 0;
    bool m_running = false;
    QList<QStringList> m_queue;        // requests waiting behind the running one
    std::vector<Prediction> m_all;     // every result, for the exports
    int m_usedTopK = 0;                // top-k of the results shown (0 = none yet)
    QString m_lastMessage;
    bool m_windowFilter = false;
};

} // namespace bb
