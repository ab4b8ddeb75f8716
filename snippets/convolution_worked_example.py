"""The classic example: a 3×3 kernel over a 5×5 image; one element by hand."""

import numpy as np

import convshare as cs
from convshare.examples import five_by_five

x, w = five_by_five()  # x (1, 5, 5): one channel; w (1, 1, 3, 3): one kernel
y = cs.conv2d(x, w)  # (1, 3, 3)
print("x =", x[0], "w =", w[0, 0], "y = conv2d(x, w) =", y[0], sep="\n")

i, j = 1, 2  # the element worked by hand (rows and columns count from 0)
patch = x[0, i : i + 3, j : j + 3]  # rows 1..3, columns 2..4
print(f"patch of y[{i}, {j}] =", patch, sep="\n")
pairs = zip(patch.ravel(), w[0, 0].ravel(), strict=True)
terms = " + ".join(f"{a:g}·{b:g}" for a, b in pairs)
print(f"y[{i}, {j}] = {terms} = {np.sum(patch * w[0, 0]):g}")
