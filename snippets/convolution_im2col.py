"""Convolution as one matrix product: im2col(x) times the flattened kernel."""

import numpy as np

import convshare as cs
from convshare.examples import five_by_five

x, w = five_by_five()
cols = cs.im2col(x, 3)  # (C·kH·kW, H_out·W_out) = (9, 9): one patch per column
y = cols.T @ w.ravel()  # one matrix-vector product: (9, 9) @ (9,) -> (9,)
same = np.array_equal(y.reshape(3, 3), cs.conv2d(x, w)[0])

assert same
print("im2col(x).T, one patch per row =", cols.T, sep="\n")
print("w.ravel() =", w.ravel())
print("im2col(x).T @ w.ravel() =", y)
print("reshaped to 3×3 =", y.reshape(3, 3), sep="\n")
print("equal to conv2d(x, w):", same)
