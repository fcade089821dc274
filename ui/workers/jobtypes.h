#pragma once
// Core value types of the training, t-SNE, evaluation and prediction jobs that travel through
// queued signals between the GUI thread and the workers of issue 6.

#include "predictionexport.h"
#include "predictor.h"
#include "trainer.h"

#include <QImage>
#include <QMetaType>

#include <memory>
#include <vector>

namespace bb {

/// A classified (or failed) image of the prediction view, with what the delegate paints.
struct PredictionItem {
    Prediction prediction;
    QImage thumbnail;                     ///< empty when the file could not be decoded
    std::vector<NeighbourImage> neighbours;
    std::vector<QImage> neighbour_thumbs; ///< parallel to `neighbours`
};

using EmbeddingSnapshotPtr = std::shared_ptr<const EmbeddingSnapshot>;
using EvaluationResultPtr = std::shared_ptr<const EvaluationResult>;
using PredictionItems = std::vector<PredictionItem>;
using FloatVector = std::vector<float>;

/// Lowers the scheduling priority of the calling thread (and the threads it starts) by
/// `niceness` steps, so that long jobs leave the GUI thread responsive. No-op where unsupported.
void lowerCurrentThreadPriority(int niceness);

/// Registers the types below with Qt's meta-type system (idempotent).
void registerJobMetaTypes();

} // namespace bb

Q_DECLARE_METATYPE(bb::StepReport)
Q_DECLARE_METATYPE(bb::EpochReport)
Q_DECLARE_METATYPE(bb::TrainingResult)
Q_DECLARE_METATYPE(bb::EmbeddingSnapshotPtr)
Q_DECLARE_METATYPE(bb::EvaluationResultPtr)
Q_DECLARE_METATYPE(bb::PredictionItems)
Q_DECLARE_METATYPE(bb::FloatVector)
