// CosineSchedule against torch 1.13's CosineAnnealingWarmRestarts.

#include "cosineschedule.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <cmath>

using bb::CosineSchedule;

class TestCosineSchedule : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writtenInValues();
    void exactRestartDiffersFromTorchOnPurpose();
    void stateRoundTrip();
    void multipleGroups();
    void matchesTorch();
};

// Values printed by torch 1.13.0 (Debian python3-torch) with
//   opt = SGD([Parameter(zeros(1))], lr=0.1)
//   s = CosineAnnealingWarmRestarts(opt, T_0=10, T_mult=2, eta_min=0.001)
// reading opt.param_groups[0]['lr'] after k calls of s.step() (k = 0 is the constructor).
void TestCosineSchedule::writtenInValues()
{
    const std::vector<std::pair<int, double>> expected = {
        {0, 0.1}, {1, 0.09757729755661011}, {5, 0.0505}, {9, 0.0034227024433899004},
        {10, 0.1}, {11, 0.09939057285945932}, {29, 0.001609427140540686}, {30, 0.1},
    };
    CosineSchedule s(0.1, 10, 2, 0.001);
    int k = 0;
    for (const auto &[steps, lr] : expected) {
        while (k < steps) {
            s.step();
            ++k;
        }
        QCOMPARE(s.lr(), lr);
    }
    // Fractional epochs, fresh scheduler each, s.step(epoch): lr, T_cur, T_i from torch.
    struct Frac {
        double epoch, lr, t_cur;
        int64_t t_i;
    };
    for (const Frac &f : {Frac{2.5, 0.0855017856687341, 2.5, 10}, Frac{15.25, 0.08410063690388063, 5.25, 20},
                          Frac{69.99, 0.0010000152670435224, 39.989999999999995, 40}}) {
        CosineSchedule fs(0.1, 10, 2, 0.001);
        fs.step(f.epoch);
        QCOMPARE(fs.lr(), f.lr);
        QCOMPARE(fs.tCur(), f.t_cur);
        QCOMPARE(fs.tI(), f.t_i);
    }
}

// T_0 = 1, T_mult = 3: the cycles start at 0, 1, 4, 13, 40, 121, 364. torch's step(121.0)
// computes int(math.log(243, 3)) = 4 (log returns 4.999...), leaving T_cur = 81 = T_i and
// lr = eta_min = 0.001; the integer step() path restarts (lr 0.1, T_cur 0, T_i 243), as do we
// for both. torch: step(120.5) -> 0.0010093074627991836 (T_cur 80.5, T_i 81),
// step(121.5) -> 0.0999989658086575 (T_cur 0.5, T_i 243).
void TestCosineSchedule::exactRestartDiffersFromTorchOnPurpose()
{
    CosineSchedule a(0.1, 1, 3, 0.001);
    a.step(121.0);
    QCOMPARE(a.tI(), int64_t(243));
    QCOMPARE(a.tCur(), 0.0);
    QCOMPARE(a.lr(), 0.1);

    CosineSchedule b(0.1, 1, 3, 0.001);
    for (int i = 0; i < 121; ++i)
        b.step();
    QCOMPARE(b.tI(), int64_t(243));
    QCOMPARE(b.lr(), 0.1);

    CosineSchedule c(0.1, 1, 3, 0.001);
    c.step(120.5);
    QCOMPARE(c.lr(), 0.0010093074627991836);
    QCOMPARE(c.tI(), int64_t(81));
    c.step(121.5);
    QCOMPARE(c.lr(), 0.0999989658086575);
    QCOMPARE(c.tI(), int64_t(243));
}

void TestCosineSchedule::stateRoundTrip()
{
    CosineSchedule a(0.05, 4, 2, 1e-4);
    for (int i = 0; i < 9; ++i)
        a.step();
    CosineSchedule b(0.05, 4, 2, 1e-4);
    b.setState(a.state());
    for (int i = 0; i < 30; ++i) {
        a.step();
        b.step();
        QCOMPARE(b.lr(), a.lr());
    }
    QCOMPARE(b.lastEpoch(), int64_t(39));
}

void TestCosineSchedule::multipleGroups()
{
    CosineSchedule s(std::vector<double>{0.1, 0.01}, 5, 1, 0.0);
    s.step();
    s.step();
    const auto lrs = s.lrs();
    QCOMPARE(lrs.size(), size_t(2));
    QCOMPARE(lrs[0], CosineSchedule::lrAtEpoch(0.1, 5, 1, 0.0, 2.0));
    QCOMPARE(lrs[1], CosineSchedule::lrAtEpoch(0.01, 5, 1, 0.0, 2.0));
    QVERIFY(lrs[1] < lrs[0]);
}

// Full 200-value schedules computed at test time by tests/core/py/cosine_reference.py with
// Debian's /usr/bin/python3 (torch 1.13); see that script for the three stepping modes.
void TestCosineSchedule::matchesTorch()
{
    QProcess py;
    py.start(QStringLiteral(BB_PYTHON), {QStringLiteral(BB_SOURCE_DIR "/tests/core/py/cosine_reference.py")});
    QVERIFY2(py.waitForFinished(120000), "python timed out");
    if (py.exitCode() != 0) {
        const QByteArray err = py.readAllStandardError();
        if (err.contains("No module named 'torch'"))
            QSKIP("Debian's python3-torch is not installed: reference schedules unavailable");
        QFAIL(err.constData());
    }
    const QJsonArray configs = QJsonDocument::fromJson(py.readAllStandardOutput()).array();
    QCOMPARE(configs.size(), 15);
    int compared = 0, restarts = 0;
    for (const QJsonValue &cv : configs) {
        const QJsonObject c = cv.toObject();
        const int64_t t0 = c.value(QStringLiteral("t0")).toInt();
        const int64_t tmult = c.value(QStringLiteral("tmult")).toInt();
        const double eta_min = c.value(QStringLiteral("eta_min")).toDouble();
        const double base = c.value(QStringLiteral("base_lr")).toDouble();
        const QString mode = c.value(QStringLiteral("mode")).toString();
        const QJsonArray epochs = c.value(QStringLiteral("epochs")).toArray();
        const QJsonArray lrs = c.value(QStringLiteral("lr")).toArray();
        const QJsonArray tcur = c.value(QStringLiteral("t_cur")).toArray();
        const QJsonArray ti = c.value(QStringLiteral("t_i")).toArray();
        QVERIFY(epochs.size() >= 200);
        CosineSchedule s(base, t0, tmult, eta_min);
        for (int i = 0; i < epochs.size(); ++i) {
            const double epoch = epochs[i].toDouble();
            if (mode == QLatin1String("step")) {
                if (i > 0)
                    s.step();
            } else {
                s.step(epoch);
            }
            const QByteArray where = QStringLiteral("T_0=%1 T_mult=%2 mode=%3 i=%4 epoch=%5")
                                         .arg(t0).arg(tmult).arg(mode).arg(i).arg(epoch, 0, 'g', 17)
                                         .toUtf8();
            if (tcur[i].toDouble() >= ti[i].toDouble()) {
                // torch's float-log misstep at an exact restart (documented in cosineschedule.h).
                QVERIFY2(s.lr() == base && s.tCur() == 0.0, where.constData());
                ++restarts;
                continue;
            }
            QVERIFY2(std::abs(s.lr() - lrs[i].toDouble()) <= 1e-15, where.constData());
            QVERIFY2(s.tI() == ti[i].toInt(), where.constData());
            ++compared;
        }
    }
    QVERIFY(compared > 2900);
    QCOMPARE(restarts, 1); // exactly the T_0=1, T_mult=3, epoch 121 case
}

QTEST_GUILESS_MAIN(TestCosineSchedule)
#include "tst_cosineschedule.moc"
