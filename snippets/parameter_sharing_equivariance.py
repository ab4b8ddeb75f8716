import numpy as np

import convshare as cs
from convshare import kernels

rng = np.random.default_rng(0)
x = np.zeros((1, 12, 12))
x[0, 2:5, 2:5] = rng.random((3, 3))  # a small pattern near the top left
shift = (4, 5)  # move it 4 rows down and 5 columns right
x_moved = np.roll(x, shift, axis=(1, 2))

w = kernels.to_weight("laplacian")  # one shared 3×3 kernel
y, y_of_moved = cs.conv2d(x, w), cs.conv2d(x_moved, w)
same = np.allclose(y_of_moved, np.roll(y, shift, axis=(1, 2)))
print("convolution:       output of moved input == moved output:", same)
assert same

w_local = rng.standard_normal((10, 10, 1, 1, 3, 3))  # a kernel per position
z = cs.locally_connected2d(x, w_local)
z_of_moved = cs.locally_connected2d(x_moved, w_local)
same = np.allclose(z_of_moved, np.roll(z, shift, axis=(1, 2)))
print("locally connected: output of moved input == moved output:", same)
assert not same
