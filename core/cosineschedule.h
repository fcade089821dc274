#pragma once
// Cosine annealing with warm restarts, torch-free (DESIGN.md step 4; REFERENCES.md section 4).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bb {

/// Exactly PyTorch 1.13's torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(T_0, T_mult,
/// eta_min): lr = eta_min + (base_lr - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2, with
/// step() (T_cur += 1, restart when T_cur >= T_i) and step(epoch) for fractional per-batch
/// stepping (step(epoch + i / iters)). Construction performs PyTorch's initial step(0), so
/// lr() == base_lr before the first step.
///
/// Intentional difference: step(epoch) with T_mult > 1 finds the current cycle with an
/// integer loop instead of PyTorch's float int(log(epoch / T_0 * (T_mult - 1) + 1, T_mult)).
/// Where that float log rounds below an integer (e.g. T_0 = 1, T_mult = 3, epoch 121: log
/// gives 4.999..), PyTorch stays in the old cycle with T_cur == T_i (lr = eta_min); we restart
/// (lr = base_lr), which is what the formula intends. Everywhere else the values are equal.
class CosineSchedule {
public:
    /// Persistent state (for checkpoints): restore with setState().
    struct State {
        double t_cur = 0.0;
        int64_t t_i = 1;
        int64_t last_epoch = 0;
    };

    /// One base lr per optimizer parameter group. Requires t_0 >= 1, t_mult >= 1 (asserted).
    CosineSchedule(std::vector<double> base_lrs, int64_t t_0, int64_t t_mult = 1, double eta_min = 0.0);
    CosineSchedule(double base_lr, int64_t t_0, int64_t t_mult = 1, double eta_min = 0.0)
        : CosineSchedule(std::vector<double>{base_lr}, t_0, t_mult, eta_min)
    {
    }

    /// PyTorch's scheduler.step(): one epoch (or one step, if you count in steps) forward.
    void step();
    /// PyTorch's scheduler.step(epoch) with a possibly fractional epoch >= 0 (asserted).
    void step(double epoch);

    /// lr of group 0 / of every group for the current position.
    double lr() const { return lrAt(0); }
    std::vector<double> lrs() const;
    double lrAt(size_t group) const;

    double tCur() const { return m_state.t_cur; }
    int64_t tI() const { return m_state.t_i; }
    int64_t lastEpoch() const { return m_state.last_epoch; }

    State state() const { return m_state; }
    void setState(const State &state) { m_state = state; }

    /// Stateless lr at fractional epoch `epoch` (same as a fresh schedule after step(epoch)).
    static double lrAtEpoch(double base_lr, int64_t t_0, int64_t t_mult, double eta_min, double epoch);

private:
    std::vector<double> m_base_lrs;
    int64_t m_t_0 = 1;
    int64_t m_t_mult = 1;
    double m_eta_min = 0.0;
    State m_state;
};

} // namespace bb
