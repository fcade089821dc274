#include "blascheck.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <link.h>

namespace bb {
namespace {
// This file's translation context (see trainingconfig.cpp).
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::BlasCheck)
};

int findBlas(struct dl_phdr_info *info, size_t, void *data)
{
    const QString name = QString::fromLocal8Bit(info->dlpi_name ? info->dlpi_name : "");
    if (QFileInfo(name).fileName().startsWith(QLatin1String("libblas.so"))) {
        *static_cast<QString *>(data) = QFileInfo(name).canonicalFilePath();
        return 1;
    }
    return 0;
}
} // namespace

bool isReferenceBlasPath(const QString &realPath)
{
    const QFileInfo fi(realPath);
    return fi.fileName().startsWith(QLatin1String("libblas.so")) && fi.absolutePath().endsWith(QLatin1String("/blas"));
}

QString loadedBlasPath()
{
    QString path;
    dl_iterate_phdr(findBlas, &path);
    return path;
}

QString referenceBlasWarning()
{
    const QString path = loadedBlasPath();
    if (!isReferenceBlasPath(path))
        return {};
    return Msg::tr("libtorch runs on the slow reference BLAS (%1); install libopenblas0-openmp for much faster "
                   "matrix products")
        .arg(path);
}

} // namespace bb
