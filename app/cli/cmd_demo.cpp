#include "cliutil.h"
#include "commands.h"
#include "demodataset.h"

#include <QJsonArray>
#include <QJsonObject>

namespace bb::cli {

int cmdDemoDataset(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("OUT_DIR"), QStringLiteral("Folder to write the dataset into."));
    parser.addOption({QStringLiteral("split"), QStringLiteral("train (imbalanced profile) or test (200 per class)."),
                      QStringLiteral("train|test"), QStringLiteral("train")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Sampling seed."), QStringLiteral("N"), QStringLiteral("20240607")});
    parser.addOption({QStringLiteral("source"), QStringLiteral("Folder with the Fashion-MNIST IDX .gz files."),
                      QStringLiteral("DIR"), QStringLiteral("/usr/share/datasets/fashion-mnist")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print a JSON summary.")});
    const int rc = parseCommand(parser, args,
                                QStringLiteral("Writes seven Fashion-MNIST classes as a folder-per-class PNG dataset:\n"
                                               "train: tshirt 542, trouser 469, pullover 500, dress 542, sandal 90,\n"
                                               "sneaker 100, bag 1000; test: 200 per class from the IDX test file."),
                                1, 1);
    if (rc >= 0)
        return rc;
    DemoDatasetOptions opts;
    const QString split = parser.value(QStringLiteral("split"));
    if (split != QLatin1String("train") && split != QLatin1String("test")) {
        printError(QStringLiteral("--split: expected 'train' or 'test', got '%1'").arg(split));
        return ExitUsage;
    }
    opts.test_split = split == QLatin1String("test");
    bool ok = false;
    opts.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok) {
        printError(QStringLiteral("--seed: expected a non-negative integer"));
        return ExitUsage;
    }
    opts.source_dir = parser.value(QStringLiteral("source"));
    TerminalJob job(QStringLiteral("demo-dataset"));
    auto result = writeDemoDataset(parser.positionalArguments().first(), opts, &job.control());
    job.finish();
    if (!result) {
        printError(result.error());
        return ExitFailure;
    }
    const DemoDatasetSummary &s = result.value();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray classes;
        for (const auto &[name, count] : s.counts)
            classes.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("count"), count}});
        printJson(QJsonDocument(QJsonObject{{QStringLiteral("out"), s.out_dir},
                                            {QStringLiteral("split"), s.split},
                                            {QStringLiteral("seed"), QString::number(s.seed)},
                                            {QStringLiteral("classes"), classes}}));
    } else {
        int total = 0;
        QString text = QStringLiteral("Wrote the Fashion-MNIST demo (%1 split, seed %2) to %3\n").arg(s.split).arg(s.seed).arg(s.out_dir);
        for (const auto &[name, count] : s.counts) {
            text += QStringLiteral("  %1 %2\n").arg(name, -10).arg(count, 5);
            total += count;
        }
        text += QStringLiteral("  %1 %2").arg(QStringLiteral("total"), -10).arg(total, 5);
        printOut(text);
    }
    return ExitOk;
}

} // namespace bb::cli
