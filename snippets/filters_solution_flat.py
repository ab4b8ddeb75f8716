import numpy as np

import convshare as cs
from convshare import kernels

names = ["identity", "gaussian_blur", "sharpen"]
names += ["sobel_x", "sobel_y", "laplacian"]
x = np.full((1, 8, 8), 0.5)  # a flat grey image
y = cs.conv2d(x, kernels.to_weight(*names))  # no padding: every patch is flat
for name, m in zip(names, y, strict=True):
    k = kernels.KERNELS[name]
    values = np.unique(m.round(12) + 0.0)  # every output value, once
    print(f"{name:14} sum {k.sum():g}, output {values}")
