#include "projectsession.h"

#include "classlistmodel.h"
#include "imagelistmodel.h"
#include "labelcommands.h"
#include "logging.h"
#include "projectstore.h"
#include "scanworker.h"
#include "thumbnailcache.h"

#include <QDir>
#include <QFileInfo>

namespace bb {

void registerUiMetaTypes()
{
    qRegisterMetaType<BbImageRecords>("BbImageRecords");
    qRegisterMetaType<BbSplitMap>("BbSplitMap");
    qRegisterMetaType<BbClassRecords>("BbClassRecords");
    qRegisterMetaType<std::shared_ptr<bb::JobControl>>("std::shared_ptr<bb::JobControl>");
}

ProjectSession::ProjectSession(QObject *parent)
    : QObject(parent),
      m_images(new ImageListModel(this)),
      m_classes(new ClassListModel(this)),
      m_undo(new QUndoStack(this)),
      m_thumbs(new ThumbnailCache(this)),
      m_worker(new ScanWorker)
{
    registerUiMetaTypes();
    m_images->setThumbnailCache(m_thumbs);
    m_worker->moveToThread(&m_scanThread);
    connect(&m_scanThread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_scanThread.setObjectName(QStringLiteral("bb-scan"));
    m_scanThread.start(QThread::LowPriority);

    connect(this, &ProjectSession::startScanRequested, m_worker, &ScanWorker::run, Qt::QueuedConnection);
    connect(m_worker, &ScanWorker::recordsArrived, this, [this](const BbImageRecords &records, quint64 gen) {
        if (gen != m_generation || !m_store)
            return;
        m_images->addOrUpdate(records);
    });
    // During a scan the counts come from the worker's own connection: counting 20 000 labels
    // takes too long for the GUI thread.
    connect(m_worker, &ScanWorker::classesArrived, this, [this](const BbClassRecords &classes, quint64 gen) {
        if (gen != m_generation || !m_store)
            return;
        m_classes->setClasses(classes);
        m_images->setClassColors(m_classes->colors());
        Q_EMIT classesChanged();
    });
    connect(m_worker, &ScanWorker::splitLoaded, this, [this](const BbSplitMap &split, quint64 gen) {
        if (gen == m_generation && m_store)
            m_images->setSplit(split);
    });
    connect(m_worker, &ScanWorker::progress, this, [this](qint64 done, qint64 total, double rate, quint64 gen) {
        if (gen == m_generation)
            Q_EMIT scanProgress(done, total, rate);
    });
    connect(m_worker, &ScanWorker::finished, this, &ProjectSession::onScanFinished);
    connect(m_classes, &ClassListModel::imagesDropped, this,
            [this](const QList<qint64> &ids, const QString &cls) { assignLabel(ids, cls); });

    m_classRefresh.setSingleShot(true);
    m_classRefresh.setInterval(250);
    connect(&m_classRefresh, &QTimer::timeout, this, [this] { refreshClasses(false); });
}

ProjectSession::~ProjectSession()
{
    if (m_scanControl)
        m_scanControl->cancel();
    m_scanThread.quit();
    m_scanThread.wait();
    m_undo->clear(); // commands reference this session
}

QString ProjectSession::projectFile() const
{
    return m_store ? m_store->filePath() : QString();
}

Status ProjectSession::openDataset(const QString &datasetRoot)
{
    const QFileInfo fi(datasetRoot);
    if (!fi.isDir())
        return Status::failure(tr("%1 is not a folder").arg(datasetRoot));
    return open(fi.canonicalFilePath(), ProjectStore::defaultPathFor(fi.canonicalFilePath()));
}

Status ProjectSession::openProjectFile(const QString &file)
{
    if (!QFileInfo(file).isFile())
        return Status::failure(tr("%1 does not exist").arg(file));
    auto probe = ProjectStore::open(file);
    if (!probe)
        return probe.status();
    QString root = probe.value()->meta(QStringLiteral("dataset_root"));
    probe = Result<std::unique_ptr<ProjectStore>>::failure(QString()); // close before reopening
    if (root.isEmpty()) {
        // <dataset>/.balancebench/project.sqlite: the dataset is two levels up.
        const QDir dir = QFileInfo(file).absoluteDir();
        if (dir.dirName() == QLatin1String(".balancebench"))
            root = QFileInfo(dir.absolutePath()).absolutePath();
    }
    if (root.isEmpty() || !QFileInfo(root).isDir())
        return Status::failure(tr("the dataset folder of project %1 cannot be found (%2)").arg(file, root));
    return open(root, file);
}

Status ProjectSession::open(const QString &datasetRoot, const QString &projectFile)
{
    close();
    auto opened = ProjectStore::open(projectFile);
    if (!opened)
        return opened.status();
    m_store = opened.take();
    m_root = QFileInfo(datasetRoot).absoluteFilePath();
    m_images->setDatasetRoot(m_root);
    logger()->info("opened project {} for {}", toStd(m_store->filePath()), toStd(m_root));
    // Classes and images arrive from the scan worker (reading them here would block on big projects).
    Q_EMIT projectOpened();
    rescan();
    return Status::success();
}

void ProjectSession::close()
{
    if (!m_store)
        return;
    cancelScan();
    m_rescanQueued = false;
    ++m_generation; // batches still on their way belong to the closed project
    m_undo->clear();
    m_thumbs->clear();
    m_images->clear();
    m_classes->setClasses({});
    m_store.reset();
    m_root.clear();
    Q_EMIT projectClosed();
}

void ProjectSession::rescan()
{
    if (!m_store)
        return;
    if (m_scanning) {
        // Restart once the running scan has stopped (its batches are committed).
        m_rescanQueued = true;
        m_scanControl->cancel();
        return;
    }
    m_scanning = true;
    m_scanControl = std::make_shared<JobControl>();
    Q_EMIT scanStarted();
    Q_EMIT startScanRequested(m_root, m_store->filePath(), m_scanControl, ++m_generation);
}

void ProjectSession::cancelScan()
{
    if (m_scanControl)
        m_scanControl->cancel();
}

void ProjectSession::onScanFinished(bool ok, const QString &message, int decoded, int unchanged, int missing,
                                    double seconds, quint64 generation)
{
    m_scanning = false;
    if (!m_store)
        return; // closed while the worker was finishing
    if (generation != m_generation && !m_rescanQueued)
        return;
    if (m_rescanQueued) {
        m_rescanQueued = false;
        rescan();
        return;
    }
    QString text = message;
    if (ok) {
        text = tr("Scan finished in %1 s: %2 read, %3 unchanged, %4 missing")
                   .arg(seconds, 0, 'f', 1).arg(decoded).arg(unchanged).arg(missing);
        if (!message.isEmpty()) // the worker's note on folders it could not read
            text += QLatin1Char(' ') + message;
    }
    Q_EMIT scanFinished(ok, text);
}

void ProjectSession::refreshClasses(bool soon)
{
    if (soon) {
        if (!m_classRefresh.isActive())
            m_classRefresh.start();
        return;
    }
    m_classRefresh.stop();
    if (!m_store)
        return;
    m_classes->setClasses(m_store->classes());
    m_images->setClassColors(m_classes->colors());
    Q_EMIT classesChanged();
}

void ProjectSession::refreshSplit()
{
    if (m_store)
        m_images->setSplit(m_store->split());
}

void ProjectSession::reportError(const QString &message)
{
    logger()->warn("{}", toStd(message));
    Q_EMIT errorOccurred(message);
}

// --- user actions ---

bool ProjectSession::assignLabel(const QList<qint64> &ids, const QString &className)
{
    if (!m_store || ids.isEmpty())
        return false;
    if (className.trimmed().isEmpty()) {
        reportError(tr("A class name cannot be empty."));
        return false;
    }
    QList<qint64> changing;
    for (qint64 id : ids) {
        const ImageRecord *r = m_images->recordById(id);
        if (r && r->status == QLatin1String("ok") && r->label != className)
            changing.append(id);
    }
    if (changing.isEmpty())
        return true; // already labelled so: nothing to undo
    auto *cmd = new SetLabelsCommand(this, changing, className);
    m_undo->push(cmd);
    return m_undo->index() > 0 && m_undo->command(m_undo->index() - 1) == cmd;
}

bool ProjectSession::setExcluded(const QList<qint64> &ids, bool excluded)
{
    if (!m_store)
        return false;
    QList<qint64> changing;
    for (qint64 id : ids) {
        const ImageRecord *r = m_images->recordById(id);
        if (r && r->status == QLatin1String("ok") && r->excluded != excluded)
            changing.append(id);
    }
    if (changing.isEmpty())
        return true;
    auto *cmd = new SetExcludedCommand(this, changing, excluded);
    m_undo->push(cmd);
    return m_undo->index() > 0 && m_undo->command(m_undo->index() - 1) == cmd;
}

bool ProjectSession::createClass(const QString &name)
{
    const QString n = name.trimmed();
    if (!m_store || n.isEmpty() || n.contains(QLatin1Char('/'))) {
        reportError(tr("“%1” is not a valid class name.").arg(name));
        return false;
    }
    if (m_classes->contains(n)) {
        reportError(tr("A class named “%1” already exists.").arg(n));
        return false;
    }
    auto *cmd = new CreateClassCommand(this, n);
    m_undo->push(cmd);
    return m_undo->index() > 0 && m_undo->command(m_undo->index() - 1) == cmd;
}

bool ProjectSession::renameClass(const QString &from, const QString &to)
{
    const QString n = to.trimmed();
    if (!m_store || !m_classes->contains(from))
        return false;
    if (n.isEmpty() || n.contains(QLatin1Char('/'))) {
        reportError(tr("“%1” is not a valid class name.").arg(to));
        return false;
    }
    if (n == from)
        return true;
    if (m_classes->contains(n)) {
        reportError(tr("A class named “%1” already exists; use Merge to combine classes.").arg(n));
        return false;
    }
    auto *cmd = new RenameClassCommand(this, from, n);
    m_undo->push(cmd);
    return m_undo->index() > 0 && m_undo->command(m_undo->index() - 1) == cmd;
}

bool ProjectSession::mergeClass(const QString &from, const QString &into)
{
    if (!m_store || !m_classes->contains(from) || !m_classes->contains(into) || from == into) {
        reportError(tr("Choose two different existing classes to merge."));
        return false;
    }
    auto *cmd = new MergeClassCommand(this, from, into, m_images->idsWithLabel(from));
    m_undo->push(cmd);
    return m_undo->index() > 0 && m_undo->command(m_undo->index() - 1) == cmd;
}

bool ProjectSession::deleteClass(const QString &name)
{
    if (!m_store || !m_classes->contains(name))
        return false;
    if (!m_images->idsWithLabel(name).isEmpty()) {
        reportError(tr("Class “%1” still has images; merge it into another class or relabel them first.").arg(name));
        return false;
    }
    auto *cmd = new DeleteClassCommand(this, name);
    m_undo->push(cmd);
    return m_undo->index() > 0 && m_undo->command(m_undo->index() - 1) == cmd;
}

// --- store operations ---

Status ProjectSession::commitLabels(const QHash<qint64, QString> &labelById, const QString &action)
{
    if (!m_store)
        return Status::failure(tr("no project is open"));
    // setLabels takes one class per call; group so most actions are a single transaction.
    QHash<QString, std::vector<qint64>> byClass;
    for (auto it = labelById.cbegin(); it != labelById.cend(); ++it)
        byClass[it.value()].push_back(it.key());
    for (auto it = byClass.cbegin(); it != byClass.cend(); ++it) {
        const Status s = m_store->setLabels(it.value(), it.key(), action);
        if (!s)
            return s;
        QHash<qint64, QString> done;
        for (qint64 id : it.value())
            done.insert(id, it.key());
        m_images->applyLabels(done);
    }
    refreshClasses(false);
    Q_EMIT labelsChanged();
    return Status::success();
}

Status ProjectSession::commitExcluded(const QList<qint64> &ids, bool excluded)
{
    if (!m_store)
        return Status::failure(tr("no project is open"));
    const Status s = m_store->setExcluded(std::vector<qint64>(ids.begin(), ids.end()), excluded);
    if (!s)
        return s;
    m_images->applyExcluded(ids, excluded);
    refreshClasses(false);
    Q_EMIT labelsChanged();
    return s;
}

Status ProjectSession::commitEnsureClass(const QString &name)
{
    if (!m_store)
        return Status::failure(tr("no project is open"));
    auto id = m_store->ensureClass(name);
    if (!id)
        return id.status();
    refreshClasses(false);
    return Status::success();
}

Status ProjectSession::commitRenameClass(const QString &from, const QString &to)
{
    if (!m_store)
        return Status::failure(tr("no project is open"));
    const Status s = m_store->renameClass(from, to);
    if (!s)
        return s;
    m_images->renameLabel(from, to);
    refreshClasses(false);
    Q_EMIT labelsChanged();
    return s;
}

Status ProjectSession::commitMergeClass(const QString &from, const QString &into)
{
    if (!m_store)
        return Status::failure(tr("no project is open"));
    const QList<qint64> ids = m_images->idsWithLabel(from);
    const Status s = m_store->mergeClass(from, into);
    if (!s)
        return s;
    QHash<qint64, QString> labels;
    for (qint64 id : ids)
        labels.insert(id, into);
    m_images->applyLabels(labels);
    refreshClasses(false);
    Q_EMIT labelsChanged();
    return s;
}

Status ProjectSession::commitDeleteClass(const QString &name)
{
    if (!m_store)
        return Status::failure(tr("no project is open"));
    const Status s = m_store->deleteClass(name);
    if (s)
        refreshClasses(false);
    return s;
}

} // namespace bb
