import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = np.zeros((1, 8, 8))
x[0, 1, 1] = 1.0  # a bright dot at row 1, column 1
x_moved = np.roll(x, 1, axis=2)  # the same dot one column to the right
w = rng.random((1, 1, 3, 3))  # one shared 3×3 filter


def where(a):  # (row, column) of the largest value
    return tuple(int(i) for i in np.unravel_index(np.argmax(a), a.shape[1:]))


y, y_moved = cs.conv2d(x, w, padding=1), cs.conv2d(x_moved, w, padding=1)
print("feature map, strongest at", where(y), "; for the moved dot at", where(y_moved))
pooled, pooled_moved = cs.max_pool2d(y, 4), cs.max_pool2d(y_moved, 4)  # 4×4 windows
print("after 4×4 max pooling:", pooled.round(2).tolist())
print("for the moved dot:    ", pooled_moved.round(2).tolist())
print("pooled maps equal:", np.array_equal(pooled, pooled_moved))
