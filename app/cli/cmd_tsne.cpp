// balancebench-cli tsne: CSV of feature vectors in, CSV of 2-D t-SNE positions out.

#include "cliutil.h"
#include "commands.h"
#include "tsne.h"
#include "savefile.h"
#include "csv.h"

#include <QFile>
#include <QJsonObject>
#include <QTextStream>

#include <cmath>
#include <limits>

namespace bb::cli {
namespace {

// A parsed numeric CSV: an optional header, an optional leading `label` column (any text,
// carried through), then rows of equal length.
struct CsvTable {
    QStringList header;        // empty when the file has none
    bool has_label = false;
    QStringList labels;        // one per row when has_label
    int columns = 0;           // numeric columns
    std::vector<float> values; // rows x columns
    int rows() const { return columns > 0 ? int(values.size() / size_t(columns)) : 0; }
};

bool isNumber(const QString &field)
{
    bool ok = false;
    field.toDouble(&ok);
    return ok;
}

// Rules: the first line is a header when any of its fields is not a number; a header whose first
// field is `label` makes column 0 a label column. Blank lines are skipped. Every other problem
// (ragged rows, non-numbers, non-finite numbers, no rows) is an error naming the line.
bool readCsv(const QString &path, CsvTable &table, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    QTextStream in(&file);
    int lineNo = 0;
    int expectedFields = -1;
    bool first = true;
    while (!in.atEnd()) {
        const QString line = in.readLine();
        ++lineNo;
        if (line.trimmed().isEmpty())
            continue;
        const QStringList fields = parseCsvLine(line);
        if (first) {
            first = false;
            bool header = false;
            for (const QString &f : fields)
                header = header || !isNumber(f);
            if (header) {
                table.header = fields;
                table.has_label = fields.first().compare(QLatin1String("label"), Qt::CaseInsensitive) == 0;
                expectedFields = int(fields.size());
                table.columns = expectedFields - (table.has_label ? 1 : 0);
                if (table.columns < 1) {
                    error = QStringLiteral("%1:%2: the header names no numeric column").arg(path).arg(lineNo);
                    return false;
                }
                continue;
            }
            expectedFields = int(fields.size());
            table.columns = expectedFields;
        }
        if (int(fields.size()) != expectedFields) {
            error = QStringLiteral("%1:%2: %3 fields, expected %4").arg(path).arg(lineNo).arg(fields.size()).arg(expectedFields);
            return false;
        }
        const int offset = table.has_label ? 1 : 0;
        if (table.has_label)
            table.labels.append(fields.first());
        for (int c = offset; c < int(fields.size()); ++c) {
            bool ok = false;
            const double v = fields[c].toDouble(&ok);
            if (!ok || !std::isfinite(v)) {
                error = QStringLiteral("%1:%2: field %3 is not a finite number: '%4'").arg(path).arg(lineNo).arg(c + 1).arg(fields[c]);
                return false;
            }
            if (std::fabs(v) > double(std::numeric_limits<float>::max())) {
                error = QStringLiteral("%1:%2: field %3, %4, is too large (beyond ±3.4e38, the range of the float values t-SNE works in)")
                            .arg(path).arg(lineNo).arg(c + 1).arg(fields[c]);
                return false;
            }
            table.values.push_back(float(v));
        }
    }
    if (table.values.empty()) {
        error = QStringLiteral("%1: no data rows").arg(path);
        return false;
    }
    return true;
}

// A previous layout: columns x,y by name when a header has them, else the first two numeric ones.
bool readLayout(const QString &path, std::vector<float> &layout, QString &error)
{
    CsvTable t;
    if (!readCsv(path, t, error))
        return false;
    int cx = 0, cy = 1;
    if (!t.header.isEmpty()) {
        const int offset = t.has_label ? 1 : 0;
        const int ix = int(t.header.indexOf(QStringLiteral("x"))), iy = int(t.header.indexOf(QStringLiteral("y")));
        if (ix >= offset && iy >= offset) {
            cx = ix - offset;
            cy = iy - offset;
        }
    }
    if (t.columns < 2) {
        error = QStringLiteral("%1: a layout needs two columns (x, y)").arg(path);
        return false;
    }
    layout.resize(size_t(t.rows()) * 2);
    for (int r = 0; r < t.rows(); ++r) {
        layout[size_t(r) * 2] = t.values[size_t(r) * t.columns + cx];
        layout[size_t(r) * 2 + 1] = t.values[size_t(r) * t.columns + cy];
    }
    return true;
}

bool writeLayout(const QString &path, const CsvTable &input, const std::vector<float> &layout, QString &error)
{
    QByteArray out;
    out.reserve(int(layout.size()) * 12 + 16);
    out += input.has_label ? "label,x,y\n" : "x,y\n";
    for (int r = 0; r < input.rows(); ++r) {
        if (input.has_label) {
            out += csvField(input.labels[r]).toUtf8();
            out += ',';
        }
        out += QByteArray::number(double(layout[size_t(r) * 2]), 'g', 8);
        out += ',';
        out += QByteArray::number(double(layout[size_t(r) * 2 + 1]), 'g', 8);
        out += '\n';
    }
    if (const QString why = writeFileAtomically(path, out); !why.isEmpty()) {
        error = QStringLiteral("%1: %2").arg(path, why);
        return false;
    }
    return true;
}

} // namespace

int cmdTsne(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("INPUT"),
                                 QStringLiteral("CSV, one row of numbers per point; optional header row; "
                                                "a first column named 'label' is carried through."));
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output CSV: x,y per row (label first if the input has one)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("perplexity"), QStringLiteral("Perplexity (default 30; clamped below N/3)."), QStringLiteral("P")});
    parser.addOption({QStringLiteral("iterations"), QStringLiteral("Gradient-descent iterations, early exaggeration included (default 1000; 300 with --init)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed (default 0)."), QStringLiteral("S")});
    parser.addOption({QStringLiteral("init"), QStringLiteral("Warm start from a previous layout (x,y rows for the first points; later rows are new)."), QStringLiteral("OLD.csv")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Worker threads (default: all cores)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("theta"), QStringLiteral("Barnes-Hut accuracy, 0 = exact (default 0.5)."), QStringLiteral("T")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print {\"n\", \"kl_divergence\", \"seconds\"} as JSON.")});
    const int rc = parseCommand(parser, args,
                                QStringLiteral("Embeds feature vectors in 2-D with t-SNE (Barnes-Hut, exact kNN, "
                                               "PCA initialisation, optional warm start)."),
                                1, 1);
    if (rc >= 0)
        return rc;
    if (!parser.isSet(QStringLiteral("out"))) {
        printError(QStringLiteral("tsne: --out FILE is required"));
        return ExitUsage;
    }
    TsneOptions opts;
    // A warm start continues from a converged layout: a few hundred iterations settle the changes,
    // more only let the layout keep expanding (visible motion, see RESULTS-tsne.md).
    qint64 iterations = parser.isSet(QStringLiteral("init")) ? 300 : opts.iterations, seed = 0, threads = 0;
    if (!optionDouble(parser, QStringLiteral("perplexity"), opts.perplexity, 1.0, 10000.0)
        || !optionInt(parser, QStringLiteral("iterations"), iterations, 0, 1000000)
        || !optionInt(parser, QStringLiteral("seed"), seed, 0, std::numeric_limits<qint64>::max())
        || !optionInt(parser, QStringLiteral("threads"), threads, 1, 256)
        || !optionDouble(parser, QStringLiteral("theta"), opts.theta, 0.0, 2.0))
        return ExitUsage;
    opts.iterations = int(iterations);
    opts.seed = quint64(seed);
    opts.threads = int(threads);
    if (opts.theta == 0.0)
        opts.repulsion = TsneRepulsion::Exact;

    CsvTable input;
    QString error;
    if (!readCsv(parser.positionalArguments().first(), input, error)) {
        printError(error);
        return ExitFailure;
    }
    if (parser.isSet(QStringLiteral("init"))) {
        if (!readLayout(parser.value(QStringLiteral("init")), opts.init, error)) {
            printError(error);
            return ExitFailure;
        }
        if (int(opts.init.size() / 2) > input.rows()) {
            printError(QStringLiteral("%1: %2 rows, but the input has only %3")
                           .arg(parser.value(QStringLiteral("init")))
                           .arg(opts.init.size() / 2)
                           .arg(input.rows()));
            return ExitFailure;
        }
    }

    const bool json = parser.isSet(QStringLiteral("json"));
    TerminalJob job(QStringLiteral("t-SNE"), json);
    Result<TsneResult> result = Tsne::run(input.values, input.columns, opts, &job.control());
    job.finish();
    if (!result) {
        if (job.control().isCancelled())
            return ExitInterrupted;
        printError(result.error());
        return ExitFailure;
    }
    const TsneResult &r = result.value();
    if (!writeLayout(parser.value(QStringLiteral("out")), input, r.layout, error)) {
        printError(error);
        return ExitFailure;
    }
    if (json) {
        QJsonObject o;
        o.insert(QStringLiteral("n"), input.rows());
        o.insert(QStringLiteral("kl_divergence"), r.kl_divergence);
        o.insert(QStringLiteral("seconds"), r.seconds);
        o.insert(QStringLiteral("knn_seconds"), r.knn_seconds);
        o.insert(QStringLiteral("perplexity"), r.perplexity);
        o.insert(QStringLiteral("iterations"), r.iterations);
        printJson(QJsonDocument(o));
    } else {
        printOut(QStringLiteral("t-SNE of %1 points (perplexity %2, %3 iterations): KL %4 in %5 s -> %6")
                     .arg(input.rows())
                     .arg(r.perplexity, 0, 'g', 4)
                     .arg(r.iterations)
                     .arg(r.kl_divergence, 0, 'f', 4)
                     .arg(r.seconds, 0, 'f', 2)
                     .arg(parser.value(QStringLiteral("out"))));
    }
    return ExitOk;
}

} // namespace bb::cli
