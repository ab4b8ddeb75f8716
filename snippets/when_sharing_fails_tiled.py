import numpy as np

import convshare as cs
from convshare import tiled

x = np.arange(1.0, 9.0).reshape(1, 1, 8)  # one channel, a 1×8 image: 1 2 3 4 5 6 7 8
# two 1×2 kernels in rotation along the width: [1, 1] (sums), then [1, -1] (differences)
w = np.array([[1.0, 1.0], [1.0, -1.0]]).reshape(1, 2, 1, 1, 1, 2)
print("t = 2:", tiled.tiled_conv2d(x, w)[0, 0])

rng = np.random.default_rng(0)
x = rng.standard_normal((3, 6, 6))
kernel = rng.standard_normal((4, 3, 3, 3))  # 4 filters of 3×3×3; the output is 4×4×4
one = tiled.tiled_conv2d(x, kernel[None, None])  # t = 1: one kernel everywhere
print("t = 1 equals conv2d:", np.allclose(one, cs.conv2d(x, kernel)))

w_all = rng.standard_normal((4, 4, 4, 3, 3, 3))  # t = 4 = output size: a kernel per position
every = tiled.tiled_conv2d(x, w_all)
print("t = 4 equals locally_connected2d:", np.allclose(every, cs.locally_connected2d(x, w_all)))
