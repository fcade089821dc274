#include "classpanel.h"

#include "classlistmodel.h"
#include "classlistview.h"
#include "projectsession.h"

#include <QLabel>
#include <QToolBar>
#include <QVBoxLayout>

namespace bb {

ClassPanel::ClassPanel(ProjectSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_view(new ClassListView(this)), m_toolBar(new QToolBar(this))
{
    setObjectName(QStringLiteral("classPanel"));
    m_view->setModel(session->classModel());
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    auto *hint = new QLabel(tr("Press 1–9 or drop thumbnails on a class to label them."), this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 4);
    layout->setSpacing(2);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_view, 1);
    layout->addWidget(hint);
    connect(m_view, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex &i) { Q_EMIT filterRequested(i.data(ClassListModel::NameRole).toString()); });
    connect(m_view, &QWidget::customContextMenuRequested, this,
            [this](const QPoint &pos) { Q_EMIT contextMenuRequested(m_view->viewport()->mapToGlobal(pos)); });
}

QString ClassPanel::currentClass() const
{
    return m_view->currentClass();
}

} // namespace bb
