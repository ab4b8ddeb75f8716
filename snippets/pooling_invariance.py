import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = rng.standard_normal((100, 1, 16, 16))  # 100 random images
w = rng.standard_normal((1, 1, 3, 3))  # one 3×3 kernel
wrap = ((0, 0), (0, 0), (1, 1), (1, 1))  # images wrap around: a shift loses no pixel
pools = {
    "conv map": lambda y: y,
    "max 2×2": lambda y: cs.max_pool2d(y, 2, stride=1),
    "max 3×3": lambda y: cs.max_pool2d(y, 3, stride=1),
    "average 3×3": lambda y: cs.avg_pool2d(y, 3, stride=1),
    "global max": lambda y: y.max(axis=(2, 3)),
}
y = cs.conv2d(np.pad(x, wrap, mode="wrap"), w)
print("| shift | map moved | " + " | ".join(pools) + " |\n|--:|:-:|" + "--:|" * 5)
for s in range(4):  # move every image s columns to the right
    y_of_moved = cs.conv2d(np.pad(np.roll(x, s, axis=-1), wrap, mode="wrap"), w)
    moved = np.allclose(y_of_moved, np.roll(y, s, axis=-1))  # equivariance
    same = [np.mean(np.isclose(pool(y_of_moved), pool(y))) for pool in pools.values()]
    print(f"| {s} | {moved} | " + " | ".join(f"{v:.0%}" for v in same) + " |")
