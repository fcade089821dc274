#include "predictionworker.h"

#include "predictionexport.h"
#include "imageloader.h"
#include "predictor.h"

#include <QFileInfo>

namespace bb {

PredictionWorker::PredictionWorker(QObject *parent) : QObject(parent) {}
PredictionWorker::~PredictionWorker() = default;

QImage PredictionWorker::neighbourThumb(const QString &path)
{
    auto it = m_neighbourThumbs.constFind(path);
    if (it != m_neighbourThumbs.constEnd())
        return it.value();
    if (m_neighbourThumbs.size() > 4000)
        m_neighbourThumbs.clear();
    const QImage img = ImageLoader::decodePreview(path, kNeighbourPx);
    m_neighbourThumbs.insert(path, img);
    return img;
}

void PredictionWorker::run(quint64 generation, const QString &modelPath, const QStringList &paths, int topK,
                           std::shared_ptr<JobControl> control)
{
    static thread_local bool lowered = false;
    if (!lowered) {
        lowerCurrentThreadPriority(5);
        lowered = true;
    }
    if (!m_predictor || m_modelPath != modelPath) {
        m_predictor.reset();
        m_neighbourThumbs.clear();
        auto loaded = Predictor::load(modelPath);
        if (!loaded) {
            Q_EMIT finished(generation, false, false, loaded.error());
            return;
        }
        m_predictor = std::make_unique<Predictor>(loaded.take());
        m_modelPath = modelPath;
    }
    Q_EMIT modelLoaded(generation, modelPath, m_predictor->classes());

    // The CLI's inputs and order (core/predictionexport.h): a missing path's row comes where it
    // was given, between the batches' rows.
    const PredictionInputs inputs = collectPredictionInputs(paths, [&] { return control->isCancelled(); });
    const QStringList &files = inputs.files;
    const int total = int(files.size() + qsizetype(inputs.missing.size()));
    Q_EMIT listed(generation, total);
    size_t nextMissing = 0;
    auto missingBefore = [&](qsizetype fileIndex, PredictionItems &items) {
        for (; nextMissing < inputs.missing.size() && inputs.missing[nextMissing].before <= fileIndex; ++nextMissing) {
            PredictionItem item;
            item.prediction = missingPrediction(inputs.missing[nextMissing]);
            items.push_back(std::move(item));
        }
    };
    // The CLI's batch size and boundaries: batched inference then gives bit-identical numbers.
    const int chunk = 64;
    int done = 0;
    for (qsizetype start = 0; start < files.size() && !control->isCancelled(); start += chunk) {
        const QStringList part = files.mid(start, chunk);
        std::vector<Prediction> preds = m_predictor->predictFiles(part, topK, chunk, [&](int) { return !control->isCancelled(); });
        if (control->isCancelled())
            break;
        PredictionItems items;
        items.reserve(preds.size());
        for (size_t i = 0; i < preds.size(); ++i) {
            missingBefore(start + qsizetype(i), items);
            Prediction &p = preds[i];
            PredictionItem item;
            if (p.ok()) {
                item.thumbnail = ImageLoader::decodePreview(p.path, kThumbPx);
                item.neighbours = m_predictor->nearest(p.embedding, 5);
                for (const NeighbourImage &n : item.neighbours)
                    item.neighbour_thumbs.push_back(neighbourThumb(n.path));
            }
            p.embedding.clear(); // not needed any more; keeps large folders small
            p.embedding.shrink_to_fit();
            item.prediction = std::move(p);
            items.push_back(std::move(item));
        }
        done += int(items.size());
        control->report(done, total);
        Q_EMIT batchReady(generation, items, done, total);
    }
    const bool cancelled = control->isCancelled();
    if (!cancelled && nextMissing < inputs.missing.size()) {
        PredictionItems items;
        missingBefore(files.size(), items);
        done += int(items.size());
        Q_EMIT batchReady(generation, items, done, total);
    }
    Q_EMIT finished(generation, true, cancelled, QString());
}

} // namespace bb
