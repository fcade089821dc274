#pragma once
// Each CLI command: `int run(const QStringList &args)` with args[0] = the command name.
// Exit codes: 0 success, 1 failure, 2 usage error.

#include <QStringList>

namespace bb::cli {

int cmdDemoDataset(const QStringList &args);
int cmdScan(const QStringList &args);
int cmdBalance(const QStringList &args);
int cmdFeatures(const QStringList &args);
int cmdTsne(const QStringList &args);
int cmdTrain(const QStringList &args);
int cmdEvaluate(const QStringList &args);
int cmdPredict(const QStringList &args);

} // namespace bb::cli
