import numpy as np

import convshare as cs
from convshare import kernels

w = kernels.to_weight("box_blur")  # the mean of each 3×3 neighbourhood
wrap = ((0, 0), (1, 1), (1, 1))  # wrap-around padding: the image has no border
x = y = np.ones((1, 11, 11))  # a blank image: no pixel differs from another
for depth in range(1, 5):
    x = cs.conv2d(x, w, padding=1)  # zero padding: the size stays 11×11
    y = cs.conv2d(np.pad(y, wrap, mode="wrap"), w)
    print(f"zero padding, {depth} layer{'s' if depth > 1 else ' '}:", np.round(x[0, 5], 2))
print("distinct values in that row:", len(np.unique(np.round(x[0, 5], 9))))
print("wrap-around padding, 4 layers: every value", np.unique(np.round(y, 9)))
