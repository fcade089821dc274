#include "predictionview.h"

#include "modelpicker.h"
#include "predictionexport.h"
#include "workers/predictionworker.h"
#include "savefile.h"

#include <QAbstractListModel>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace bb {

/// The classified images (failed ones are in the problem list instead).
class PredictionListModel : public QAbstractListModel {
public:
    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override { return parent.isValid() ? 0 : int(m_items.size()); }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= int(m_items.size()))
            return {};
        const PredictionItem &it = m_items[size_t(index.row())];
        switch (role) {
        case Qt::DisplayRole:
            return QFileInfo(it.prediction.path).fileName();
        case Qt::ToolTipRole: {
            QString tip = QDir::toNativeSeparators(it.prediction.path);
            for (const ClassProbability &c : it.prediction.top)
                tip += QStringLiteral("\n%1  %2").arg(c.label).arg(c.probability, 0, 'f', 4);
            if (!it.neighbours.empty()) {
                tip += QLatin1Char('\n') + PredictionView::tr("Nearest training images:");
                for (const NeighbourImage &n : it.neighbours)
                    tip += QStringLiteral("\n  %1 (%2, %3)").arg(QFileInfo(n.path).fileName(), n.label).arg(n.distance, 0, 'f', 3);
            }
            return tip;
        }
        default:
            return {};
        }
    }
    void append(PredictionItems items)
    {
        if (items.empty())
            return;
        beginInsertRows({}, int(m_items.size()), int(m_items.size() + items.size()) - 1);
        for (PredictionItem &i : items)
            m_items.push_back(std::move(i));
        endInsertRows();
    }
    void clear()
    {
        beginResetModel();
        m_items.clear();
        endResetModel();
    }
    const PredictionItem *at(int row) const { return row >= 0 && row < int(m_items.size()) ? &m_items[size_t(row)] : nullptr; }

private:
    std::vector<PredictionItem> m_items;
};

namespace {

constexpr int kRowHeight = PredictionWorker::kThumbPx + 24;

/// One row: preview | file name and top-k bars | the five nearest training images.
class PredictionDelegate : public QStyledItemDelegate {
public:
    PredictionDelegate(PredictionListModel *model, QObject *parent) : QStyledItemDelegate(parent), m_model(model) {}
    QSize sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        // As wide as the view, so rows never scroll sideways.
        const auto *view = qobject_cast<const QListView *>(parent());
        return QSize(view ? std::max(200, view->viewport()->width() - 2) : 800, kRowHeight);
    }
    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const PredictionItem *item = m_model->at(index.row());
        if (!item)
            return;
        p->save();
        const QPalette &pal = option.palette;
        const bool selected = option.state & QStyle::State_Selected;
        p->fillRect(option.rect, selected ? pal.color(QPalette::Highlight).lighter(170)
                                          : (index.row() % 2 ? pal.color(QPalette::AlternateBase) : pal.color(QPalette::Base)));
        const QRect r = option.rect.adjusted(8, 6, -8, -6);
        const int tp = PredictionWorker::kThumbPx;
        const QRect thumbRect(r.left(), r.top() + (r.height() - tp) / 2, tp, tp);
        p->setPen(pal.color(QPalette::Mid));
        p->drawRect(thumbRect.adjusted(0, 0, -1, -1));
        if (!item->thumbnail.isNull()) {
            const QSize s = item->thumbnail.size().scaled(tp, tp, Qt::KeepAspectRatio);
            p->drawImage(QRect(thumbRect.left() + (tp - s.width()) / 2, thumbRect.top() + (tp - s.height()) / 2, s.width(), s.height()),
                         item->thumbnail);
        }
        const QColor fg = pal.color(QPalette::Text);
        QFont bold = option.font;
        bold.setBold(true);
        const int textLeft = thumbRect.right() + 12;
        const int neighbourBlock = 5 * (PredictionWorker::kNeighbourPx + 8) + 8;
        const int textWidth = std::max(160, r.right() - textLeft - neighbourBlock - 12);
        const QFontMetrics fm(option.font);
        p->setFont(bold);
        p->setPen(fg);
        const Prediction &pr = item->prediction;
        p->drawText(QRect(textLeft, r.top(), textWidth, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(bold).elidedText(QFileInfo(pr.path).fileName(), Qt::ElideMiddle, textWidth));
        p->setFont(option.font);
        int y = r.top() + fm.height() + 4;
        const int labelWidth = std::min(140, textWidth / 3);
        const int barWidth = textWidth - labelWidth - 64;
        for (size_t k = 0; k < pr.top.size() && y + fm.height() <= r.bottom() + 2; ++k) {
            const ClassProbability &c = pr.top[k];
            p->setPen(fg);
            p->drawText(QRect(textLeft, y, labelWidth - 6, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                        fm.elidedText(c.label, Qt::ElideRight, labelWidth - 6));
            const QRect bar(textLeft + labelWidth, y + 3, barWidth, fm.height() - 6);
            p->fillRect(bar, pal.color(QPalette::Midlight));
            QColor barColor = k == 0 ? QColor(0x00, 0x72, 0xb2) : QColor(0x56, 0xb4, 0xe9);
            p->fillRect(QRect(bar.left(), bar.top(), int(bar.width() * std::clamp(c.probability, 0.0, 1.0)), bar.height()), barColor);
            p->drawText(QRect(bar.right() + 6, y, 58, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                        QStringLiteral("%1 %").arg(c.probability * 100.0, 0, 'f', 1));
            y += fm.height() + 2;
        }
        // Nearest training images in embedding space.
        int x = r.right() - neighbourBlock + 8;
        const int np = PredictionWorker::kNeighbourPx;
        QFont small = option.font;
        small.setPointSizeF(small.pointSizeF() * 0.8);
        const QFontMetrics sfm(small);
        p->setFont(small);
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->drawText(QRect(x, r.top(), neighbourBlock, sfm.height()), Qt::AlignLeft, PredictionView::tr("Nearest training images"));
        for (size_t i = 0; i < item->neighbours.size(); ++i) {
            const QRect nr(x, r.top() + sfm.height() + 4, np, np);
            p->setPen(pal.color(QPalette::Mid));
            p->drawRect(nr.adjusted(0, 0, -1, -1));
            if (i < item->neighbour_thumbs.size() && !item->neighbour_thumbs[i].isNull()) {
                const QImage &img = item->neighbour_thumbs[i];
                const QSize s = img.size().scaled(np, np, Qt::KeepAspectRatio);
                p->drawImage(QRect(nr.left() + (np - s.width()) / 2, nr.top() + (np - s.height()) / 2, s.width(), s.height()), img);
            }
            p->setPen(fg);
            p->drawText(QRect(nr.left() - 3, nr.bottom() + 2, np + 6, sfm.height()), Qt::AlignHCenter,
                        sfm.elidedText(item->neighbours[i].label, Qt::ElideRight, np + 6));
            x += np + 8;
        }
        p->restore();
    }

private:
    PredictionListModel *m_model;
};

} // namespace

PredictionView::PredictionView(ProjectSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_worker(new PredictionWorker)
{
    registerJobMetaTypes();
    setObjectName(QStringLiteral("predictionView"));
    setAcceptDrops(true);
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(6, 6, 6, 6);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Model:"), this));
    m_model = new ModelPicker(session, this);
    m_model->setObjectName(QStringLiteral("predictModel"));
    top->addWidget(m_model, 1);
    top->addWidget(new QLabel(tr("Top-k:"), this));
    m_topK = new QSpinBox(this);
    m_topK->setObjectName(QStringLiteral("topK"));
    m_topK->setRange(1, 1000);
    m_topK->setValue(3);
    m_topK->setToolTip(tr("Classes listed per image (clear the results to change it)"));
    top->addWidget(m_topK);
    v->addLayout(top);

    auto *actions = new QHBoxLayout;
    m_addFiles = new QPushButton(tr("Add &Files…"), this);
    m_addFolder = new QPushButton(tr("Add F&older…"), this);
    m_paste = new QPushButton(tr("&Paste Paths"), this);
    m_paste->setToolTip(tr("Classify the files and folders whose paths are on the clipboard (Ctrl+V)"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("predictCancel"));
    m_clear = new QPushButton(tr("Clear"), this);
    m_exportCsv = new QPushButton(tr("Export CSV…"), this);
    m_exportJson = new QPushButton(tr("Export JSON…"), this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("predictProgress"));
    m_progress->setTextVisible(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Idle"));
    for (QPushButton *b : {m_addFiles, m_addFolder, m_paste})
        actions->addWidget(b);
    actions->addStretch(1);
    for (QPushButton *b : {m_cancel, m_clear, m_exportCsv, m_exportJson})
        actions->addWidget(b);
    v->addLayout(actions);
    v->addWidget(m_progress);
    connect(m_addFiles, &QPushButton::clicked, this, &PredictionView::chooseFiles);
    connect(m_addFolder, &QPushButton::clicked, this, &PredictionView::chooseFolder);
    connect(m_paste, &QPushButton::clicked, this, &PredictionView::pastePaths);
    connect(m_cancel, &QPushButton::clicked, this, &PredictionView::cancel);
    connect(m_clear, &QPushButton::clicked, this, &PredictionView::clear);
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportDialog(false); });
    connect(m_exportJson, &QPushButton::clicked, this, [this] { exportDialog(true); });
    auto *paste = new QShortcut(QKeySequence::Paste, this);
    paste->setContext(Qt::WidgetWithChildrenShortcut);
    connect(paste, &QShortcut::activated, this, &PredictionView::pastePaths);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("predictMessage"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->addWidget(m_message);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("predictSummary"));
    v->addWidget(m_summary);

    auto *split = new QSplitter(Qt::Vertical, this);
    auto *listHost = new QWidget(split);
    auto *lh = new QVBoxLayout(listHost);
    lh->setContentsMargins(0, 0, 0, 0);
    m_dropHint = new QLabel(tr("<p style='font-size:14pt'>Drop images or folders here</p>"
                               "<p>Files, folders (searched recursively) or a mix · or use Add Files, Add Folder, Paste Paths</p>"),
                            listHost);
    m_dropHint->setObjectName(QStringLiteral("dropHint"));
    m_dropHint->setAlignment(Qt::AlignCenter);
    m_dropHint->setStyleSheet(QStringLiteral("QLabel#dropHint { border: 2px dashed palette(mid); border-radius: 10px; color: palette(placeholder-text); padding: 24px; }"));
    lh->addWidget(m_dropHint);
    m_list = new QListView(listHost);
    m_list->setObjectName(QStringLiteral("predictionList"));
    m_model_ = new PredictionListModel(this);
    m_list->setModel(m_model_);
    m_list->setItemDelegate(new PredictionDelegate(m_model_, m_list));
    m_list->setUniformItemSizes(true);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setVisible(false);
    m_list->setToolTip(QString());
    connect(m_list, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        if (const PredictionItem *it = m_model_->at(index.row()))
            QDesktopServices::openUrl(QUrl::fromLocalFile(it->prediction.path));
    });
    lh->addWidget(m_list, 1);
    m_problemBox = new QWidget(split);
    auto *pb = new QVBoxLayout(m_problemBox);
    pb->setContentsMargins(0, 0, 0, 0);
    pb->addWidget(new QLabel(tr("<b>Files that could not be classified</b>"), m_problemBox));
    m_problems = new QTreeWidget(m_problemBox);
    m_problems->setObjectName(QStringLiteral("problemList"));
    m_problems->setRootIsDecorated(false);
    m_problems->setHeaderLabels({tr("File"), tr("Reason")});
    m_problems->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_problems->header()->resizeSection(0, 420);
    pb->addWidget(m_problems, 1);
    m_problemBox->setVisible(false);
    split->addWidget(listHost);
    split->addWidget(m_problemBox);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setSizes({600, 130});
    v->addWidget(split, 1);

    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &PredictionWorker::batchReady, this, &PredictionView::onBatch);
    connect(m_worker, &PredictionWorker::finished, this, &PredictionView::onFinished);
    connect(m_worker, &PredictionWorker::listed, this, [this](quint64 generation, int total) {
        if (generation != m_generation)
            return;
        m_progress->setRange(0, std::max(1, total));
        m_progress->setValue(0);
        m_progress->setFormat(tr("Classifying %v / %m"));
    });
    m_thread.setObjectName(QStringLiteral("bb-predict"));
    m_thread.start();
    updateActions();
}

PredictionView::~PredictionView()
{
    if (m_control)
        m_control->cancel();
    if (m_windowFilter && window())
        window()->removeEventFilter(this);
    m_thread.quit();
    m_thread.wait();
}

void PredictionView::setModelPath(const QString &path) { m_model->setPath(path); }
QString PredictionView::modelPath() const { return m_model->path(); }
void PredictionView::setTopK(int k) { m_topK->setValue(k); }
int PredictionView::topK() const { return m_topK->value(); }
int PredictionView::resultCount() const { return m_model_->rowCount(); }
int PredictionView::problemCount() const { return m_problems->topLevelItemCount(); }
const PredictionItem *PredictionView::resultAt(int row) const { return m_model_->at(row); }
QString PredictionView::message() const { return m_lastMessage; }

void PredictionView::showMessage(const QString &text, bool warning)
{
    m_lastMessage = text;
    m_message->setText(text);
    m_message->setStyleSheet(warning ? QStringLiteral("QLabel { background: #fff4e5; color: #8a4b00; border: 1px solid #f0c27b; "
                                                      "border-radius: 4px; padding: 6px; }")
                                     : QString());
    m_message->setVisible(!text.isEmpty());
    if (!text.isEmpty())
        Q_EMIT messageShown(text);
}

void PredictionView::showEvent(QShowEvent *event)
{
    // Drops anywhere on the window (toolbar, status bar, docks that do not take them) come here
    // while this page is shown.
    if (!m_windowFilter && window() && window() != this) {
        window()->installEventFilter(this);
        m_windowFilter = true;
    }
    QWidget::showEvent(event);
}

bool PredictionView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == window() && isVisible()) {
        if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
            auto *e = static_cast<QDragMoveEvent *>(event);
            if (e->mimeData()->hasUrls() || e->mimeData()->hasText()) {
                e->acceptProposedAction();
                return true;
            }
        } else if (event->type() == QEvent::Drop) {
            auto *e = static_cast<QDropEvent *>(event);
            e->acceptProposedAction();
            handleMimeData(e->mimeData());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PredictionView::dragEnterEvent(QDragEnterEvent *event)
{
    // Web addresses and text are accepted too, so that dropping them is answered with a message
    // instead of a silent "no entry" cursor.
    if (event->mimeData()->hasUrls() || event->mimeData()->hasText())
        event->acceptProposedAction();
    else
        event->ignore();
}

void PredictionView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasUrls() || event->mimeData()->hasText())
        event->acceptProposedAction();
}

void PredictionView::dropEvent(QDropEvent *event)
{
    event->acceptProposedAction();
    handleMimeData(event->mimeData());
}

bool PredictionView::handleMimeData(const QMimeData *mime, bool fromPaste)
{
    if (!mime)
        return false;
    QStringList paths, remote;
    for (const QUrl &u : mime->urls()) {
        if (u.isLocalFile())
            paths.append(u.toLocalFile());
        else if (u.isValid())
            remote.append(u.toDisplayString());
    }
    if (paths.isEmpty() && fromPaste && mime->hasText()) {
        // Pasted text: one path per line (file:// URLs and quotes are accepted).
        for (QString line : mime->text().split(QLatin1Char('\n'))) {
            line = line.trimmed();
            if (line.size() >= 2 && (line.startsWith(QLatin1Char('"')) || line.startsWith(QLatin1Char('\''))) && line.back() == line.front())
                line = line.mid(1, line.size() - 2);
            if (line.isEmpty())
                continue;
            if (line.startsWith(QLatin1String("file:")))
                line = QUrl(line).toLocalFile();
            else if (line.contains(QLatin1String("://"))) {
                remote.append(line);
                continue;
            }
            paths.append(QDir::cleanPath(QDir::fromNativeSeparators(line)));
        }
    }
    if (paths.isEmpty()) {
        if (!remote.isEmpty())
            showMessage(tr("Only local files and folders can be classified: “%1” is a web address. Download the image and "
                           "drop the file instead.")
                            .arg(remote.first()),
                        true);
        else if (mime->hasText())
            showMessage(fromPaste ? tr("The clipboard holds text that is not a path of a file or folder.")
                                  : tr("The drop carried text, not files. Drop image files or folders here, or copy their "
                                       "paths and use Paste Paths (Ctrl+V)."),
                        true);
        else
            showMessage(fromPaste ? tr("The clipboard holds no file paths.") : tr("The drop carried no files or folders."), true);
        return false;
    }
    if (!remote.isEmpty())
        showMessage(tr("%n web address(es) skipped: only local files and folders can be classified.", nullptr, int(remote.size())), true);
    else
        showMessage(QString(), false);
    addPaths(paths);
    return true;
}

void PredictionView::pastePaths()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime) {
        showMessage(tr("The clipboard is empty."), true);
        return;
    }
    handleMimeData(mime, true);
}

void PredictionView::chooseFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Images to Classify"), QString(),
                                                            tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff *.pgm *.ppm *.pnm);;All files (*)"));
    if (!files.isEmpty())
        addPaths(files);
}

void PredictionView::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of Images to Classify"));
    if (!dir.isEmpty())
        addPaths({dir});
}

void PredictionView::addPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (modelPath().isEmpty() || !QFileInfo(modelPath()).isFile()) {
        showMessage(tr("Choose a model bundle (.bbmodel) first; the files were not classified."), true);
        return;
    }
    m_queue.append(paths);
    if (!m_running)
        startNext();
}

void PredictionView::startNext()
{
    if (m_queue.isEmpty())
        return;
    const QStringList inputs = m_queue.takeFirst();
    if (m_usedTopK == 0)
        m_usedTopK = m_topK->value();
    m_running = true;
    m_control = std::make_shared<JobControl>();
    const quint64 generation = ++m_generation;
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("Loading the model and listing files…"));
    updateActions();
    PredictionWorker *worker = m_worker;
    const QString model = modelPath();
    const int k = m_usedTopK;
    const std::shared_ptr<JobControl> control = m_control;
    QMetaObject::invokeMethod(worker, [worker, generation, model, inputs, k, control] { worker->run(generation, model, inputs, k, control); },
                              Qt::QueuedConnection);
}

void PredictionView::onBatch(quint64 generation, const PredictionItems &items, int done, int total)
{
    if (generation != m_generation)
        return;
    PredictionItems ok;
    for (const PredictionItem &it : items) {
        m_all.push_back(it.prediction);
        if (it.prediction.ok()) {
            ok.push_back(it);
        } else {
            auto *row = new QTreeWidgetItem(m_problems, {QDir::toNativeSeparators(it.prediction.path), it.prediction.error});
            row->setToolTip(0, QDir::toNativeSeparators(it.prediction.path));
            row->setToolTip(1, it.prediction.error);
        }
    }
    m_model_->append(std::move(ok));
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(done);
    m_dropHint->setVisible(m_model_->rowCount() == 0 && m_problems->topLevelItemCount() == 0);
    m_list->setVisible(!m_dropHint->isVisible());
    m_problemBox->setVisible(m_problems->topLevelItemCount() > 0);
    m_summary->setText(tr("%1 classified · %2 could not be classified").arg(resultCount()).arg(problemCount()));
    updateActions();
}

void PredictionView::onFinished(quint64 generation, bool ok, bool cancelled, const QString &error)
{
    if (generation != m_generation)
        return;
    m_running = false;
    m_control.reset();
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    if (!ok) {
        m_progress->setFormat(tr("Failed"));
        showMessage(tr("Cannot load the model: %1").arg(error), true);
        m_queue.clear();
    } else if (cancelled) {
        m_progress->setFormat(tr("Cancelled"));
        m_queue.clear();
    } else {
        m_progress->setFormat(tr("Done"));
    }
    updateActions();
    Q_EMIT finished(ok, cancelled);
    if (ok && !cancelled)
        startNext();
}

void PredictionView::cancel()
{
    m_queue.clear();
    if (m_control)
        m_control->cancel();
}

void PredictionView::clear()
{
    cancel();
    ++m_generation; // late results of a cancelled job are dropped
    m_running = false;
    m_all.clear();
    m_model_->clear();
    m_problems->clear();
    m_usedTopK = 0;
    m_dropHint->setVisible(true);
    m_list->setVisible(false);
    m_problemBox->setVisible(false);
    m_summary->clear();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Idle"));
    showMessage(QString(), false);
    updateActions();
}

void PredictionView::updateActions()
{
    m_cancel->setEnabled(m_running);
    const bool any = !m_all.empty();
    m_exportCsv->setEnabled(any && !m_running);
    m_exportJson->setEnabled(any && !m_running);
    m_clear->setEnabled(any || m_running);
    m_topK->setEnabled(m_usedTopK == 0);
}

QString PredictionView::csv() const
{
    return predictionsCsv(m_all, m_usedTopK > 0 ? m_usedTopK : m_topK->value());
}

QByteArray PredictionView::json() const
{
    return QJsonDocument(predictionsJson(m_all)).toJson(QJsonDocument::Indented);
}

static Status saveFile(const QString &file, const QByteArray &data)
{
    if (const QString why = writeFileAtomically(file, data); !why.isEmpty())
        return Status::failure(PredictionView::tr("Cannot write %1: %2").arg(file, why));
    return Status::success();
}

Status PredictionView::exportCsv(const QString &file) const { return saveFile(file, csv().toUtf8()); }
Status PredictionView::exportJson(const QString &file) const { return saveFile(file, json()); }

void PredictionView::exportDialog(bool asJson)
{
    QString file = QFileDialog::getSaveFileName(this, asJson ? tr("Export Predictions as JSON") : tr("Export Predictions as CSV"),
                                                asJson ? QStringLiteral("predictions.json") : QStringLiteral("predictions.csv"),
                                                asJson ? tr("JSON files (*.json)") : tr("CSV files (*.csv)"));
    if (file.isEmpty())
        return;
    const QString suffix = asJson ? QStringLiteral("json") : QStringLiteral("csv");
    if (QFileInfo(file).suffix().isEmpty())
        file += QLatin1Char('.') + suffix;
    const Status s = asJson ? exportJson(file) : exportCsv(file);
    showMessage(s ? tr("Wrote %1").arg(QDir::toNativeSeparators(file)) : s.message(), !s);
}

} // namespace bb
