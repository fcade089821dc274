#pragma once
// The project store: one SQLite database (through QtSql) per dataset.
// WAL mode and one transaction per user action, so a crash loses nothing committed.
// A ProjectStore may only be used from the thread that opened it (a QtSql rule).

#include "result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace bb {

/// One file under the dataset root as the store knows it.
struct ImageRecord {
    qint64 id = 0;
    QString path;          ///< relative to the dataset root, '/' separators
    qint64 size = 0;       ///< bytes
    qint64 mtime_ms = 0;   ///< modification time, ms since epoch
    QString hash;          ///< SHA-256 of the file bytes, hex
    int width = 0;
    int height = 0;
    QString format;
    QString status;        ///< "ok", "skipped" or "missing"
    QString reason;        ///< why skipped
    QString folder_class;  ///< first-level folder name
    QString label;         ///< current class (may differ from folder_class after relabeling)
    bool excluded = false;
};

struct ClassRecord {
    qint64 id = 0;
    QString name;
    QString color; ///< "#rrggbb"
    int count = 0; ///< ok, not excluded images labelled with this class
};

struct LabelHistoryEntry {
    qint64 image_id = 0;
    QString old_label;
    QString new_label;
    QString action;
    qint64 at_ms = 0;
};

struct EpochMetricsRecord {
    int epoch = 0;
    QString phase; ///< "supcon" or "head"
    double train_loss = 0;
    double val_loss = 0;
    double lr = 0;
    double images_per_s = 0;
    double epoch_s = 0;
    double val_macro_f1 = -1; ///< -1 when not computed
};

struct RunRecord {
    qint64 id = 0;
    QString name;
    QString run_dir;
    QString status;
    qint64 created_ms = 0;
    QJsonObject config;
    QJsonObject metrics;
};

class ProjectStore {
public:
    /// Opens (creating if needed) the store at `file`, migrating the schema.
    static Result<std::unique_ptr<ProjectStore>> open(const QString &file);

    /// `<dataset>/.balancebench/project.sqlite` when the dataset folder is writable, otherwise a
    /// file under the user's data directory named after the dataset's absolute path.
    static QString defaultPathFor(const QString &datasetRoot);

    ~ProjectStore();
    ProjectStore(const ProjectStore &) = delete;
    ProjectStore &operator=(const ProjectStore &) = delete;

    QString filePath() const { return m_file; }

    QString meta(const QString &key, const QString &fallback = QString()) const;
    Status setMeta(const QString &key, const QString &value);

    // --- images ---
    /// Every image record (all statuses), with its current label, ordered by path.
    std::vector<ImageRecord> images() const;
    /// Records with the given status only (e.g. "skipped"), ordered by path.
    std::vector<ImageRecord> imagesWithStatus(const QString &status) const;
    int countWithStatus(const QString &status) const;
    /// Size, mtime, folder class and status per path: what an incremental re-scan compares.
    struct FileState {
        qint64 size = 0;
        qint64 mtime_ms = 0;
        QString folder_class;
        QString status;
    };
    QHash<QString, FileState> fileStates() const;
    /// Inserts or updates the records by path in one transaction; new ok images get their
    /// folder class as label; existing labels are kept. Fills in ids.
    Status upsertImages(std::vector<ImageRecord> &records);
    /// Marks paths as missing (their labels stay, in case the files come back).
    Status markMissing(const QStringList &paths);

    // --- classes and labels ---
    std::vector<ClassRecord> classes() const;
    Result<qint64> ensureClass(const QString &name);
    Status renameClass(const QString &from, const QString &to);
    /// Relabels every image of `from` to `into` and removes `from`.
    Status mergeClass(const QString &from, const QString &into);
    /// Removes an empty class; fails if images still carry it.
    Status deleteClass(const QString &name);
    /// Sets the label of the images, recording history under `action`, in one transaction.
    Status setLabels(const std::vector<qint64> &imageIds, const QString &className, const QString &action);
    Status setExcluded(const std::vector<qint64> &imageIds, bool excluded);
    std::vector<LabelHistoryEntry> labelHistory(qint64 imageId) const;

    // --- splits ---
    /// Replaces the stored split (image id -> "train"/"val"/"test") in one transaction.
    Status saveSplit(const QHash<qint64, QString> &split, quint64 seed);
    QHash<qint64, QString> split() const;

    // --- runs ---
    Result<qint64> createRun(const QString &name, const QString &runDir, const QJsonObject &config);
    Status addEpochMetrics(qint64 runId, const EpochMetricsRecord &m);
    Status finishRun(qint64 runId, const QString &status, const QJsonObject &metrics);
    /// Replaces a run's stored config (a resumed run whose head settings changed).
    Status setRunConfig(qint64 runId, const QJsonObject &config);
    /// Deletes a run's metrics of one phase ("supcon", "head"): a head trained again replaces them.
    Status clearEpochMetrics(qint64 runId, const QString &phase);
    /// The run's epochs of `phase` become `rows`, in one transaction (a new head's epochs).
    Status replaceEpochMetrics(qint64 runId, const QString &phase, const std::vector<EpochMetricsRecord> &rows);
    std::vector<RunRecord> runs() const;
    std::vector<EpochMetricsRecord> epochMetrics(qint64 runId) const;

private:
    explicit ProjectStore(QString file, QString connection);
    Status migrate();
    Status exec(const QString &sql);
    QString m_file;
    QString m_connection;
};

} // namespace bb
