#pragma once
// Logging goes through spdlog; app/ configures the sinks (STYLE.md 3).

#include <spdlog/spdlog.h>

#include <QString>

namespace bb {

/// The shared logger ("bb"); created with a stderr sink on first use if app/ did not set one up.
std::shared_ptr<spdlog::logger> logger();

/// Installs `sink`-backed logger as the "bb" logger and routes Qt messages into it.
void installLogger(std::shared_ptr<spdlog::logger> logger);

inline std::string toStd(const QString &s) { return s.toStdString(); }

} // namespace bb
