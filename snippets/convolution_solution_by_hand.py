"""Exercise: output element y[2, 0] of the 5×5 example, by hand and with conv2d."""

import numpy as np

import convshare as cs
from convshare.examples import five_by_five

x, w = five_by_five()
patch = x[0, 2:5, 0:3]  # rows 2..4, columns 0..2
print("patch =", patch, "patch * w =", patch * w[0, 0], sep="\n")
print("by hand:", np.sum(patch * w[0, 0]), " conv2d:", cs.conv2d(x, w)[0, 2, 0])
