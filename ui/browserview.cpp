#include "browserview.h"

#include "classlistmodel.h"
#include "icons.h"
#include "imagefilterproxy.h"
#include "imagelistmodel.h"
#include "projectsession.h"
#include "thumbnailcache.h"
#include "thumbnailview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QStackedLayout>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace bb {
namespace {
const int kSizes[] = {64, 96, 128, 160, 192, 256};
}

BrowserView::BrowserView(ProjectSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_proxy(new ImageFilterProxy(this)), m_view(new ThumbnailView(this))
{
    setObjectName(QStringLiteral("browserView"));
    m_proxy->setSourceModel(session->imageModel());
    m_view->setModel(m_proxy);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 6, 6, 2);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search file names…"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(themedIcon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(100);
    m_class = new QComboBox(this);
    m_class->setObjectName(QStringLiteral("classFilter"));
    m_class->setMinimumContentsLength(9);
    m_split = new QComboBox(this);
    m_split->setObjectName(QStringLiteral("splitFilter"));
    m_split->addItem(tr("All splits"), QString());
    m_split->addItem(tr("Train"), QStringLiteral("train"));
    m_split->addItem(tr("Validation"), QStringLiteral("val"));
    m_split->addItem(tr("Test"), QStringLiteral("test"));
    m_split->addItem(tr("No split saved"), QStringLiteral("none"));
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("All images"), int(ImageFilterProxy::StatusFilter::All));
    m_status->addItem(tr("Usable"), int(ImageFilterProxy::StatusFilter::Ok));
    m_status->addItem(tr("Skipped (with reason)"), int(ImageFilterProxy::StatusFilter::Skipped));
    m_status->addItem(tr("Excluded"), int(ImageFilterProxy::StatusFilter::Excluded));
    m_status->addItem(tr("Missing"), int(ImageFilterProxy::StatusFilter::Missing));
    m_sort = new QComboBox(this);
    m_sort->setObjectName(QStringLiteral("sortKey"));
    m_sort->addItem(tr("Sort by name"), int(ImageFilterProxy::SortKey::Name));
    m_sort->addItem(tr("Sort by size"), int(ImageFilterProxy::SortKey::Size));
    m_sort->addItem(tr("Sort by class"), int(ImageFilterProxy::SortKey::Class));
    m_order = new QToolButton(this);
    m_order->setCheckable(true);
    m_order->setAutoRaise(true);
    m_order->setIcon(themedIcon(QStringLiteral("sort")));
    m_order->setToolTip(tr("Descending order"));
    m_matchCount = new QLabel(this);
    m_matchCount->setObjectName(QStringLiteral("matchCount"));
    // Combos shrink to a few characters rather than widen the window.
    for (QComboBox *c : {m_class, m_split, m_status, m_sort}) {
        if (c != m_class)
            c->setMinimumContentsLength(7);
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    }
    bar->addWidget(m_search, 2);
    bar->addWidget(m_class);
    bar->addWidget(m_split);
    bar->addWidget(m_status);
    bar->addWidget(m_sort);
    bar->addWidget(m_order);
    bar->addStretch(1);
    bar->addWidget(m_matchCount);

    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    auto *stackHost = new QWidget(this);
    m_stack = new QStackedLayout(stackHost);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(stackHost, 1);

    // Typing re-filters after a short pause, not on every key, with 20 000 rows.
    auto *searchDelay = new QTimer(this);
    searchDelay->setSingleShot(true);
    searchDelay->setInterval(150);
    connect(m_search, &QLineEdit::textChanged, searchDelay, qOverload<>(&QTimer::start));
    connect(searchDelay, &QTimer::timeout, this, [this] { m_proxy->setSearchText(m_search->text().trimmed()); });
    connect(m_class, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setClassFilter(m_class->currentData().toString()); });
    connect(m_split, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setSplitFilter(m_split->currentData().toString()); });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStatusFilter(ImageFilterProxy::StatusFilter(m_status->currentData().toInt()));
    });
    auto applySort = [this] {
        m_proxy->setSortKey(ImageFilterProxy::SortKey(m_sort->currentData().toInt()),
                            m_order->isChecked() ? Qt::DescendingOrder : Qt::AscendingOrder);
    };
    connect(m_sort, &QComboBox::currentIndexChanged, this, applySort);
    connect(m_order, &QToolButton::toggled, this, applySort);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                Q_EMIT currentImageChanged(current.isValid() ? current.data(ImageListModel::IdRole).toLongLong() : 0);
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { Q_EMIT selectionCountChanged(int(m_view->selectionModel()->selectedIndexes().size())); });
    connect(m_view, &ThumbnailView::labelKeyPressed, this, &BrowserView::labelSelectionWithKey);
    connect(m_view, &ThumbnailView::thumbnailSizeChangeRequested, this, &BrowserView::zoom);
    connect(m_view, &QWidget::customContextMenuRequested, this,
            [this](const QPoint &pos) { Q_EMIT contextMenuRequested(m_view->viewport()->mapToGlobal(pos)); });

    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &BrowserView::updateEmptyState);
    // The first image becomes current (not selected) as soon as there is one, so the inspector
    // shows something and the number keys have an image to label.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_view->currentIndex().isValid() && m_proxy->rowCount() > 0)
            m_view->selectionModel()->setCurrentIndex(m_proxy->index(0, 0), QItemSelectionModel::NoUpdate);
    });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &BrowserView::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &BrowserView::updateEmptyState);
    connect(session, &ProjectSession::classesChanged, this, &BrowserView::rebuildClassFilter);
    connect(session, &ProjectSession::projectOpened, this, &BrowserView::updateEmptyState);
    connect(session, &ProjectSession::projectClosed, this, &BrowserView::updateEmptyState);
    connect(session, &ProjectSession::scanFinished, this, &BrowserView::updateEmptyState);
    rebuildClassFilter();
    updateEmptyState();
}

QList<qint64> BrowserView::selectedIds() const
{
    return m_view->selectedIds();
}

qint64 BrowserView::currentId() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.data(ImageListModel::IdRole).toLongLong() : 0;
}

bool BrowserView::labelSelectionWithKey(int key)
{
    const QString cls = m_session->classModel()->classForShortcut(key);
    if (cls.isEmpty())
        return false;
    return labelSelection(cls, true);
}

bool BrowserView::labelSelection(const QString &className, bool advance)
{
    QList<qint64> ids = selectedIds();
    if (ids.isEmpty() && currentId() != 0)
        ids.append(currentId());
    if (ids.isEmpty())
        return false;
    // The next image is the one after the last labelled row, found before relabeling: with a
    // class filter the labelled rows may leave the view.
    int lastRow = -1;
    for (const QModelIndex &i : m_view->selectionModel()->selectedIndexes())
        lastRow = std::max(lastRow, i.row());
    if (lastRow < 0)
        lastRow = m_view->currentIndex().row();
    const int rowsBefore = m_proxy->rowCount();
    const qint64 nextId = lastRow + 1 < rowsBefore ? m_proxy->index(lastRow + 1, 0).data(ImageListModel::IdRole).toLongLong() : 0;
    if (!m_session->assignLabel(ids, className))
        return false;
    if (advance) {
        int row = -1;
        if (nextId != 0) {
            const int src = m_session->imageModel()->rowOfId(nextId);
            row = m_proxy->mapFromSource(m_session->imageModel()->index(src)).row();
        }
        if (row < 0)
            row = std::min(lastRow + 1, m_proxy->rowCount() - 1);
        m_view->selectRow(row);
    }
    return true;
}

void BrowserView::setClassFilter(const QString &className)
{
    const int i = m_class->findData(className);
    m_class->setCurrentIndex(i < 0 ? 0 : i);
}

void BrowserView::setThumbnailSize(int px)
{
    m_session->thumbnails()->setPixelSize(int(px * devicePixelRatioF()));
    m_view->setThumbnailSize(px);
}

int BrowserView::thumbnailSize() const
{
    return m_view->thumbnailSize();
}

void BrowserView::zoom(int steps)
{
    const int n = int(std::size(kSizes));
    int i = 0;
    while (i < n - 1 && kSizes[i] < thumbnailSize())
        ++i;
    setThumbnailSize(kSizes[std::clamp(i + steps, 0, n - 1)]);
}

void BrowserView::rebuildClassFilter()
{
    const QString current = m_class->currentData().toString();
    const auto &classes = m_session->classModel()->classes();
    bool sameNames = m_class->count() == int(classes.size()) + 1;
    for (int i = 0; sameNames && i < int(classes.size()); ++i)
        sameNames = m_class->itemData(i + 1).toString() == classes[size_t(i)].name;
    if (sameNames) { // only the counts moved: no rebuild
        for (int i = 0; i < int(classes.size()); ++i)
            m_class->setItemText(i + 1, QStringLiteral("%1 (%2)").arg(classes[size_t(i)].name).arg(classes[size_t(i)].count));
        return;
    }
    const QSignalBlocker block(m_class);
    m_class->clear();
    m_class->addItem(tr("All classes"), QString());
    for (const ClassRecord &c : m_session->classModel()->classes()) {
        QPixmap swatch(12, 12);
        swatch.fill(QColor(c.color));
        m_class->addItem(QIcon(swatch), QStringLiteral("%1 (%2)").arg(c.name).arg(c.count), c.name);
    }
    const int i = m_class->findData(current);
    m_class->setCurrentIndex(i < 0 ? 0 : i);
    if (i < 0 && !current.isEmpty())
        m_proxy->setClassFilter(QString());
}

void BrowserView::updateEmptyState()
{
    const int shown = m_proxy->rowCount(), total = m_session->imageModel()->rowCount();
    m_matchCount->setText(shown == total ? tr("%Ln image(s)", nullptr, total)
                                         : tr("%1 of %Ln image(s)", nullptr, total).arg(QLocale().toString(shown)));
    if (!m_session->isOpen()) {
        m_empty->setText(tr("<h2>No dataset open</h2><p>Open a folder-per-class dataset with <b>File › Open Dataset "
                            "Folder…</b> (Ctrl+O), or drag a folder onto this window.</p>"));
        m_stack->setCurrentWidget(m_empty);
    } else if (shown == 0 && total == 0) {
        m_empty->setText(m_session->isScanning() ? tr("<h2>Scanning…</h2><p>Images appear here as they are read.</p>")
                                                 : tr("<h2>No images found</h2><p>The dataset folder should contain "
                                                      "one sub-folder per class.</p>"));
        m_stack->setCurrentWidget(m_empty);
    } else if (shown == 0) {
        m_empty->setText(tr("<h2>No images match</h2><p>Change the search text or the filters above.</p>"));
        m_stack->setCurrentWidget(m_empty);
    } else {
        m_stack->setCurrentWidget(m_view);
    }
}

} // namespace bb
