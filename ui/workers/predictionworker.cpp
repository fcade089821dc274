#include "predictionworker.h"

#include "datasetscanner.h"
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

void PredictionWorker::run(quint64 generation, const QString &modelPath, const QStringList &inputs, int topK,
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

    QStringList files;
    std::vector<Prediction> missing;
    for (const QString &p : inputs) {
        if (control->isCancelled())
            break;
        const QFileInfo fi(p);
        if (!fi.exists()) {
            Prediction m;
            m.path = p;
            m.error = QStringLiteral("no such file or folder"); // the CLI's words, for identical exports
            missing.push_back(m);
            continue;
        }
        if (fi.isFile())
            files.append(p);
        else
            files.append(listImageFiles(p));
    }
    const int total = int(files.size() + missing.size());
    Q_EMIT listed(generation, total);
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
        for (Prediction &p : preds) {
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
    if (!cancelled && !missing.empty()) {
        PredictionItems items;
        for (Prediction &m : missing) {
            PredictionItem item;
            item.prediction = std::move(m);
            items.push_back(std::move(item));
        }
        done += int(items.size());
        Q_EMIT batchReady(generation, items, done, total);
    }
    Q_EMIT finished(generation, true, cancelled, QString());
}

} // namespace bb
