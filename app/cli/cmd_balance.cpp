#include "balancer.h"
#include "cliutil.h"
#include "commands.h"
#include "datasetscanner.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace bb::cli {

void addProjectOption(QCommandLineParser &parser);
std::unique_ptr<ProjectStore> openProject(const QCommandLineParser &parser, const QString &dataset);

QString planTable(const BalancePlan &plan)
{
    int width = 5;
    for (const ClassPlan &c : plan.classes)
        width = std::max(width, int(c.name.size()));
    QString text = QStringLiteral("%1  %2  %3\n")
                       .arg(QStringLiteral("Class"), -width)
                       .arg(QStringLiteral("Original → Final"), 18)
                       .arg(QStringLiteral("Action   Val"));
    for (const ClassPlan &c : plan.classes) {
        QString action = c.action();
        if (c.final > c.original && c.original > 0)
            action += QStringLiteral(" ×%1").arg(double(c.final) / c.original, 0, 'f', 2);
        text += QStringLiteral("%1  %2 → %3  %4 %5\n")
                    .arg(c.name, -width)
                    .arg(c.original, 8)
                    .arg(c.final, -7)
                    .arg(action, -18)
                    .arg(c.val);
    }
    return text;
}

int cmdBalance(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("DATASET"), QStringLiteral("Folder-per-class dataset root."));
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output folder (train/, val/, manifest.csv)."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("target"), QStringLiteral("Images per class in the training split (default 800)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("class-target"), QStringLiteral("Per-class target, repeatable."), QStringLiteral("CLASS=N")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Output images are SIZE x SIZE (default 256)."), QStringLiteral("SIZE")});
    parser.addOption({QStringLiteral("val"), QStringLiteral("Validation fraction (default 0.2)."), QStringLiteral("F")});
    parser.addOption({QStringLiteral("test"), QStringLiteral("Test fraction (default 0)."), QStringLiteral("F")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Seed of the split and the augmentation (default 42)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Worker threads (default: all cores)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("png-compression"), QStringLiteral("zlib level of the PNGs, 0-9 (default 1)."), QStringLiteral("L")});
    parser.addOption({QStringLiteral("force"), QStringLiteral("Replace a non-empty output folder.")});
    parser.addOption({QStringLiteral("dry-run"), QStringLiteral("Print the plan; write nothing.")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    addProjectOption(parser);
    const int rc = parseCommand(parser, args,
                                QStringLiteral("Stratified split first (identical images never straddle splits), then "
                                               "balances the training split: resize, down-sample classes above the "
                                               "target, up-sample smaller ones with flip/rotation/colour jitter."),
                                1, 1);
    if (rc >= 0)
        return rc;
    const QString dataset = parser.positionalArguments().first();
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    if (!dryRun && !parser.isSet(QStringLiteral("out"))) {
        printError(QStringLiteral("balance: --out DIR is required (or use --dry-run)"));
        return ExitUsage;
    }
    BalanceOptions opts;
    qint64 target = opts.target, size = opts.size, seed = 42, threads = 0, level = opts.png_compression;
    if (!optionInt(parser, QStringLiteral("target"), target, 1, 10000000)
        || !optionInt(parser, QStringLiteral("size"), size, 8, 4096)
        || !optionDouble(parser, QStringLiteral("val"), opts.split.val_fraction, 0.0, 0.95)
        || !optionDouble(parser, QStringLiteral("test"), opts.split.test_fraction, 0.0, 0.95)
        || !optionInt(parser, QStringLiteral("seed"), seed, 0, std::numeric_limits<qint64>::max())
        || !optionInt(parser, QStringLiteral("threads"), threads, 1, 256)
        || !optionInt(parser, QStringLiteral("png-compression"), level, 0, 9))
        return ExitUsage;
    opts.target = int(target);
    opts.size = int(size);
    opts.split.seed = quint64(seed);
    opts.threads = int(threads);
    opts.png_compression = int(level);
    for (const QString &ct : parser.values(QStringLiteral("class-target"))) {
        const int eq = int(ct.lastIndexOf(QLatin1Char('=')));
        bool ok = false;
        const int n = eq > 0 ? ct.mid(eq + 1).toInt(&ok) : 0;
        if (!ok || n < 1) {
            printError(QStringLiteral("--class-target: expected CLASS=N with N >= 1, got '%1'").arg(ct));
            return ExitUsage;
        }
        opts.class_targets.insert(ct.left(eq), n);
    }
    if (!QFileInfo(dataset).isDir()) {
        printError(QStringLiteral("not a dataset folder: %1").arg(dataset));
        return ExitFailure;
    }
    QElapsedTimer clock; // the whole job after start-up: incremental scan, plan and write
    clock.start();
    auto store = openProject(parser, dataset);
    if (!store)
        return ExitFailure;
    {
        // Bring the store up to date first; cheap when nothing changed.
        TerminalJob job(QStringLiteral("scan"));
        auto scanned = scanDataset(dataset, *store, ScanOptions{}, &job.control());
        if (!scanned) {
            printError(scanned.error());
            return job.control().isCancelled() ? ExitInterrupted : ExitFailure;
        }
    }
    if (interrupted()) {
        printError(QStringLiteral("interrupted; nothing was written"));
        return ExitInterrupted;
    }
    auto planned = planBalance(balanceInputsFromStore(*store), opts);
    if (!planned) {
        printError(planned.error());
        return ExitFailure;
    }
    const BalancePlan &plan = planned.value();
    for (const QString &w : plan.warnings)
        printWarning(w);
    const bool json = parser.isSet(QStringLiteral("json"));
    QJsonArray classes;
    QJsonObject val;
    for (const ClassPlan &c : plan.classes) {
        classes.append(QJsonObject{{QStringLiteral("name"), c.name},
                                   {QStringLiteral("original"), c.original},
                                   {QStringLiteral("final"), c.final},
                                   {QStringLiteral("action"), c.action()}});
        val.insert(c.name, c.val);
    }
    QJsonObject doc{{QStringLiteral("classes"), classes}, {QStringLiteral("val"), val}};
    if (opts.split.test_fraction > 0) {
        QJsonObject test;
        for (const ClassPlan &c : plan.classes)
            test.insert(c.name, c.test);
        doc.insert(QStringLiteral("test"), test);
    }
    if (dryRun) {
        if (json)
            printJson(QJsonDocument(doc));
        else
            printOut(planTable(plan));
        return ExitOk;
    }
    QHash<qint64, QString> split;
    for (auto it = plan.split.cbegin(); it != plan.split.cend(); ++it)
        split.insert(it.key(), splitName(it.value()));
    const Status saved = store->saveSplit(split, opts.split.seed);
    if (!saved) {
        printError(QStringLiteral("cannot save the split: %1").arg(saved.message()));
        return ExitFailure;
    }
    TerminalJob job(QStringLiteral("balance"));
    auto written = writeBalance(plan, dataset, parser.value(QStringLiteral("out")), parser.isSet(QStringLiteral("force")),
                                &job.control());
    job.finish();
    if (!written) {
        printError(written.error());
        return job.control().isCancelled() ? ExitInterrupted : ExitFailure;
    }
    if (interrupted()) {
        // Ctrl-C arrived after the last image was written: the output is complete and in place.
        printWarning(QStringLiteral("interrupted after the output was complete"));
    }
    const BalanceSummary &s = written.value();
    for (const QString &e : s.errors)
        printWarning(e);
    if (json) {
        doc.insert(QStringLiteral("out"), s.out_dir);
        doc.insert(QStringLiteral("written"), s.written);
        doc.insert(QStringLiteral("errors"), QJsonArray::fromStringList(s.errors));
        doc.insert(QStringLiteral("write_seconds"), s.seconds);
        doc.insert(QStringLiteral("seconds"), double(clock.nsecsElapsed()) / 1e9);
        printJson(QJsonDocument(doc));
    } else {
        printOut(planTable(plan) + QStringLiteral("\nWrote %1 images to %2 in %3 s (%4 images/s)")
                                       .arg(s.written)
                                       .arg(s.out_dir)
                                       .arg(s.seconds, 0, 'f', 2)
                                       .arg(s.seconds > 0 ? s.written / s.seconds : 0.0, 0, 'f', 0));
    }
    return s.errors.isEmpty() ? ExitOk : ExitFailure;
}

} // namespace bb::cli
