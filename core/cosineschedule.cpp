#include "cosineschedule.h"

#include <QtGlobal>

#include <cmath>

namespace bb {

CosineSchedule::CosineSchedule(std::vector<double> base_lrs, int64_t t_0, int64_t t_mult, double eta_min)
    : m_base_lrs(std::move(base_lrs))
    , m_t_0(t_0)
    , m_t_mult(t_mult)
    , m_eta_min(eta_min)
{
    Q_ASSERT(t_0 >= 1 && t_mult >= 1);
    m_state.t_i = m_t_0;
    step(0.0); // PyTorch's constructor steps once (last_epoch -1 -> 0)
}

void CosineSchedule::step()
{
    m_state.last_epoch += 1;
    m_state.t_cur += 1.0;
    if (m_state.t_cur >= static_cast<double>(m_state.t_i)) {
        m_state.t_cur -= static_cast<double>(m_state.t_i);
        m_state.t_i *= m_t_mult;
    }
}

void CosineSchedule::step(double epoch)
{
    Q_ASSERT(epoch >= 0.0);
    if (epoch >= static_cast<double>(m_t_0)) {
        if (m_t_mult == 1) {
            // Python's float % equals fmod for positive operands.
            m_state.t_cur = std::fmod(epoch, static_cast<double>(m_t_0));
            // PyTorch leaves T_i untouched here; with T_mult 1 it is always T_0 anyway.
        } else {
            // Integer cycle walk: cycle n starts at T_0 (T_mult^n - 1) / (T_mult - 1), computed
            // exactly; PyTorch's float log can land on the wrong side at exact restarts.
            int64_t start = 0;
            int64_t length = m_t_0;
            while (epoch >= static_cast<double>(start + length)) {
                start += length;
                length *= m_t_mult;
            }
            m_state.t_cur = epoch - static_cast<double>(start);
            m_state.t_i = length;
        }
    } else {
        m_state.t_i = m_t_0;
        m_state.t_cur = epoch;
    }
    m_state.last_epoch = static_cast<int64_t>(std::floor(epoch));
}

double CosineSchedule::lrAt(size_t group) const
{
    Q_ASSERT(group < m_base_lrs.size());
    const double base = m_base_lrs[group];
    // Same operation order as PyTorch's get_lr() so values agree to the last bit.
    return m_eta_min + (base - m_eta_min) * (1.0 + std::cos(M_PI * m_state.t_cur / static_cast<double>(m_state.t_i))) / 2.0;
}

std::vector<double> CosineSchedule::lrs() const
{
    std::vector<double> out;
    out.reserve(m_base_lrs.size());
    for (size_t i = 0; i < m_base_lrs.size(); ++i)
        out.push_back(lrAt(i));
    return out;
}

double CosineSchedule::lrAtEpoch(double base_lr, int64_t t_0, int64_t t_mult, double eta_min, double epoch)
{
    CosineSchedule s(base_lr, t_0, t_mult, eta_min);
    s.step(epoch);
    return s.lr();
}

} // namespace bb
