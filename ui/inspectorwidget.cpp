#include "inspectorwidget.h"

#include "imagedecoder.h"
#include "imagelistmodel.h"
#include "projectsession.h"
#include "projectstore.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace bb {
namespace {

// The label history stores what happened as a code (ProjectStore, LabelCommands); show words.
QString historyActionText(const QString &code)
{
    static const QHash<QString, const char *> texts = {
        {QStringLiteral("label"), QT_TRANSLATE_NOOP("bb::InspectorWidget", "labelled")},
        {QStringLiteral("undo-label"), QT_TRANSLATE_NOOP("bb::InspectorWidget", "label undone")},
        {QStringLiteral("rename-class"), QT_TRANSLATE_NOOP("bb::InspectorWidget", "class renamed")},
        {QStringLiteral("merge-class"), QT_TRANSLATE_NOOP("bb::InspectorWidget", "class merged")},
        {QStringLiteral("undo-merge"), QT_TRANSLATE_NOOP("bb::InspectorWidget", "merge undone")},
        {QStringLiteral("exclude"), QT_TRANSLATE_NOOP("bb::InspectorWidget", "excluded")},
        {QStringLiteral("include"), QT_TRANSLATE_NOOP("bb::InspectorWidget", "included again")},
    };
    const char *text = texts.value(code);
    return text ? InspectorWidget::tr(text) : code;
}

} // namespace

InspectorWidget::InspectorWidget(ProjectSession *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    setObjectName(QStringLiteral("inspector"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("inspectorPreview"));
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setMinimumSize(96, 96); // small screens: the panel shares a column with the class list
    m_preview->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_preview->setAutoFillBackground(true);
    m_preview->setBackgroundRole(QPalette::Base);
    m_title = new QLabel(this);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    layout->addWidget(m_preview, 3);
    layout->addWidget(m_title);

    m_form = new QFormLayout;
    m_form->setLabelAlignment(Qt::AlignRight);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // The hash's two lines of 32 characters go under their label in a narrow panel instead of
    // holding the panel at 300 px (which took the width a 1280-pixel window's pages need).
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    auto field = [this](const QString &name) {
        auto *l = new QLabel(this);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
        m_form->addRow(name, l);
        return l;
    };
    m_path = field(tr("Path"));
    m_class = field(tr("Class"));
    m_folder = field(tr("Folder"));
    m_size = field(tr("File size"));
    m_dims = field(tr("Dimensions"));
    m_format = field(tr("Format"));
    m_hash = field(tr("SHA-256"));
    m_hash->setFont(QFont(QStringLiteral("monospace"), font().pointSize() - 1));
    m_status = field(tr("Status"));
    m_split = field(tr("Split"));
    layout->addLayout(m_form);

    auto *historyTitle = new QLabel(tr("Label history"), this);
    historyTitle->setFont(bold);
    layout->addWidget(historyTitle);
    m_history = new QTreeWidget(this);
    m_history->setObjectName(QStringLiteral("labelHistory"));
    m_history->setRootIsDecorated(false);
    m_history->setHeaderLabels({tr("When"), tr("Action"), tr("From"), tr("To")});
    m_history->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_history->header()->setStretchLastSection(true);
    m_history->setAlternatingRowColors(true);
    layout->addWidget(m_history, 2);

    connect(&m_decode, &QFutureWatcher<QImage>::finished, this, [this] {
        m_image = m_decode.result();
        showPreview();
    });
    connect(session, &ProjectSession::labelsChanged, this, &InspectorWidget::refresh);
    connect(session, &ProjectSession::projectClosed, this, [this] { setImage(0); });
    setImage(0);
}

int InspectorWidget::historyRows() const
{
    return m_history->topLevelItemCount();
}

void InspectorWidget::setImage(qint64 id)
{
    const bool changed = id != m_id;
    m_id = id;
    refresh();
    if (!changed && !m_image.isNull())
        return;
    m_image = QImage();
    const ImageRecord *r = id ? m_session->imageModel()->recordById(id) : nullptr;
    if (!r || r->status != QLatin1String("ok")) {
        m_preview->setText(r ? tr("Cannot show this image:\n%1").arg(r->reason) : tr("Select an image"));
        m_preview->setPixmap(QPixmap());
        return;
    }
    m_preview->setText(tr("Loading…"));
    const QString path = m_session->datasetRoot() + QLatin1Char('/') + r->path;
    // Preview at up to 1024 px: the same decode as training (EXIF orientation applied).
    m_decode.setFuture(QtConcurrent::run([path]() -> QImage {
        auto decoded = decodeImageFile(path);
        if (!decoded)
            return QImage();
        cv::Mat rgb = decoded.value().rgb;
        const int longest = std::max(rgb.cols, rgb.rows);
        if (longest > 1024)
            rgb = resizeRgb(rgb, rgb.cols * 1024 / longest, rgb.rows * 1024 / longest);
        return QImage(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888).copy();
    }));
}

void InspectorWidget::refresh()
{
    const ImageRecord *r = m_id ? m_session->imageModel()->recordById(m_id) : nullptr;
    m_history->clear();
    if (!r) {
        m_title->setText(tr("No image selected"));
        for (QLabel *l : {m_path, m_class, m_folder, m_size, m_dims, m_format, m_hash, m_status, m_split})
            l->clear();
        return;
    }
    const QLocale locale;
    m_title->setText(QFileInfo(r->path).fileName());
    m_path->setText(r->path);
    m_path->setToolTip(m_session->datasetRoot() + QLatin1Char('/') + r->path);
    m_class->setText(r->label.isEmpty() ? tr("(none)") : r->label);
    m_folder->setText(r->folder_class);
    m_size->setText(tr("%1 (%2 bytes)").arg(locale.formattedDataSize(r->size), locale.toString(r->size)));
    m_dims->setText(r->width > 0 ? tr("%1 × %2 px").arg(r->width).arg(r->height) : QString());
    m_format->setText(r->format.toUpper());
    // A 64-digit hash does not wrap; show it in two lines so it never widens the dock.
    m_hash->setText(r->hash.left(32) + QLatin1Char('\n') + r->hash.mid(32));
    m_hash->setToolTip(r->hash);
    m_status->setText(r->status == QLatin1String("ok") ? (r->excluded ? tr("usable, excluded from training") : tr("usable"))
                                                        : tr("%1 — %2").arg(ImageListModel::statusText(r->status), r->reason));
    const QString split = m_session->imageModel()->data(m_session->imageModel()->index(m_session->imageModel()->rowOfId(m_id)),
                                                        ImageListModel::SplitRole).toString();
    m_split->setText(split.isEmpty() ? tr("not split yet") : ImageListModel::splitText(split));
    if (!m_session->store())
        return;
    for (const LabelHistoryEntry &h : m_session->store()->labelHistory(m_id)) {
        auto *item = new QTreeWidgetItem(m_history);
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(h.at_ms);
        item->setText(0, at.date() == QDate::currentDate() ? locale.toString(at.time(), QLocale::ShortFormat)
                                                           : locale.toString(at, QLocale::ShortFormat));
        item->setToolTip(0, locale.toString(at, QLocale::LongFormat));
        item->setText(1, historyActionText(h.action));
        item->setText(2, h.old_label);
        item->setText(3, h.new_label);
    }
}

void InspectorWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    showPreview();
}

void InspectorWidget::showPreview()
{
    if (m_image.isNull()) {
        if (m_decode.isFinished() && m_id != 0 && m_preview->text() == tr("Loading…"))
            m_preview->setText(tr("Cannot decode this image"));
        return;
    }
    const qreal dpr = devicePixelRatioF();
    const QSize target = m_preview->size() * dpr;
    // Small images (e.g. 28 px) are enlarged without smoothing so their pixels stay visible.
    const bool enlarge = m_image.width() < target.width() / 2 && m_image.height() < target.height() / 2;
    QPixmap pm = QPixmap::fromImage(m_image.scaled(target, Qt::KeepAspectRatio,
                                                   enlarge ? Qt::FastTransformation : Qt::SmoothTransformation));
    pm.setDevicePixelRatio(dpr);
    m_preview->setPixmap(pm);
}

} // namespace bb
