import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = rng.normal(size=(3, 8, 8))  # C_in = 3 channels
depthwise = rng.normal(size=(3, 1, 3, 3))  # one 3×3 kernel per channel
pointwise = rng.normal(size=(4, 3, 1, 1))  # C_out = 4 filters of 1×1×3
h = cs.conv2d(x, depthwise, padding=1, groups=3)  # channel by channel
separable = cs.conv2d(h, pointwise)  # then mix the channels

# one standard kernel does the same: w[o, c] = pointwise[o, c] · depthwise[c]
w = pointwise[:, :, 0, 0, None, None] * depthwise[:, 0]
standard = cs.conv2d(x, w, padding=1)
print("standard kernel w:", w.shape, " equal outputs:", np.allclose(separable, standard))

free = rng.normal(size=(4, 3, 3, 3))  # a standard kernel with no constraint
for name, kernel in [("separable", w), ("free", free)]:
    ranks = [int(np.linalg.matrix_rank(kernel[:, c].reshape(4, 9))) for c in range(3)]
    print(f"{name}: rank of w[:, c] as a 4×9 matrix, c = 0, 1, 2: {ranks}")
print("numbers:", depthwise.size + pointwise.size, "instead of", w.size)
