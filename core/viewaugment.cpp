#include "viewaugment.h"

#include "imagedecoder.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace bb {

bool isGreyImage(const cv::Mat &rgb)
{
    for (int y = 0; y < rgb.rows; ++y) {
        const uchar *p = rgb.ptr<uchar>(y);
        for (int x = 0; x < rgb.cols; ++x, p += 3)
            if (p[0] != p[1] || p[1] != p[2])
                return false;
    }
    return true;
}

cv::Mat makeView(const cv::Mat &rgb, const ViewAugmentOptions &o, Rng &rng)
{
    // Random resized crop as torchvision does it: area and log-uniform aspect ratio, ten
    // tries, then the whole image.
    const int w = rgb.cols, h = rgb.rows;
    const double area = double(w) * h;
    cv::Rect crop(0, 0, w, h);
    for (int attempt = 0; attempt < 10; ++attempt) {
        const double target = area * rng.uniform(o.crop_scale_min, 1.0);
        const double ratio = std::exp(rng.uniform(std::log(o.crop_ratio_min), std::log(o.crop_ratio_max)));
        const int cw = int(std::lround(std::sqrt(target * ratio)));
        const int ch = int(std::lround(std::sqrt(target / ratio)));
        if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
            const int x = int(rng.below(quint64(w - cw + 1)));
            const int y = int(rng.below(quint64(h - ch + 1)));
            crop = cv::Rect(x, y, cw, ch);
            break;
        }
    }
    cv::Mat view = resizeRgb(rgb(crop), o.out_size, o.out_size);
    if (rng.uniform() < o.flip_probability)
        cv::flip(view, view, 1);
    const bool jitter = rng.uniform() < o.jitter_probability;
    const double b = rng.uniform(1.0 - o.jitter, 1.0 + o.jitter);
    const double c = rng.uniform(1.0 - o.jitter, 1.0 + o.jitter);
    const double s = rng.uniform(1.0 - o.saturation, 1.0 + o.saturation);
    const bool grey = o.colour && rng.uniform() < o.grayscale_probability;
    const bool blur = rng.uniform() < o.blur_probability;
    const double sigma = rng.uniform(0.1, 1.0);
    if (jitter) {
        cv::Mat f;
        view.convertTo(f, CV_32FC3, b);
        cv::Mat g;
        cv::cvtColor(f, g, cv::COLOR_RGB2GRAY);
        const float mean = float(cv::mean(g)[0]);
        f = (f - cv::Scalar::all(mean)) * c + cv::Scalar::all(mean);
        if (o.colour) {
            cv::cvtColor(f, g, cv::COLOR_RGB2GRAY);
            cv::Mat g3;
            cv::cvtColor(g, g3, cv::COLOR_GRAY2RGB);
            cv::addWeighted(f, s, g3, 1.0 - s, 0.0, f);
        }
        f.convertTo(view, CV_8UC3);
    }
    if (grey) {
        cv::Mat g;
        cv::cvtColor(view, g, cv::COLOR_RGB2GRAY);
        cv::cvtColor(g, view, cv::COLOR_GRAY2RGB);
    }
    if (blur) {
        int k = std::max(3, (o.out_size / 10) | 1);
        cv::GaussianBlur(view, view, cv::Size(k, k), sigma, sigma, cv::BORDER_REFLECT_101);
    }
    // Drawn last and only when enabled, so the other steps' draws are the same either way.
    if (o.erase_probability > 0 && rng.uniform() < o.erase_probability) {
        const int vw = view.cols, vh = view.rows;
        for (int attempt = 0; attempt < 10; ++attempt) {
            const double target = double(vw) * vh * rng.uniform(0.02, 0.33);
            const double ratio = std::exp(rng.uniform(std::log(0.3), std::log(3.3)));
            const int ew = int(std::lround(std::sqrt(target / ratio)));
            const int eh = int(std::lround(std::sqrt(target * ratio)));
            if (ew < 1 || eh < 1 || ew >= vw || eh >= vh)
                continue;
            const int x0 = int(rng.below(quint64(vw - ew + 1)));
            const int y0 = int(rng.below(quint64(vh - eh + 1)));
            for (int y = y0; y < y0 + eh; ++y) {
                uchar *p = view.ptr<uchar>(y) + 3 * x0;
                for (int x = 0; x < ew; ++x, p += 3) {
                    const uchar v = uchar(rng.below(256));
                    p[0] = v;
                    p[1] = o.colour ? uchar(rng.below(256)) : v;
                    p[2] = o.colour ? uchar(rng.below(256)) : v;
                }
            }
            break;
        }
    }
    return view;
}

} // namespace bb
