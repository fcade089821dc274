// Prediction benchmark (issue 3): bb::Predictor load time, latency of one image and per-image
// cost of a batch of 64, on CPU after load. Prints JSON.
//
//   bench_predict MODEL.bbmodel IMAGES_DIR_OR_FILE... [--repeat N] [--warmup N] [--threads N]
//
// load_s        Predictor::load of the bundle (first in this process; a second load is also timed)
// one_image_ms  median of predict(cv::Mat) on one decoded image (preprocessing + encoder + head)
// one_file_ms   median of predictFile(path) (decode + the above), what `predict IMAGE` does per file
// batch64_ms_per_image  median of predictFiles(64 paths, batch 64) / 64 (decode included)
// *_cpu_ms      the same medians in process CPU time (all threads): the wall figures on a shared
//               machine are mostly waiting for a core
// Targets (quick profile): load <= 1 s, one image <= 50 ms.

#include "imagedecoder.h"
#include "predictor.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(q * double(v.size() - 1) + 0.5))];
}

double ms(const QElapsedTimer &t) { return double(t.nsecsElapsed()) / 1e6; }

// CPU time of the whole process (all threads) in ms: on a busy machine wall time mostly measures
// waiting for a core; with --threads 1 this is close to the latency on an idle core.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

QByteArray loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().split(' ').mid(0, 3).join(' ') : QByteArray();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int repeat = 200, warmup = 10, threads = 0;
    QStringList positional;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if ((a == QLatin1String("--repeat") || a == QLatin1String("--warmup") || a == QLatin1String("--threads")) && i + 1 < args.size()) {
            const int v = args[++i].toInt();
            (a == QLatin1String("--repeat") ? repeat : a == QLatin1String("--warmup") ? warmup : threads) = v;
        } else {
            positional.append(a);
        }
    }
    if (positional.size() < 2) {
        std::fprintf(stderr, "usage: bench_predict MODEL.bbmodel IMAGES_DIR_OR_FILE... [--repeat N] [--warmup N] [--threads N]\n");
        return 2;
    }
    const QString model = positional.takeFirst();
    QStringList files;
    for (const QString &p : positional) {
        if (QFileInfo(p).isDir()) {
            QDirIterator it(p, {QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg")}, QDir::Files,
                            QDirIterator::Subdirectories);
            QStringList found;
            while (it.hasNext())
                found.append(it.next());
            found.sort();
            files += found;
        } else {
            files.append(p);
        }
    }
    if (files.isEmpty()) {
        std::fprintf(stderr, "bench_predict: no images\n");
        return 2;
    }

    QElapsedTimer t;
    t.start();
    auto loaded = bb::Predictor::load(model, threads);
    const double loadMs = ms(t);
    if (!loaded) {
        std::fprintf(stderr, "bench_predict: %s\n", qPrintable(loaded.error()));
        return 1;
    }
    t.restart();
    auto again = bb::Predictor::load(model, threads);
    const double reloadMs = ms(t);
    const bb::Predictor &predictor = loaded.value();

    auto decoded = bb::decodeImageFile(files.front());
    if (!decoded) {
        std::fprintf(stderr, "bench_predict: %s: %s\n", qPrintable(files.front()), qPrintable(decoded.error()));
        return 1;
    }
    const cv::Mat rgb = decoded.value().rgb;

    // The very first prediction (lazy allocations, first kernels) is reported on its own.
    t.restart();
    const bb::Prediction first = predictor.predict(rgb);
    const double firstMs = ms(t);
    if (!first.ok()) {
        std::fprintf(stderr, "bench_predict: %s\n", qPrintable(first.error));
        return 1;
    }
    for (int i = 0; i < warmup; ++i)
        predictor.predict(rgb);
    std::vector<double> one, oneCpu;
    for (int i = 0; i < repeat; ++i) {
        const double c0 = cpuMs();
        t.restart();
        predictor.predict(rgb);
        one.push_back(ms(t));
        oneCpu.push_back(cpuMs() - c0);
    }
    std::vector<double> oneFile;
    for (int i = 0; i < std::max(1, repeat / 2); ++i) {
        t.restart();
        predictor.predictFile(files[i % files.size()]);
        oneFile.push_back(ms(t));
    }

    QStringList batch;
    for (int i = 0; i < 64; ++i)
        batch.append(files[i % files.size()]);
    predictor.predictFiles(batch, 3, 64); // warm-up
    std::vector<double> perImage, perImageCpu;
    const int batchReps = std::max(3, repeat / 20);
    for (int i = 0; i < batchReps; ++i) {
        const double c0 = cpuMs();
        t.restart();
        const auto r = predictor.predictFiles(batch, 3, 64);
        perImage.push_back(ms(t) / double(r.size()));
        perImageCpu.push_back((cpuMs() - c0) / double(r.size()));
    }

    const double oneMed = median(one);
    QJsonObject out{
        {QStringLiteral("model"), QFileInfo(model).absoluteFilePath()},
        {QStringLiteral("model_bytes"), double(QFileInfo(model).size())},
        {QStringLiteral("input_size"), predictor.inputSize()},
        {QStringLiteral("classes"), predictor.classes().size()},
        {QStringLiteral("threads"), threads},
        {QStringLiteral("load_s"), loadMs / 1000.0},
        {QStringLiteral("reload_s"), reloadMs / 1000.0},
        {QStringLiteral("first_prediction_ms"), firstMs},
        {QStringLiteral("one_image_ms"), oneMed},
        {QStringLiteral("one_image_p90_ms"), percentile(one, 0.9)},
        {QStringLiteral("one_image_cpu_ms"), median(oneCpu)},
        {QStringLiteral("one_file_ms"), median(oneFile)},
        {QStringLiteral("batch64_ms_per_image"), median(perImage)},
        {QStringLiteral("batch64_cpu_ms_per_image"), median(perImageCpu)},
        {QStringLiteral("load_average"), QString::fromLatin1(loadAverage())},
        {QStringLiteral("repeat"), repeat},
        {QStringLiteral("warmup"), warmup},
        {QStringLiteral("targets"), QJsonObject{{QStringLiteral("load_s_max"), 1.0}, {QStringLiteral("one_image_ms_max"), 50.0}}},
        {QStringLiteral("load_ok"), loadMs <= 1000.0},
        {QStringLiteral("one_image_ok"), oneMed <= 50.0},
    };
    std::fputs(QJsonDocument(out).toJson(QJsonDocument::Indented).constData(), stdout);
    return 0;
}
