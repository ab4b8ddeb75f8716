import numpy as np

import convshare as cs
from convshare import images, kernels

names = ["identity", "gaussian_blur", "sharpen"]
names += ["sobel_x", "sobel_y", "laplacian"]
x = images.to_grayscale(images.load_photo())  # one channel: (1, 600, 512)
w = kernels.to_weight(*names)  # six filters of depth 1: (6, 1, 3, 3)
y = cs.conv2d(x, w, padding=1)  # one layer, six feature maps: (6, 600, 512)
print(f"`x.shape = {x.shape}`, `w.shape = {w.shape}`, `y.shape = {y.shape}`")

share = r"pixels with $\lvert y \rvert > 0.1$"
print(f"\n| feature map | min | max | mean | {share} |")
print("|---|---:|---:|---:|---:|")
for name, m in zip(names, y, strict=True):
    stats = f"{m.min():.2f} | {m.max():.2f} | {m.mean():.3f}"
    print(f"| `{name}` | {stats} | {np.mean(np.abs(m) > 0.1):.0%} |")
