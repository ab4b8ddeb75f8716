"""The loops and the fast engine agree, with padding and stride too."""

import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = rng.standard_normal((2, 3, 9, 9))  # a batch of 2 images with 3 channels
w = rng.standard_normal((4, 3, 3, 3))  # 4 kernels of 3×3×3
b = rng.standard_normal(4)

slow = cs.conv2d_naive(x, w, b, stride=2, padding=1)
fast = cs.conv2d(x, w, b, stride=2, padding=1)
print("shape:", slow.shape)
print("largest difference:", f"{np.max(np.abs(slow - fast)):.1e}")
print("allclose:", np.allclose(slow, fast))
