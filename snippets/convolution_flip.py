"""Deep learning's "convolution" is cross-correlation: no kernel flip."""

import numpy as np
from scipy.signal import convolve2d, correlate2d

import convshare as cs
from convshare.examples import five_by_five

x = five_by_five()[0][0]  # the 5×5 image
w = np.arange(9.0).reshape(3, 3)  # a kernel that changes when rotated 180°
y = cs.conv2d(x[None], w[None, None])[0]
print("w =", w, "w[::-1, ::-1] =", w[::-1, ::-1], sep="\n")
print("conv2d(x, w) =", y, sep="\n")
print("correlate2d(x, w) =", correlate2d(x, w, mode="valid"), sep="\n")
print("convolve2d(x, w) =", convolve2d(x, w, mode="valid"), sep="\n")
flipped = convolve2d(x, w[::-1, ::-1], mode="valid")
print("convolve2d(x, w[::-1, ::-1]) == conv2d(x, w):", np.array_equal(flipped, y))
