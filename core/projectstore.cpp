#include "projectstore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QVariant>

#include <atomic>

namespace bb {
namespace {

// This file's translation context. lupdate cannot tell the context of a free tr() function;
// it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::ProjectStore)
};

constexpr int kSchemaVersion = 1;

const char *kSchema[] = {
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS classes(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, color TEXT)",
    "CREATE TABLE IF NOT EXISTS images(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER,"
    " mtime_ms INTEGER, hash TEXT, width INTEGER, height INTEGER, format TEXT, status TEXT NOT NULL,"
    " reason TEXT, folder_class TEXT, scanned_ms INTEGER)",
    "CREATE INDEX IF NOT EXISTS images_hash ON images(hash)",
    "CREATE TABLE IF NOT EXISTS labels(image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,"
    " class_id INTEGER REFERENCES classes(id), excluded INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS labels_class ON labels(class_id)",
    "CREATE TABLE IF NOT EXISTS label_history(id INTEGER PRIMARY KEY, image_id INTEGER NOT NULL,"
    " old_class TEXT, new_class TEXT, action TEXT, at_ms INTEGER)",
    "CREATE INDEX IF NOT EXISTS label_history_image ON label_history(image_id)",
    "CREATE TABLE IF NOT EXISTS splits(image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,"
    " split TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS runs(id INTEGER PRIMARY KEY, name TEXT, run_dir TEXT, status TEXT,"
    " created_ms INTEGER, config_json TEXT, metrics_json TEXT)",
    "CREATE TABLE IF NOT EXISTS epoch_metrics(run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " epoch INTEGER NOT NULL, phase TEXT NOT NULL, train_loss REAL, val_loss REAL, lr REAL, images_per_s REAL,"
    " epoch_s REAL, val_macro_f1 REAL, PRIMARY KEY(run_id, epoch, phase))",
};

// A palette of distinguishable colours for new classes (Tableau 10).
const char *kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

QString lastError(const QSqlQuery &q)
{
    return q.lastError().text();
}

// RAII transaction: rolls back unless commit() succeeded.
class Transaction {
public:
    explicit Transaction(QSqlDatabase db) : m_db(std::move(db)) { m_active = m_db.transaction(); }
    ~Transaction()
    {
        if (m_active)
            m_db.rollback();
    }
    bool active() const { return m_active; }
    Status commit()
    {
        if (!m_active)
            return Status::failure(Msg::tr("no transaction"));
        m_active = false;
        if (!m_db.commit())
            return Status::failure(Msg::tr("commit failed: %1").arg(m_db.lastError().text()));
        return Status::success();
    }

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace

ProjectStore::ProjectStore(QString file, QString connection)
    : m_file(std::move(file)), m_connection(std::move(connection))
{
}

ProjectStore::~ProjectStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QString ProjectStore::defaultPathFor(const QString &datasetRoot)
{
    const QFileInfo root(datasetRoot);
    const QString abs = root.absoluteFilePath();
    const QString dir = abs + QStringLiteral("/.balancebench");
    // Probe writability for real: a read-only mount may still report write permission bits.
    if (QDir().mkpath(dir)) {
        QTemporaryFile probe(dir + QStringLiteral("/probe-XXXXXX"));
        if (probe.open())
            return dir + QStringLiteral("/project.sqlite");
    }
    QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (data.isEmpty())
        data = QDir::homePath() + QStringLiteral("/.local/share/balancebench");
    const QString key = QString::fromLatin1(
        QCryptographicHash::hash(abs.toUtf8(), QCryptographicHash::Sha256).toHex().left(16));
    return data + QStringLiteral("/projects/%1-%2.sqlite").arg(root.fileName(), key);
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::open(const QString &file)
{
    using R = Result<std::unique_ptr<ProjectStore>>;
    const QFileInfo fi(file);
    if (!QDir().mkpath(fi.absolutePath()))
        return R::failure(Msg::tr("cannot create folder for the project store: %1").arg(fi.absolutePath()));
    // The store writes a journal beside the file (WAL), so it needs both writable; SQLite's own
    // error for this ("unable to open database file") reads as if the store were broken.
    if (fi.exists() && (!fi.isWritable() || !QFileInfo(fi.absolutePath()).isWritable()))
        return R::failure(Msg::tr("the project store %1 is read-only (it needs write access to the file and its folder); "
                                  "make it writable or use a project file elsewhere")
                              .arg(QDir::toNativeSeparators(fi.absoluteFilePath())));
    if (!fi.exists() && !QFileInfo(fi.absolutePath()).isWritable())
        return R::failure(Msg::tr("cannot create the project store %1: its folder is read-only; "
                                  "use a project file elsewhere (--project FILE)")
                              .arg(QDir::toNativeSeparators(fi.absoluteFilePath())));
    static std::atomic<int> counter{0};
    const QString connection = QStringLiteral("bb-store-%1").arg(counter.fetch_add(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        if (!db.isValid()) {
            QSqlDatabase::removeDatabase(connection);
            return R::failure(Msg::tr("the Qt SQLite driver (libqt6sql6-sqlite) is not available"));
        }
        db.setDatabaseName(fi.absoluteFilePath());
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            const QString err = db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(connection);
            return R::failure(Msg::tr("cannot open project store %1: %2").arg(file, err));
        }
    }
    std::unique_ptr<ProjectStore> store(new ProjectStore(fi.absoluteFilePath(), connection));
    const Status s = store->migrate();
    if (!s)
        return R::failure(Msg::tr("project store %1: %2").arg(file, s.message()));
    return R(std::move(store));
}

Status ProjectStore::exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!q.exec(sql))
        return Status::failure(lastError(q));
    return Status::success();
}

Status ProjectStore::migrate()
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
        return Status::failure(Msg::tr("not a valid project store (%1)").arg(lastError(q)));
    exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return Status::failure(lastError(q));
    const int version = q.value(0).toInt();
    if (version > kSchemaVersion)
        return Status::failure(Msg::tr("created by a newer BalanceBench (schema %1)").arg(version));
    Transaction t(QSqlDatabase::database(m_connection));
    for (const char *sql : kSchema) {
        const Status s = exec(QString::fromLatin1(sql));
        if (!s)
            return s;
    }
    const Status s = exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion));
    if (!s)
        return s;
    return t.commit();
}

QString ProjectStore::meta(const QString &key, const QString &fallback) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key=?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return fallback;
}

Status ProjectStore::setMeta(const QString &key, const QString &value)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return Status::failure(lastError(q));
    return Status::success();
}

namespace {

// Columns of kImageColumns, in order; shared by images() and imagesWithStatus().
const char kImageColumns[] =
    "SELECT i.id, i.path, i.size, i.mtime_ms, i.hash, i.width, i.height, i.format, i.status, i.reason,"
    " i.folder_class, c.name, COALESCE(l.excluded, 0) FROM images i LEFT JOIN labels l ON l.image_id = i.id"
    " LEFT JOIN classes c ON c.id = l.class_id";

std::vector<ImageRecord> readImageRows(QSqlQuery &q)
{
    std::vector<ImageRecord> out;
    while (q.next()) {
        ImageRecord r;
        r.id = q.value(0).toLongLong();
        r.path = q.value(1).toString();
        r.size = q.value(2).toLongLong();
        r.mtime_ms = q.value(3).toLongLong();
        r.hash = q.value(4).toString();
        r.width = q.value(5).toInt();
        r.height = q.value(6).toInt();
        r.format = q.value(7).toString();
        r.status = q.value(8).toString();
        r.reason = q.value(9).toString();
        r.folder_class = q.value(10).toString();
        r.label = q.value(11).toString();
        r.excluded = q.value(12).toInt() != 0;
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace

std::vector<ImageRecord> ProjectStore::images() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.exec(QString::fromLatin1(kImageColumns) + QStringLiteral(" ORDER BY i.path"));
    return readImageRows(q);
}

std::vector<ImageRecord> ProjectStore::imagesWithStatus(const QString &status) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.prepare(QString::fromLatin1(kImageColumns) + QStringLiteral(" WHERE i.status=? ORDER BY i.path"));
    q.addBindValue(status);
    q.exec();
    return readImageRows(q);
}

int ProjectStore::countWithStatus(const QString &status) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM images WHERE status=?"));
    q.addBindValue(status);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

QHash<QString, ProjectStore::FileState> ProjectStore::fileStates() const
{
    QHash<QString, FileState> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT path, size, mtime_ms, folder_class, status FROM images"));
    while (q.next())
        out.insert(q.value(0).toString(),
                   {q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toString(), q.value(4).toString()});
    return out;
}

Result<qint64> ProjectStore::ensureClass(const QString &name)
{
    if (name.trimmed().isEmpty())
        return Result<qint64>::failure(Msg::tr("a class name cannot be empty"));
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT id FROM classes WHERE name=?"));
    q.addBindValue(name);
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    QSqlQuery count(QSqlDatabase::database(m_connection));
    count.exec(QStringLiteral("SELECT COUNT(*) FROM classes"));
    const int n = count.next() ? count.value(0).toInt() : 0;
    q.prepare(QStringLiteral("INSERT INTO classes(name, color) VALUES(?, ?)"));
    q.addBindValue(name);
    q.addBindValue(QString::fromLatin1(kPalette[n % 10]));
    if (!q.exec())
        return Result<qint64>::failure(lastError(q));
    return q.lastInsertId().toLongLong();
}

Status ProjectStore::upsertImages(std::vector<ImageRecord> &records)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(db);
    QHash<QString, qint64> classIds;
    // Two statements per image: an upsert that returns the row id, and a label insert that
    // leaves an existing (possibly user-edited) label alone.
    QSqlQuery up(db), lab(db);
    up.prepare(QStringLiteral(
        "INSERT INTO images(path, size, mtime_ms, hash, width, height, format, status, reason, folder_class, scanned_ms)"
        " VALUES(?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(path) DO UPDATE SET size=excluded.size,"
        " mtime_ms=excluded.mtime_ms, hash=excluded.hash, width=excluded.width, height=excluded.height,"
        " format=excluded.format, status=excluded.status, reason=excluded.reason, folder_class=excluded.folder_class,"
        " scanned_ms=excluded.scanned_ms RETURNING id"));
    lab.prepare(QStringLiteral("INSERT OR IGNORE INTO labels(image_id, class_id, excluded) VALUES(?, ?, 0)"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (ImageRecord &r : records) {
        for (const QVariant &v : {QVariant(r.path), QVariant(r.size), QVariant(r.mtime_ms), QVariant(r.hash),
                                  QVariant(r.width), QVariant(r.height), QVariant(r.format), QVariant(r.status),
                                  QVariant(r.reason), QVariant(r.folder_class), QVariant(now)})
            up.addBindValue(v);
        if (!up.exec() || !up.next())
            return Status::failure(lastError(up));
        r.id = up.value(0).toLongLong();
        up.finish();
        if (r.status != QLatin1String("ok"))
            continue;
        auto it = classIds.find(r.folder_class);
        if (it == classIds.end()) {
            auto cid = ensureClass(r.folder_class);
            if (!cid)
                return cid.status();
            it = classIds.insert(r.folder_class, cid.value());
        }
        lab.addBindValue(r.id);
        lab.addBindValue(*it);
        if (!lab.exec())
            return Status::failure(lastError(lab));
    }
    return t.commit();
}

Status ProjectStore::markMissing(const QStringList &paths)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(db);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE images SET status='missing', reason=? WHERE path=?"));
    for (const QString &p : paths) {
        q.addBindValue(Msg::tr("file no longer exists"));
        q.addBindValue(p);
        if (!q.exec())
            return Status::failure(lastError(q));
    }
    return t.commit();
}

std::vector<ClassRecord> ProjectStore::classes() const
{
    std::vector<ClassRecord> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.exec(QStringLiteral(
        "SELECT c.id, c.name, c.color, COALESCE(n.cnt, 0) FROM classes c LEFT JOIN"
        " (SELECT l.class_id AS cid, COUNT(*) AS cnt FROM labels l JOIN images i ON i.id = l.image_id"
        "  WHERE l.excluded = 0 AND i.status = 'ok' GROUP BY l.class_id) n ON n.cid = c.id ORDER BY c.name"));
    while (q.next()) {
        ClassRecord c;
        c.id = q.value(0).toLongLong();
        c.name = q.value(1).toString();
        c.color = q.value(2).toString();
        c.count = q.value(3).toInt();
        out.push_back(c);
    }
    return out;
}

Status ProjectStore::renameClass(const QString &from, const QString &to)
{
    if (to.trimmed().isEmpty())
        return Status::failure(Msg::tr("a class name cannot be empty"));
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(db);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM classes WHERE name=?"));
    q.addBindValue(to);
    if (q.exec() && q.next())
        return Status::failure(Msg::tr("a class named '%1' already exists").arg(to));
    q.prepare(QStringLiteral("UPDATE classes SET name=? WHERE name=?"));
    q.addBindValue(to);
    q.addBindValue(from);
    if (!q.exec())
        return Status::failure(lastError(q));
    if (q.numRowsAffected() != 1)
        return Status::failure(Msg::tr("no class named '%1'").arg(from));
    q.prepare(QStringLiteral("INSERT INTO label_history(image_id, old_class, new_class, action, at_ms)"
                             " SELECT l.image_id, ?, ?, 'rename-class', ? FROM labels l JOIN classes c ON c.id=l.class_id WHERE c.name=?"));
    q.addBindValue(from);
    q.addBindValue(to);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(to);
    if (!q.exec())
        return Status::failure(lastError(q));
    return t.commit();
}

Status ProjectStore::mergeClass(const QString &from, const QString &into)
{
    if (from == into)
        return Status::failure(Msg::tr("cannot merge a class into itself"));
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(db);
    auto intoId = ensureClass(into);
    if (!intoId)
        return intoId.status();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id FROM classes WHERE name=?"));
    q.addBindValue(from);
    if (!q.exec() || !q.next())
        return Status::failure(Msg::tr("no class named '%1'").arg(from));
    const qint64 fromId = q.value(0).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("INSERT INTO label_history(image_id, old_class, new_class, action, at_ms)"
                             " SELECT image_id, ?, ?, 'merge-class', ? FROM labels WHERE class_id=?"));
    q.addBindValue(from);
    q.addBindValue(into);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(fromId);
    if (!q.exec())
        return Status::failure(lastError(q));
    q.prepare(QStringLiteral("UPDATE labels SET class_id=? WHERE class_id=?"));
    q.addBindValue(intoId.value());
    q.addBindValue(fromId);
    if (!q.exec())
        return Status::failure(lastError(q));
    q.prepare(QStringLiteral("DELETE FROM classes WHERE id=?"));
    q.addBindValue(fromId);
    if (!q.exec())
        return Status::failure(lastError(q));
    return t.commit();
}

Status ProjectStore::deleteClass(const QString &name)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(db);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM labels l JOIN classes c ON c.id=l.class_id WHERE c.name=?"));
    q.addBindValue(name);
    if (!q.exec() || !q.next())
        return Status::failure(lastError(q));
    if (q.value(0).toInt() > 0)
        return Status::failure(Msg::tr("class '%1' still has images (%2); relabel or merge them first").arg(name).arg(q.value(0).toInt()));
    q.finish();
    q.prepare(QStringLiteral("DELETE FROM classes WHERE name=?"));
    q.addBindValue(name);
    if (!q.exec())
        return Status::failure(lastError(q));
    if (q.numRowsAffected() != 1)
        return Status::failure(Msg::tr("no class named '%1'").arg(name));
    return t.commit();
}

Status ProjectStore::setLabels(const std::vector<qint64> &imageIds, const QString &className, const QString &action)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(db);
    auto cid = ensureClass(className);
    if (!cid)
        return cid.status();
    QSqlQuery old(db), hist(db), up(db);
    old.prepare(QStringLiteral("SELECT c.name FROM labels l LEFT JOIN classes c ON c.id=l.class_id WHERE l.image_id=?"));
    hist.prepare(QStringLiteral("INSERT INTO label_history(image_id, old_class, new_class, action, at_ms) VALUES(?,?,?,?,?)"));
    up.prepare(QStringLiteral("INSERT INTO labels(image_id, class_id, excluded) VALUES(?, ?, 0)"
                              " ON CONFLICT(image_id) DO UPDATE SET class_id=excluded.class_id"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (qint64 id : imageIds) {
        old.addBindValue(id);
        if (!old.exec())
            return Status::failure(lastError(old));
        const QString previous = old.next() ? old.value(0).toString() : QString();
        old.finish();
        for (const QVariant &v : {QVariant(id), QVariant(previous), QVariant(className), QVariant(action), QVariant(now)})
            hist.addBindValue(v);
        if (!hist.exec())
            return Status::failure(lastError(hist));
        up.addBindValue(id);
        up.addBindValue(cid.value());
        if (!up.exec())
            return Status::failure(lastError(up));
    }
    return t.commit();
}

Status ProjectStore::setExcluded(const std::vector<qint64> &imageIds, bool excluded)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(db);
    QSqlQuery q(db), hist(db);
    q.prepare(QStringLiteral("UPDATE labels SET excluded=? WHERE image_id=?"));
    hist.prepare(QStringLiteral("INSERT INTO label_history(image_id, old_class, new_class, action, at_ms) VALUES(?, NULL, NULL, ?, ?)"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (qint64 id : imageIds) {
        q.addBindValue(excluded ? 1 : 0);
        q.addBindValue(id);
        if (!q.exec())
            return Status::failure(lastError(q));
        hist.addBindValue(id);
        hist.addBindValue(excluded ? QStringLiteral("exclude") : QStringLiteral("include"));
        hist.addBindValue(now);
        if (!hist.exec())
            return Status::failure(lastError(hist));
    }
    return t.commit();
}

std::vector<LabelHistoryEntry> ProjectStore::labelHistory(qint64 imageId) const
{
    std::vector<LabelHistoryEntry> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT old_class, new_class, action, at_ms FROM label_history WHERE image_id=? ORDER BY id"));
    q.addBindValue(imageId);
    q.exec();
    while (q.next())
        out.push_back({imageId, q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong()});
    return out;
}

Status ProjectStore::saveSplit(const QHash<qint64, QString> &split, quint64 seed)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(db);
    Status s = exec(QStringLiteral("DELETE FROM splits"));
    if (!s)
        return s;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO splits(image_id, split) VALUES(?, ?)"));
    for (auto it = split.cbegin(); it != split.cend(); ++it) {
        q.addBindValue(it.key());
        q.addBindValue(it.value());
        if (!q.exec())
            return Status::failure(lastError(q));
    }
    s = setMeta(QStringLiteral("split_seed"), QString::number(seed));
    if (!s)
        return s;
    return t.commit();
}

QHash<qint64, QString> ProjectStore::split() const
{
    QHash<qint64, QString> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.exec(QStringLiteral("SELECT image_id, split FROM splits"));
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toString());
    return out;
}

Result<qint64> ProjectStore::createRun(const QString &name, const QString &runDir, const QJsonObject &config)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO runs(name, run_dir, status, created_ms, config_json, metrics_json) VALUES(?,?,?,?,?,?)"));
    q.addBindValue(name);
    q.addBindValue(runDir);
    q.addBindValue(QStringLiteral("running"));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact)));
    q.addBindValue(QStringLiteral("{}"));
    if (!q.exec())
        return Result<qint64>::failure(lastError(q));
    return q.lastInsertId().toLongLong();
}

Status ProjectStore::addEpochMetrics(qint64 runId, const EpochMetricsRecord &m)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO epoch_metrics(run_id, epoch, phase, train_loss, val_loss, lr,"
                             " images_per_s, epoch_s, val_macro_f1) VALUES(?,?,?,?,?,?,?,?,?)"));
    for (const QVariant &v : {QVariant(runId), QVariant(m.epoch), QVariant(m.phase), QVariant(m.train_loss),
                              QVariant(m.val_loss), QVariant(m.lr), QVariant(m.images_per_s), QVariant(m.epoch_s),
                              QVariant(m.val_macro_f1)})
        q.addBindValue(v);
    if (!q.exec())
        return Status::failure(lastError(q));
    return Status::success();
}

Status ProjectStore::finishRun(qint64 runId, const QString &status, const QJsonObject &metrics)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE runs SET status=?, metrics_json=? WHERE id=?"));
    q.addBindValue(status);
    q.addBindValue(QString::fromUtf8(QJsonDocument(metrics).toJson(QJsonDocument::Compact)));
    q.addBindValue(runId);
    if (!q.exec())
        return Status::failure(lastError(q));
    return Status::success();
}

Status ProjectStore::setRunConfig(qint64 runId, const QJsonObject &config)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE runs SET config_json=? WHERE id=?"));
    q.addBindValue(QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact)));
    q.addBindValue(runId);
    if (!q.exec())
        return Status::failure(lastError(q));
    return Status::success();
}

Status ProjectStore::replaceEpochMetrics(qint64 runId, const QString &phase, const std::vector<EpochMetricsRecord> &rows)
{
    Transaction t(QSqlDatabase::database(m_connection));
    if (const Status s = clearEpochMetrics(runId, phase); !s)
        return s;
    for (const EpochMetricsRecord &m : rows)
        if (const Status s = addEpochMetrics(runId, m); !s)
            return s;
    return t.commit();
}

Status ProjectStore::clearEpochMetrics(qint64 runId, const QString &phase)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("DELETE FROM epoch_metrics WHERE run_id=? AND phase=?"));
    q.addBindValue(runId);
    q.addBindValue(phase);
    if (!q.exec())
        return Status::failure(lastError(q));
    return Status::success();
}

std::vector<RunRecord> ProjectStore::runs() const
{
    std::vector<RunRecord> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.exec(QStringLiteral("SELECT id, name, run_dir, status, created_ms, config_json, metrics_json FROM runs ORDER BY id"));
    while (q.next()) {
        RunRecord r;
        r.id = q.value(0).toLongLong();
        r.name = q.value(1).toString();
        r.run_dir = q.value(2).toString();
        r.status = q.value(3).toString();
        r.created_ms = q.value(4).toLongLong();
        r.config = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
        r.metrics = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<EpochMetricsRecord> ProjectStore::epochMetrics(qint64 runId) const
{
    std::vector<EpochMetricsRecord> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT epoch, phase, train_loss, val_loss, lr, images_per_s, epoch_s, val_macro_f1"
                             " FROM epoch_metrics WHERE run_id=? ORDER BY phase DESC, epoch"));
    q.addBindValue(runId);
    q.exec();
    while (q.next()) {
        EpochMetricsRecord m;
        m.epoch = q.value(0).toInt();
        m.phase = q.value(1).toString();
        m.train_loss = q.value(2).toDouble();
        m.val_loss = q.value(3).toDouble();
        m.lr = q.value(4).toDouble();
        m.images_per_s = q.value(5).toDouble();
        m.epoch_s = q.value(6).toDouble();
        m.val_macro_f1 = q.value(7).toDouble();
        out.push_back(m);
    }
    return out;
}

} // namespace bb
