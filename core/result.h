#pragma once
// Errors cross the core boundary as values, never as exceptions.

#include <QString>

#include <optional>
#include <utility>

namespace bb {

/// Success or a human-readable failure message.
class Status {
public:
    static Status success() { return Status(); }
    static Status failure(QString message) { return Status(std::move(message)); }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const QString &message() const { return m_message; }

private:
    Status() = default;
    explicit Status(QString message) : m_failed(true), m_message(std::move(message)) {}
    bool m_failed = false;
    QString m_message;
};

/// A value of type T or a human-readable failure message.
template <typename T>
class Result {
public:
    Result(T value) : m_value(std::move(value)) {} // NOLINT: implicit by design
    static Result failure(QString message)
    {
        Result r;
        r.m_error = std::move(message);
        return r;
    }
    static Result failure(const Status &status) { return failure(status.message()); }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T take() { return std::move(*m_value); }
    const QString &error() const { return m_error; }
    Status status() const { return ok() ? Status::success() : Status::failure(m_error); }

private:
    Result() = default;
    std::optional<T> m_value;
    QString m_error;
};

} // namespace bb
