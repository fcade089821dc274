#pragma once
// Classifies dropped files and folders with a model bundle on a QThread: lists folders
// recursively, predicts in batches (one bad file never stops the rest), decodes the previews and
// looks up the nearest training images, streaming the results out as queued signals.

#include "jobcontrol.h"
#include "jobtypes.h"

#include <QHash>
#include <QImage>
#include <QObject>
#include <QStringList>

#include <memory>

namespace bb {

class Predictor;

class PredictionWorker : public QObject {
    Q_OBJECT
public:
    explicit PredictionWorker(QObject *parent = nullptr);
    ~PredictionWorker() override;

    /// Blocking; call on the worker's thread. Paths that do not exist become "no such file or
    /// folder" results after the others, files are classified whatever they are, folders are
    /// searched recursively for images (as `balancebench-cli predict` does).
    void run(quint64 generation, const QString &modelPath, const QStringList &inputs, int topK,
             std::shared_ptr<bb::JobControl> control);

    static constexpr int kThumbPx = 80;
    static constexpr int kNeighbourPx = 48;

Q_SIGNALS:
    void modelLoaded(quint64 generation, const QString &modelPath, const QStringList &classes);
    void listed(quint64 generation, int total);
    void batchReady(quint64 generation, const bb::PredictionItems &items, int done, int total);
    /// ok=false with a message when the model could not be loaded; `cancelled` when stopped early.
    void finished(quint64 generation, bool ok, bool cancelled, const QString &error);

private:
    QImage neighbourThumb(const QString &path);
    std::unique_ptr<Predictor> m_predictor; // worker thread only
    QString m_modelPath;
    QHash<QString, QImage> m_neighbourThumbs; // worker thread only, bounded
};

} // namespace bb
