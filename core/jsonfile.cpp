#include "jsonfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace bb {

namespace {

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Array: return QCoreApplication::translate("bb::json", "an array");
    case QJsonValue::String: return QCoreApplication::translate("bb::json", "a string");
    case QJsonValue::Double: return QCoreApplication::translate("bb::json", "a number");
    case QJsonValue::Bool: return QCoreApplication::translate("bb::json", "a boolean");
    case QJsonValue::Null: return QCoreApplication::translate("bb::json", "null");
    default: return QCoreApplication::translate("bb::json", "a value of another type");
    }
}

} // namespace

JsonObjectFile readJsonObjectFile(const QString &path)
{
    JsonObjectFile out;
    QFile file(path);
    if (!file.exists()) {
        out.detail = QCoreApplication::translate("bb::json", "no such file");
        return out;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        out.outcome = JsonObjectFile::Outcome::Unreadable;
        out.detail = file.errorString();
        return out;
    }
    const QByteArray bytes = file.readAll();
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error == QJsonParseError::NoError) {
        if (doc.isObject()) {
            out.outcome = JsonObjectFile::Outcome::Ok;
            out.object = doc.object();
        } else {
            out.outcome = JsonObjectFile::Outcome::NotObject;
            out.detail = typeName(QJsonValue::Array); // Qt parses only objects and arrays at the top
        }
        return out;
    }
    // Qt accepts only an object or an array at the top; inside brackets a lone scalar parses.
    // Not worth trying for a document that starts as an object or array (it is broken JSON),
    // and a UTF-8 byte-order mark, which Qt's parser skips, must stay outside the brackets.
    QByteArray body = bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
    const QByteArray start = body.trimmed().left(1);
    if (!start.isEmpty() && start != "{" && start != "[") {
        QJsonParseError inner{};
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + body + ']', &inner);
        if (inner.error == QJsonParseError::NoError && wrapped.array().size() == 1) {
            out.outcome = JsonObjectFile::Outcome::NotObject;
            out.detail = typeName(wrapped.array().first());
            return out;
        }
        // A scalar that goes wrong later ("42x"): the wrapped parse says where.
        if (inner.error != QJsonParseError::NoError && inner.offset > 1) {
            err = inner;
            err.offset = inner.offset - 1 + (bytes.size() - body.size());
        }
    }
    out.outcome = JsonObjectFile::Outcome::Syntax;
    out.detail = QCoreApplication::translate("bb::json", "%1 at byte %2").arg(err.errorString()).arg(err.offset);
    return out;
}

} // namespace bb
