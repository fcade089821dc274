#include "browserselection.h"

#include "browserview.h"
#include "imagefilterproxy.h"
#include "imagelistmodel.h"
#include "projectsession.h"
#include "thumbnailview.h"

#include <QDir>
#include <QFileInfo>
#include <QItemSelection>
#include <QLineEdit>

namespace bb {

QList<qint64> imageIdsForPaths(const ProjectSession *session, const QStringList &absolutePaths)
{
    QList<qint64> ids;
    if (!session || !session->isOpen())
        return ids;
    const QDir root(session->datasetRoot());
    QHash<QString, qint64> byPath;
    for (const ImageRecord &r : session->imageModel()->records())
        byPath.insert(r.path, r.id);
    for (const QString &p : absolutePaths) {
        const QString rel = root.relativeFilePath(QFileInfo(p).absoluteFilePath());
        if (const qint64 id = byPath.value(rel, 0); id > 0)
            ids.append(id);
    }
    return ids;
}

int selectImagesInBrowser(BrowserView *browser, const ProjectSession *session, const QList<qint64> &ids)
{
    if (!browser || !session || ids.isEmpty())
        return 0;
    browser->setClassFilter(QString());
    browser->searchField()->clear();
    browser->proxy()->setSearchText(QString());
    ImageListModel *model = session->imageModel();
    QItemSelection selection;
    QModelIndex first;
    for (qint64 id : ids) {
        const int row = model->rowOfId(id);
        if (row < 0)
            continue;
        const QModelIndex proxyIndex = browser->proxy()->mapFromSource(model->index(row, 0));
        if (!proxyIndex.isValid())
            continue;
        selection.select(proxyIndex, proxyIndex);
        if (!first.isValid())
            first = proxyIndex;
    }
    ThumbnailView *view = browser->view();
    view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (first.isValid()) {
        view->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        view->scrollTo(first);
    }
    return int(view->selectionModel()->selectedIndexes().size());
}

} // namespace bb
