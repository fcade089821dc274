#include "trainingview.h"

#include "classlistmodel.h"
#include "elidedlabel.h"
#include "embeddingplot.h"
#include "imagelistmodel.h"
#include "plotutil.h"
#include "projectsession.h"
#include "projectstore.h"
#include "trainer.h"
#include "nn/backbonenames.h"
#include "workers/trainingworker.h"
#include "workers/tsneworker.h"
#include "savefile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSettings>
#include <QScrollArea>
#include <QScrollBar>
#include <QShowEvent>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace bb {
namespace {

/// A double spin box that shows and parses scientific notation (learning rates, eta_min) and
/// steps by factors of two.
class SciSpinBox : public QDoubleSpinBox {
public:
    explicit SciSpinBox(QWidget *parent = nullptr) : QDoubleSpinBox(parent)
    {
        setDecimals(12);
        setRange(0, 10);
    }
    QString textFromValue(double value) const override { return QString::number(value, 'g', 6); }
    double valueFromText(const QString &text) const override { return text.toDouble(); }
    QValidator::State validate(QString &text, int &) const override
    {
        bool ok = false;
        const double v = text.toDouble(&ok);
        if (ok && v >= minimum() && v <= maximum())
            return QValidator::Acceptable;
        static const QRegularExpression partial(QStringLiteral("^[0-9]*\\.?[0-9]*([eE][-+]?[0-9]*)?$"));
        return partial.match(text).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
    }
    void stepBy(int steps) override
    {
        const double v = value() > 0 ? value() * std::pow(2.0, steps) : singleStep() * std::max(0, steps);
        setValue(std::clamp(v, minimum(), maximum()));
    }
};

enum RunColumn { ColName, ColStatus, ColCreated, ColEpochs, ColMacroF1, ColBackbone };

constexpr int kProgressScale = 10000;

} // namespace

TrainingView::TrainingView(ProjectSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_trainer(new TrainingWorker), m_tsneWorker(new TsneWorker)
{
    registerJobMetaTypes();
    setObjectName(QStringLiteral("trainingView"));

    auto *splitter = m_splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("trainingSplitter"));
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 6, 6);
    auto *scroll = m_formScroll = new QScrollArea(left);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *formHost = new QWidget(scroll);
    buildForm(formHost);
    scroll->setWidget(formHost);
    leftLayout->addWidget(scroll, 1);
    // The form stays readable however many docks share the window: narrower than its labels and
    // fields side by side, each label goes above its field (a 1280-pixel window with both side
    // panels leaves the page about 740 px).
    m_formWideWidth = formHost->minimumSizeHint().width();
    setFormWrapped(true);
    m_formNarrowWidth = formHost->minimumSizeHint().width();
    setFormWrapped(false);
    scroll->setMinimumWidth(200);
    scroll->viewport()->installEventFilter(this);

    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(6, 6, 6, 6);
    rightLayout->addWidget(buildControls());
    m_tabs = new QTabWidget(right);
    m_tabs->setObjectName(QStringLiteral("trainingTabs"));
    m_tabs->addTab(buildLivePage(), tr("Live"));
    m_tabs->addTab(buildRunsPage(), tr("Runs"));
    rightLayout->addWidget(m_tabs, 1);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(0, false);
    splitter->setCollapsible(1, false);
    splitter->setSizes({360, 1000});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    // Worker threads (STYLE.md 4).
    m_trainer->moveToThread(&m_trainThread);
    connect(&m_trainThread, &QThread::finished, m_trainer, &QObject::deleteLater);
    connect(m_trainer, &TrainingWorker::stepReported, this, &TrainingView::onStep);
    connect(m_trainer, &TrainingWorker::epochReported, this, &TrainingView::onEpoch);
    connect(m_trainer, &TrainingWorker::embeddingsReady, this, &TrainingView::showEmbeddings);
    connect(m_trainer, &TrainingWorker::message, this, &TrainingView::onMessage);
    connect(m_trainer, &TrainingWorker::finished, this, &TrainingView::onFinished);
    m_trainThread.setObjectName(QStringLiteral("bb-training"));
    m_trainThread.start();
    m_tsneWorker->moveToThread(&m_tsneThread);
    connect(&m_tsneThread, &QThread::finished, m_tsneWorker, &QObject::deleteLater);
    connect(m_tsneWorker, &TsneWorker::frame, this, &TrainingView::onTsneFrame);
    connect(m_tsneWorker, &TsneWorker::finished, this, &TrainingView::onTsneFinished);
    m_tsneThread.setObjectName(QStringLiteral("bb-tsne"));
    m_tsneThread.start(QThread::LowPriority);

    if (m_session) {
        connect(m_session, &ProjectSession::projectOpened, this, [this] {
            m_idByPath.clear();
            if (m_runsFolder->text().isEmpty() || m_runsFolder->property("bbAuto").toBool()) {
                m_runsFolder->setText(QDir::toNativeSeparators(QFileInfo(m_session->projectFile()).absolutePath()
                                                               + QStringLiteral("/runs")));
                m_runsFolder->setProperty("bbAuto", true);
            }
            refreshRuns();
            updateButtons();
        });
        connect(m_session, &ProjectSession::projectClosed, this, [this] {
            m_idByPath.clear();
            refreshRuns();
            updateButtons();
        });
        connect(m_session, &ProjectSession::scanFinished, this, &TrainingView::updateButtons);
        connect(m_session, &ProjectSession::classesChanged, this, &TrainingView::updateRelabelControls);
    }
    // The settings of the last started run, else the quick profile.
    auto profile = TrainingConfig::fromProfile(QStringLiteral("quick"));
    TrainingConfig initial = profile ? profile.value() : TrainingConfig{};
    const QJsonObject saved = QJsonDocument::fromJson(QSettings().value(QStringLiteral("training/lastConfig")).toByteArray()).object();
    if (!saved.isEmpty())
        if (auto last = TrainingConfig::fromJson(saved, initial))
            initial = last.value();
    setConfig(initial);
    resetLive();
    refreshRuns();
    updateButtons();
    updateRelabelControls();
}

TrainingView::~TrainingView()
{
    if (m_control)
        m_control->cancel();
    if (m_tsneControl)
        m_tsneControl->cancel();
    m_trainThread.quit();
    m_tsneThread.quit();
    m_trainThread.wait();
    m_tsneThread.wait();
}

// ---------------------------------------------------------------------------------------------
// form

void TrainingView::buildForm(QWidget *host)
{
    auto *layout = new QVBoxLayout(host);
    layout->setContentsMargins(0, 0, 0, 0);

    // Profile and the file buttons: one row, or two when the form is narrow (updateFormWrap()).
    auto *profileRow = m_profileRow = new QBoxLayout(QBoxLayout::LeftToRight);
    auto *profileChoice = new QHBoxLayout;
    auto *fileButtons = new QHBoxLayout;
    m_profile = new QComboBox(host);
    m_profile->setObjectName(QStringLiteral("profileCombo"));
    m_profile->addItem(tr("Quick (compact CNN, small input)"), QStringLiteral("quick"));
    m_profile->addItem(tr("Seed (EfficientNet-B0 at 224 px)"), QStringLiteral("seed"));
    m_profile->setToolTip(tr("Profiles fill every setting; edit any of them afterwards."));
    m_profile->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_profile->setMinimumContentsLength(10);
    connect(m_profile, &QComboBox::activated, this, [this] {
        const Status s = applyProfile(m_profile->currentData().toString());
        if (!s)
            showError(s.message());
    });
    profileChoice->addWidget(new QLabel(tr("Profile:"), host));
    profileChoice->addWidget(m_profile, 1);
    auto *load = new QToolButton(host);
    load->setText(tr("Load…"));
    load->setToolTip(tr("Load a config file (the JSON that “balancebench-cli train --config” reads)"));
    connect(load, &QToolButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Load Training Config"), QString(), tr("Config files (*.json);;All files (*)"));
        if (f.isEmpty())
            return;
        const Status s = loadConfigFile(f);
        if (!s)
            showError(s.message());
    });
    auto *save = new QToolButton(host);
    save->setText(tr("Save…"));
    save->setToolTip(tr("Save the settings as a config file for the GUI and “balancebench-cli train --config”"));
    connect(save, &QToolButton::clicked, this, [this] {
        QString f = QFileDialog::getSaveFileName(this, tr("Save Training Config"), QStringLiteral("training-config.json"),
                                                 tr("Config files (*.json)"));
        if (f.isEmpty())
            return;
        if (QFileInfo(f).suffix().isEmpty())
            f += QStringLiteral(".json");
        const Status s = saveConfigFile(f);
        if (!s)
            showError(s.message());
    });
    fileButtons->addWidget(load);
    fileButtons->addWidget(save);
    fileButtons->addStretch(0);
    profileRow->addLayout(profileChoice, 1);
    profileRow->addLayout(fileButtons);
    layout->addLayout(profileRow);

    m_formError = new QLabel(host);
    m_formError->setObjectName(QStringLiteral("formError"));
    m_formError->setWordWrap(true);
    m_formError->setStyleSheet(QStringLiteral("color: #d04a3f;"));
    m_formError->setVisible(false);
    layout->addWidget(m_formError);

    QFormLayout *form = nullptr;
    auto group = [&](const QString &title) {
        auto *box = new QGroupBox(title, host);
        form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setLabelAlignment(Qt::AlignRight);
        m_forms.append(form); // rows wrap when the form is narrow: updateFormWrap()
        layout->addWidget(box);
    };
    auto track = [this](QWidget *w, const QString &key, const QString &tip) {
        w->setObjectName(QStringLiteral("field_") + key);
        w->setToolTip(tip.isEmpty() ? key : tip + QStringLiteral("\n(") + key + QLatin1Char(')'));
        m_fields.insert(key, w);
    };
    auto addInt = [&](const QString &key, const QString &label, int lo, int hi, const QString &tip = QString(),
                      const QString &special = QString()) {
        auto *w = new QSpinBox(host);
        w->setRange(lo, hi);
        w->setAccelerated(true);
        if (!special.isEmpty())
            w->setSpecialValueText(special);
        track(w, key, tip);
        form->addRow(label, w);
    };
    auto addDouble = [&](const QString &key, const QString &label, double lo, double hi, double step,
                         const QString &tip = QString()) {
        auto *w = new QDoubleSpinBox(host);
        w->setRange(lo, hi);
        w->setDecimals(3);
        w->setSingleStep(step);
        track(w, key, tip);
        form->addRow(label, w);
    };
    auto addSci = [&](const QString &key, const QString &label, double hi, const QString &tip = QString()) {
        auto *w = new SciSpinBox(host);
        w->setRange(0, hi);
        w->setSingleStep(1e-4);
        track(w, key, tip);
        form->addRow(label, w);
    };
    auto addBool = [&](const QString &key, const QString &label, const QString &tip = QString()) {
        auto *w = new QCheckBox(label, host);
        track(w, key, tip);
        form->addRow(QString(), w);
    };
    auto addChoice = [&](const QString &key, const QString &label, const QList<QPair<QString, QString>> &choices,
                         const QString &tip = QString()) {
        auto *w = new QComboBox(host);
        w->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        w->setMinimumContentsLength(10);
        for (const auto &c : choices)
            w->addItem(c.second, c.first);
        track(w, key, tip);
        form->addRow(label, w);
    };

    group(tr("Data"));
    addInt(QStringLiteral("balance_target"), tr("Balance target:"), 1, 1000000, tr("Images per class after balancing the training split"));
    addInt(QStringLiteral("balance_size"), tr("Balanced image size:"), 8, 4096, tr("Training images are resized to this square (px)"));
    addDouble(QStringLiteral("val_fraction"), tr("Validation fraction:"), 0.01, 0.9, 0.05);
    addInt(QStringLiteral("input_size"), tr("Network input size:"), 8, 1024, tr("The encoder sees input_size × input_size pixels"));

    group(tr("Encoder"));
    QList<QPair<QString, QString>> backbones;
    for (const QString &b : backboneNames())
        backbones.append({b, b});
    addChoice(QStringLiteral("backbone"), tr("Backbone:"), backbones);
    if (auto *combo = qobject_cast<QComboBox *>(m_fields.value(QStringLiteral("backbone"))))
        for (int i = 0; i < combo->count(); ++i)
            combo->setItemData(i, backboneDescription(combo->itemData(i).toString()), Qt::ToolTipRole);
    {
        auto *row = new QWidget(host);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto *edit = new QLineEdit(row);
        edit->setPlaceholderText(tr("none (random initialisation)"));
        auto *browse = new QToolButton(row);
        browse->setText(tr("…"));
        connect(browse, &QToolButton::clicked, this, [this, edit] {
            const QString f = QFileDialog::getOpenFileName(this, tr("Pretrained Backbone Weights"), QString(),
                                                           tr("Weights (*.pt *.pth);;All files (*)"));
            if (!f.isEmpty())
                edit->setText(f);
        });
        h->addWidget(edit, 1);
        h->addWidget(browse);
        track(edit, QStringLiteral("backbone_weights"), tr("Optional pretrained weights (state dict or TorchScript)"));
        form->addRow(tr("Pretrained weights:"), row);
    }
    addChoice(QStringLiteral("pooling"), tr("Global pooling:"),
              {{QStringLiteral("avg"), tr("average")}, {QStringLiteral("avgmax"), tr("average + maximum")}},
              tr("Average + maximum keeps small parts present anywhere in the image; twice the feature width"));
    addInt(QStringLiteral("pool_stages"), tr("Pooled stages:"), 1, 9,
           tr("Pool the maps of this many last backbone stages, side by side (an earlier stage's map is finer)"));
    addBool(QStringLiteral("attention"), tr("Attention gate"), tr("a = σ(W2 ReLU(W1 f)), f ← f ⊙ a"));
    addInt(QStringLiteral("members"), tr("Ensemble members:"), 1, 8,
           tr("Encoders (each with its head) trained side by side, one thread each; the prediction averages their probabilities"));
    addInt(QStringLiteral("projection_hidden"), tr("Projection hidden size:"), 0, 16384, QString(), tr("none (linear)"));
    addInt(QStringLiteral("projection_dim"), tr("Projection size:"), 2, 16384);

    group(tr("Supervised contrastive training"));
    addInt(QStringLiteral("epochs"), tr("Epochs:"), 0, 100000, tr("0 trains the head alone on the initial (e.g. imported) encoder"), tr("none (head only)"));
    addInt(QStringLiteral("batch_size"), tr("Batch size:"), 2, 65536, tr("Images per batch; each contributes all its views"));
    addInt(QStringLiteral("views"), tr("Views per image:"), 1, 16);
    addSci(QStringLiteral("temperature"), tr("Temperature:"), 100);
    addDouble(QStringLiteral("aux_ce_weight"), tr("Auxiliary cross-entropy weight:"), 0, 10, 0.05,
              tr("loss = SupCon + w · cross-entropy of a linear classifier on the gated features (dropped after this stage); 0 = pure SupCon"));
    addDouble(QStringLiteral("margin"), tr("Margin:"), 0, 10, 0.05, tr("Margin added to hard negatives"));
    addInt(QStringLiteral("top_k"), tr("Hard negatives (top-k):"), 0, 1000000, tr("Hardest negatives per anchor; 0 = all"), tr("all"));
    addChoice(QStringLiteral("class_weighting"), tr("Class weighting:"),
              {{QStringLiteral("original"), tr("original counts (max N / N_c)")},
               {QStringLiteral("balanced"), tr("balanced counts")},
               {QStringLiteral("none"), tr("none")}});
    addSci(QStringLiteral("lr"), tr("AdamW learning rate:"), 10);
    addSci(QStringLiteral("weight_decay"), tr("AdamW weight decay:"), 10);
    addInt(QStringLiteral("t_0"), tr("Warm restart T₀ (epochs):"), 1, 100000);
    addInt(QStringLiteral("t_mult"), tr("Warm restart T_mult:"), 1, 100);
    addSci(QStringLiteral("eta_min"), tr("Minimum learning rate (η_min):"), 10);
    addDouble(QStringLiteral("crop_scale_min"), tr("Crop scale minimum:"), 0.05, 1, 0.05);
    addDouble(QStringLiteral("crop_ratio_max"), tr("Crop aspect ratio up to:"), 1, 4, 0.05,
              tr("Crops keep an aspect ratio between 1/r and r"));
    addDouble(QStringLiteral("jitter"), tr("Colour jitter:"), 0, 1, 0.05);
    addDouble(QStringLiteral("blur_probability"), tr("Blur probability:"), 0, 1, 0.05);
    addDouble(QStringLiteral("grayscale_probability"), tr("Greyscale probability:"), 0, 1, 0.05);
    addDouble(QStringLiteral("erase_probability"), tr("Random erasing probability:"), 0, 1, 0.05,
              tr("Fills a random rectangle (2-33 % of the view) with noise"));
    addInt(QStringLiteral("embedding_every"), tr("t-SNE every N epochs:"), 0, 100000,
           tr("Validation embeddings (and the live t-SNE) every N epochs; 0 = never"), tr("never"));

    group(tr("Classification head"));
    addInt(QStringLiteral("head_hidden"), tr("Hidden size:"), 0, 16384, QString(), tr("none (linear)"));
    addDouble(QStringLiteral("head_dropout"), tr("Dropout:"), 0, 0.95, 0.05);
    addInt(QStringLiteral("head_epochs"), tr("Epochs:"), 1, 100000);
    addInt(QStringLiteral("head_patience"), tr("Early-stopping patience:"), 1, 100000, tr("Epochs without a better validation macro-F1"));
    addInt(QStringLiteral("head_batch_size"), tr("Batch size:"), 2, 65536);
    addSci(QStringLiteral("head_lr"), tr("Learning rate:"), 10);
    addDouble(QStringLiteral("focal_gamma"), tr("Focal γ:"), 0, 10, 0.5);
    addChoice(QStringLiteral("focal_alpha"), tr("Focal α:"),
              {{QStringLiteral("uniform"), tr("uniform")}, {QStringLiteral("inverse"), tr("inverse class frequency")}});
    addBool(QStringLiteral("head_augment"), tr("Also train on augmented views"));
    addBool(QStringLiteral("test_time_flip"), tr("Mirror averaging at test time"),
            tr("Classify each image and its mirror image and average the two predictions"));

    group(tr("Run"));
    {
        auto *seed = new QLineEdit(host);
        seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("^[0-9]{1,20}$")), seed));
        track(seed, QStringLiteral("seed"), tr("Every random step is derived from this seed"));
        form->addRow(tr("Seed:"), seed);
    }
    addInt(QStringLiteral("threads"), tr("Torch threads:"), 0, 1024, QString(), tr("all cores"));
    addInt(QStringLiteral("loader_threads"), tr("Loader threads:"), 1, 256);
    addInt(QStringLiteral("max_steps"), tr("Stop after steps:"), 0, 1000000000, tr("0 = no limit (for benchmarks)"), tr("no limit"));
    {
        auto *row = new QWidget(host);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        m_runsFolder = new QLineEdit(row);
        m_runsFolder->setObjectName(QStringLiteral("runsFolder"));
        m_runsFolder->setPlaceholderText(tr("next to the project file"));
        connect(m_runsFolder, &QLineEdit::textEdited, this, [this] { m_runsFolder->setProperty("bbAuto", false); });
        auto *browse = new QToolButton(row);
        browse->setText(tr("…"));
        connect(browse, &QToolButton::clicked, this, [this] {
            const QString d = QFileDialog::getExistingDirectory(this, tr("Folder for Training Runs"), runsFolder());
            if (!d.isEmpty())
                setRunsFolder(d);
        });
        h->addWidget(m_runsFolder, 1);
        h->addWidget(browse);
        form->addRow(tr("Runs folder:"), row);
    }
    layout->addStretch(1);
}

void TrainingView::setConfig(const TrainingConfig &config)
{
    m_settingForm = true;
    const QJsonObject json = config.toJson();
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        QWidget *w = m_fields.value(it.key());
        if (auto *s = qobject_cast<QSpinBox *>(w))
            s->setValue(it.value().toInt());
        else if (auto *d = qobject_cast<QDoubleSpinBox *>(w))
            d->setValue(it.value().toDouble());
        else if (auto *c = qobject_cast<QCheckBox *>(w))
            c->setChecked(it.value().toBool());
        else if (auto *cb = qobject_cast<QComboBox *>(w)) {
            int i = cb->findData(it.value().toString());
            if (i < 0) {
                cb->addItem(it.value().toString(), it.value().toString());
                i = cb->count() - 1;
            }
            cb->setCurrentIndex(i);
        } else if (auto *e = qobject_cast<QLineEdit *>(w))
            e->setText(it.value().toString());
    }
    const int p = m_profile->findData(config.profile);
    if (p >= 0)
        m_profile->setCurrentIndex(p);
    m_formError->setVisible(false);
    m_settingForm = false;
}

Result<TrainingConfig> TrainingView::config() const
{
    QJsonObject json;
    json.insert(QStringLiteral("profile"), m_profile->currentData().toString());
    for (auto it = m_fields.constBegin(); it != m_fields.constEnd(); ++it) {
        QWidget *w = it.value();
        if (auto *s = qobject_cast<QSpinBox *>(w))
            json.insert(it.key(), s->value());
        else if (auto *d = qobject_cast<QDoubleSpinBox *>(w))
            json.insert(it.key(), d->value());
        else if (auto *c = qobject_cast<QCheckBox *>(w))
            json.insert(it.key(), c->isChecked());
        else if (auto *cb = qobject_cast<QComboBox *>(w))
            json.insert(it.key(), cb->currentData().toString());
        else if (auto *e = qobject_cast<QLineEdit *>(w))
            json.insert(it.key(), e->text().trimmed());
    }
    return TrainingConfig::fromJson(json, TrainingConfig{});
}

Status TrainingView::applyProfile(const QString &name)
{
    auto c = TrainingConfig::fromProfile(name);
    if (!c)
        return c.status();
    setConfig(c.value());
    return Status::success();
}

Status TrainingView::loadConfigFile(const QString &path)
{
    // As the CLI: the file's settings over its own profile, else the one chosen here.
    auto c = TrainingConfig::fromFile(path, QString(), m_profile->currentData().toString());
    if (!c)
        return c.status();
    setConfig(c.value());
    return Status::success();
}

Status TrainingView::saveConfigFile(const QString &path) const
{
    auto c = config();
    if (!c)
        return c.status();
    if (const QString why = writeFileAtomically(path, QJsonDocument(c.value().toJson()).toJson(QJsonDocument::Indented)); !why.isEmpty())
        return Status::failure(tr("Cannot write %1: %2").arg(path, why));
    return Status::success();
}

void TrainingView::setRunsFolder(const QString &dir)
{
    m_runsFolder->setText(QDir::toNativeSeparators(dir));
    m_runsFolder->setProperty("bbAuto", false);
}

QString TrainingView::runsFolder() const
{
    const QString t = QDir::fromNativeSeparators(m_runsFolder->text().trimmed());
    if (!t.isEmpty())
        return t;
    if (m_session && m_session->isOpen())
        return QFileInfo(m_session->projectFile()).absolutePath() + QStringLiteral("/runs");
    return QString();
}

// ---------------------------------------------------------------------------------------------
// controls and plots

QWidget *TrainingView::buildControls()
{
    auto *w = new QWidget(this);
    auto *v = new QVBoxLayout(w);
    v->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_start = new QPushButton(tr("&Start Training"), w);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_pause = new QPushButton(tr("&Pause"), w);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_stop = new QPushButton(tr("S&top"), w);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setToolTip(tr("Stops within one batch; the last finished epoch stays as a checkpoint to resume from"));
    m_resumeRun = new QPushButton(tr("&Resume Run"), w);
    m_resumeRun->setObjectName(QStringLiteral("resumeRunButton"));
    m_resumeRun->setToolTip(tr("Resumes the stopped run selected under Runs, or else the last one stopped, from its "
                               "last finished epoch"));
    connect(m_start, &QPushButton::clicked, this, &TrainingView::start);
    connect(m_pause, &QPushButton::clicked, this, [this] { m_state == State::Paused ? resume() : pause(); });
    connect(m_stop, &QPushButton::clicked, this, &TrainingView::stop);
    connect(m_resumeRun, &QPushButton::clicked, this, [this] {
        QString dir = selectedRunDir(QStringLiteral("stopped"));
        if (dir.isEmpty())
            dir = m_lastStoppedRun;
        if (!dir.isEmpty())
            resumeRun(dir);
    });
    row->addWidget(m_start);
    row->addWidget(m_pause);
    row->addWidget(m_stop);
    row->addWidget(m_resumeRun);
    m_progress = new QProgressBar(w);
    m_progress->setObjectName(QStringLiteral("trainingProgress"));
    m_progress->setRange(0, kProgressScale);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("Idle"));
    row->addStretch(1);
    v->addLayout(row);
    v->addWidget(m_progress);
    m_status = new QLabel(w);
    m_status->setObjectName(QStringLiteral("trainingStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long paths wrap, never widen the page
    v->addWidget(m_status);
    return w;
}

void TrainingView::setupPlot(QCustomPlot *plot, const QString &xLabel, const QString &yLabel)
{
    plot->setMinimumSize(140, 120);
    plot->xAxis->setLabel(xLabel);
    plot->yAxis->setLabel(yLabel);
    plot->legend->setVisible(true);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    plot->legend->setFont(small);
    placeLegendAbove(plot);
    useStepPrecisionTicks(plot);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->setNoAntialiasingOnDrag(true);
    applyPlotPalette(plot);
}

QWidget *TrainingView::buildLivePage()
{
    auto *page = new QWidget(this);
    auto *grid = new QGridLayout(page);
    grid->setContentsMargins(4, 4, 4, 4);

    auto titled = [page](QWidget *content, const QString &title) {
        auto *box = new QWidget(page);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), box);
        v->addWidget(label);
        v->addWidget(content, 1);
        return box;
    };

    m_lossPlot = new QCustomPlot(page);
    m_lossPlot->setObjectName(QStringLiteral("lossPlot"));
    // Training loss is the stage's objective (SupCon + w · auxiliary CE when that is on); the
    // validation loss, which picks the best encoder, is SupCon alone.
    setupPlot(m_lossPlot, tr("Epoch"), tr("Loss"));
    auto addGraph = [](QCustomPlot *plot, const QString &name, const QColor &color, bool points, double width = 1.6,
                       QCPAxis *y = nullptr) {
        QCPGraph *g = plot->addGraph(plot->xAxis, y ? y : plot->yAxis);
        g->setName(name);
        g->setPen(QPen(color, width));
        if (points)
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, 5));
        return g;
    };
    QColor stepColor = seriesColor(0);
    stepColor.setAlpha(90);
    addGraph(m_lossPlot, tr("train (step)"), stepColor, false, 1.0);
    addGraph(m_lossPlot, tr("train (epoch)"), seriesColor(0), true);
    addGraph(m_lossPlot, tr("validation (SupCon)"), seriesColor(1), true);
    refitLegend(m_lossPlot);

    m_lrPlot = new QCustomPlot(page);
    m_lrPlot->setObjectName(QStringLiteral("lrPlot"));
    setupPlot(m_lrPlot, tr("Epoch"), tr("Learning rate"));
    addGraph(m_lrPlot, tr("AdamW, cosine warm restarts"), seriesColor(2), false);

    m_headPlot = new QCustomPlot(page);
    m_headPlot->setObjectName(QStringLiteral("headPlot"));
    setupPlot(m_headPlot, tr("Head epoch"), tr("Focal loss"));
    m_headPlot->yAxis2->setVisible(true);
    m_headPlot->yAxis2->setLabel(tr("Macro-F1")); // the legend says which: longer labels overran the short axis
    m_headPlot->yAxis2->setRange(0, 1.02);
    applyPlotPalette(m_headPlot);
    addGraph(m_headPlot, tr("train loss"), seriesColor(0), true);
    addGraph(m_headPlot, tr("val. loss"), seriesColor(1), true);
    addGraph(m_headPlot, tr("val. macro-F1"), seriesColor(2), true, 1.6, m_headPlot->yAxis2);
    refitLegend(m_headPlot);

    auto *tsneBox = new QWidget(page);
    auto *tv = new QVBoxLayout(tsneBox);
    tv->setContentsMargins(0, 0, 0, 0);
    tv->setSpacing(2);
    auto *tsneTitle = new QHBoxLayout;
    tsneTitle->addWidget(new QLabel(tr("<b>Validation embeddings (t-SNE)</b>"), tsneBox));
    m_tsneStatus = new ElidedLabel(tsneBox);
    m_tsneStatus->setObjectName(QStringLiteral("tsneStatus"));
    tsneTitle->addWidget(m_tsneStatus, 1);
    auto *reset = new QToolButton(tsneBox);
    reset->setText(tr("Fit"));
    reset->setToolTip(tr("Fit the view to all points again"));
    tsneTitle->addWidget(reset);
    tv->addLayout(tsneTitle);
    m_tsne = new EmbeddingPlot(tsneBox);
    m_tsne->setObjectName(QStringLiteral("tsneView"));
    m_tsne->setToolTip(QString());
    m_tsne->setPlaceholder(tr("The t-SNE of the validation embeddings appears after the first epoch.\n"
                              "Drag to lasso points (Ctrl adds), click a point to open its image, wheel to zoom."));
    connect(reset, &QToolButton::clicked, m_tsne, &EmbeddingPlot::resetView);
    tv->addWidget(m_tsne, 1);
    auto *relabelRow = new QHBoxLayout;
    m_selectionLabel = new ElidedLabel(tsneBox);
    m_selectionLabel->setObjectName(QStringLiteral("tsneSelection"));
    relabelRow->addWidget(m_selectionLabel, 1);
    // "Relabel as [class]": the button names the action and the combo its target, without a
    // label of its own (the row set the t-SNE column's minimum width).
    m_relabel = new QPushButton(tr("Relabel as"), tsneBox);
    m_relabel->setObjectName(QStringLiteral("tsneRelabel"));
    m_relabel->setToolTip(tr("Relabel the selected images in the project (undo with Ctrl+Z)"));
    relabelRow->addWidget(m_relabel);
    m_relabelClass = new QComboBox(tsneBox);
    m_relabelClass->setObjectName(QStringLiteral("tsneRelabelClass"));
    m_relabelClass->setEditable(true);
    m_relabelClass->setInsertPolicy(QComboBox::NoInsert);
    m_relabelClass->setMinimumContentsLength(8);
    m_relabelClass->lineEdit()->setPlaceholderText(tr("class"));
    relabelRow->addWidget(m_relabelClass);
    tv->addLayout(relabelRow);
    connect(m_relabel, &QPushButton::clicked, this, [this] { relabelSelection(m_relabelClass->currentText().trimmed()); });
    connect(m_tsne, &EmbeddingPlot::selectionChanged, this, &TrainingView::updateRelabelControls);
    connect(m_tsne, &EmbeddingPlot::pointActivated, this, [this](int i) {
        const QString rel = m_tsne->pathAt(i);
        const QString abs = m_session && m_session->isOpen() ? QDir(m_session->datasetRoot()).filePath(rel) : rel;
        Q_EMIT imageActivated(imageIdForPath(rel), abs);
    });

    auto *log = new QWidget(page);
    auto *lv = new QVBoxLayout(log);
    lv->setContentsMargins(0, 0, 0, 0);
    m_log = new QPlainTextEdit(log);
    m_log->setObjectName(QStringLiteral("trainingLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(1000);
    m_log->setMaximumHeight(90);
    lv->addWidget(m_log);

    grid->addWidget(titled(m_lossPlot, tr("Loss")), 0, 0);
    grid->addWidget(titled(m_lrPlot, tr("Learning rate")), 1, 0);
    grid->addWidget(titled(m_headPlot, tr("Classification head")), 2, 0);
    grid->addWidget(tsneBox, 0, 1, 3, 1);
    grid->addWidget(log, 3, 0, 1, 2);
    grid->setColumnStretch(0, 4);
    grid->setColumnStretch(1, 5);
    for (int r = 0; r < 3; ++r)
        grid->setRowStretch(r, 1);
    return page;
}

QWidget *TrainingView::buildRunsPage()
{
    auto *page = new QWidget(this);
    auto *v = new QVBoxLayout(page);
    v->setContentsMargins(4, 4, 4, 4);
    auto *split = new QSplitter(Qt::Vertical, page);
    auto *top = new QSplitter(Qt::Horizontal, split);
    auto *runsBox = new QWidget(top);
    auto *runsLayout = new QVBoxLayout(runsBox);
    runsLayout->setContentsMargins(0, 0, 0, 0);
    m_runs = new QTreeWidget(runsBox);
    m_runs->setObjectName(QStringLiteral("runList"));
    m_runs->setRootIsDecorated(false);
    m_runs->setAlternatingRowColors(true);
    m_runs->setHeaderLabels({tr("Run"), tr("Status"), tr("Created"), tr("Epochs"), tr("Val. macro-F1"), tr("Backbone")});
    m_runs->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_runs->setToolTip(tr("Tick runs to compare them on one plot"));
    m_runDetails = new QPlainTextEdit(top);
    m_runDetails->setObjectName(QStringLiteral("runDetails"));
    m_runDetails->setReadOnly(true);
    m_runDetails->setPlaceholderText(tr("Select a run to see its configuration and metrics."));
    // Actions on the selected run.
    auto *actions = new QHBoxLayout;
    m_useRunSettings = new QToolButton(runsBox);
    m_useRunSettings->setObjectName(QStringLiteral("useRunSettings"));
    m_useRunSettings->setText(tr("Use Its Settings"));
    m_useRunSettings->setToolTip(tr("Puts the selected run's settings into the form: to repeat the run, "
                                    "or to change its head settings for Train New Head"));
    m_newHead = new QToolButton(runsBox);
    m_newHead->setObjectName(QStringLiteral("newHeadButton"));
    m_newHead->setText(tr("Train New &Head"));
    m_newHead->setToolTip(tr("Trains a new classification head on the selected finished run's encoder with the "
                             "form's head settings (hidden size, dropout, epochs, patience, batch size, learning "
                             "rate, focal loss, head augmentation, test-time flip); the encoder is not trained again"));
    // No "Selected run:" label before them: in German it made the page wider than a 1600-pixel
    // window leaves it; the buttons' tooltips say they act on the selected run.
    actions->addWidget(m_useRunSettings);
    actions->addWidget(m_newHead);
    actions->addStretch(1);
    runsLayout->addWidget(m_runs, 1);
    runsLayout->addLayout(actions);
    connect(m_useRunSettings, &QToolButton::clicked, this, [this] {
        if (QTreeWidgetItem *it = m_runs->currentItem())
            useRunSettings(it->data(ColName, Qt::UserRole + 1).toString());
    });
    connect(m_newHead, &QToolButton::clicked, this, [this] {
        const QString dir = selectedRunDir(QStringLiteral("finished"));
        if (!dir.isEmpty())
            trainNewHead(dir);
    });
    top->addWidget(runsBox);
    top->addWidget(m_runDetails);
    top->setSizes({600, 400});
    auto *bottom = new QWidget(split);
    auto *bv = new QVBoxLayout(bottom);
    bv->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("<b>Compare ticked runs:</b>"), bottom));
    m_compareMetric = new QComboBox(bottom);
    m_compareMetric->setObjectName(QStringLiteral("compareMetric"));
    m_compareMetric->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_compareMetric->setMinimumContentsLength(14);
    m_compareMetric->addItem(tr("SupCon validation loss"), QStringLiteral("supcon:val_loss"));
    m_compareMetric->addItem(tr("SupCon training loss"), QStringLiteral("supcon:train_loss"));
    m_compareMetric->addItem(tr("Learning rate"), QStringLiteral("supcon:lr"));
    m_compareMetric->addItem(tr("Images per second"), QStringLiteral("supcon:images_per_s"));
    m_compareMetric->addItem(tr("Head validation macro-F1"), QStringLiteral("head:val_macro_f1"));
    m_compareMetric->addItem(tr("Head training loss"), QStringLiteral("head:train_loss"));
    m_compareMetric->addItem(tr("Head validation loss"), QStringLiteral("head:val_loss"));
    row->addWidget(m_compareMetric);
    auto *refresh = new QToolButton(bottom);
    refresh->setText(tr("Refresh"));
    row->addWidget(refresh);
    row->addStretch(1);
    bv->addLayout(row);
    m_comparePlot = new QCustomPlot(bottom);
    m_comparePlot->setObjectName(QStringLiteral("comparePlot"));
    setupPlot(m_comparePlot, tr("Epoch"), m_compareMetric->currentText());
    bv->addWidget(m_comparePlot, 1);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setSizes({300, 400});
    v->addWidget(split);
    connect(refresh, &QToolButton::clicked, this, &TrainingView::refreshRuns);
    connect(m_compareMetric, &QComboBox::currentIndexChanged, this, &TrainingView::updateComparePlot);
    connect(m_runs, &QTreeWidget::currentItemChanged, this, [this] {
        updateRunDetails();
        updateButtons();
    });
    connect(m_runs, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *, int column) {
        if (column == ColName)
            updateComparePlot();
    });
    return page;
}

void TrainingView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_splitterPlaced || m_splitter->width() <= 0)
        return;
    // The first time the page is shown, the form gets the width it needs (no horizontal scroll
    // bar) as long as that leaves the plots at least half; later the user's splitter position
    // stays.
    m_splitterPlaced = true;
    const QMargins m = m_formScroll->parentWidget()->layout()->contentsMargins();
    const int chrome = m_formScroll->verticalScrollBar()->sizeHint().width() + m.left() + m.right() + 2;
    const int total = m_splitter->width() - m_splitter->handleWidth();
    // Wide enough, the form keeps its labels beside their fields; when that would leave the
    // plots and t-SNE less than they need to be read (a 1280-pixel window), the form narrows
    // down to labels above fields.
    constexpr int kPlotsComfort = 520;
    int left = m_formWideWidth + chrome;
    if (total - left < kPlotsComfort)
        left = std::max(m_formNarrowWidth + chrome, total - kPlotsComfort);
    left = std::clamp(left, m_formScroll->minimumWidth(), std::max(m_formScroll->minimumWidth(), total / 2));
    m_splitter->setSizes({left, std::max(1, total - left)});
}

bool TrainingView::eventFilter(QObject *watched, QEvent *event)
{
    if (m_formScroll && watched == m_formScroll->viewport() && event->type() == QEvent::Resize)
        updateFormWrap();
    return QWidget::eventFilter(watched, event);
}

void TrainingView::updateFormWrap()
{
    setFormWrapped(m_formScroll->viewport()->width() < m_formWideWidth);
}

void TrainingView::setFormWrapped(bool wrapped)
{
    const QFormLayout::RowWrapPolicy policy = wrapped ? QFormLayout::WrapAllRows : QFormLayout::DontWrapRows;
    bool changed = false;
    for (QFormLayout *form : std::as_const(m_forms))
        if (form->rowWrapPolicy() != policy) {
            form->setRowWrapPolicy(policy);
            form->setLabelAlignment(wrapped ? Qt::AlignLeft : Qt::AlignRight); // above its field: flush left
            form->parentWidget()->updateGeometry(); // drops the host layout's cached size of the box
            changed = true;
        }
    const QBoxLayout::Direction direction = wrapped ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight;
    if (m_profileRow->direction() != direction) {
        m_profileRow->setDirection(direction);
        changed = true;
    }
    if (changed)
        m_profileRow->parentWidget()->layout()->invalidate();
}

void TrainingView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) // deferred: the plots get their palette after us
        QMetaObject::invokeMethod(this, &TrainingView::updatePlotColors, Qt::QueuedConnection);
    QWidget::changeEvent(event);
}

void TrainingView::updatePlotColors()
{
    for (QCustomPlot *p : {m_lossPlot, m_lrPlot, m_headPlot, m_comparePlot})
        applyPlotPalette(p);
}

// ---------------------------------------------------------------------------------------------
// the job

void TrainingView::showError(const QString &message)
{
    m_formError->setText(message);
    m_formError->setVisible(!message.isEmpty());
    if (!message.isEmpty()) {
        m_status->setText(QStringLiteral("<span style='color:#d04a3f'>%1</span>").arg(message.toHtmlEscaped()));
        m_log->appendPlainText(message);
    }
}

bool TrainingView::start()
{
    if (m_state != State::Idle)
        return false;
    if (!m_session || !m_session->isOpen()) {
        showError(tr("Open a dataset before training."));
        return false;
    }
    if (m_session->isScanning()) {
        showError(tr("The dataset is still being scanned; start the training when the scan has finished."));
        return false;
    }
    auto c = config();
    if (!c) {
        showError(tr("Invalid setting: %1").arg(c.error()));
        return false;
    }
    const QString base = runsFolder();
    if (!QDir().mkpath(base)) {
        showError(tr("Cannot create the runs folder %1").arg(base));
        return false;
    }
    QString dir = QDir(base).filePath(QStringLiteral("run-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    for (int i = 2; QFileInfo::exists(dir); ++i)
        dir = QDir(base).filePath(QStringLiteral("run-%1-%2").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))).arg(i));
    TrainingRequest req;
    req.dataset_root = m_session->datasetRoot();
    req.project_file = m_session->projectFile();
    req.run_dir = dir;
    req.config = c.value();
    m_running = c.value();
    QSettings().setValue(QStringLiteral("training/lastConfig"), QJsonDocument(c.value().toJson()).toJson(QJsonDocument::Compact));
    resetLive();
    return launch(req);
}

Result<TrainingConfig> TrainingView::readRunConfig(const QString &runDir)
{
    auto c = bb::readRunConfig(QDir::toNativeSeparators(runDir)); // core's reading, the trainer's too
    if (!c)
        showError(c.error());
    return c;
}

Status TrainingView::useRunSettings(const QString &runDir)
{
    if (m_state != State::Idle)
        return Status::failure(tr("The form is locked while a run is in progress."));
    auto c = readRunConfig(runDir);
    if (!c)
        return c.status();
    setConfig(c.value());
    m_log->appendPlainText(tr("Settings of %1 in the form").arg(QDir::toNativeSeparators(runDir)));
    return Status::success();
}

bool TrainingView::resumeRun(const QString &runDir)
{
    return resumeWith(runDir, false);
}

bool TrainingView::trainNewHead(const QString &runDir)
{
    return resumeWith(runDir, true);
}

QString TrainingView::selectedRunDir(const QString &status) const
{
    QTreeWidgetItem *it = m_runs ? m_runs->currentItem() : nullptr;
    if (!it || it->data(ColStatus, Qt::UserRole).toString() != status)
        return QString();
    return it->data(ColName, Qt::UserRole + 1).toString();
}

bool TrainingView::resumeWith(const QString &runDir, bool newHead)
{
    if (m_state != State::Idle)
        return false;
    auto c = readRunConfig(runDir);
    if (!c)
        return false;
    TrainingRequest req;
    if (newHead) {
        if (!QFileInfo::exists(runDir + QStringLiteral("/model.bbmodel"))) {
            showError(tr("%1 has not finished; resume it first, then train a new head on it").arg(QDir::toNativeSeparators(runDir)));
            return false;
        }
        auto wanted = config();
        if (!wanted) {
            showError(tr("Invalid setting: %1").arg(wanted.error()));
            return false;
        }
        req.resume_overrides = TrainingConfig::resumeOverrides(c.value(), wanted.value());
        auto changed = TrainingConfig::withOverrides(c.value(), req.resume_overrides);
        if (!changed) {
            showError(changed.error());
            return false;
        }
        m_running = changed.value();
        m_log->appendPlainText(req.resume_overrides.isEmpty()
                                   ? tr("New head with the run's own head settings")
                                   : tr("New head: %1").arg(req.resume_overrides.join(QStringLiteral(", "))));
    } else {
        m_running = c.value();
    }
    req.dataset_root = m_session && m_session->isOpen() ? m_session->datasetRoot() : QString();
    req.project_file = m_session && m_session->isOpen() ? m_session->projectFile() : QString();
    req.run_dir = runDir;
    req.resume = true;
    req.config = m_running;
    resetLive();
    // The plots continue where the stopped run left off.
    if (m_session && m_session->store())
        for (const RunRecord &r : m_session->store()->runs())
            if (QFileInfo(r.run_dir).absoluteFilePath() == QFileInfo(runDir).absoluteFilePath())
                loadPlotsFromStore(r.id);
    return launch(req);
}

bool TrainingView::launch(const TrainingRequest &request)
{
    m_control = std::make_shared<JobControl>();
    m_runDir = QFileInfo(request.run_dir).absoluteFilePath();
    m_haveStep = false;
    m_headPhase = false;
    m_epochEta_s = -1;
    m_phaseText = tr("Preparing data…");
    m_sinceStart.start();
    m_formError->setVisible(false);
    m_log->appendPlainText(request.resume ? tr("Resuming %1").arg(QDir::toNativeSeparators(m_runDir))
                                          : tr("Starting %1").arg(QDir::toNativeSeparators(m_runDir)));
    setState(State::Running);
    TrainingWorker *worker = m_trainer;
    const std::shared_ptr<JobControl> control = m_control;
    QMetaObject::invokeMethod(worker, [worker, request, control] { worker->run(request, control); }, Qt::QueuedConnection);
    updateProgressText();
    return true;
}

void TrainingView::pause()
{
    if (m_state != State::Running || !m_control)
        return;
    m_control->pause();
    setState(State::Paused);
}

void TrainingView::resume()
{
    if (m_state != State::Paused || !m_control)
        return;
    m_control->resume();
    setState(State::Running);
}

void TrainingView::stop()
{
    if ((m_state != State::Running && m_state != State::Paused) || !m_control)
        return;
    m_control->cancel(); // also wakes a paused job
    setState(State::Stopping);
}

void TrainingView::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    updateButtons();
    updateProgressText();
    Q_EMIT stateChanged(s);
}

void TrainingView::updateButtons()
{
    const bool idle = m_state == State::Idle;
    const bool open = m_session && m_session->isOpen();
    m_start->setEnabled(idle && open);
    m_pause->setEnabled(m_state == State::Running || m_state == State::Paused);
    m_pause->setText(m_state == State::Paused ? tr("&Resume") : tr("&Pause"));
    m_stop->setEnabled(m_state == State::Running || m_state == State::Paused);
    const bool resumable = !m_lastStoppedRun.isEmpty() || !selectedRunDir(QStringLiteral("stopped")).isEmpty();
    m_resumeRun->setEnabled(idle && resumable);
    if (m_newHead) { // the runs page is built after the controls
        m_newHead->setEnabled(idle && !selectedRunDir(QStringLiteral("finished")).isEmpty());
        m_useRunSettings->setEnabled(idle && m_runs->currentItem());
    }
    for (QWidget *w : m_fields)
        w->setEnabled(idle);
    m_profile->setEnabled(idle);
}

void TrainingView::resetLive()
{
    for (QCustomPlot *p : {m_lossPlot, m_lrPlot, m_headPlot}) {
        for (int i = 0; i < p->graphCount(); ++i)
            p->graph(i)->data()->clear();
        p->replot(QCustomPlot::rpQueuedReplot);
    }
    if (m_tsneControl)
        m_tsneControl->cancel();
    ++m_tsneGeneration; // results of an older t-SNE request are dropped
    m_tsneBusy = false;
    m_tsnePending.reset();
    m_tsneSnapshot.reset();
    m_tsneLayout.clear();
    m_tsneWarm = false;
    m_tsne->setPoints({}, {}, {}, {});
    m_tsneStatus->clear();
    m_progress->setValue(0);
}

void TrainingView::loadPlotsFromStore(qint64 runId)
{
    for (const EpochMetricsRecord &m : m_session->store()->epochMetrics(runId)) {
        if (m.phase == QLatin1String("supcon")) {
            m_lossPlot->graph(1)->addData(m.epoch + 1, m.train_loss);
            m_lossPlot->graph(2)->addData(m.epoch + 1, m.val_loss);
        }
    }
    fitEpochPlot(m_lossPlot);
}

void TrainingView::onStep(const StepReport &r)
{
    if (m_state == State::Idle)
        return;
    m_lastStep = r;
    m_haveStep = true;
    const double x = r.epoch + double(r.step + 1) / std::max(1, r.steps_per_epoch);
    m_lossPlot->graph(0)->addData(x, r.loss);
    m_lrPlot->graph(0)->addData(x, r.lr);
    m_phaseText.clear();
    for (QCustomPlot *p : {m_lossPlot, m_lrPlot})
        fitEpochPlot(p);
    updateProgressText();
}

void TrainingView::onEpoch(const EpochReport &r)
{
    if (m_state == State::Idle)
        return;
    m_lastEpoch = r;
    m_sinceEpoch.start();
    if (r.phase == QLatin1String("head")) {
        m_headPhase = true;
        m_headPlot->graph(0)->addData(r.epoch + 1, r.train_loss);
        m_headPlot->graph(1)->addData(r.epoch + 1, r.val_loss);
        if (r.val_macro_f1 >= 0)
            m_headPlot->graph(2)->addData(r.epoch + 1, r.val_macro_f1);
        m_headPlot->graph(0)->rescaleAxes();
        m_headPlot->graph(1)->rescaleAxes(true);
        padRange(m_headPlot->yAxis);
        m_headPlot->xAxis->setRange(0, std::max(r.epochs, r.epoch + 1) + 0.5);
        m_headPlot->replot(QCustomPlot::rpQueuedReplot);
    } else {
        m_epochEta_s = r.eta_s;
        m_lossPlot->graph(1)->addData(r.epoch + 1, r.train_loss);
        m_lossPlot->graph(2)->addData(r.epoch + 1, r.val_loss);
        fitEpochPlot(m_lossPlot);
        m_log->appendPlainText(tr("Epoch %1/%2: train loss %3, validation loss %4, %5 images/s, %6")
                                   .arg(r.epoch + 1)
                                   .arg(r.epochs)
                                   .arg(r.train_loss, 0, 'f', 4)
                                   .arg(r.val_loss, 0, 'f', 4)
                                   .arg(r.images_per_s, 0, 'f', 0)
                                   .arg(formatDuration(r.epoch_s)));
    }
    updateProgressText();
    Q_EMIT epochFinished(r);
}

void TrainingView::onMessage(const QString &text)
{
    // The trainer announces the head phase only in words, in the current language: compare with
    // the part of its (translated) message before the epoch number.
    const QString head = QCoreApplication::translate("bb::Trainer", "Training the classification head (encoder frozen, best epoch %1)");
    if (text.startsWith(head.left(head.indexOf(QLatin1String("%1")))))
        m_headPhase = true;
    m_phaseText = text;
    m_log->appendPlainText(text);
    updateProgressText();
}

void TrainingView::updateProgressText()
{
    if (m_state == State::Idle)
        return;
    QString text;
    const QString prefix = m_state == State::Paused ? tr("Paused · ") : m_state == State::Stopping ? tr("Stopping · ") : QString();
    if (m_headPhase) {
        const int done = m_lastEpoch.phase == QLatin1String("head") ? m_lastEpoch.epoch + 1 : 0;
        const int total = std::max(1, m_running.head_epochs);
        m_progress->setValue(int(qint64(kProgressScale) * done / total));
        const double eta = m_lastEpoch.phase == QLatin1String("head") ? m_lastEpoch.epoch_s * (total - done) : -1;
        text = tr("Head epoch %1/%2 · ETA %3").arg(done).arg(total).arg(formatDuration(eta));
    } else if (m_haveStep) {
        const StepReport &s = m_lastStep;
        const qint64 steps = qint64(std::max(1, s.steps_per_epoch));
        const qint64 total = qint64(std::max(1, m_running.epochs)) * steps;
        const qint64 done = qint64(s.epoch) * steps + s.step + 1;
        m_progress->setValue(int(qint64(kProgressScale) * std::min(done, total) / total));
        double eta;
        if (m_epochEta_s >= 0 && m_lastEpoch.phase == QLatin1String("supcon"))
            eta = std::max(0.0, m_epochEta_s - m_sinceEpoch.elapsed() / 1000.0);
        else
            eta = m_sinceStart.elapsed() / 1000.0 * double(total - done) / double(std::max<qint64>(1, done));
        text = tr("Epoch %1/%2 · step %3/%4 · %5 images/s · ETA %6")
                   .arg(s.epoch + 1)
                   .arg(m_running.epochs)
                   .arg(s.step + 1)
                   .arg(s.steps_per_epoch)
                   .arg(s.images_per_s, 0, 'f', 0)
                   .arg(formatDuration(eta));
    } else {
        text = m_phaseText.isEmpty() ? tr("Preparing…") : m_phaseText;
    }
    m_progress->setFormat(prefix + text);
    m_status->setText(m_phaseText.isEmpty() ? QString() : m_phaseText.toHtmlEscaped());
}

void TrainingView::onFinished(bool ok, const QString &error, const TrainingResult &result)
{
    m_control.reset();
    const State was = m_state;
    QString message;
    if (!ok) {
        message = tr("Training failed: %1").arg(error);
        showError(message);
        m_progress->setFormat(tr("Failed"));
    } else if (result.stopped) {
        m_lastStoppedRun = result.run_dir;
        message = result.supcon_epochs > 0
                      ? tr("Stopped after %n epoch(s); resume continues from the checkpoint in %1.", nullptr,
                           result.supcon_epochs)
                            .arg(QDir::toNativeSeparators(result.run_dir))
                      : tr("Stopped before the first epoch finished; there is no checkpoint to resume from yet.");
        m_progress->setFormat(tr("Stopped"));
        m_log->appendPlainText(message);
        m_status->setText(message.toHtmlEscaped());
    } else {
        m_lastStoppedRun.clear();
        m_lastBundle = result.bundle_path;
        message = tr("Finished in %1: validation macro-F1 %2, accuracy %3. Model: %4")
                      .arg(formatDuration(result.seconds))
                      .arg(result.validation.macro_f1, 0, 'f', 4)
                      .arg(result.validation.accuracy, 0, 'f', 4)
                      .arg(QDir::toNativeSeparators(result.bundle_path));
        m_progress->setValue(kProgressScale);
        m_progress->setFormat(tr("Finished · macro-F1 %1").arg(result.validation.macro_f1, 0, 'f', 4));
        m_log->appendPlainText(message);
        m_status->setText(message.toHtmlEscaped());
    }
    Q_UNUSED(was);
    m_state = State::Idle;
    updateButtons();
    refreshRuns();
    Q_EMIT stateChanged(m_state);
    Q_EMIT trainingFinished(ok, ok && result.stopped, ok ? result.bundle_path : QString(), message);
}

// ---------------------------------------------------------------------------------------------
// t-SNE

void TrainingView::showEmbeddings(const EmbeddingSnapshotPtr &snapshot)
{
    if (!snapshot || snapshot->data.empty())
        return;
    if (m_tsneBusy) {
        m_tsnePending = snapshot; // only the newest waiting snapshot matters
        return;
    }
    startTsne(snapshot);
}

void TrainingView::startTsne(const EmbeddingSnapshotPtr &snapshot)
{
    const bool samePoints = m_tsneSnapshot && m_tsneSnapshot->paths == snapshot->paths
                            && m_tsneLayout.size() == size_t(snapshot->paths.size()) * 2;
    if (!samePoints) {
        m_tsneLayout.clear();
        m_tsne->setPoints(snapshot->paths, snapshot->labels, snapshot->classes, colorsFor(snapshot->classes));
    }
    m_tsneSnapshot = snapshot;
    m_tsneWarm = samePoints;
    m_tsneBusy = true;
    m_tsneControl = std::make_shared<JobControl>();
    const quint64 generation = ++m_tsneGeneration;
    // A warm start needs far fewer iterations than a cold one (tsne.h); one thread leaves the
    // cores to the training.
    const int iterations = samePoints ? 300 : 750;
    m_tsneStatus->setText(tr("epoch %1 · computing…").arg(snapshot->epoch + 1));
    TsneWorker *worker = m_tsneWorker;
    const std::shared_ptr<JobControl> control = m_tsneControl;
    const FloatVector init = m_tsneLayout;
    QMetaObject::invokeMethod(
        worker, [worker, generation, snapshot, init, iterations, control] { worker->run(generation, snapshot, init, iterations, 1, control); },
        Qt::QueuedConnection);
}

void TrainingView::onTsneFrame(quint64 generation, const FloatVector &layout, int iteration)
{
    if (generation != m_tsneGeneration)
        return;
    // Cold starts stream their frames so the layout visibly forms; warm starts animate once
    // from the old to the new layout, so the points glide instead of jittering.
    if (!m_tsneWarm && iteration > 0)
        m_tsne->setPositions(layout, 200);
}

void TrainingView::onTsneFinished(quint64 generation, bool ok, const QString &error, const FloatVector &layout,
                                  double kl, double seconds)
{
    if (generation != m_tsneGeneration)
        return;
    m_tsneBusy = false;
    if (!ok) {
        m_tsneStatus->setText(tr("t-SNE failed: %1").arg(error));
    } else {
        m_tsneLayout = layout;
        m_tsne->setPositions(layout, m_tsneWarm ? 600 : 300);
        ++m_tsneUpdates;
        m_tsneStatus->setText(tr("epoch %1 · %2 points · KL %3 · %4 s%5")
                                  .arg(m_tsneSnapshot->epoch + 1)
                                  .arg(m_tsne->pointCount())
                                  .arg(kl, 0, 'f', 3)
                                  .arg(seconds, 0, 'f', 1)
                                  .arg(m_tsneWarm ? tr(" · warm start") : QString()));
        Q_EMIT tsneUpdated(m_tsne->pointCount(), m_tsneWarm);
    }
    if (m_tsnePending) {
        EmbeddingSnapshotPtr next = std::move(m_tsnePending);
        m_tsnePending.reset();
        startTsne(next);
    }
}

qint64 TrainingView::imageIdForPath(const QString &relPath) const
{
    if (!m_session || !m_session->isOpen())
        return 0;
    if (m_idByPath.isEmpty()) {
        auto *self = const_cast<TrainingView *>(this); // a cache of the model's ids
        for (const ImageRecord &r : m_session->imageModel()->records())
            self->m_idByPath.insert(r.path, r.id);
    }
    return m_idByPath.value(relPath, 0);
}

std::vector<QColor> TrainingView::colorsFor(const QStringList &classes) const
{
    return classColors(classes, m_session ? m_session->classModel()->colors() : QHash<QString, QColor>{});
}

bool TrainingView::relabelSelection(const QString &className)
{
    const QList<int> sel = m_tsne->selection();
    if (sel.isEmpty() || className.isEmpty() || !m_session || !m_session->isOpen())
        return false;
    QList<qint64> ids;
    QList<int> points;
    for (int i : sel)
        if (const qint64 id = imageIdForPath(m_tsne->pathAt(i)); id > 0) {
            ids.append(id);
            points.append(i);
        }
    if (ids.isEmpty()) {
        showError(tr("The selected points are not images of the open project."));
        return false;
    }
    if (!m_session->assignLabel(ids, className))
        return false;
    for (int i : points)
        m_tsne->setNote(i, tr("Relabelled as “%1” (after this run)").arg(className));
    m_log->appendPlainText(tr("Relabelled %n image(s) as “%1”", nullptr, int(ids.size())).arg(className));
    return true;
}

void TrainingView::updateRelabelControls()
{
    const int n = int(m_tsne->selection().size());
    m_selectionLabel->setText(n > 0 ? tr("%n point(s) selected", nullptr, n) : tr("Lasso points to relabel them"));
    if (m_session) {
        const QString current = m_relabelClass->currentText();
        m_relabelClass->clear();
        for (const ClassRecord &c : m_session->classModel()->classes()) {
            QPixmap swatch(12, 12);
            swatch.fill(QColor(c.color));
            m_relabelClass->addItem(QIcon(swatch), c.name);
        }
        m_relabelClass->setCurrentText(current);
    }
    m_relabel->setEnabled(n > 0 && m_session && m_session->isOpen());
}

// ---------------------------------------------------------------------------------------------
// runs

void TrainingView::refreshRuns()
{
    QList<qint64> ticked;
    qint64 current = 0;
    for (int i = 0; i < m_runs->topLevelItemCount(); ++i) {
        QTreeWidgetItem *it = m_runs->topLevelItem(i);
        if (it->checkState(ColName) == Qt::Checked)
            ticked.append(it->data(ColName, Qt::UserRole).toLongLong());
    }
    if (m_runs->currentItem())
        current = m_runs->currentItem()->data(ColName, Qt::UserRole).toLongLong();
    const QSignalBlocker block(m_runs);
    m_runs->clear();
    if (m_session && m_session->store()) {
        const QLocale locale;
        for (const RunRecord &r : m_session->store()->runs()) {
            auto *it = new QTreeWidgetItem(m_runs);
            it->setText(ColName, r.name);
            it->setData(ColName, Qt::UserRole, r.id);
            it->setData(ColName, Qt::UserRole + 1, r.run_dir);
            it->setCheckState(ColName, ticked.contains(r.id) ? Qt::Checked : Qt::Unchecked);
            const QString status = r.status == QLatin1String("finished") ? tr("finished")
                                   : r.status == QLatin1String("stopped") ? tr("stopped")
                                   : r.status == QLatin1String("running") ? tr("running") : r.status;
            it->setText(ColStatus, status);
            it->setData(ColStatus, Qt::UserRole, r.status); // the store's word, not its translation
            it->setText(ColCreated, locale.toString(QDateTime::fromMSecsSinceEpoch(r.created_ms), QLocale::ShortFormat));
            const int epochsDone = r.metrics.value(QStringLiteral("supcon_epochs")).toInt(r.metrics.value(QStringLiteral("epochs_done")).toInt());
            it->setText(ColEpochs, QStringLiteral("%1 / %2").arg(epochsDone).arg(r.config.value(QStringLiteral("epochs")).toInt()));
            const QJsonObject val = r.metrics.value(QStringLiteral("validation")).toObject();
            it->setText(ColMacroF1, val.contains(QStringLiteral("macro_f1")) ? QString::number(val.value(QStringLiteral("macro_f1")).toDouble(), 'f', 4)
                                                                              : QStringLiteral("–"));
            it->setText(ColBackbone, r.config.value(QStringLiteral("backbone")).toString());
            it->setToolTip(ColName, QDir::toNativeSeparators(r.run_dir));
            if (r.id == current)
                m_runs->setCurrentItem(it);
        }
        if (!m_runs->currentItem() && m_runs->topLevelItemCount() > 0) // the newest run's details
            m_runs->setCurrentItem(m_runs->topLevelItem(m_runs->topLevelItemCount() - 1));
    }
    updateRunDetails();
    updateComparePlot();
}

void TrainingView::setComparedRuns(const QList<qint64> &runIds)
{
    {
        const QSignalBlocker block(m_runs);
        for (int i = 0; i < m_runs->topLevelItemCount(); ++i) {
            QTreeWidgetItem *it = m_runs->topLevelItem(i);
            it->setCheckState(ColName, runIds.contains(it->data(ColName, Qt::UserRole).toLongLong()) ? Qt::Checked : Qt::Unchecked);
        }
    }
    updateComparePlot();
}

void TrainingView::updateRunDetails()
{
    QTreeWidgetItem *it = m_runs->currentItem();
    if (!it || !m_session || !m_session->store()) {
        m_runDetails->clear();
        return;
    }
    const qint64 id = it->data(ColName, Qt::UserRole).toLongLong();
    for (const RunRecord &r : m_session->store()->runs())
        if (r.id == id) {
            m_runDetails->setPlainText(tr("Folder: %1\nStatus: %2\n\nConfiguration:\n%3\nMetrics:\n%4")
                                           .arg(QDir::toNativeSeparators(r.run_dir), r.status,
                                                QString::fromUtf8(QJsonDocument(r.config).toJson(QJsonDocument::Indented)),
                                                QString::fromUtf8(QJsonDocument(r.metrics).toJson(QJsonDocument::Indented))));
            return;
        }
}

void TrainingView::updateComparePlot()
{
    m_comparePlot->clearGraphs();
    const QStringList key = m_compareMetric->currentData().toString().split(QLatin1Char(':'));
    const QString phase = key.value(0), field = key.value(1);
    m_comparePlot->xAxis->setLabel(phase == QLatin1String("head") ? tr("Head epoch") : tr("Epoch"));
    m_comparePlot->yAxis->setLabel(m_compareMetric->currentText());
    int series = 0;
    if (m_session && m_session->store()) {
        for (int i = 0; i < m_runs->topLevelItemCount(); ++i) {
            QTreeWidgetItem *it = m_runs->topLevelItem(i);
            if (it->checkState(ColName) != Qt::Checked)
                continue;
            QCPGraph *g = m_comparePlot->addGraph();
            g->setName(it->text(ColName));
            const QColor color = seriesColor(series++);
            g->setPen(QPen(color, 1.8));
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, 5));
            for (const EpochMetricsRecord &m : m_session->store()->epochMetrics(it->data(ColName, Qt::UserRole).toLongLong())) {
                if (m.phase != phase)
                    continue;
                const double v = field == QLatin1String("val_loss") ? m.val_loss
                                 : field == QLatin1String("train_loss") ? m.train_loss
                                 : field == QLatin1String("lr") ? m.lr
                                 : field == QLatin1String("images_per_s") ? m.images_per_s : m.val_macro_f1;
                if (field == QLatin1String("val_macro_f1") && v < 0)
                    continue;
                g->addData(m.epoch + 1, v);
            }
        }
    }
    refitLegend(m_comparePlot);
    fitEpochPlot(m_comparePlot);
}

} // namespace bb
