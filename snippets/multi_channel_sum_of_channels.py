import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = rng.integers(0, 3, (3, 4, 4)).astype(float)  # 3 channels, each 4×4
w = rng.integers(-1, 2, (1, 3, 3, 3)).astype(float)  # 1 filter, depth 3
b = np.array([0.5])

y = cs.conv2d(x, w, b)  # shape (1, 2, 2): one filter gives one 2-D map
# channel c alone: x[c : c + 1] is (1, 4, 4) and w[:, c : c + 1] (1, 1, 3, 3)
per_channel = [cs.conv2d(x[c : c + 1], w[:, c : c + 1])[0] for c in range(3)]
for c, m in enumerate(per_channel):
    print(f"channel {c} alone:", m.tolist())
print("sum + b[0]:     ", (sum(per_channel) + b[0]).tolist())
print("conv2d(x, w, b):", y[0].tolist())
print("equal:", np.array_equal(sum(per_channel) + b[0], y[0]))
