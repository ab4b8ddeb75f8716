import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = rng.normal(size=(4, 5, 6))  # C_in = 4 channels of 5×6 pixels
w = rng.normal(size=(3, 4, 1, 1))  # C_out = 3 filters of 1×1×4
y = cs.conv2d(x, w)

pixels = x.transpose(1, 2, 0)  # (5, 6, 4): a vector of 4 channels per pixel
z = cs.fully_connected(pixels, w[:, :, 0, 0])  # one (3, 4) matrix, every pixel
z = z.transpose(2, 0, 1)  # back to channels first: (3, 5, 6)
print("1×1 convolution:", y.shape, " fully connected per pixel:", z.shape)
print("the same numbers:", np.allclose(y, z))
print("pixel (2, 3):", y[:, 2, 3].round(4), "=", (w[:, :, 0, 0] @ x[:, 2, 3]).round(4))
print("parameters:", cs.params_conv2d(4, 3, 1), "=", cs.params_fully_connected(4, 3))
