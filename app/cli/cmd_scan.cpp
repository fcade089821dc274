#include "cliutil.h"
#include "commands.h"
#include "datasetscanner.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace bb::cli {

void addProjectOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("project"),
                      QStringLiteral("Project store file (default: DATASET/.balancebench/project.sqlite, or under "
                                     "the user's data folder when the dataset is read-only)."),
                      QStringLiteral("FILE")});
}

std::unique_ptr<ProjectStore> openProject(const QCommandLineParser &parser, const QString &dataset)
{
    const QString file = parser.isSet(QStringLiteral("project")) ? parser.value(QStringLiteral("project"))
                                                                 : ProjectStore::defaultPathFor(dataset);
    auto store = ProjectStore::open(file);
    if (!store) {
        printError(store.error());
        return nullptr;
    }
    return store.take();
}

int cmdScan(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("DATASET"), QStringLiteral("Folder-per-class dataset root."));
    addProjectOption(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    parser.addOption({QStringLiteral("max-pixels"), QStringLiteral("Refuse images with more pixels (default 268435456)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Decoder threads (default: all cores)."), QStringLiteral("N")});
    const int rc = parseCommand(parser, args,
                                QStringLiteral("Scans DATASET/<class>/**/<image> into the project store. Every image is "
                                               "decoded and hashed once; unchanged files (size and mtime) are not read "
                                               "again. Unreadable files are listed with a reason and tried again "
                                               "at every scan."),
                                1, 1);
    if (rc >= 0)
        return rc;
    const QString dataset = parser.positionalArguments().first();
    if (!QFileInfo(dataset).isDir()) {
        printError(QStringLiteral("not a dataset folder: %1").arg(dataset));
        return ExitFailure;
    }
    ScanOptions options;
    qint64 threads = 0;
    if (!optionInt(parser, QStringLiteral("max-pixels"), options.decode.max_pixels, 1, qint64(1) << 40)
        || !optionInt(parser, QStringLiteral("threads"), threads, 1, 256))
        return ExitUsage;
    options.threads = int(threads);
    auto store = openProject(parser, dataset);
    if (!store)
        return ExitFailure;
    TerminalJob job(QStringLiteral("scan"));
    auto result = scanDataset(dataset, *store, options, &job.control());
    job.finish();
    if (!result) {
        printError(result.error());
        return job.control().isCancelled() ? ExitInterrupted : ExitFailure;
    }
    const ScanSummary &s = result.value();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray classes, skipped;
        for (const ClassRecord &c : s.classes)
            classes.append(QJsonObject{{QStringLiteral("name"), c.name}, {QStringLiteral("count"), c.count}});
        for (const ImageRecord &r : s.skipped)
            skipped.append(QJsonObject{{QStringLiteral("path"), r.path}, {QStringLiteral("reason"), r.reason}});
        printJson(QJsonDocument(QJsonObject{{QStringLiteral("images"), s.images},
                                            {QStringLiteral("classes"), classes},
                                            {QStringLiteral("skipped"), skipped},
                                            {QStringLiteral("unreadable_folders"), QJsonArray::fromStringList(s.unreadable_folders)},
                                            {QStringLiteral("decoded"), s.decoded},
                                            {QStringLiteral("unchanged"), s.unchanged},
                                            {QStringLiteral("missing"), s.missing},
                                            {QStringLiteral("seconds"), s.seconds},
                                            {QStringLiteral("project"), store->filePath()}}));
        return ExitOk;
    }
    int width = 5;
    for (const ClassRecord &c : s.classes)
        width = std::max(width, int(c.name.size()));
    QString text = QStringLiteral("%1  %2\n").arg(QStringLiteral("Class"), -width).arg(QStringLiteral("Images"), 7);
    for (const ClassRecord &c : s.classes)
        text += QStringLiteral("%1  %2\n").arg(c.name, -width).arg(c.count, 7);
    text += QStringLiteral("%1  %2\n").arg(QStringLiteral("total"), -width).arg(s.images, 7);
    if (!s.skipped.empty()) {
        text += QStringLiteral("\nSkipped %1 file(s):\n").arg(s.skipped.size());
        for (const ImageRecord &r : s.skipped)
            text += QStringLiteral("  %1: %2\n").arg(r.path, r.reason);
    }
    if (!s.unreadable_folders.isEmpty()) {
        text += QStringLiteral("\nCould not read %1 folder(s); their images are not in the scan:\n").arg(s.unreadable_folders.size());
        for (const QString &f : s.unreadable_folders)
            text += QStringLiteral("  %1\n").arg(f);
    }
    text += QStringLiteral("\n%1 read, %2 unchanged, %3 missing in %4 s; project %5")
                .arg(s.decoded)
                .arg(s.unchanged)
                .arg(s.missing)
                .arg(s.seconds, 0, 'f', 2)
                .arg(store->filePath());
    printOut(text);
    return ExitOk;
}

} // namespace bb::cli
