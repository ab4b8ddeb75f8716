import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
w = rng.standard_normal((64, 3, 3, 3))  # VGG-16 conv1_1: 64 filters, 3×3×3
n = cs.params_conv2d(3, 64, 3)
for side in (32, 224):
    x = rng.standard_normal((3, side, side))
    y = cs.conv2d(x, w, padding=1)
    print(f"x {x.shape} -> y {y.shape}: {n:,} parameters")
n2 = cs.params_conv2d(64, 64, 3)
print(f"conv1_2, 64 filters of 3×3×64: {n2:,} parameters")
