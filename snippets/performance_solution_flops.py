import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = rng.standard_normal((1, 64, 56, 56))
w = rng.standard_normal((128, 64, 3, 3))  # 128 filters, stride 2, padding 1
h_out = cs.output_size(56, 3, stride=2, padding=1)
flops = 2 * 128 * h_out * h_out * 64 * 3 * 3  # 2·C_out·H_out·W_out·C_in·kH·kW
P = cs.im2col(x[0], (3, 3), stride=2, padding=1)  # patch matrix (C_in·kH·kW, H_out·W_out)
K = w.reshape(128, -1)  # kernel matrix (C_out, C_in·kH·kW)
print("K", K.shape, "@ P", P.shape)
print("2 · rows(K) · cols(K) · cols(P) =", 2 * K.shape[0] * K.shape[1] * P.shape[1])
print("formula =", flops)
y = cs.conv2d(x, w, stride=2, padding=1)
print("K @ P == conv2d:", np.allclose((K @ P).reshape(y.shape), y))
