#pragma once
// Ingests a folder-per-class dataset (root/<class>/**/<image>) into the project store.

#include "imagedecoder.h"
#include "jobcontrol.h"
#include "projectstore.h"
#include "result.h"

#include <functional>
#include <vector>

namespace bb {

struct ScanOptions {
    DecodeOptions decode;
    int threads = 0; ///< 0 = all cores
    /// Called on the scanning thread after each committed batch (for a browser that fills live).
    std::function<void(const std::vector<ImageRecord> &)> on_batch;
};

struct ScanSummary {
    int images = 0;     ///< usable images (status ok) in the store for this dataset
    int decoded = 0;    ///< files read in this scan, usable or not (the JSON key is "decoded")
    int unchanged = 0;  ///< usable files not read again because size and mtime were unchanged
    int missing = 0;    ///< previously known files that are gone
    int ignored = 0;    ///< non-image files and OS metadata
    double seconds = 0;
    std::vector<ClassRecord> classes;
    std::vector<ImageRecord> skipped; ///< status "skipped", with reasons
    QStringList unreadable_folders;   ///< folders that could not be listed: "relative/path: reason"
};

/// Why a directory entry is not scanned, or an empty string if it is a candidate.
/// Rules: dot-files and dot-folders, OS metadata (.DS_Store, Thumbs.db, desktop.ini, "._*"),
/// and files that have neither an image extension nor image magic bytes are ignored.
QString ignoreReason(const QString &fileName, const QByteArray &head);

/// A file of a folder-per-class tree, found by the same rules as the scan, without decoding.
struct DatasetFile {
    QString abs_path;
    QString rel_path;
    QString folder_class;
};

/// Lists the candidate image files under root/<class>/** (ignored files counted in `ignored`).
std::vector<DatasetFile> listDatasetFiles(const QString &root, int *ignored = nullptr);

/// Lists image files under `path` recursively (or `path` itself when it is a file), by the
/// scan's rules; folders starting with '.' are skipped.
QStringList listImageFiles(const QString &path, int *ignored = nullptr);

/// Scans `root` incrementally: files whose size and mtime match the store are not read again.
/// One bad file never stops the scan; it is recorded as skipped with a reason.
Result<ScanSummary> scanDataset(const QString &root, ProjectStore &store, const ScanOptions &options = {},
                                JobControl *control = nullptr);

} // namespace bb
