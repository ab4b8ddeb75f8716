import numpy as np

import convshare as cs
from convshare import examples

x, w, b = examples.three_channel_demo()
print("x:", x.shape, " w:", w.shape, " b:", b)
print("x padded:", np.pad(x, ((0, 0), (1, 1), (1, 1))).shape)
side = cs.output_size(5, 3, stride=2, padding=1)
print("output side:", side, "= (5 + 2·1 − 3) // 2 + 1")

y = cs.conv2d(x, w, b, stride=2, padding=1)
print("y:", y.shape)
print(y)
