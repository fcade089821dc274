#include "evaluationview.h"

#include "browserselection.h"
#include "classlistmodel.h"
#include "modelpicker.h"
#include "plotutil.h"
#include "predictor.h"
#include "projectsession.h"
#include "workers/imageloader.h"
#include "savefile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace bb {

EvaluationView::EvaluationView(ProjectSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_loader(new ImageLoader(96, this))
{
    registerJobMetaTypes();
    setObjectName(QStringLiteral("evaluationView"));
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(6, 6, 6, 6);

    auto *form = new QFormLayout;
    m_model = new ModelPicker(session, this);
    m_model->setObjectName(QStringLiteral("evalModel"));
    form->addRow(tr("Model:"), m_model);
    auto *folderRow = new QHBoxLayout;
    m_testFolder = new QLineEdit(this);
    m_testFolder->setObjectName(QStringLiteral("testFolder"));
    m_testFolder->setPlaceholderText(tr("Folder-per-class test images (test/<class>/…)"));
    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Test Dataset Folder"), testFolder());
        if (!d.isEmpty())
            setTestFolder(d);
    });
    folderRow->addWidget(m_testFolder, 1);
    folderRow->addWidget(browse);
    form->addRow(tr("Test folder:"), folderRow);
    v->addLayout(form);

    auto *actions = new QHBoxLayout;
    m_run = new QPushButton(tr("&Evaluate"), this);
    m_run->setObjectName(QStringLiteral("evaluateButton"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("evaluationProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Idle"));
    m_progress->setTextVisible(true);
    m_normalized = new QCheckBox(tr("Row-normalised"), this);
    m_normalized->setObjectName(QStringLiteral("normalizedToggle"));
    m_normalized->setToolTip(tr("Show each row as fractions of the true class (recall on the diagonal)"));
    m_export = new QPushButton(tr("E&xport"), this);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setEnabled(false);
    actions->addWidget(m_run);
    actions->addWidget(m_cancel);
    actions->addWidget(m_progress, 1);
    actions->addWidget(m_normalized);
    actions->addWidget(m_export);
    v->addLayout(actions);
    connect(m_run, &QPushButton::clicked, this, &EvaluationView::evaluate);
    connect(m_cancel, &QPushButton::clicked, this, &EvaluationView::cancel);
    connect(m_normalized, &QCheckBox::toggled, this, &EvaluationView::rebuildMatrix);
    connect(m_export, &QPushButton::clicked, this, &EvaluationView::showExportMenu);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("evaluationMessage"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    v->addWidget(m_message);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("evaluationSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setText(tr("Choose a model and a test folder, then Evaluate."));
    v->addWidget(m_summary);

    auto *split = new QSplitter(Qt::Horizontal, this);
    m_matrix = new QCustomPlot(split);
    m_matrix->setObjectName(QStringLiteral("confusionPlot"));
    m_matrix->setMinimumSize(260, 240);
    m_matrix->setToolTip(tr("Click a cell to list its images by confidence; double-click to select them in the browser"));
    auto *tabs = new QTabWidget(split);
    m_table = new QTableWidget(tabs);
    m_table->setObjectName(QStringLiteral("classTable"));
    m_table->setColumnCount(5);
    m_table->setHorizontalHeaderLabels({tr("Class"), tr("Precision"), tr("Recall"), tr("F1"), tr("Support")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(false);
    m_chart = new QCustomPlot(tabs);
    m_chart->setObjectName(QStringLiteral("perClassChart"));
    auto *cellPage = new QWidget(tabs);
    auto *cv = new QVBoxLayout(cellPage);
    cv->setContentsMargins(2, 2, 2, 2);
    m_cellTitle = new QLabel(tr("Click a cell of the matrix."), cellPage);
    m_cellTitle->setObjectName(QStringLiteral("cellTitle"));
    m_cellTitle->setWordWrap(true);
    cv->addWidget(m_cellTitle);
    m_cellList = new QListWidget(cellPage);
    m_cellList->setObjectName(QStringLiteral("cellImages"));
    m_cellList->setViewMode(QListView::IconMode);
    m_cellList->setIconSize(QSize(96, 96));
    m_cellList->setGridSize(QSize(118, 140));
    m_cellList->setResizeMode(QListView::Adjust);
    m_cellList->setMovement(QListView::Static);
    m_cellList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_cellList->setWordWrap(true);
    cv->addWidget(m_cellList, 1);
    auto *cellActions = new QHBoxLayout;
    m_showInBrowser = new QPushButton(tr("Show in Browser"), cellPage);
    m_showInBrowser->setObjectName(QStringLiteral("showInBrowser"));
    m_showInBrowser->setEnabled(false);
    cellActions->addWidget(m_showInBrowser);
    cellActions->addStretch(1);
    // Two rows: on one, the German labels made the tabs wider than the matrix beside them.
    cv->addLayout(cellActions);
    cellActions = new QHBoxLayout;
    cellActions->addStretch(1);
    cellActions->addWidget(new QLabel(tr("Relabel selected as:"), cellPage));
    m_relabelClass = new QComboBox(cellPage);
    m_relabelClass->setObjectName(QStringLiteral("cellRelabelClass"));
    m_relabelClass->setEditable(true);
    m_relabelClass->setMinimumContentsLength(10);
    cellActions->addWidget(m_relabelClass);
    m_relabel = new QPushButton(tr("Relabel"), cellPage);
    m_relabel->setObjectName(QStringLiteral("cellRelabel"));
    m_relabel->setEnabled(false);
    cellActions->addWidget(m_relabel);
    cv->addLayout(cellActions);
    tabs->addTab(m_table, tr("Per class"));
    tabs->addTab(m_chart, tr("Chart"));
    tabs->addTab(cellPage, tr("Cell images"));
    tabs->setObjectName(QStringLiteral("evaluationTabs"));
    split->addWidget(m_matrix);
    split->addWidget(tabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({640, 460});
    m_matrix->installEventFilter(this);
    v->addWidget(split, 1);

    connect(m_matrix, &QCustomPlot::mouseRelease, this, [this, tabs](QMouseEvent *e) {
        if (!m_result || e->button() != Qt::LeftButton)
            return;
        const int n = int(m_result->classes.size());
        const int col = int(std::lround(m_matrix->xAxis->pixelToCoord(e->pos().x())));
        const int row = int(std::lround(m_matrix->yAxis->pixelToCoord(e->pos().y())));
        if (row < 0 || col < 0 || row >= n || col >= n || !m_matrix->axisRect()->rect().contains(e->pos()))
            return;
        selectCell(row, col);
        tabs->setCurrentIndex(2);
    });
    // Double-click: the cell's images straight in the browser, selected, ready to relabel.
    connect(m_matrix, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent *e) {
        if (!m_result || e->button() != Qt::LeftButton || m_cellRow < 0)
            return;
        const QList<qint64> ids = imageIdsForPaths(m_session, m_cellPaths);
        if (!ids.isEmpty())
            Q_EMIT showInBrowserRequested(ids);
    });
    connect(m_cellList, &QListWidget::itemSelectionChanged, this, [this] {
        m_relabel->setEnabled(!m_cellList->selectedItems().isEmpty() && m_session && m_session->isOpen());
    });
    connect(m_cellList, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *it) {
        const QString path = it->data(Qt::UserRole).toString();
        const QList<qint64> ids = imageIdsForPaths(m_session, {path});
        if (!ids.isEmpty())
            Q_EMIT showInBrowserRequested(ids);
    });
    connect(m_relabel, &QPushButton::clicked, this, &EvaluationView::relabelCellSelection);
    connect(m_showInBrowser, &QPushButton::clicked, this, [this] {
        Q_EMIT showInBrowserRequested(imageIdsForPaths(m_session, m_cellPaths));
    });
    connect(m_loader, &ImageLoader::loaded, this, [this](const QString &path, const QImage &decoded) {
        if (decoded.isNull())
            return;
        // Small images (28 px Fashion-MNIST) are enlarged with sharp pixels to the icon size.
        const QSize icon = m_cellList->iconSize();
        const QImage img = decoded.width() < icon.width() && decoded.height() < icon.height()
                               ? decoded.scaled(icon, Qt::KeepAspectRatio, Qt::FastTransformation)
                               : decoded;
        for (int i = 0; i < m_cellList->count(); ++i)
            if (m_cellList->item(i)->data(Qt::UserRole).toString() == path)
                m_cellList->item(i)->setIcon(QIcon(QPixmap::fromImage(img)));
    });
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Outcome>>::finished, this, &EvaluationView::onFinished);
    if (m_session) {
        auto fillClasses = [this] {
            const QString cur = m_relabelClass->currentText();
            m_relabelClass->clear();
            for (const ClassRecord &c : m_session->classModel()->classes())
                m_relabelClass->addItem(c.name);
            m_relabelClass->setCurrentText(cur);
        };
        connect(m_session, &ProjectSession::classesChanged, this, fillClasses);
        fillClasses();
    }
    applyPlotPalette(m_matrix);
    applyPlotPalette(m_chart);
    rebuildMatrix();
    rebuildChart();
}

EvaluationView::~EvaluationView()
{
    if (m_control)
        m_control->cancel();
    m_watcher.waitForFinished();
}

void EvaluationView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        // Deferred: the plots receive their own palette only after this widget.
        QMetaObject::invokeMethod(
            this,
            [this] {
                applyPlotPalette(m_matrix);
                applyPlotPalette(m_chart);
                rebuildMatrix();
                rebuildChart();
            },
            Qt::QueuedConnection);
    }
    QWidget::changeEvent(event);
}

bool EvaluationView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_matrix && event->type() == QEvent::Resize)
        QMetaObject::invokeMethod(this, &EvaluationView::fitCellFonts, Qt::QueuedConnection);
    return QWidget::eventFilter(watched, event);
}

void EvaluationView::fitCellFonts()
{
    // Cell numbers shrink with the cells (after the plot's layout, when the cell size is known).
    if (!m_result || m_cellTexts.isEmpty())
        return;
    m_matrix->replot();
    const int n = int(m_result->classes.size());
    const double cell = std::min(m_matrix->axisRect()->width(), m_matrix->axisRect()->height()) / double(std::max(1, n));
    QFont f = font();
    f.setBold(true);
    const QString widest = isNormalized() ? QStringLiteral("0.00") : QString::number(m_result->report.total);
    double pt = f.pointSizeF();
    for (; pt > 5; pt -= 0.5) {
        f.setPointSizeF(pt);
        if (QFontMetrics(f).horizontalAdvance(widest) <= 0.85 * cell)
            break;
    }
    for (QCPItemText *t : m_cellTexts)
        t->setFont(f);
    m_matrix->replot(QCustomPlot::rpQueuedReplot);
}

void EvaluationView::setModelPath(const QString &path) { m_model->setPath(path); }
QString EvaluationView::modelPath() const { return m_model->path(); }
void EvaluationView::setTestFolder(const QString &path) { m_testFolder->setText(QDir::toNativeSeparators(path)); }
QString EvaluationView::testFolder() const { return QDir::fromNativeSeparators(m_testFolder->text().trimmed()); }

void EvaluationView::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #d04a3f;") : QString());
    m_message->setVisible(!text.isEmpty());
}

bool EvaluationView::evaluate()
{
    if (m_running)
        return false;
    const QString model = modelPath(), folder = testFolder();
    if (model.isEmpty() || !QFileInfo(model).isFile()) {
        setMessage(tr("Choose a model bundle (.bbmodel) first."), true);
        return false;
    }
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
        setMessage(tr("Choose a folder-per-class test set (test/<class>/<image>)."), true);
        return false;
    }
    setMessage(QString());
    m_running = true;
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("Loading the model…"));
    m_control = std::make_shared<JobControl>();
    QPointer<EvaluationView> self(this);
    m_control->setProgressCallback([self](const Progress &p) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, p] {
                if (!self)
                    return;
                self->m_progress->setRange(0, int(std::max<qint64>(1, p.total)));
                self->m_progress->setValue(int(p.done));
                self->m_progress->setFormat(tr("Classifying %1 / %2 (%3 images/s)").arg(p.done).arg(p.total).arg(p.units_per_s, 0, 'f', 0));
            },
            Qt::QueuedConnection);
    });
    const std::shared_ptr<JobControl> control = m_control;
    m_watcher.setFuture(QtConcurrent::run([model, folder, control] {
        auto out = std::make_shared<Outcome>();
        auto predictor = Predictor::load(model);
        if (!predictor) {
            out->error = predictor.error();
            return out;
        }
        auto r = evaluateFolder(predictor.value(), folder, control.get());
        if (!r) {
            out->error = r.error();
            return out;
        }
        r.value().model_path = QFileInfo(model).absoluteFilePath();
        out->ok = true;
        out->result = std::make_shared<EvaluationResult>(r.take());
        return out;
    }));
    return true;
}

void EvaluationView::cancel()
{
    if (m_control)
        m_control->cancel();
}

void EvaluationView::onFinished()
{
    const std::shared_ptr<Outcome> out = m_watcher.result();
    m_running = false;
    m_control.reset();
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(out->ok ? 1 : 0);
    if (!out->ok) {
        m_progress->setFormat(tr("Stopped"));
        setMessage(tr("Evaluation failed: %1").arg(out->error), true);
        Q_EMIT evaluationFinished(false, out->error);
        return;
    }
    m_result = out->result;
    m_progress->setFormat(tr("%n image(s) evaluated", nullptr, m_result->report.total));
    QStringList notes;
    if (!m_result->unknown_classes.isEmpty())
        notes.append(tr("Test classes not in the model (not counted): %1").arg(m_result->unknown_classes.join(QStringLiteral(", "))));
    if (!m_result->failed.isEmpty())
        notes.append(tr("%n image(s) could not be classified (listed in the JSON export)", nullptr, int(m_result->failed.size())));
    setMessage(notes.join(QLatin1Char('\n')), false);
    m_cellRow = m_cellColumn = -1;
    m_cellPaths.clear();
    m_cellList->clear();
    showResult();
    Q_EMIT evaluationFinished(true, QString());
}

void EvaluationView::showResult()
{
    const ClassificationReport &r = m_result->report;
    m_summary->setText(tr("<b>Macro-F1 %1</b> · accuracy %2 · %3 images · %4 classes · %5 s")
                           .arg(r.macro_f1, 0, 'f', 4)
                           .arg(r.accuracy, 0, 'f', 4)
                           .arg(r.total)
                           .arg(r.classes.size())
                           .arg(m_result->seconds, 0, 'f', 1));
    m_export->setEnabled(true);
    rebuildTable();
    rebuildMatrix();
    rebuildChart();
}

void EvaluationView::setNormalized(bool on) { m_normalized->setChecked(on); }
bool EvaluationView::isNormalized() const { return m_normalized->isChecked(); }

double EvaluationView::cellValue(int row, int column) const
{
    if (!m_result)
        return 0;
    const auto &m = m_result->report.confusion;
    const double count = m[size_t(row)][size_t(column)];
    if (!isNormalized())
        return count;
    double sum = 0;
    for (int v : m[size_t(row)])
        sum += v;
    return sum > 0 ? count / sum : 0.0;
}

QString EvaluationView::cellText(int row, int column) const
{
    const double v = cellValue(row, column);
    return isNormalized() ? QString::number(v, 'f', 2) : QString::number(qint64(v));
}

void EvaluationView::rebuildMatrix()
{
    m_matrix->clearPlottables();
    m_matrix->clearItems();
    for (int i = m_matrix->plotLayout()->elementCount() - 1; i >= 0; --i)
        if (auto *scale = qobject_cast<QCPColorScale *>(m_matrix->plotLayout()->elementAt(i))) {
            m_matrix->plotLayout()->remove(scale);
        }
    m_matrix->plotLayout()->simplify();
    m_map = nullptr;
    m_cellMarker = nullptr;
    m_cellTexts.clear();
    const QPalette pal = palette();
    const QColor fg = pal.color(QPalette::WindowText);
    if (!m_result) {
        m_matrix->xAxis->setTicks(false);
        m_matrix->yAxis->setTicks(false);
        auto *t = new QCPItemText(m_matrix);
        t->position->setType(QCPItemPosition::ptAxisRectRatio);
        t->position->setCoords(0.5, 0.5);
        t->setText(tr("The confusion matrix appears here after an evaluation."));
        t->setColor(pal.color(QPalette::PlaceholderText));
        m_matrix->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const QStringList &classes = m_result->classes;
    const int n = int(classes.size());
    m_matrix->xAxis->setTicks(true);
    m_matrix->yAxis->setTicks(true);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < n; ++i)
        ticker->addTick(i, classes[i]);
    m_matrix->xAxis->setTicker(ticker);
    m_matrix->yAxis->setTicker(ticker);
    m_matrix->xAxis->setSubTicks(false);
    m_matrix->yAxis->setSubTicks(false);
    m_matrix->xAxis->setTickLabelRotation(n > 4 ? 40 : 0);
    m_matrix->xAxis->setLabel(tr("Predicted class"));
    m_matrix->yAxis->setLabel(tr("True class"));
    m_matrix->xAxis->grid()->setVisible(false);
    m_matrix->yAxis->grid()->setVisible(false);
    m_matrix->xAxis->setRange(-0.5, n - 0.5);
    m_matrix->yAxis->setRange(-0.5, n - 0.5);
    m_matrix->yAxis->setRangeReversed(true); // true class 0 on top, as printed by the CLI
    m_map = new QCPColorMap(m_matrix->xAxis, m_matrix->yAxis);
    m_map->data()->setSize(n, n);
    m_map->data()->setRange(QCPRange(0, n - 1), QCPRange(0, n - 1));
    double maxValue = 0;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            const double v = cellValue(r, c);
            m_map->data()->setCell(c, r, v);
            maxValue = std::max(maxValue, v);
        }
    QCPColorGradient gradient;
    gradient.setColorStopAt(0, pal.color(QPalette::Base));
    gradient.setColorStopAt(0.5, QColor(0x6b, 0xae, 0xd6));
    gradient.setColorStopAt(1, QColor(0x08, 0x30, 0x6b));
    m_map->setGradient(gradient);
    m_map->setInterpolate(false);
    m_map->setDataRange(QCPRange(0, isNormalized() ? 1.0 : std::max(1.0, maxValue)));
    auto *scale = new QCPColorScale(m_matrix);
    m_matrix->plotLayout()->addElement(0, 1, scale);
    scale->setType(QCPAxis::atRight);
    scale->setGradient(gradient);
    scale->setDataRange(m_map->dataRange());
    scale->axis()->setLabel(isNormalized() ? tr("Fraction of the true class") : tr("Images"));
    scale->axis()->setTickLabelColor(fg);
    scale->axis()->setLabelColor(fg);
    scale->axis()->setBasePen(QPen(fg));
    scale->axis()->setTickPen(QPen(fg));
    m_map->setColorScale(scale);
    auto *group = new QCPMarginGroup(m_matrix);
    m_matrix->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    const double range = m_map->dataRange().upper;
    QFont cellFont = font();
    cellFont.setBold(true);
    if (n > 10)
        cellFont.setPointSizeF(cellFont.pointSizeF() * 0.8);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            auto *t = new QCPItemText(m_matrix);
            t->position->setCoords(c, r);
            t->setText(cellText(r, c));
            t->setFont(cellFont);
            const double frac = range > 0 ? cellValue(r, c) / range : 0;
            t->setColor(frac > 0.45 ? QColor(Qt::white) : fg);
            t->setClipToAxisRect(true);
            m_cellTexts.append(t);
        }
    if (m_cellRow >= 0) {
        m_cellMarker = new QCPItemRect(m_matrix);
        m_cellMarker->topLeft->setCoords(m_cellColumn - 0.5, m_cellRow - 0.5);
        m_cellMarker->bottomRight->setCoords(m_cellColumn + 0.5, m_cellRow + 0.5);
        m_cellMarker->setPen(QPen(QColor(0xe6, 0x9f, 0x00), 3));
    }
    applyPlotPalette(m_matrix);
    fitCellFonts();
}

void EvaluationView::rebuildChart()
{
    m_chart->clearPlottables();
    m_chart->clearItems();
    m_chart->legend->setVisible(false);
    if (!m_result) {
        m_chart->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const ClassificationReport &r = m_result->report;
    const int n = int(r.per_class.size());
    auto *group = new QCPBarsGroup(m_chart);
    const QStringList names{tr("Precision"), tr("Recall"), tr("F1")};
    for (int s = 0; s < 3; ++s) {
        auto *bars = new QCPBars(m_chart->xAxis, m_chart->yAxis);
        bars->setName(names[s]);
        bars->setWidth(0.25);
        bars->setBrush(seriesColor(s));
        bars->setPen(QPen(seriesColor(s).darker(130)));
        bars->setBarsGroup(group);
        for (int i = 0; i < n; ++i) {
            const ClassMetrics &m = r.per_class[size_t(i)];
            bars->addData(i, s == 0 ? m.precision : s == 1 ? m.recall : m.f1);
        }
    }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < n; ++i)
        ticker->addTick(i, r.per_class[size_t(i)].name);
    m_chart->xAxis->setTicker(ticker);
    m_chart->xAxis->setSubTicks(false);
    m_chart->xAxis->setTickLabelRotation(n > 5 ? 40 : 0);
    m_chart->xAxis->grid()->setVisible(false);
    m_chart->xAxis->setRange(-0.6, n - 0.4);
    m_chart->yAxis->setRange(0, 1.12);
    m_chart->yAxis->setLabel(tr("Score"));
    auto *line = new QCPItemStraightLine(m_chart);
    line->point1->setCoords(0, r.macro_f1);
    line->point2->setCoords(1, r.macro_f1);
    line->setPen(QPen(palette().color(QPalette::WindowText), 1, Qt::DashLine));
    auto *label = new QCPItemText(m_chart);
    label->position->setType(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(0.01, 0.02);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setText(tr("macro-F1 %1 (dashed)").arg(r.macro_f1, 0, 'f', 4));
    label->setProperty("bbTitle", true);
    m_chart->legend->setVisible(true);
    m_chart->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    applyPlotPalette(m_chart);
    m_chart->replot();
}

void EvaluationView::rebuildTable()
{
    const ClassificationReport &r = m_result->report;
    m_table->setRowCount(int(r.per_class.size()) + 2);
    auto cell = [this](int row, int col, const QString &text, bool bold = false) {
        auto *it = new QTableWidgetItem(text);
        if (col > 0)
            it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (bold) {
            QFont f = it->font();
            f.setBold(true);
            it->setFont(f);
        }
        m_table->setItem(row, col, it);
    };
    int row = 0;
    for (const ClassMetrics &m : r.per_class) {
        cell(row, 0, m.name);
        cell(row, 1, QString::number(m.precision, 'f', 4));
        cell(row, 2, QString::number(m.recall, 'f', 4));
        cell(row, 3, QString::number(m.f1, 'f', 4));
        cell(row, 4, QString::number(m.support));
        ++row;
    }
    cell(row, 0, tr("macro-F1"), true);
    cell(row, 1, QString());
    cell(row, 2, QString());
    cell(row, 3, QString::number(r.macro_f1, 'f', 4), true);
    cell(row, 4, QString::number(r.total), true);
    ++row;
    cell(row, 0, tr("accuracy"), true);
    cell(row, 1, QString());
    cell(row, 2, QString());
    cell(row, 3, QString::number(r.accuracy, 'f', 4), true);
    cell(row, 4, QString::number(r.total), true);
}

QPoint EvaluationView::cellCenter(int row, int column) const
{
    return QPoint(int(std::lround(m_matrix->xAxis->coordToPixel(column))), int(std::lround(m_matrix->yAxis->coordToPixel(row))));
}

void EvaluationView::selectCell(int row, int column)
{
    if (!m_result)
        return;
    const int n = int(m_result->classes.size());
    if (row < 0 || column < 0 || row >= n || column >= n)
        return;
    m_cellRow = row;
    m_cellColumn = column;
    std::vector<const EvaluatedImage *> in;
    for (const EvaluatedImage &im : m_result->images)
        if (im.truth == row && im.predicted == column)
            in.push_back(&im);
    std::stable_sort(in.begin(), in.end(), [](const EvaluatedImage *a, const EvaluatedImage *b) { return a->probability > b->probability; });
    m_cellPaths.clear();
    m_cellList->clear();
    for (const EvaluatedImage *im : in) {
        m_cellPaths.append(im->path);
        auto *it = new QListWidgetItem(QStringLiteral("%1\n%2").arg(QFileInfo(im->path).fileName()).arg(im->probability, 0, 'f', 3), m_cellList);
        it->setData(Qt::UserRole, im->path);
        QString tip = tr("%1\ntrue: %2 · predicted: %3 (%4)").arg(QDir::toNativeSeparators(im->path), m_result->classes[im->truth],
                                                                  m_result->classes[im->predicted])
                          .arg(im->probability, 0, 'f', 4);
        for (const ClassProbability &c : im->top)
            tip += QStringLiteral("\n  %1 %2").arg(c.label).arg(c.probability, 0, 'f', 4);
        it->setToolTip(tip);
    }
    m_loader->request(m_cellPaths);
    const QList<qint64> ids = imageIdsForPaths(m_session, m_cellPaths);
    m_cellTitle->setText(tr("<b>%n image(s)</b> of true class “%1” predicted as “%2”, most confident first%3", nullptr, int(in.size()))
                             .arg(m_result->classes[row].toHtmlEscaped(), m_result->classes[column].toHtmlEscaped())
                             .arg(ids.isEmpty() && !in.empty() ? tr(" (not images of the open project: open the test set to relabel them)") : QString()));
    m_showInBrowser->setEnabled(!ids.isEmpty());
    if (m_relabelClass->currentText().isEmpty() || row != column)
        m_relabelClass->setCurrentText(m_result->classes[column]);
    rebuildMatrix();
    Q_EMIT cellImagesChosen(ids, m_cellPaths);
}

void EvaluationView::relabelCellSelection()
{
    QStringList paths;
    for (QListWidgetItem *it : m_cellList->selectedItems())
        paths.append(it->data(Qt::UserRole).toString());
    const QList<qint64> ids = imageIdsForPaths(m_session, paths);
    const QString cls = m_relabelClass->currentText().trimmed();
    if (ids.isEmpty() || cls.isEmpty()) {
        setMessage(tr("The selected images are not part of the open project."), true);
        return;
    }
    if (m_session->assignLabel(ids, cls))
        setMessage(tr("Relabelled %n image(s) as “%1” (Undo with Ctrl+Z). Evaluate again to see the effect of retraining.", nullptr,
                      int(ids.size()))
                       .arg(cls));
}

Status EvaluationView::saveText(const QString &file, const QByteArray &data) const
{
    if (const QString why = writeFileAtomically(file, data); !why.isEmpty())
        return Status::failure(tr("Cannot write %1: %2").arg(file, why));
    return Status::success();
}

Status EvaluationView::exportMatrix(const QString &file)
{
    if (!m_result)
        return Status::failure(tr("Nothing to export yet."));
    const QString e = exportPlot(m_matrix, file, std::max(640, m_matrix->width()), std::max(560, m_matrix->height()));
    return e.isEmpty() ? Status::success() : Status::failure(e);
}

Status EvaluationView::exportChart(const QString &file)
{
    if (!m_result)
        return Status::failure(tr("Nothing to export yet."));
    const QString e = exportPlot(m_chart, file, std::max(720, m_chart->width()), std::max(420, m_chart->height()));
    return e.isEmpty() ? Status::success() : Status::failure(e);
}

Status EvaluationView::exportMetricsJson(const QString &file) const
{
    if (!m_result)
        return Status::failure(tr("Nothing to export yet."));
    return saveText(file, QJsonDocument(m_result->toJson()).toJson(QJsonDocument::Indented));
}

Status EvaluationView::exportMetricsCsv(const QString &file) const
{
    if (!m_result)
        return Status::failure(tr("Nothing to export yet."));
    return saveText(file, m_result->metricsCsv().toUtf8());
}

Status EvaluationView::exportPredictionsCsv(const QString &file) const
{
    if (!m_result)
        return Status::failure(tr("Nothing to export yet."));
    return saveText(file, m_result->predictionsCsv().toUtf8());
}

void EvaluationView::showExportMenu()
{
    QMenu menu(this);
    struct Entry {
        QString text, filter, suffix;
        std::function<Status(const QString &)> fn;
    };
    const std::vector<Entry> entries = {
        {tr("Confusion Matrix as PNG…"), tr("PNG images (*.png)"), QStringLiteral("png"), [this](const QString &f) { return exportMatrix(f); }},
        {tr("Confusion Matrix as SVG…"), tr("SVG images (*.svg)"), QStringLiteral("svg"), [this](const QString &f) { return exportMatrix(f); }},
        {tr("Confusion Matrix as PDF…"), tr("PDF documents (*.pdf)"), QStringLiteral("pdf"), [this](const QString &f) { return exportMatrix(f); }},
        {tr("Per-Class Chart as PNG…"), tr("PNG images (*.png)"), QStringLiteral("png"), [this](const QString &f) { return exportChart(f); }},
        {tr("Per-Class Chart as SVG…"), tr("SVG images (*.svg)"), QStringLiteral("svg"), [this](const QString &f) { return exportChart(f); }},
        {tr("Per-Class Chart as PDF…"), tr("PDF documents (*.pdf)"), QStringLiteral("pdf"), [this](const QString &f) { return exportChart(f); }},
        {tr("Metrics as JSON…"), tr("JSON files (*.json)"), QStringLiteral("json"), [this](const QString &f) { return exportMetricsJson(f); }},
        {tr("Metrics as CSV…"), tr("CSV files (*.csv)"), QStringLiteral("csv"), [this](const QString &f) { return exportMetricsCsv(f); }},
        {tr("Predictions as CSV…"), tr("CSV files (*.csv)"), QStringLiteral("csv"), [this](const QString &f) { return exportPredictionsCsv(f); }},
    };
    for (size_t i = 0; i < entries.size(); ++i) {
        if (i == 3 || i == 6)
            menu.addSeparator();
        QAction *a = menu.addAction(entries[i].text);
        a->setData(int(i));
    }
    QAction *chosen = menu.exec(m_export->mapToGlobal(QPoint(0, m_export->height())));
    if (!chosen)
        return;
    const Entry &e = entries[size_t(chosen->data().toInt())];
    QString file = QFileDialog::getSaveFileName(this, e.text, QStringLiteral("evaluation.") + e.suffix, e.filter);
    if (file.isEmpty())
        return;
    if (QFileInfo(file).suffix().isEmpty())
        file += QLatin1Char('.') + e.suffix;
    const Status s = e.fn(file);
    setMessage(s ? tr("Wrote %1").arg(QDir::toNativeSeparators(file)) : s.message(), !s);
}

} // namespace bb
