import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = rng.standard_normal((3, 32, 32))  # a 32×32 image of depth 3 (R, G, B)
w = rng.standard_normal((2, 3, 5, 5))  # two filters, each 5×5×3
b = np.zeros(2)  # one bias per filter

y = cs.conv2d(x, w, b)
print("x:", x.shape, " w:", w.shape, " b:", b.shape, " ->  y:", y.shape)
print("output side:", cs.output_size(32, 5), "= 32 − 5 + 1")
print("w.size + b.size =", w.size + b.size, "= 2·(5·5·3 + 1)")
print("cs.params_conv2d(3, 2, 5) =", cs.params_conv2d(3, 2, 5))
