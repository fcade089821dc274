#include "balanceview.h"

#include "balancetablemodel.h"
#include "classchart.h"
#include "classlistmodel.h"
#include "icons.h"
#include "imagedecoder.h"
#include "projectsession.h"
#include "projectstore.h"

#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace bb {
namespace {

QString paramsText(const PlannedImage &p)
{
    if (!p.augmented)
        return QCoreApplication::translate("bb::BalanceView", "original (resized)");
    const QString text = p.params.flip
        ? QCoreApplication::translate("bb::BalanceView", "flipped · rotate %1° · brightness %2 · contrast %3 · saturation %4")
        : QCoreApplication::translate("bb::BalanceView", "not flipped · rotate %1° · brightness %2 · contrast %3 · saturation %4");
    return text.arg(p.params.rotation_deg, 0, 'f', 1)
        .arg(p.params.brightness, 0, 'f', 2)
        .arg(p.params.contrast, 0, 'f', 2)
        .arg(p.params.saturation, 0, 'f', 2);
}

// The planned images shown for a class: its augmented duplicates when it is up-sampled (that is
// what the augmentation does to real images), otherwise the originals that are kept.
std::vector<PlannedImage> previewPicks(const BalancePlan &plan, int perClass)
{
    std::vector<PlannedImage> out;
    for (const ClassPlan &c : plan.classes) {
        const bool up = c.final > c.original;
        int taken = 0;
        for (const PlannedImage &p : plan.images) {
            if (taken >= perClass)
                break;
            if (p.split == Split::Train && p.class_name == c.name && p.augmented == up) {
                out.push_back(p);
                ++taken;
            }
        }
    }
    return out;
}

} // namespace

BalanceView::BalanceView(ProjectSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_table(new BalanceTableModel(this))
{
    setObjectName(QStringLiteral("balanceView"));
    // --- options ---
    auto *options = new QGroupBox(tr("Balancing options"), this);
    m_optionsBox = options;
    auto *form = new QGridLayout(options);
    m_target = new QSpinBox(options);
    m_target->setObjectName(QStringLiteral("targetSpin"));
    m_target->setRange(1, 1000000);
    m_target->setValue(800);
    m_target->setToolTip(tr("Images per class in the balanced training split"));
    m_size = new QSpinBox(options);
    m_size->setObjectName(QStringLiteral("sizeSpin"));
    m_size->setRange(8, 4096);
    m_size->setValue(256);
    m_size->setSuffix(tr(" px"));
    m_val = new QDoubleSpinBox(options);
    m_val->setRange(0, 0.9);
    m_val->setSingleStep(0.05);
    m_val->setValue(0.2);
    m_test = new QDoubleSpinBox(options);
    m_test->setRange(0, 0.9);
    m_test->setSingleStep(0.05);
    m_test->setValue(0.0);
    m_seed = new QLineEdit(QStringLiteral("42"), options);
    m_seed->setObjectName(QStringLiteral("seedEdit"));
    m_seed->setMaximumWidth(110);
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,19}")), m_seed));
    m_newSeed = new QPushButton(themedIcon(QStringLiteral("dice")), tr("New seed"), options);
    m_newSeed->setToolTip(tr("Draw a new seed: a new split and new augmentations"));
    auto *seedRow = new QHBoxLayout;
    seedRow->addWidget(m_seed, 1);
    seedRow->addWidget(m_newSeed);
    m_resetTargets = new QPushButton(tr("Reset Per-Class Targets"), options);
    m_resetTargets->setToolTip(tr("Use the global target for every class again"));
    // Two compact rows across the page, so table, chart and preview get the width.
    auto addField = [&](int row, int col, const QString &label, QWidget *field) {
        auto *l = new QLabel(label, options);
        l->setBuddy(field);
        l->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        form->addWidget(l, row, col);
        form->addWidget(field, row, col + 1);
    };
    addField(0, 0, tr("&Target per class"), m_target);
    addField(0, 2, tr("Output si&ze"), m_size);
    addField(1, 0, tr("&Validation fraction"), m_val);
    addField(1, 2, tr("T&est fraction"), m_test);
    auto *seedLabel = new QLabel(tr("&Seed"), options);
    seedLabel->setBuddy(m_seed);
    seedLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addWidget(seedLabel, 0, 4);
    form->addLayout(seedRow, 0, 5);
    form->addWidget(m_resetTargets, 1, 5);
    form->setColumnStretch(6, 1);

    // --- export ---
    auto *exportBox = new QGroupBox(tr("Export"), this);
    m_exportBox = exportBox;
    auto *exportLayout = m_exportLayout = new QBoxLayout(QBoxLayout::TopToBottom, exportBox);
    m_export = new QPushButton(themedIcon(QStringLiteral("export")), tr("Write Balanced Dataset…"), exportBox);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_saveSplit = new QPushButton(tr("Save Split to Project"), exportBox);
    m_saveSplit->setToolTip(tr("Store this train/validation/test split so the browser can filter by it"));
    m_cancel = new QPushButton(themedIcon(QStringLiteral("cancel")), tr("Cancel"), exportBox);
    m_cancel->setVisible(false);
    m_progress = new QProgressBar(exportBox);
    m_progress->setVisible(false);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    exportLayout->addWidget(m_export);
    exportLayout->addWidget(m_saveSplit);
    exportLayout->addLayout(progressRow);

    auto *top = m_top = new QBoxLayout(QBoxLayout::LeftToRight);
    top->addWidget(options, 1);
    top->addWidget(exportBox);

    // --- table + chart ---
    m_tableView = new QTableView(this);
    m_tableView->setObjectName(QStringLiteral("balanceTable"));
    m_tableView->setModel(m_table);
    m_tableView->verticalHeader()->setVisible(false);
    m_tableView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tableView->horizontalHeader()->setStretchLastSection(false);
    m_tableView->setAlternatingRowColors(true);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                 | QAbstractItemView::AnyKeyPressed);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("planStatus"));
    m_status->setWordWrap(true);
    m_warnings = new QLabel(this);
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(QStringLiteral("color: #c77c11;"));
    m_chart = new ClassChart(this);
    m_chart->setObjectName(QStringLiteral("balanceChart"));

    auto *tableBox = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_status);
    tableLayout->addWidget(m_tableView, 1);
    tableLayout->addWidget(m_warnings);

    auto *topSplit = new QSplitter(Qt::Horizontal, this);
    topSplit->addWidget(tableBox);
    topSplit->addWidget(m_chart);
    topSplit->setStretchFactor(0, 1);
    topSplit->setStretchFactor(1, 1);
    topSplit->setSizes({520, 420});

    // --- preview strip ---
    auto *previewBox = new QGroupBox(tr("Preview: training images as the balancer writes them"), this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    auto *scroll = new QScrollArea(previewBox);
    scroll->setWidgetResizable(true);
    m_previewHost = new QWidget(scroll);
    m_previewHost->setObjectName(QStringLiteral("previewStrip"));
    m_previewGrid = new QGridLayout(m_previewHost);
    m_previewGrid->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_previewGrid->setHorizontalSpacing(6);
    m_previewGrid->setVerticalSpacing(6);
    scroll->setWidget(m_previewHost);
    previewLayout->addWidget(scroll);

    auto *rightSplit = new QSplitter(Qt::Vertical, this);
    rightSplit->addWidget(topSplit);
    rightSplit->addWidget(previewBox);
    rightSplit->setStretchFactor(0, 2);
    rightSplit->setStretchFactor(1, 3);
    rightSplit->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(rightSplit, 1);
    // The page's minimum is minimumSizeHint() (the stacked one), not the side-by-side row's.
    layout->setSizeConstraint(QLayout::SetNoConstraint);

    m_planDelay = new QTimer(this);
    m_planDelay->setSingleShot(true);
    m_planDelay->setInterval(200);
    connect(m_planDelay, &QTimer::timeout, this, &BalanceView::replan);
    for (QSpinBox *s : {m_target, m_size})
        connect(s, &QSpinBox::valueChanged, this, &BalanceView::schedulePlan);
    for (QDoubleSpinBox *s : {m_val, m_test})
        connect(s, &QDoubleSpinBox::valueChanged, this, &BalanceView::schedulePlan);
    connect(m_seed, &QLineEdit::editingFinished, this, &BalanceView::schedulePlan);
    connect(m_newSeed, &QPushButton::clicked, this, &BalanceView::newSeed);
    connect(m_resetTargets, &QPushButton::clicked, this, [this] {
        m_classTargets.clear();
        schedulePlan();
    });
    connect(m_export, &QPushButton::clicked, this, &BalanceView::exportBalanced);
    connect(m_cancel, &QPushButton::clicked, this, &BalanceView::cancelExport);
    connect(m_saveSplit, &QPushButton::clicked, this, &BalanceView::saveSplit);
    connect(m_table, &BalanceTableModel::classTargetEdited, this, &BalanceView::setClassTarget);
    connect(&m_planWatcher, &QFutureWatcher<PlanOutcome>::finished, this, &BalanceView::onPlanFinished);
    connect(&m_previewWatcher, &QFutureWatcher<PreviewOutcome>::finished, this, &BalanceView::onPreviewFinished);
    connect(&m_exportWatcher, &QFutureWatcher<ExportOutcome>::finished, this, &BalanceView::onExportFinished);

    // Labels, classes and scans change the inputs: re-plan (when visible; else on next show).
    auto inputsChanged = [this] {
        m_dirty = true;
        if (isVisible())
            schedulePlan();
    };
    connect(session, &ProjectSession::labelsChanged, this, inputsChanged);
    connect(session, &ProjectSession::scanFinished, this, inputsChanged);
    connect(session, &ProjectSession::projectOpened, this, [this] {
        m_classTargets.clear();
        m_dirty = true;
    });
    connect(session, &ProjectSession::projectClosed, this, [this] {
        ++m_generation;
        m_table->setPlan(BalancePlan());
        m_chart->setBeforeAfter({}, {}, {}, {});
        clearPreview();
        m_status->setText(tr("No dataset open"));
        m_warnings->clear();
    });
    connect(session, &ProjectSession::classesChanged, this,
            [this] { m_table->setClassColors(m_session->classModel()->colors()); });
    m_status->setText(tr("No dataset open"));
}

BalanceView::~BalanceView()
{
    if (m_exportControl)
        m_exportControl->cancel();
    m_planWatcher.waitForFinished();
    m_previewWatcher.waitForFinished();
    m_exportWatcher.waitForFinished();
}

BalanceOptions BalanceView::options() const
{
    BalanceOptions o;
    o.target = m_target->value();
    o.size = m_size->value();
    o.split.val_fraction = m_val->value();
    o.split.test_fraction = m_test->value();
    o.split.seed = m_seed->text().toULongLong();
    o.class_targets = m_classTargets;
    return o;
}

void BalanceView::setTarget(int target)
{
    m_target->setValue(target);
    schedulePlan();
}

void BalanceView::setOutputSize(int size)
{
    m_size->setValue(size);
    schedulePlan();
}

void BalanceView::setSeed(quint64 seed)
{
    m_seed->setText(QString::number(seed));
    schedulePlan();
}

void BalanceView::setClassTarget(const QString &className, int target)
{
    if (target <= 0 || target == m_target->value())
        m_classTargets.remove(className);
    else
        m_classTargets.insert(className, target);
    schedulePlan();
}

void BalanceView::newSeed()
{
    setSeed(QRandomGenerator::global()->bounded(1u, 1000000000u));
}

QSize BalanceView::minimumSizeHint() const
{
    const QMargins m = layout()->contentsMargins();
    int width = std::max(m_optionsBox->minimumSizeHint().width(), m_exportBox->minimumSizeHint().width());
    for (QWidget *w : {static_cast<QWidget *>(m_tableView->parentWidget()), static_cast<QWidget *>(m_chart)})
        width = std::max(width, w->minimumSizeHint().width());
    return {width + m.left() + m.right(), QWidget::minimumSizeHint().height()};
}

bool BalanceView::exportStacked() const
{
    return m_top->direction() == QBoxLayout::TopToBottom;
}

void BalanceView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    reflowTop();
}

void BalanceView::reflowTop()
{
    // Side by side needs the options' and the export box's widths as a column; stacked, the
    // export buttons go in a row under the options.
    m_exportLayout->setDirection(QBoxLayout::TopToBottom);
    const QMargins m = layout()->contentsMargins();
    const int sideBySide = m_optionsBox->minimumSizeHint().width() + m_top->spacing() + m_exportBox->minimumSizeHint().width() + m.left() + m.right();
    const bool stack = width() < sideBySide;
    m_top->setDirection(stack ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight);
    m_exportLayout->setDirection(stack ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
}

void BalanceView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        schedulePlan();
}

void BalanceView::schedulePlan()
{
    m_planning = true;
    m_planDelay->start();
}

void BalanceView::replan()
{
    m_planDelay->stop();
    if (!m_session->isOpen()) {
        m_planning = false;
        return;
    }
    m_dirty = false;
    m_planning = true;
    m_status->setText(tr("Planning…"));
    const quint64 gen = ++m_generation;
    const QString file = m_session->projectFile();
    const BalanceOptions opts = options();
    // Off the GUI thread with its own store connection: reading 20 000 rows takes a while.
    m_planWatcher.setFuture(QtConcurrent::run([file, opts, gen]() {
        PlanOutcome out;
        out.generation = gen;
        auto store = ProjectStore::open(file);
        if (!store) {
            out.error = store.error();
            return out;
        }
        auto plan = planBalance(balanceInputsFromStore(*store.value()), opts);
        if (!plan) {
            out.error = plan.error();
            return out;
        }
        out.ok = true;
        out.plan = plan.take();
        return out;
    }));
}

void BalanceView::onPlanFinished()
{
    const PlanOutcome out = m_planWatcher.result();
    if (out.generation != m_generation)
        return; // a newer plan is on its way
    m_planning = m_planDelay->isActive();
    if (!out.ok) {
        m_table->setPlan(BalancePlan());
        m_chart->setBeforeAfter({}, {}, {}, {});
        clearPreview();
        m_status->setText(tr("Cannot plan: %1").arg(out.error));
        m_export->setEnabled(false);
        Q_EMIT planReady();
        return;
    }
    m_table->setClassColors(m_session->classModel()->colors());
    m_table->setPlan(out.plan);
    QStringList names;
    std::vector<int> before, after;
    std::vector<QColor> colors;
    int trainTotal = 0, finalTotal = 0;
    const auto classColors = m_session->classModel()->colors();
    for (const ClassPlan &c : out.plan.classes) {
        names.append(c.name);
        before.push_back(c.original);
        after.push_back(c.final);
        colors.push_back(classColors.value(c.name, QColor(Qt::gray)));
        trainTotal += c.original;
        finalTotal += c.final;
    }
    m_chart->setBeforeAfter(names, before, after, colors);
    m_status->setText(tr("Training split: %1 → %2 images in %n class(es); %3 files to write in total", nullptr,
                         int(names.size()))
                          .arg(trainTotal).arg(finalTotal).arg(out.plan.images.size()));
    m_warnings->setText(out.plan.warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!out.plan.warnings.isEmpty());
    m_export->setEnabled(!m_exportControl);

    // Render the preview samples exactly as writeBalance would (decode + renderPlannedImage).
    const std::vector<PlannedImage> picks = previewPicks(out.plan, kSamplesPerClass);
    const QString root = m_session->datasetRoot();
    const int size = out.plan.options.size;
    const quint64 gen = out.generation;
    m_previewWatcher.setFuture(QtConcurrent::run([picks, root, size, gen]() {
        PreviewOutcome res;
        res.generation = gen;
        for (const PlannedImage &p : picks) {
            PreviewSample s;
            s.class_name = p.class_name;
            s.caption = QStringLiteral("%1\n%2").arg(p.output, paramsText(p));
            auto decoded = decodeImageFile(root + QLatin1Char('/') + p.source);
            if (decoded) {
                const cv::Mat img = renderPlannedImage(decoded.value().rgb, p, size);
                s.image = QImage(img.data, img.cols, img.rows, int(img.step), QImage::Format_RGB888).copy();
            }
            res.samples.push_back(std::move(s));
        }
        return res;
    }));
    Q_EMIT planReady();
}

void BalanceView::clearPreview()
{
    while (QLayoutItem *item = m_previewGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_previewCount = 0;
}

void BalanceView::onPreviewFinished()
{
    const PreviewOutcome out = m_previewWatcher.result();
    if (out.generation != m_generation)
        return;
    clearPreview();
    const int cell = 96;
    const qreal dpr = devicePixelRatioF();
    QString currentClass;
    int row = -1, col = 0;
    const auto classColors = m_session->classModel()->colors();
    for (const PreviewSample &s : out.samples) {
        if (s.class_name != currentClass) {
            currentClass = s.class_name;
            ++row;
            col = 0;
            auto *name = new QLabel(m_previewHost);
            const ClassPlan *cp = nullptr;
            for (const ClassPlan &c : m_table->plan().classes)
                if (c.name == s.class_name)
                    cp = &c;
            name->setText(QStringLiteral("<b>%1</b><br><span style='color:gray'>%2</span>")
                              .arg(s.class_name.toHtmlEscaped(), cp ? BalanceTableModel::actionText(*cp) : QString()));
            name->setMinimumWidth(130);
            name->setStyleSheet(QStringLiteral("border-left: 4px solid %1; padding-left: 6px;")
                                    .arg(classColors.value(s.class_name, QColor(Qt::gray)).name()));
            m_previewGrid->addWidget(name, row, col++);
        }
        auto *label = new QLabel(m_previewHost);
        label->setFixedSize(cell, cell);
        label->setAlignment(Qt::AlignCenter);
        label->setFrameShape(QFrame::StyledPanel);
        label->setToolTip(s.caption);
        if (!s.image.isNull()) {
            QPixmap pm = QPixmap::fromImage(
                s.image.scaled(QSize(cell - 4, cell - 4) * dpr, Qt::KeepAspectRatio, Qt::SmoothTransformation));
            pm.setDevicePixelRatio(dpr);
            label->setPixmap(pm);
        } else {
            label->setText(tr("unreadable"));
        }
        m_previewGrid->addWidget(label, row, col++);
        ++m_previewCount;
    }
    Q_EMIT previewReady();
}

void BalanceView::saveSplit()
{
    if (!m_session->store() || m_table->plan().split.isEmpty())
        return;
    QHash<qint64, QString> split;
    const BalancePlan &plan = m_table->plan();
    for (auto it = plan.split.cbegin(); it != plan.split.cend(); ++it)
        split.insert(it.key(), splitName(it.value()));
    const Status s = m_session->store()->saveSplit(split, plan.options.split.seed);
    if (!s) {
        m_session->reportError(tr("Cannot save the split: %1").arg(s.message()));
        return;
    }
    m_session->refreshSplit();
    m_status->setText(tr("Split saved (seed %1).").arg(plan.options.split.seed));
}

void BalanceView::exportBalanced()
{
    if (m_table->plan().images.empty() || m_exportControl)
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Write Balanced Dataset To"),
                                                          QFileInfo(m_session->datasetRoot()).absolutePath());
    if (dir.isEmpty())
        return;
    bool replace = false;
    if (!QDir(dir).isEmpty()) {
        if (QMessageBox::warning(this, tr("Replace Folder?"),
                                 tr("%1 is not empty. Replace its contents with the balanced dataset?").arg(dir),
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
            return;
        replace = true;
    }
    exportTo(dir, replace);
}

void BalanceView::exportTo(const QString &outDir, bool replace)
{
    if (m_table->plan().images.empty() || m_exportControl)
        return;
    saveSplit(); // as the CLI does: the written dataset's split is the project's split
    m_exportControl = std::make_shared<JobControl>();
    QPointer<BalanceView> self(this);
    m_exportControl->setProgressCallback([self](const Progress &p) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, done = p.done, total = p.total] {
                if (!self)
                    return;
                self->m_progress->setMaximum(int(std::max<qint64>(1, total)));
                self->m_progress->setValue(int(done));
                Q_EMIT self->exportProgress(done, total);
            },
            Qt::QueuedConnection);
    });
    m_export->setEnabled(false);
    m_cancel->setVisible(true);
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_status->setText(tr("Writing balanced dataset to %1…").arg(outDir));
    const BalancePlan plan = m_table->plan();
    const QString root = m_session->datasetRoot();
    auto control = m_exportControl;
    m_exportWatcher.setFuture(QtConcurrent::run([plan, root, outDir, replace, control]() {
        ExportOutcome out;
        auto written = writeBalance(plan, root, outDir, replace, control.get());
        if (!written) {
            out.error = written.error();
            return out;
        }
        out.ok = true;
        out.summary = written.take();
        return out;
    }));
}

void BalanceView::cancelExport()
{
    if (m_exportControl)
        m_exportControl->cancel();
}

void BalanceView::onExportFinished()
{
    const ExportOutcome out = m_exportWatcher.result();
    m_exportControl.reset();
    m_export->setEnabled(!m_table->plan().images.empty());
    m_cancel->setVisible(false);
    m_progress->setVisible(false);
    QString message;
    if (out.ok) {
        message = tr("Wrote %n image(s) to %1 in %2 s.", nullptr, out.summary.written)
                      .arg(out.summary.out_dir)
                      .arg(out.summary.seconds, 0, 'f', 1);
        if (!out.summary.errors.isEmpty())
            message += QLatin1Char('\n') + tr("%n source(s) could not be read:", nullptr, int(out.summary.errors.size()))
                       + QLatin1Char('\n') + out.summary.errors.mid(0, 10).join(QLatin1Char('\n'));
    } else {
        message = tr("The balanced dataset was not written: %1").arg(out.error);
    }
    m_status->setText(message.section(QLatin1Char('\n'), 0, 0));
    Q_EMIT exportFinished(out.ok, message);
}

} // namespace bb
