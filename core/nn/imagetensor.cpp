#include "nn/imagetensor.h"

namespace bb {

torch::Tensor rgbToTensor(const cv::Mat &rgb, const Normalization &norm)
{
    TORCH_CHECK(rgb.type() == CV_8UC3, "rgbToTensor expects CV_8UC3");
    // clone() first when the Mat is a non-contiguous view: from_blob needs dense rows.
    const cv::Mat dense = rgb.isContinuous() ? rgb : rgb.clone();
    auto t = torch::from_blob(const_cast<uchar *>(dense.data), {dense.rows, dense.cols, 3}, torch::kUInt8)
                 .permute({2, 0, 1})
                 .to(torch::kFloat)
                 .div_(255.0f);
    const auto mean = torch::tensor({norm.mean[0], norm.mean[1], norm.mean[2]}).view({3, 1, 1});
    const auto stdev = torch::tensor({norm.std[0], norm.std[1], norm.std[2]}).view({3, 1, 1});
    return t.sub_(mean).div_(stdev).contiguous();
}

} // namespace bb
