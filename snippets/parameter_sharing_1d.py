import numpy as np

import convshare as cs

x = np.array([1.0, 2.0, 0.0, 3.0, 1.0])  # x0 .. x4
w = np.array([2.0, -1.0, 1.0])  # w0, w1, w2: the only three parameters

# as a convolution: one input channel, one output channel, kernel of 3
h = cs.conv1d(x[None], w[None, None])[0]

# as a 3×5 matrix with tied diagonals: row i is (w0, w1, w2) moved i places
W = np.zeros((3, 5))
for i in range(3):
    W[i, i : i + 3] = w

print(W)
print("conv1d:", h)
print("W @ x: ", W @ x)
print("h0 by hand:", w[0] * x[0] + w[1] * x[1] + w[2] * x[2])
print("connections:", np.count_nonzero(W), " parameters:", w.size)
