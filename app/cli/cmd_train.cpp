#include "cliutil.h"
#include "commands.h"
#include "trainer.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace bb::cli {

QString reportText(const ClassificationReport &r); // cmd_evaluate.cpp

int cmdTrain(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("DATASET"), QStringLiteral("Folder-per-class dataset root (not needed with --resume)."));
    parser.addOption({QStringLiteral("out"), QStringLiteral("Run folder (checkpoints, metrics.csv, model.bbmodel)."), QStringLiteral("RUN_DIR")});
    parser.addOption({QStringLiteral("profile"), QStringLiteral("quick (compact CNN, 28 px) or seed (EfficientNet-B0 at 224)."), QStringLiteral("NAME"), QStringLiteral("quick")});
    parser.addOption({QStringLiteral("config"), QStringLiteral("JSON config file (keys as in 'train --list-settings'), applied over --profile, else over the file's own \"profile\"."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("set"), QStringLiteral("Override one setting, repeatable, e.g. --set epochs=5."), QStringLiteral("KEY=VALUE")});
    parser.addOption({QStringLiteral("backbone-weights"), QStringLiteral("Start the backbone from these weights (transfer learning): a torchvision "
                                                                       "state dict saved as a plain dict, a TorchScript file or a run's "
                                                                       "checkpoints/best-encoder.pt; the same as --set backbone_weights=FILE."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("resume"), QStringLiteral("Continue the interrupted run in RUN_DIR with its own settings; --set may change "
                                                             "head and run-time settings (on a finished run: train a new head)."),
                      QStringLiteral("RUN_DIR")});
    parser.addOption({QStringLiteral("project"), QStringLiteral("Project store file."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("list-settings"), QStringLiteral("Print the profile's settings as JSON and exit.")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    parser.addOption({QStringLiteral("quiet"), QStringLiteral("No per-epoch lines.")});
    const int rc = parseCommand(parser, args,
                                QStringLiteral("Split -> balance -> supervised-contrastive encoder -> focal-loss MLP head on the "
                                               "frozen encoder; writes RUN_DIR/model.bbmodel. Ctrl-C stops after the current batch; "
                                               "--resume RUN_DIR continues from the last epoch."),
                                0, 1);
    if (rc >= 0)
        return rc;
    if (parser.isSet(QStringLiteral("resume")) && (parser.isSet(QStringLiteral("profile")) || parser.isSet(QStringLiteral("config")))) {
        printError(QStringLiteral("train: --resume keeps the run's settings; --profile and --config cannot be used with it"));
        return ExitUsage;
    }
    auto profile = TrainingConfig::fromProfile(parser.value(QStringLiteral("profile")));
    if (!profile) {
        printError(profile.error());
        return ExitUsage;
    }
    TrainingConfig config = profile.take();
    if (parser.isSet(QStringLiteral("config"))) {
        // Over --profile when given, else over the file's own "profile" (as the workbench's Load).
        auto c = TrainingConfig::fromFile(parser.value(QStringLiteral("config")),
                                          parser.isSet(QStringLiteral("profile")) ? parser.value(QStringLiteral("profile")) : QString());
        if (!c) {
            printError(c.error());
            return ExitFailure;
        }
        config = c.take();
    }
    QStringList sets = parser.values(QStringLiteral("set"));
    if (parser.isSet(QStringLiteral("backbone-weights"))) {
        if (parser.isSet(QStringLiteral("resume"))) {
            printError(QStringLiteral("train: --backbone-weights starts a new run; it cannot be used with --resume"));
            return ExitUsage;
        }
        if (parser.value(QStringLiteral("backbone-weights")).isEmpty()) {
            printError(QStringLiteral("train: --backbone-weights needs a file (leave the option out to start from scratch)"));
            return ExitUsage;
        }
        sets << QStringLiteral("backbone_weights=") + parser.value(QStringLiteral("backbone-weights"));
    }
    auto over = TrainingConfig::withOverrides(config, sets);
    if (!over) {
        printError(over.error());
        return ExitUsage;
    }
    config = over.take();
    if (parser.isSet(QStringLiteral("list-settings"))) {
        printJson(QJsonDocument(config.toJson()));
        return ExitOk;
    }
    TrainingRequest req;
    req.config = config;
    req.project_file = parser.value(QStringLiteral("project"));
    if (parser.isSet(QStringLiteral("resume"))) {
        // Refused here as a usage error (exit 2); runTraining applies the same check.
        const Status allowed = TrainingConfig::checkResumeOverrides(parser.values(QStringLiteral("set")));
        if (!allowed) {
            printError(allowed.message());
            return ExitUsage;
        }
        req.resume = true;
        req.resume_overrides = parser.values(QStringLiteral("set"));
        req.run_dir = parser.value(QStringLiteral("resume"));
        req.dataset_root = parser.positionalArguments().value(0);
    } else {
        if (parser.positionalArguments().isEmpty() || !parser.isSet(QStringLiteral("out"))) {
            printError(QStringLiteral("train: DATASET and --out RUN_DIR are required (or --resume RUN_DIR)"));
            return ExitUsage;
        }
        req.dataset_root = parser.positionalArguments().first();
        req.run_dir = parser.value(QStringLiteral("out"));
        if (!QFileInfo(req.dataset_root).isDir()) {
            printError(QStringLiteral("not a dataset folder: %1").arg(req.dataset_root));
            return ExitFailure;
        }
    }
    const bool quiet = parser.isSet(QStringLiteral("quiet")) || parser.isSet(QStringLiteral("json"));
    TerminalJob job(QStringLiteral("train"));
    TrainingCallbacks cb;
    cb.on_message = [&](const QString &m) {
        job.finish();
        if (!quiet)
            std::fprintf(stderr, "%s\n", m.toUtf8().constData());
    };
    cb.on_epoch = [&](const EpochReport &e) {
        job.finish();
        if (quiet)
            return;
        if (e.phase == QLatin1String("supcon"))
            std::fprintf(stderr, "supcon epoch %d/%d  loss %.4f  val %.4f  lr %.2e  %.0f img/s  %.1fs  eta %.0fs\n",
                         e.epoch + 1, e.epochs, e.train_loss, e.val_loss, e.lr, e.images_per_s, e.epoch_s, e.eta_s);
        else if (e.epoch % 5 == 0)
            std::fprintf(stderr, "head epoch %d  loss %.4f  val loss %.4f  val macro-F1 %.4f\n", e.epoch + 1,
                         e.train_loss, e.val_loss, e.val_macro_f1);
    };
    auto result = runTraining(req, cb, &job.control());
    job.finish();
    if (!result) {
        if (!job.control().isCancelled()) {
            printError(result.error());
            return ExitFailure;
        }
        const QString runDir = QFileInfo(req.run_dir).absoluteFilePath();
        if (req.resume && QFileInfo::exists(runDir + QStringLiteral("/model.bbmodel"))) // a new head on a finished run
            printError(QStringLiteral("%1; the run's model is unchanged: repeat the command to train the new head").arg(result.error()));
        else if (QFileInfo::exists(runDir + QStringLiteral("/config.json"))) // the run was created: it resumes
            printError(QStringLiteral("%1; continue with: balancebench-cli train --resume %2").arg(result.error(), runDir));
        else
            printError(QStringLiteral("%1; nothing was saved: run the same command again").arg(result.error()));
        return ExitInterrupted;
    }
    const TrainingResult &r = result.value();
    if (r.stopped) {
        printError(QStringLiteral("stopped after %1 epoch(s); continue with: balancebench-cli train --resume %2").arg(r.supcon_epochs).arg(r.run_dir));
        return ExitInterrupted;
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject o{{QStringLiteral("model"), r.bundle_path},
                      {QStringLiteral("run_dir"), r.run_dir},
                      {QStringLiteral("seconds"), r.seconds},
                      {QStringLiteral("supcon_epochs"), r.supcon_epochs},
                      {QStringLiteral("supcon_images_per_s"), r.supcon_images_per_s},
                      {QStringLiteral("supcon_seconds"), r.supcon_seconds},
                      {QStringLiteral("validation"), r.validation.toJson()}};
        printJson(QJsonDocument(o));
    } else {
        printOut(QStringLiteral("Validation (%1 images):\n%2\nModel: %3 (%4 s)")
                     .arg(r.validation.total)
                     .arg(reportText(r.validation), r.bundle_path)
                     .arg(r.seconds, 0, 'f', 1));
    }
    return ExitOk;
}

} // namespace bb::cli
