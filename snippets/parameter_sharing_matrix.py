import numpy as np

import convshare as cs

shape = (1, 5, 5)  # one 5×5 input channel; a 3×3 kernel gives 3×3 = 9 outputs
# kernel 1..9 instead of real weights: each entry of W says which weight it is
W = cs.conv2d_matrix(np.arange(1.0, 10.0).reshape(1, 1, 3, 3), shape)
print(W.astype(int))
nonzero, distinct = np.count_nonzero(W), len(np.unique(W[W != 0]))
print("entries:", W.size, " zero:", W.size - nonzero, " non-zero:", nonzero)
print("distinct non-zero entries:", distinct)

fc = cs.params_fully_connected(25, 9, bias=False)
lc = cs.params_locally_connected2d(shape, 1, 3, bias=False)
conv = cs.params_conv2d(1, 1, 3, bias=False)
print("weights: fully connected", fc, " locally connected", lc, " conv", conv)

rng = np.random.default_rng(0)
x, w = rng.standard_normal(shape), rng.standard_normal((1, 1, 3, 3))
y, y_matrix = cs.conv2d(x, w), cs.conv2d_matrix(w, shape) @ x.ravel()
print("W @ x == conv2d(x, w):", np.allclose(y_matrix, y.ravel()))
