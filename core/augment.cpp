#include "augment.h"

#include <opencv2/imgproc.hpp>

namespace bb {

bool AugmentParams::isIdentity() const
{
    return !flip && rotation_deg == 0.0 && brightness == 1.0 && contrast == 1.0 && saturation == 1.0;
}

AugmentParams sampleAugment(Rng &rng, const AugmentRanges &r)
{
    AugmentParams p;
    p.flip = rng.uniform() < r.flip_probability;
    p.rotation_deg = rng.uniform(-r.max_rotation_deg, r.max_rotation_deg);
    p.brightness = rng.uniform(1.0 - r.brightness, 1.0 + r.brightness);
    p.contrast = rng.uniform(1.0 - r.contrast, 1.0 + r.contrast);
    p.saturation = rng.uniform(1.0 - r.saturation, 1.0 + r.saturation);
    return p;
}

cv::Mat applyAugment(const cv::Mat &rgb, const AugmentParams &p)
{
    CV_Assert(rgb.type() == CV_8UC3);
    cv::Mat img;
    if (p.flip)
        cv::flip(rgb, img, 1);
    else
        img = rgb.clone();
    if (p.rotation_deg != 0.0) {
        const cv::Point2f centre(float(img.cols - 1) / 2.0f, float(img.rows - 1) / 2.0f);
        const cv::Mat m = cv::getRotationMatrix2D(centre, p.rotation_deg, 1.0);
        cv::Mat rotated;
        cv::warpAffine(img, rotated, m, img.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        img = rotated;
    }
    if (p.brightness == 1.0 && p.contrast == 1.0 && p.saturation == 1.0)
        return img;
    // Colour jitter in float, one pass per factor, in the order torchvision names them.
    cv::Mat f;
    img.convertTo(f, CV_32FC3, p.brightness);
    cv::min(f, 255.0, f);
    cv::Mat grey;
    cv::cvtColor(f, grey, cv::COLOR_RGB2GRAY);
    const float meanGrey = float(cv::mean(grey)[0]);
    f = (f - cv::Scalar::all(meanGrey)) * p.contrast + cv::Scalar::all(meanGrey);
    cv::max(cv::min(f, 255.0), 0.0, f);
    cv::cvtColor(f, grey, cv::COLOR_RGB2GRAY);
    cv::Mat grey3;
    cv::cvtColor(grey, grey3, cv::COLOR_GRAY2RGB);
    cv::addWeighted(f, p.saturation, grey3, 1.0 - p.saturation, 0.0, f);
    cv::Mat out;
    f.convertTo(out, CV_8UC3); // saturating cast rounds and clamps to [0, 255]
    return out;
}

} // namespace bb
