import numpy as np

import convshare as cs

x = np.arange(1.0, 17.0).reshape(1, 4, 4)  # one channel, 4×4: the numbers 1 to 16
_, w = cs.examples.five_by_five()  # one 3×3 kernel: w has shape (1, 1, 3, 3)
P = cs.im2col(x, (3, 3))  # one column per output position, one row per weight
print("P, shape", P.shape)
print(P)
y = w.reshape(1, -1) @ P  # (C_out, C_in·kH·kW) @ (C_in·kH·kW, H_out·W_out)
print("w @ P  =", y)
print("conv2d =", cs.conv2d(x, w).reshape(1, -1))
