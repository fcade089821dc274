#pragma once
// Which BLAS libtorch runs on. Debian's libtorch calls BLAS through the libblas.so.3
// alternative; without an optimised implementation installed that is the reference (netlib)
// BLAS, about 17x slower for the matrix products of the projection head, the SupCon
// similarity matrix and the classification head (measured: 7.7 vs 0.44 ms for 256x128x256).

#include <QString>

namespace bb {

/// True for the real path of Debian's reference BLAS (…/blas/libblas.so.3), false for the
/// optimised alternatives (openblas-*/, blis-*/, atlas/, …).
bool isReferenceBlasPath(const QString &realPath);

/// The resolved path of the libblas.so.* loaded into this process, or empty when none is.
QString loadedBlasPath();

/// A warning for the training log when the reference BLAS is loaded, empty otherwise.
QString referenceBlasWarning();

} // namespace bb
