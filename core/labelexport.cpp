#include "labelexport.h"

#include "csv.h"
#include "savefile.h"
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

namespace bb {
namespace {

// This file's translation context. lupdate cannot tell the context of a free tr() function;
// it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::LabelExport)
};


// Class names come from folder names or the user; keep them usable as one path component.
QString safeComponent(const QString &name)
{
    QString s = name;
    s.replace(QLatin1Char('/'), QLatin1Char('_'));
    s.replace(QLatin1Char('\\'), QLatin1Char('_'));
    if (s == QLatin1String(".") || s == QLatin1String(".."))
        s = QStringLiteral("_");
    return s;
}

} // namespace

std::vector<ImageRecord> exportableImages(const std::vector<ImageRecord> &images, bool includeExcluded)
{
    std::vector<ImageRecord> out;
    for (const ImageRecord &r : images) {
        if (r.status != QLatin1String("ok") || r.label.isEmpty())
            continue;
        if (r.excluded && !includeExcluded)
            continue;
        out.push_back(r);
    }
    return out;
}

Status writeLabelsCsv(const std::vector<ImageRecord> &images, const QString &csvPath)
{
    QString text = QStringLiteral("path,label,folder_class,excluded,status,reason,sha256,width,height\n");
    for (const ImageRecord &r : images) {
        text += QStringList{csvField(r.path), csvField(r.label), csvField(r.folder_class),
                            r.excluded ? QStringLiteral("1") : QStringLiteral("0"), csvField(r.status),
                            csvField(r.reason), r.hash, QString::number(r.width), QString::number(r.height)}
                    .join(QLatin1Char(','));
        text += QLatin1Char('\n');
    }
    if (const QString why = writeFileAtomically(csvPath, text.toUtf8()); !why.isEmpty())
        return Status::failure(Msg::tr("cannot write %1: %2").arg(csvPath, why));
    return Status::success();
}

Result<LabelExportSummary> exportLabelFolders(const std::vector<ImageRecord> &images, const QString &datasetRoot,
                                              const QString &outDir, const LabelExportOptions &options,
                                              JobControl *control)
{
    using R = Result<LabelExportSummary>;
    const QFileInfo outInfo(outDir);
    if (outInfo.exists() && (!outInfo.isDir() || !QDir(outDir).isEmpty()))
        return R::failure(Msg::tr("%1 exists and is not an empty folder").arg(outDir));
    const QString rootAbs = QFileInfo(datasetRoot).absoluteFilePath();
    const QString outAbs = outInfo.absoluteFilePath();
    if (outAbs == rootAbs || outAbs.startsWith(rootAbs + QLatin1Char('/')))
        return R::failure(Msg::tr("the export folder must be outside the dataset folder"));
    if (!QDir().mkpath(outAbs))
        return R::failure(Msg::tr("cannot create %1").arg(outAbs));

    const std::vector<ImageRecord> todo = exportableImages(images, options.include_excluded);
    LabelExportSummary summary;
    summary.out_dir = outAbs;
    QHash<QString, QSet<QString>> taken; // class folder -> file names used
    const qint64 total = qint64(todo.size());
    for (qint64 i = 0; i < total; ++i) {
        if (control && (control->isCancelled() || !control->waitWhilePaused()))
            return R::failure(Msg::tr("cancelled after %1 of %2 files").arg(i).arg(total));
        const ImageRecord &r = todo[size_t(i)];
        const QString cls = safeComponent(r.label);
        const QString dir = outAbs + QLatin1Char('/') + cls;
        if (!taken.contains(cls) && !QDir().mkpath(dir))
            return R::failure(Msg::tr("cannot create %1").arg(dir));
        QSet<QString> &used = taken[cls];
        const QFileInfo src(r.path);
        QString name = src.fileName();
        for (int n = 2; used.contains(name); ++n)
            name = src.completeBaseName() + QStringLiteral("_%1").arg(n)
                   + (src.suffix().isEmpty() ? QString() : QLatin1Char('.') + src.suffix());
        used.insert(name);
        const QString from = rootAbs + QLatin1Char('/') + r.path;
        const QString to = dir + QLatin1Char('/') + name;
        const bool ok = options.mode == LabelExportMode::Copy ? QFile::copy(from, to) : QFile::link(from, to);
        if (ok)
            ++summary.written;
        else
            summary.errors.append((options.mode == LabelExportMode::Copy ? Msg::tr("%1: cannot copy")
                                                                         : Msg::tr("%1: cannot link"))
                                      .arg(r.path));
        if (control)
            control->report(i + 1, total);
    }
    summary.classes = int(taken.size());
    const Status csv = writeLabelsCsv(todo, outAbs + QStringLiteral("/labels.csv"));
    if (!csv)
        return R::failure(csv.message());
    if (control)
        control->report(total, total, QString(), true);
    return summary;
}

} // namespace bb
