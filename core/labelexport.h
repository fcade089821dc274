#pragma once
// Exports the current labels of a project: a folder-per-class copy (or symbolic links) and a CSV.
// Source images are only read, never moved or modified.

#include "jobcontrol.h"
#include "projectstore.h"
#include "result.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace bb {

enum class LabelExportMode {
    Copy,    ///< OUT/<class>/<file> are byte copies
    Symlink, ///< OUT/<class>/<file> are symbolic links to the absolute source paths
};

struct LabelExportOptions {
    LabelExportMode mode = LabelExportMode::Copy;
    bool include_excluded = false; ///< excluded images are left out unless set
};

struct LabelExportSummary {
    QString out_dir;
    int written = 0;
    int classes = 0;
    QStringList errors; ///< "path: reason" for files that could not be exported
};

/// The images an export contains: status ok, labelled, and not excluded (unless asked).
std::vector<ImageRecord> exportableImages(const std::vector<ImageRecord> &images, bool includeExcluded);

/// Writes OUT/<label>/<file name> for every exportable image (a name taken twice in one class
/// gets a "_2", "_3", ... suffix) plus OUT/labels.csv. `outDir` must be empty or not exist.
Result<LabelExportSummary> exportLabelFolders(const std::vector<ImageRecord> &images, const QString &datasetRoot,
                                              const QString &outDir, const LabelExportOptions &options,
                                              JobControl *control = nullptr);

/// Writes a CSV (path,label,folder_class,excluded,status,reason,sha256,width,height) of every
/// image atomically (QSaveFile). Paths are relative to the dataset root.
Status writeLabelsCsv(const std::vector<ImageRecord> &images, const QString &csvPath);

} // namespace bb
