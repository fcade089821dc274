#include "trainingconfig.h"

#include "jsonfile.h"
#include "nn/backbonenames.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonObject>
#include <QJsonDocument>
#include <QSet>

#include <cmath>
#include <limits>
#include <functional>
#include <optional>

namespace bb {
namespace {

// This file's translation context. lupdate cannot tell the context of a free tr() function;
// it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::TrainingConfig)
};

// One table drives JSON in/out and overrides, so a new setting is added in one place.
struct Field {
    const char *key;
    enum Kind { Int, Double, Bool, String, UInt64 } kind;
    std::function<void *(TrainingConfig &)> ptr;
};

#define BB_FIELD(name, kind) Field{#name, Field::kind, [](TrainingConfig &c) -> void * { return &c.name; }}

const std::vector<Field> &fields()
{
    static const std::vector<Field> kFields = {
        BB_FIELD(profile, String), BB_FIELD(balance_target, Int), BB_FIELD(balance_size, Int),
        BB_FIELD(val_fraction, Double), BB_FIELD(input_size, Int), BB_FIELD(backbone, String),
        BB_FIELD(backbone_weights, String), BB_FIELD(pooling, String), BB_FIELD(pool_stages, Int), BB_FIELD(attention, Bool), BB_FIELD(members, Int), BB_FIELD(projection_hidden, Int),
        BB_FIELD(projection_dim, Int), BB_FIELD(epochs, Int), BB_FIELD(batch_size, Int), BB_FIELD(views, Int),
        BB_FIELD(temperature, Double), BB_FIELD(aux_ce_weight, Double), BB_FIELD(margin, Double), BB_FIELD(top_k, Int),
        BB_FIELD(class_weighting, String), BB_FIELD(lr, Double), BB_FIELD(weight_decay, Double),
        BB_FIELD(t_0, Int), BB_FIELD(t_mult, Int), BB_FIELD(eta_min, Double), BB_FIELD(crop_scale_min, Double), BB_FIELD(crop_ratio_max, Double),
        BB_FIELD(jitter, Double), BB_FIELD(blur_probability, Double), BB_FIELD(grayscale_probability, Double), BB_FIELD(erase_probability, Double),
        BB_FIELD(embedding_every, Int), BB_FIELD(head_hidden, Int), BB_FIELD(head_dropout, Double),
        BB_FIELD(head_epochs, Int), BB_FIELD(head_patience, Int), BB_FIELD(head_batch_size, Int),
        BB_FIELD(head_lr, Double), BB_FIELD(focal_gamma, Double), BB_FIELD(focal_alpha, String),
        BB_FIELD(head_augment, Bool), BB_FIELD(test_time_flip, Bool), BB_FIELD(seed, UInt64), BB_FIELD(threads, Int),
        BB_FIELD(loader_threads, Int), BB_FIELD(max_steps, Int),
    };
    return kFields;
}
#undef BB_FIELD

Status setFromString(TrainingConfig &c, const Field &f, const QString &value)
{
    bool ok = true;
    void *p = f.ptr(c);
    switch (f.kind) {
    case Field::Int: *static_cast<int *>(p) = value.toInt(&ok); break;
    case Field::Double: {
        const double v = value.toDouble(&ok);
        if (ok && !std::isfinite(v)) // "nan", "inf": JSON cannot hold them, and no setting means them
            return Status::failure(Msg::tr("setting '%1': cannot use '%2' (not a finite number)").arg(QString::fromLatin1(f.key), value));
        *static_cast<double *>(p) = v;
        break;
    }
    case Field::UInt64: *static_cast<quint64 *>(p) = value.toULongLong(&ok); break;
    case Field::Bool:
        if (value == QLatin1String("true") || value == QLatin1String("1") || value == QLatin1String("on"))
            *static_cast<bool *>(p) = true;
        else if (value == QLatin1String("false") || value == QLatin1String("0") || value == QLatin1String("off"))
            *static_cast<bool *>(p) = false;
        else
            ok = false;
        break;
    case Field::String: *static_cast<QString *>(p) = value; break;
    }
    if (!ok)
        return Status::failure(Msg::tr("setting '%1': cannot use '%2'").arg(QString::fromLatin1(f.key), value));
    return Status::success();
}

// The text form of a setting's JSON value, as setFromString reads it; std::nullopt for an
// unsupported value (an empty string is a value: backbone_weights "").
std::optional<QString> settingText(const Field &f, const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) {
        // toInteger() reads 3.5 and 1e20 as 0; a whole number in int's range is written as one,
        // anything else keeps its digits so that setFromString refuses it by name.
        const double d = v.toDouble();
        if (f.kind == Field::Int && d == std::floor(d) && std::abs(d) <= double(std::numeric_limits<int>::max()))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    if (v.isString())
        return v.toString();
    return std::nullopt;
}

} // namespace

QStringList TrainingConfig::keys()
{
    QStringList k;
    for (const Field &f : fields())
        k.append(QString::fromLatin1(f.key));
    return k;
}

QStringList TrainingConfig::resumableKeys()
{
    return {QStringLiteral("head_hidden"), QStringLiteral("head_dropout"), QStringLiteral("head_epochs"),
            QStringLiteral("head_patience"), QStringLiteral("head_batch_size"), QStringLiteral("head_lr"),
            QStringLiteral("focal_gamma"), QStringLiteral("focal_alpha"), QStringLiteral("head_augment"),
            QStringLiteral("test_time_flip"), QStringLiteral("threads"), QStringLiteral("loader_threads")};
}

Result<TrainingConfig> TrainingConfig::fromProfile(const QString &name)
{
    TrainingConfig c;
    if (name == QLatin1String("quick"))
        return c;
    if (name == QLatin1String("seed")) {
        // The original pipeline's shape: EfficientNet-B0 at 224 from 256² images.
        c.profile = name;
        c.backbone = efficientNetB0Name();
        c.input_size = 224;
        c.pooling = QStringLiteral("avg"); // torchvision's
        c.pool_stages = 1;
        c.batch_size = 32;
        c.epochs = 30;
        c.projection_hidden = 512;
        c.projection_dim = 128;
        c.temperature = 0.07;
        c.margin = 0.1;
        c.top_k = 16;
        c.lr = 1e-3;
        c.weight_decay = 1e-2;
        c.t_0 = 10;
        c.t_mult = 1;
        c.aux_ce_weight = 0.0; // pure SupCon, as the original pipeline
        c.crop_scale_min = 0.2;
        c.blur_probability = 0.3;
        c.head_hidden = 512;
        c.head_dropout = 0.3;
        c.embedding_every = 5;
        return c;
    }
    return Result<TrainingConfig>::failure(Msg::tr("unknown profile '%1' (quick, seed)").arg(name));
}

QJsonObject TrainingConfig::toJson() const
{
    QJsonObject o;
    TrainingConfig copy = *this;
    for (const Field &f : fields()) {
        void *p = f.ptr(copy);
        const QString key = QString::fromLatin1(f.key);
        switch (f.kind) {
        case Field::Int: o.insert(key, *static_cast<int *>(p)); break;
        case Field::Double: o.insert(key, *static_cast<double *>(p)); break;
        case Field::UInt64: o.insert(key, QString::number(*static_cast<quint64 *>(p))); break;
        case Field::Bool: o.insert(key, *static_cast<bool *>(p)); break;
        case Field::String: o.insert(key, *static_cast<QString *>(p)); break;
        }
    }
    return o;
}

Result<TrainingConfig> TrainingConfig::fromJson(const QJsonObject &json, const TrainingConfig &base)
{
    TrainingConfig c = base;
    QSet<QString> known;
    for (const Field &f : fields()) {
        const QString key = QString::fromLatin1(f.key);
        known.insert(key);
        if (!json.contains(key))
            continue;
        const std::optional<QString> text = settingText(f, json.value(key));
        if (!text)
            return Result<TrainingConfig>::failure(Msg::tr("setting '%1': unsupported JSON value").arg(key));
        const Status s = setFromString(c, f, *text);
        if (!s)
            return Result<TrainingConfig>::failure(s);
    }
    for (auto it = json.constBegin(); it != json.constEnd(); ++it)
        if (!known.contains(it.key()))
            return Result<TrainingConfig>::failure(Msg::tr("unknown setting '%1'").arg(it.key()));
    const Status s = c.validate();
    if (!s)
        return Result<TrainingConfig>::failure(s);
    return c;
}

Result<TrainingConfig> TrainingConfig::fromFile(const QString &path, const QString &profile, const QString &fallbackProfile)
{
    using R = Result<TrainingConfig>;
    const JsonObjectFile file = readJsonObjectFile(path);
    switch (file.outcome) {
    case JsonObjectFile::Outcome::Ok: break;
    case JsonObjectFile::Outcome::Missing:
    case JsonObjectFile::Outcome::Unreadable: return R::failure(Msg::tr("cannot read %1: %2").arg(path, file.detail));
    case JsonObjectFile::Outcome::Syntax: return R::failure(Msg::tr("%1 is not valid JSON (%2)").arg(path, file.detail));
    case JsonObjectFile::Outcome::NotObject:
        return R::failure(Msg::tr("%1: the settings must be one JSON object, {\"key\": value, …}, not %2").arg(path, file.detail));
    }
    QJsonObject json = file.object;
    QString base = profile;
    if (base.isEmpty())
        base = json.value(QStringLiteral("profile")).toString(fallbackProfile);
    else
        json.remove(QStringLiteral("profile")); // the profile asked for names the result
    auto start = fromProfile(base);
    if (!start)
        return R::failure(Msg::tr("%1: %2").arg(path, start.error()));
    auto c = fromJson(json, start.value());
    if (!c)
        return R::failure(Msg::tr("%1: %2").arg(path, c.error()));
    return c;
}

Result<TrainingConfig> TrainingConfig::fromSavedJson(const QJsonObject &json)
{
    // Settings added after the first release: a run saved before them has no key and meant what
    // they mean when off. Any other key missing means the file was cut or edited, and defaults
    // in its place would not match the checkpoints.
    TrainingConfig before;
    before.aux_ce_weight = 0.0;     // added with default 0, the quick profile's default is 10 now
    before.erase_probability = 0.0; // added later, off
    before.crop_ratio_max = 1.333;  // the aspect range was fixed at 3/4..4/3 before
    before.test_time_flip = false;  // added later; such runs were validated without the mirror
    before.pooling = QStringLiteral("avg"); // added later; average pooling was the only one
    before.members = 1;                     // added later; one model
    before.pool_stages = 1;                 // added later; the last map only
    static const QSet<QString> kAddedLater = {QStringLiteral("aux_ce_weight"), QStringLiteral("erase_probability"),
                                              QStringLiteral("crop_ratio_max"), QStringLiteral("test_time_flip"),
                                              QStringLiteral("pooling"), QStringLiteral("members"),
                                              QStringLiteral("pool_stages")};
    for (const QString &key : keys())
        if (!json.contains(key) && !kAddedLater.contains(key))
            return Result<TrainingConfig>::failure(Msg::tr("the saved settings lack '%1'").arg(key));
    return fromJson(json, before);
}

namespace {
// The key of a key=value override ('-' read as '_'), empty if it is not key=value.
QString overrideKey(const QString &o)
{
    const int eq = int(o.indexOf(QLatin1Char('=')));
    return eq <= 0 ? QString() : o.left(eq).replace(QLatin1Char('-'), QLatin1Char('_'));
}
} // namespace

Status TrainingConfig::checkResumeOverrides(const QStringList &overrides)
{
    const QStringList resumable = resumableKeys();
    for (const QString &o : overrides) {
        const QString key = overrideKey(o);
        if (key.isEmpty())
            return Status::failure(Msg::tr("override '%1' is not key=value").arg(o));
        if (!resumable.contains(key))
            return Status::failure(Msg::tr("setting '%1' shapes the SupCon stage and cannot change when resuming; "
                                           "start a new run (resumable: %2)")
                                       .arg(key, resumable.join(QStringLiteral(", "))));
    }
    return Status::success();
}

QStringList TrainingConfig::resumeOverrides(const TrainingConfig &run, const TrainingConfig &wanted)
{
    const QJsonObject a = run.toJson(), b = wanted.toJson();
    const QStringList resumable = resumableKeys();
    QStringList out;
    for (const Field &f : fields()) {
        const QString key = QString::fromLatin1(f.key);
        if (resumable.contains(key) && a.value(key) != b.value(key))
            out.append(key + QLatin1Char('=') + settingText(f, b.value(key)).value_or(QString()));
    }
    return out;
}

Result<TrainingConfig> TrainingConfig::withOverrides(const TrainingConfig &base, const QStringList &overrides)
{
    TrainingConfig c = base;
    for (const QString &o : overrides) {
        const QString key = overrideKey(o);
        if (key.isEmpty())
            return Result<TrainingConfig>::failure(Msg::tr("override '%1' is not key=value").arg(o));
        if (key == QLatin1String("profile")) // a whole set of settings, not one: relabelling would be a lie
            return Result<TrainingConfig>::failure(
                Msg::tr("'profile' names a whole set of settings and cannot be overridden; choose it with --profile "
                        "(or \"profile\" in a --config file)"));
        bool found = false;
        for (const Field &f : fields()) {
            if (key == QLatin1String(f.key)) {
                const Status s = setFromString(c, f, o.mid(o.indexOf(QLatin1Char('=')) + 1));
                if (!s)
                    return Result<TrainingConfig>::failure(s);
                found = true;
                break;
            }
        }
        if (!found)
            return Result<TrainingConfig>::failure(Msg::tr("unknown setting '%1' (known: %2)").arg(key, keys().join(QStringLiteral(", "))));
    }
    const Status s = c.validate();
    if (!s)
        return Result<TrainingConfig>::failure(s);
    return c;
}

Status TrainingConfig::validate() const
{
    auto bad = [](const char *key, const QString &why) {
        return Status::failure(Msg::tr("setting '%1': %2").arg(QString::fromLatin1(key), why));
    };
    // A configuration built in code may hold NaN or infinity, which every range check below
    // lets through (NaN compares false) and JSON writes as null.
    TrainingConfig copy = *this;
    for (const Field &f : fields())
        if (f.kind == Field::Double && !std::isfinite(*static_cast<const double *>(f.ptr(copy))))
            return bad(f.key, Msg::tr("must be a finite number"));
    if (!isBackboneName(backbone))
        return bad("backbone", Msg::tr("unknown backbone '%1' (%2)").arg(backbone, backboneNames().join(QStringLiteral(", "))));
    if (pooling != QLatin1String("avg") && pooling != QLatin1String("avgmax"))
        return bad("pooling", Msg::tr("must be avg or avgmax"));
    if (const int stages = backboneStageCount(backbone); pool_stages < 1 || pool_stages > stages)
        return bad("pool_stages", Msg::tr("must be in [1, %1] (the %2 backbone has %1 stages)").arg(stages).arg(backbone));
    if (members < 1 || members > 8)
        return bad("members", Msg::tr("must be in [1, 8]"));
    if (input_size < 8 || input_size > 1024)
        return bad("input_size", Msg::tr("must be in [8, 1024]"));
    if (balance_size < 8 || balance_size > 4096)
        return bad("balance_size", Msg::tr("must be in [8, 4096]"));
    if (balance_target < 1)
        return bad("balance_target", Msg::tr("must be >= 1"));
    if (!(val_fraction > 0 && val_fraction < 0.9))
        return bad("val_fraction", Msg::tr("must be in (0, 0.9)"));
    if (epochs < 0 || epochs > 100000)
        return bad("epochs", Msg::tr("must be >= 0"));
    if (batch_size < 2)
        return bad("batch_size", Msg::tr("must be >= 2"));
    if (views < 1 || views > 16)
        return bad("views", Msg::tr("must be in [1, 16]"));
    // Upper bounds keep every value inside float's range, where libtorch computes: 1e39 as a
    // weight decay or focal gamma trains NaN and exits 0, 1e39 as a learning rate fails in torch.
    if (!(temperature >= 1e-3 && temperature <= 100))
        return bad("temperature", Msg::tr("must be in [0.001, 100]"));
    if (!(margin >= 0 && margin <= 10))
        return bad("margin", Msg::tr("must be in [0, 10]"));
    if (!(aux_ce_weight >= 0 && aux_ce_weight <= 10))
        return bad("aux_ce_weight", Msg::tr("must be in [0, 10]"));
    if (top_k < 0)
        return bad("top_k", Msg::tr("must be >= 0"));
    if (class_weighting != QLatin1String("original") && class_weighting != QLatin1String("balanced")
        && class_weighting != QLatin1String("none"))
        return bad("class_weighting", Msg::tr("must be original, balanced or none"));
    if (!(lr > 0 && lr <= 10))
        return bad("lr", Msg::tr("must be in (0, 10]"));
    if (!(head_lr > 0 && head_lr <= 10))
        return bad("head_lr", Msg::tr("must be in (0, 10]"));
    if (!(weight_decay >= 0 && weight_decay <= 10))
        return bad("weight_decay", Msg::tr("must be in [0, 10]"));
    if (t_0 < 1 || t_mult < 1)
        return bad("t_0", Msg::tr("T_0 and T_mult must be integers >= 1"));
    if (!(eta_min >= 0 && eta_min <= 10))
        return bad("eta_min", Msg::tr("must be in [0, 10]"));
    if (!(crop_scale_min > 0 && crop_scale_min <= 1))
        return bad("crop_scale_min", Msg::tr("must be in (0, 1]"));
    if (!(crop_ratio_max >= 1 && crop_ratio_max <= 4))
        return bad("crop_ratio_max", Msg::tr("must be in [1, 4]"));
    if (jitter < 0 || jitter > 1)
        return bad("jitter", Msg::tr("must be in [0, 1]"));
    for (const auto &[key, p] : {std::pair{"blur_probability", blur_probability}, std::pair{"grayscale_probability", grayscale_probability},
                                 std::pair{"erase_probability", erase_probability}})
        if (!(p >= 0 && p <= 1))
            return bad(key, Msg::tr("must be in [0, 1]"));
    if (projection_dim < 2)
        return bad("projection_dim", Msg::tr("must be >= 2"));
    for (const auto &[key, v] : {std::pair{"projection_hidden", projection_hidden}, std::pair{"head_hidden", head_hidden}})
        if (v < 0)
            return bad(key, Msg::tr("must be >= 0 (0: no hidden layer)"));
    if (head_dropout < 0 || head_dropout >= 1)
        return bad("head_dropout", Msg::tr("must be in [0, 1)"));
    if (!(focal_gamma >= 0 && focal_gamma <= 10))
        return bad("focal_gamma", Msg::tr("must be in [0, 10]"));
    if (focal_alpha != QLatin1String("uniform") && focal_alpha != QLatin1String("inverse"))
        return bad("focal_alpha", Msg::tr("must be uniform or inverse"));
    if (head_epochs < 1)
        return bad("head_epochs", Msg::tr("must be >= 1"));
    if (head_batch_size < 2)
        return bad("head_batch_size", Msg::tr("must be >= 2"));
    if (head_patience < 1)
        return bad("head_patience", Msg::tr("must be >= 1"));
    // Bounded as the workbench's form is: 100000 torch threads ran (load average ~200, 1.5 GB of
    // thread stacks) rather than being refused.
    if (threads < 0 || threads > 1024)
        return bad("threads", Msg::tr("must be 0 (all cores) to 1024"));
    if (loader_threads < 1 || loader_threads > 256)
        return bad("loader_threads", Msg::tr("must be 1 to 256"));
    return Status::success();
}

} // namespace bb
