#include "nn/modelbundle.h"

#include "trainingconfig.h"
#include "savefile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>
#include <cstring>
#include <sstream>
#include <stdexcept>

namespace bb {
namespace {

// This file's translation context. lupdate cannot tell the context of a free tr() function;
// it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::ModelBundle)
};

constexpr char kMagic[8] = {'B', 'B', 'M', 'O', 'D', 'E', 'L', '1'};

QByteArray archive(torch::nn::Module &m)
{
    torch::serialize::OutputArchive out;
    m.save(out);
    std::ostringstream os;
    out.save_to(os);
    const std::string s = os.str();
    return QByteArray(s.data(), qsizetype(s.size()));
}

using Shapes = std::vector<std::pair<std::string, std::vector<int64_t>>>;

Shapes shapesOf(const torch::nn::Module &m)
{
    Shapes s;
    for (const auto &p : m.named_parameters(true))
        s.emplace_back(p.key(), p.value().sizes().vec());
    for (const auto &b : m.named_buffers(true))
        s.emplace_back(b.key(), b.value().sizes().vec());
    return s;
}

QString shapeText(const std::vector<int64_t> &sizes)
{
    QStringList parts;
    for (int64_t d : sizes)
        parts << QString::number(d);
    return QLatin1Char('[') + parts.join(QStringLiteral(" x ")) + QLatin1Char(']');
}

// The first tensor or submodule in `archive` that `m` lacks (Module::load ignores those: an
// attention gate in the file but not in the model), by dotted name; empty when there is none.
QString extraInArchive(const torch::nn::Module &m, torch::serialize::InputArchive &archive, const QString &prefix)
{
    QSet<QString> names;
    for (const auto &p : m.named_parameters(false))
        names.insert(QString::fromStdString(p.key()));
    for (const auto &b : m.named_buffers(false))
        names.insert(QString::fromStdString(b.key()));
    for (const auto &c : m.named_children())
        names.insert(QString::fromStdString(c.key()));
    for (const std::string &key : archive.keys()) {
        if (names.contains(QString::fromStdString(key)))
            continue;
        torch::Tensor t; // other attributes (the "training" flag) are no weights
        torch::serialize::InputArchive sub;
        if (archive.try_read(key, t) || archive.try_read(key, sub))
            return Msg::tr("%1 is in the file but not in the model").arg(prefix + QString::fromStdString(key));
    }
    for (const auto &c : m.named_children()) {
        torch::serialize::InputArchive sub;
        if (archive.try_read(c.key(), sub))
            if (QString e = extraInArchive(*c.value(), sub, prefix + QString::fromStdString(c.key()) + QLatin1Char('.')); !e.isEmpty())
                return e;
    }
    return QString();
}

// Empty when every tensor kept its shape and the archive holds nothing the model lacks, else
// the first difference, by name.
QString compareShapes(const Shapes &before, const torch::nn::Module &m, torch::serialize::InputArchive &archive)
{
    if (QString extra = extraInArchive(m, archive, QString()); !extra.isEmpty())
        return extra;
    const Shapes after = shapesOf(m);
    for (size_t i = 0; i < before.size() && i < after.size(); ++i)
        if (before[i].second != after[i].second)
            return Msg::tr("%1 is %2 in the file but %3 in the model")
                .arg(QString::fromStdString(before[i].first), shapeText(after[i].second), shapeText(before[i].second));
    return QString();
}

// Throws on a shape mismatch (readBundle catches and reports it).
void restore(torch::nn::Module &m, const QByteArray &bytes)
{
    const Shapes before = shapesOf(m);
    torch::serialize::InputArchive in;
    std::istringstream is(std::string(bytes.constData(), size_t(bytes.size())));
    in.load_from(is);
    m.load(in);
    const QString mismatch = compareShapes(before, m, in);
    if (!mismatch.isEmpty())
        throw std::runtime_error(mismatch.toStdString());
}

template <typename T>
void putLe(QByteArray &out, T v)
{
    for (size_t i = 0; i < sizeof(T); ++i)
        out.append(char((quint64(v) >> (8 * i)) & 0xFF));
}

template <typename T>
bool getLe(const QByteArray &in, qsizetype &pos, T &v)
{
    if (pos + qsizetype(sizeof(T)) > in.size())
        return false;
    quint64 x = 0;
    for (size_t i = 0; i < sizeof(T); ++i)
        x |= quint64(uchar(in[pos + qsizetype(i)])) << (8 * i);
    v = T(x);
    pos += qsizetype(sizeof(T));
    return true;
}

} // namespace

ClassifierHeadImpl::ClassifierHeadImpl(int64_t in_dim, int64_t hidden, int64_t classes, double dropout)
{
    if (hidden > 0) {
        m_hidden = register_module("hidden", torch::nn::Linear(in_dim, hidden));
        m_dropout = register_module("dropout", torch::nn::Dropout(dropout));
        m_out = register_module("out", torch::nn::Linear(hidden, classes));
    } else {
        m_out = register_module("out", torch::nn::Linear(in_dim, classes));
    }
}

torch::Tensor ClassifierHeadImpl::forward(const torch::Tensor &x)
{
    if (!m_hidden)
        return m_out->forward(x);
    torch::Tensor h = torch::relu(m_hidden->forward(x));
    const double p = m_dropout->options.p();
    if (!m_gen || !is_training() || p <= 0.0)
        return m_out->forward(m_dropout->forward(h));
    // Inverted dropout as torch::nn::Dropout does it, drawing from the head's own generator.
    const torch::Tensor keep = torch::empty_like(h).bernoulli_(1.0 - p, m_gen);
    return m_out->forward(p >= 1.0 ? h * 0 : h * keep / (1.0 - p));
}

ClassifierHeadSetImpl::ClassifierHeadSetImpl(size_t members, int64_t member_dim, int64_t hidden, int64_t classes, double dropout)
    : m_member_dim(member_dim)
{
    TORCH_CHECK(members >= 1, "a head set needs at least one head");
    m_heads = register_module("heads", torch::nn::ModuleList());
    for (size_t k = 0; k < members; ++k)
        m_heads->push_back(ClassifierHead(member_dim, hidden, classes, dropout));
}

ClassifierHead ClassifierHeadSetImpl::head(size_t k) const
{
    return ClassifierHead(std::dynamic_pointer_cast<ClassifierHeadImpl>(m_heads->ptr(k)));
}

torch::Tensor ClassifierHeadSetImpl::part(size_t k, const torch::Tensor &embeddings) const
{
    if (size() == 1)
        return embeddings;
    return embeddings.slice(1, int64_t(k) * m_member_dim, int64_t(k + 1) * m_member_dim);
}

torch::Tensor ClassifierHeadSetImpl::probabilities(const torch::Tensor &embeddings)
{
    torch::Tensor sum = torch::softmax(head(0)->forward(part(0, embeddings)), 1);
    for (size_t k = 1; k < size(); ++k)
        sum = sum + torch::softmax(head(k)->forward(part(k, embeddings)), 1);
    return size() == 1 ? sum : sum / double(size());
}

Result<EnhancedEncoder> makeEncoderFor(const TrainingConfig &config)
{
    EncoderOptions eo;
    eo.pooling = config.pooling == QLatin1String("avgmax") ? EncoderOptions::Pooling::AverageMax : EncoderOptions::Pooling::Average;
    eo.pool_stages = config.pool_stages;
    eo.attention = config.attention;
    eo.projection_hidden = config.projection_hidden;
    eo.projection_dim = config.projection_dim;
    return makeEncoder(config.backbone.toStdString(), eo);
}

Result<EncoderSet> makeEncoderSetFor(const TrainingConfig &config)
{
    std::vector<EnhancedEncoder> members;
    for (int k = 0; k < config.members; ++k) {
        auto e = makeEncoderFor(config);
        if (!e)
            return Result<EncoderSet>::failure(e.error());
        members.push_back(e.take());
    }
    return EncoderSet(members);
}

Result<std::pair<EncoderSet, ClassifierHeadSet>> buildModelsFromMeta(const QJsonObject &meta)
{
    using R = Result<std::pair<EncoderSet, ClassifierHeadSet>>;
    auto config = TrainingConfig::fromSavedJson(meta.value(QStringLiteral("config")).toObject());
    if (!config)
        return R::failure(Msg::tr("bundle config: %1").arg(config.error()));
    const TrainingConfig &c = config.value();
    const int classes = int(meta.value(QStringLiteral("classes")).toArray().size());
    if (classes < 2)
        return R::failure(Msg::tr("bundle has fewer than two classes"));
    auto enc = makeEncoderSetFor(c);
    if (!enc)
        return R::failure(enc.error());
    try {
        ClassifierHeadSet head(enc.value()->size(), enc.value()->member_dim(), c.head_hidden, classes, c.head_dropout);
        return std::make_pair(enc.take(), head);
    } catch (const std::exception &e) {
        return R::failure(QString::fromUtf8(e.what()));
    }
}

Status writeBundle(const QString &path, const QJsonObject &meta, EncoderSet &encoder, ClassifierHeadSet &head,
                   const std::vector<float> &refEmbeddings)
{
    QByteArray out;
    try {
        out.append(kMagic, 8);
        const QByteArray json = QJsonDocument(meta).toJson(QJsonDocument::Compact);
        putLe<quint32>(out, quint32(json.size()));
        out.append(json);
        const QByteArray enc = archive(*encoder->stored());
        putLe<quint64>(out, quint64(enc.size()));
        out.append(enc);
        const QByteArray hd = archive(*head->stored());
        putLe<quint64>(out, quint64(hd.size()));
        out.append(hd);
        putLe<quint64>(out, quint64(refEmbeddings.size() * sizeof(float)));
        out.append(reinterpret_cast<const char *>(refEmbeddings.data()), qsizetype(refEmbeddings.size() * sizeof(float)));
    } catch (const std::exception &e) {
        return Status::failure(Msg::tr("cannot serialise the model: %1").arg(QString::fromUtf8(e.what())));
    }
    if (const QString why = writeFileAtomically(path, out); !why.isEmpty())
        return Status::failure(Msg::tr("cannot write %1: %2").arg(path, why));
    return Status::success();
}

Result<LoadedBundle> readBundle(const QString &path)
{
    using R = Result<LoadedBundle>;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return R::failure(Msg::tr("cannot open model %1: %2").arg(path, f.errorString()));
    // The signature first: a video or /dev/zero given as the model is not read into memory.
    const QByteArray head = f.peek(8);
    if (f.isSequential() || head.size() < 8 || std::memcmp(head.constData(), kMagic, 8) != 0)
        return R::failure(Msg::tr("%1 is not a BalanceBench model bundle").arg(path));
    constexpr qint64 kMaxBundle = qint64(2) << 30; // EfficientNet-B0's bundle is about 25 MB
    if (f.size() > kMaxBundle)
        return R::failure(Msg::tr("%1 is %2 GB, more than any model bundle; it is not read").arg(path).arg(double(f.size()) / (1 << 30), 0, 'f', 1));
    const QByteArray bytes = f.readAll();
    if (bytes.size() < 12)
        return R::failure(Msg::tr("%1: truncated model bundle").arg(path));
    qsizetype pos = 8;
    quint32 jsonLen = 0;
    if (!getLe(bytes, pos, jsonLen) || quint64(jsonLen) > quint64(bytes.size() - pos))
        return R::failure(Msg::tr("%1: truncated model bundle").arg(path));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.mid(pos, jsonLen), &err);
    if (!doc.isObject())
        return R::failure(err.error != QJsonParseError::NoError ? Msg::tr("%1: bad metadata (%2)").arg(path, err.errorString())
                                                                : Msg::tr("%1: bad metadata (not a JSON object)").arg(path));
    pos += jsonLen;
    QByteArray blobs[3];
    for (QByteArray &b : blobs) {
        quint64 n = 0;
        // Compared unsigned: a length of 2^63 or more turned negative as qsizetype and read before
        // the buffer.
        if (!getLe(bytes, pos, n) || n > quint64(bytes.size() - pos))
            return R::failure(Msg::tr("%1: truncated model bundle").arg(path));
        b = bytes.mid(pos, qsizetype(n));
        pos += qsizetype(n);
    }
    LoadedBundle lb;
    lb.meta = doc.object();
    auto models = buildModelsFromMeta(lb.meta);
    if (!models)
        return R::failure(Msg::tr("%1: %2").arg(path, models.error()));
    lb.encoder = models.value().first;
    lb.head = models.value().second;
    try {
        restore(*lb.encoder->stored(), blobs[0]);
        restore(*lb.head->stored(), blobs[1]);
    } catch (const std::exception &e) {
        return R::failure(Msg::tr("%1: cannot load weights: %2").arg(path, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
    lb.encoder->eval();
    lb.head->eval();
    for (const QJsonValue &v : lb.meta.value(QStringLiteral("classes")).toArray())
        lb.classes.append(v.toString());
    const QJsonObject pre = lb.meta.value(QStringLiteral("preprocessing")).toObject();
    lb.input_size = pre.value(QStringLiteral("input_size")).toInt();
    lb.balance_size = pre.value(QStringLiteral("balance_size")).toInt();
    lb.test_time_flip = pre.value(QStringLiteral("test_time_flip")).toBool(false);
    const QJsonArray mean = pre.value(QStringLiteral("mean")).toArray(), sd = pre.value(QStringLiteral("std")).toArray();
    for (int i = 0; i < 3 && mean.size() == 3 && sd.size() == 3; ++i) {
        lb.norm.mean[size_t(i)] = float(mean[i].toDouble());
        lb.norm.std[size_t(i)] = float(sd[i].toDouble());
    }
    if (lb.input_size < 8 || lb.input_size > 4096)
        return R::failure(Msg::tr("%1: bad preprocessing metadata").arg(path));
    for (size_t i = 0; i < 3; ++i) // a zero or non-finite std made every probability NaN
        if (!std::isfinite(lb.norm.mean[i]) || !std::isfinite(lb.norm.std[i]) || !(lb.norm.std[i] > 1e-6f))
            return R::failure(Msg::tr("%1: bad preprocessing metadata (mean %2, std %3)")
                                  .arg(path)
                                  .arg(double(lb.norm.mean[i]))
                                  .arg(double(lb.norm.std[i])));
    const QJsonObject ref = lb.meta.value(QStringLiteral("reference")).toObject();
    lb.ref_dim = ref.value(QStringLiteral("dim")).toInt();
    for (const QJsonValue &v : ref.value(QStringLiteral("paths")).toArray())
        lb.ref_paths.append(v.toString());
    for (const QJsonValue &v : ref.value(QStringLiteral("labels")).toArray())
        lb.ref_labels.push_back(v.toInt());
    lb.dataset_root = lb.meta.value(QStringLiteral("dataset_root")).toString();
    if (lb.ref_dim > 0 && blobs[2].size() == qsizetype(lb.ref_paths.size()) * lb.ref_dim * qsizetype(sizeof(float))) {
        lb.ref_embeddings.resize(size_t(blobs[2].size()) / sizeof(float));
        std::memcpy(lb.ref_embeddings.data(), blobs[2].constData(), size_t(blobs[2].size()));
    } else {
        lb.ref_dim = 0;
        lb.ref_paths.clear();
        lb.ref_labels.clear();
    }
    return lb;
}

QString loadModuleChecked(torch::nn::Module &module, const QString &file, bool *misfit)
{
    if (misfit)
        *misfit = false;
    try {
        const Shapes before = shapesOf(module);
        torch::serialize::InputArchive in;
        in.load_from(file.toStdString());
        QString error;
        try {
            module.load(in);
            error = compareShapes(before, module, in);
        } catch (const c10::Error &e) { // a tensor the model has but the file lacks
            error = QString::fromStdString(e.what_without_backtrace()).section(QLatin1Char('\n'), 0, 0);
        }
        if (misfit)
            *misfit = !error.isEmpty();
        return error;
    } catch (const c10::Error &e) {
        return QString::fromStdString(e.what_without_backtrace()).section(QLatin1Char('\n'), 0, 0);
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0);
    }
}

} // namespace bb
