#include "savefile.h"

#include <QSaveFile>

namespace bb {

QString writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return f.errorString();
    // A short write is followed by one more, which fails with the reason (no space, quota).
    for (qint64 at = 0; at < bytes.size();) {
        const qint64 n = f.write(bytes.constData() + at, bytes.size() - at);
        if (n <= 0) {
            const QString why = f.errorString();
            f.cancelWriting();
            return why;
        }
        at += n;
    }
    if (!f.commit())
        return f.errorString();
    return QString();
}

} // namespace bb
