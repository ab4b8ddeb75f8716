import numpy as np

import convshare as cs

x = np.array([[1, 3, 2, 0], [4, 2, 1, 1], [0, 1, 5, 6], [2, 2, 7, 8]])  # a 4×4 map
print("max pooling, 2×2 windows, stride 2:\n", cs.max_pool2d(x[None], 2)[0])
print("average pooling:\n", cs.avg_pool2d(x[None], 2)[0])
windows = x.reshape(2, 2, 2, 2).swapaxes(1, 2)  # windows[r, s] is the 2×2 block (r, s)
print("by hand, the four windows' max:", windows.max(axis=(2, 3)).ravel())
print("by hand, the four windows' mean:", windows.mean(axis=(2, 3)).ravel())
print("top-right window:", x[0:2, 2:4].tolist(), "max", x[0:2, 2:4].max())
