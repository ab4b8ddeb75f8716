import numpy as np

import convshare as cs
from convshare import tiled

x = np.arange(1.0, 9.0).reshape(1, 1, 8)  # a 1×8 image: 1 2 ... 8
# two 1×2 kernels in rotation: [1, 1] (sums), then [1, -1] (differences)
w = np.array([[1.0, 1.0], [1.0, -1.0]]).reshape(1, 2, 1, 1, 1, 2)
print("t = 2:", tiled.tiled_conv2d(x, w)[0, 0])
for t in [1, 2, 3, 6]:  # 1-D: kernels of 1×3, tiles of 1×t
    n = tiled.params_tiled_conv2d(1, 1, (1, 3), (1, t), bias=False)
    print(f"1-D, kernels of 3, t = {t}: {n} weights")

rng = np.random.default_rng(0)
x = rng.standard_normal((3, 6, 6))
kernel = rng.standard_normal((4, 3, 3, 3))  # 4 filters of 3×3×3: output 4×4×4
one = tiled.tiled_conv2d(x, kernel[None, None])  # t = 1: one kernel
print("t = 1 equals conv2d:", np.allclose(one, cs.conv2d(x, kernel)))

w_all = rng.standard_normal((4, 4, 4, 3, 3, 3))  # t = 4 = output size
every = tiled.tiled_conv2d(x, w_all)  # a kernel per position
local = cs.locally_connected2d(x, w_all)
print("t = 4 equals locally_connected2d:", np.allclose(every, local))
