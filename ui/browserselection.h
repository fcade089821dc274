#pragma once
// Shows a given set of images in the browser, selected and ready to relabel (used by the
// evaluation view's confusion cells and the t-SNE selection).

#include <QList>
#include <QStringList>

namespace bb {

class BrowserView;
class ProjectSession;

/// Ids of the project images at `absolutePaths` (files outside the project are skipped).
QList<qint64> imageIdsForPaths(const ProjectSession *session, const QStringList &absolutePaths);

/// Clears the browser's class filter and search so every one of `ids` is visible, selects
/// exactly them (current = the first) and scrolls to it. Returns how many were selected.
int selectImagesInBrowser(BrowserView *browser, const ProjectSession *session, const QList<qint64> &ids);

} // namespace bb
