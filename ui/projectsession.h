#pragma once
// One open project: the GUI thread's ProjectStore, the models the views show, the undo stack,
// and the background scan. Views never talk to the store directly; they go through here.

#include "jobcontrol.h"
#include "metatypes.h"
#include "result.h"

#include <QObject>
#include <QThread>
#include <QTimer>
#include <QUndoStack>

#include <memory>

namespace bb {

class ClassListModel;
class ImageListModel;
class ProjectStore;
class ScanWorker;
class ThumbnailCache;

class ProjectSession : public QObject {
    Q_OBJECT
public:
    explicit ProjectSession(QObject *parent = nullptr);
    ~ProjectSession() override;

    /// Opens the dataset folder with its default project file and starts the background scan.
    Status openDataset(const QString &datasetRoot);
    /// Opens a project file (its dataset root is recorded in it) and rescans.
    Status openProjectFile(const QString &file);
    /// Opens `datasetRoot` with an explicit project file (tests, "Save as" style layouts).
    Status open(const QString &datasetRoot, const QString &projectFile);
    void close();

    bool isOpen() const { return bool(m_store); }
    QString datasetRoot() const { return m_root; }
    QString projectFile() const;
    ProjectStore *store() const { return m_store.get(); }
    ImageListModel *imageModel() const { return m_images; }
    ClassListModel *classModel() const { return m_classes; }
    QUndoStack *undoStack() const { return m_undo; }
    ThumbnailCache *thumbnails() const { return m_thumbs; }

    bool isScanning() const { return m_scanning; }
    void rescan();
    void cancelScan();

    // --- user actions: each validates, then pushes an undoable command that commits at once.
    // They return false (and emit errorOccurred) when nothing was done.
    bool assignLabel(const QList<qint64> &ids, const QString &className);
    bool setExcluded(const QList<qint64> &ids, bool excluded);
    bool createClass(const QString &name);
    bool renameClass(const QString &from, const QString &to);
    bool mergeClass(const QString &from, const QString &into);
    bool deleteClass(const QString &name);

    // --- store operations the undo commands call: one transaction each, then the models follow.
    Status commitLabels(const QHash<qint64, QString> &labelById, const QString &action);
    Status commitExcluded(const QList<qint64> &ids, bool excluded);
    Status commitEnsureClass(const QString &name);
    Status commitRenameClass(const QString &from, const QString &to);
    Status commitMergeClass(const QString &from, const QString &into);
    Status commitDeleteClass(const QString &name);

    /// Reloads classes and counts from the store (throttled when `soon`).
    void refreshClasses(bool soon = false);
    /// Reloads the saved split from the store into the image model.
    void refreshSplit();
    /// Reports a failure to the user (errorOccurred) and the log.
    void reportError(const QString &message);

Q_SIGNALS:
    void projectOpened();
    void projectClosed();
    void scanStarted();
    void scanProgress(qint64 done, qint64 total, double filesPerSecond);
    void scanFinished(bool ok, const QString &message);
    void classesChanged();
    void labelsChanged();
    void errorOccurred(const QString &message);

    void startScanRequested(const QString &datasetRoot, const QString &storeFile,
                            std::shared_ptr<bb::JobControl> control, quint64 generation);

private:
    void onScanFinished(bool ok, const QString &message, int decoded, int unchanged, int missing, double seconds,
                        quint64 generation);

    QString m_root;
    std::unique_ptr<ProjectStore> m_store;
    ImageListModel *m_images;
    ClassListModel *m_classes;
    QUndoStack *m_undo;
    ThumbnailCache *m_thumbs;
    QThread m_scanThread;
    ScanWorker *m_worker;                   // lives on m_scanThread
    std::shared_ptr<JobControl> m_scanControl;
    bool m_scanning = false;
    quint64 m_generation = 0; // of the current project's scan; older results are dropped
    bool m_rescanQueued = false;
    QTimer m_classRefresh;
};

} // namespace bb
