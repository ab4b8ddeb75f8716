"""Three layers from an 8×8 image to an 8×8 feature map, and the weights each one needs."""

import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = rng.standard_normal((1, 8, 8))  # one channel, W = H = 8

w_fc = rng.standard_normal((64, 64))  # each of the 64 outputs sees all 64 inputs
y_fc = cs.fully_connected(x.ravel(), w_fc).reshape(1, 8, 8)

w_local = rng.standard_normal((8, 8, 1, 1, 3, 3))  # its own 3×3 patch weights per output
y_local = cs.locally_connected2d(x, w_local, padding=1)

w_conv = rng.standard_normal((1, 1, 3, 3))  # one 3×3 kernel, shared by all outputs
y_conv = cs.conv2d(x, w_conv, padding=1)

assert w_fc.size == cs.params_fully_connected(64, 64, bias=False)
assert w_local.size == cs.params_locally_connected2d((1, 8, 8), 1, 3, padding=1, bias=False)
assert w_conv.size == cs.params_conv2d(1, 1, 3, bias=False)
print(f"fully connected:   y {y_fc.shape}, {w_fc.size:4} weights, {w_fc.shape[1]} per output")
per_output = w_local[0, 0].size  # the weights of output pixel (0, 0)
print(f"locally connected: y {y_local.shape}, {w_local.size:4} weights, {per_output} per output")
print(f"convolution:       y {y_conv.shape}, {w_conv.size:4} weights, shared by all outputs")
