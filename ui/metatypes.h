#pragma once
// Core value types that travel through queued signals between the GUI and worker threads.

#include "datasetscanner.h"
#include "jobcontrol.h"
#include "projectstore.h"

#include <QHash>
#include <QMetaType>

#include <memory>
#include <vector>

using BbImageRecords = std::vector<bb::ImageRecord>;
using BbSplitMap = QHash<qint64, QString>;
using BbClassRecords = std::vector<bb::ClassRecord>;

Q_DECLARE_METATYPE(BbImageRecords)
Q_DECLARE_METATYPE(BbSplitMap)
Q_DECLARE_METATYPE(BbClassRecords)
Q_DECLARE_METATYPE(std::shared_ptr<bb::JobControl>)

namespace bb {
/// Registers the types above with Qt's meta-type system (idempotent).
void registerUiMetaTypes();
} // namespace bb
