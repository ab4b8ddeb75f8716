"""Exercise: how many real input pixels does the top-left output pixel read with padding=1?"""

import numpy as np

import convshare as cs

m = cs.conv2d_matrix(np.ones((1, 1, 3, 3)), (1, 8, 8), padding=1)  # (64 outputs, 64 inputs)
row = m[0].reshape(8, 8)  # output pixel 0 = the top-left one
print("its weights on the input image (top-left corner):", row[:3, :3], sep="\n")
print("input pixels read:", np.count_nonzero(row))
