"""Three layers from an 8×8 image to an 8×8 map, and the weights they need."""

import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = rng.standard_normal((1, 8, 8))  # one channel, W = H = 8
w_fc = rng.standard_normal((64, 64))  # each of 64 outputs sees all 64 inputs
y_fc = cs.fully_connected(x.ravel(), w_fc).reshape(1, 8, 8)

w_lc = rng.standard_normal((8, 8, 1, 1, 3, 3))  # 3×3 weights per output
y_lc = cs.locally_connected2d(x, w_lc, padding=1)

w_cv = rng.standard_normal((1, 1, 3, 3))  # one 3×3 kernel for all outputs
y_cv = cs.conv2d(x, w_cv, padding=1)

n_lc = cs.params_locally_connected2d(x.shape, 1, 3, padding=1, bias=False)
assert w_fc.size == cs.params_fully_connected(64, 64, bias=False)
assert w_lc.size == n_lc
assert w_cv.size == cs.params_conv2d(1, 1, 3, bias=False)
print("output shapes:", y_fc.shape, y_lc.shape, y_cv.shape)
print(f"fully connected:   {w_fc.size:4} weights, {w_fc[0].size} per output")
print(f"locally connected: {w_lc.size:4} weights, {w_lc[0, 0].size} per output")
print(f"convolution:       {w_cv.size:4} weights, shared by all outputs")
