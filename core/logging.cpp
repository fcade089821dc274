#include "logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <QtGlobal>

#include <mutex>

namespace bb {
namespace {

std::mutex g_loggerMutex;
std::shared_ptr<spdlog::logger> g_logger; // guarded by g_loggerMutex

void qtMessageHandler(QtMsgType type, const QMessageLogContext &, const QString &msg)
{
    auto log = logger();
    const std::string text = msg.toStdString();
    switch (type) {
    case QtDebugMsg: log->debug(text); break;
    case QtInfoMsg: log->info(text); break;
    case QtWarningMsg: log->warn(text); break;
    case QtCriticalMsg: log->error(text); break;
    case QtFatalMsg: log->critical(text); break;
    }
}

} // namespace

std::shared_ptr<spdlog::logger> logger()
{
    std::lock_guard<std::mutex> lock(g_loggerMutex);
    if (!g_logger) {
        g_logger = spdlog::stderr_color_mt("bb");
        g_logger->set_pattern("%^%l%$: %v");
        g_logger->set_level(spdlog::level::warn);
    }
    return g_logger;
}

void installLogger(std::shared_ptr<spdlog::logger> log)
{
    {
        std::lock_guard<std::mutex> lock(g_loggerMutex);
        g_logger = std::move(log);
    }
    qInstallMessageHandler(qtMessageHandler);
}

} // namespace bb
