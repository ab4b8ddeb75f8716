import numpy as np

import convshare as cs
from convshare import examples

x, w, b = examples.three_channel_demo()
xp = np.pad(x, ((0, 0), (1, 1), (1, 1)))  # zero padding 1: (3, 7, 7)
patch = xp[:, 2:5, 2:5]  # output row 1, column 1, stride 2
print("window, channel by channel:")
print(patch)
per_channel = np.sum(patch * w[1], axis=(1, 2))  # filter w1
print("sum of window * w1, per channel:", per_channel, " b1:", b[1])
print("by hand:", per_channel.sum() + b[1])
print("conv2d: ", cs.conv2d(x, w, b, stride=2, padding=1)[1, 1, 1])
