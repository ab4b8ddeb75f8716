"""Exercise: change one input pixel of a locally connected layer; which outputs change?"""

import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = rng.standard_normal((1, 8, 8))
w = rng.standard_normal((8, 8, 1, 1, 3, 3))  # 3×3 weights for each of the 8×8 outputs
x2 = x.copy()
x2[0, 5, 2] += 1.0  # change the input pixel in row 5, column 2

y = cs.locally_connected2d(x, w, padding=1)
y2 = cs.locally_connected2d(x2, w, padding=1)
print("changed outputs (1 = changed):", (y2 != y)[0].astype(int), sep="\n")
