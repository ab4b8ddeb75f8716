import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = rng.standard_normal((1, 5, 5))
w = rng.standard_normal((1, 1, 3, 3))
g = rng.standard_normal((1, 3, 3))  # dL/dy for the loss L = sum(g * y)
_, grad_w, _ = cs.conv2d_backward(x, w, g)


def loss(w):
    return np.sum(g * cs.conv2d(x, w))


nudges = 1e-6 * np.eye(9).reshape(9, 1, 1, 3, 3)  # one weight at a time
finite_diff = [(loss(w + d) - loss(w - d)) / 2e-6 for d in nudges]
# output (r, s) applies the kernel to its patch: gradient g[r, s] * patch
positions = [(r, s) for r in range(3) for s in range(3)]
per_position = [g[0, r, s] * x[0, r : r + 3, s : s + 3] for r, s in positions]

print("dL/dw from conv2d_backward:\n", np.round(grad_w[0, 0], 4))
print("equals finite differences:", np.allclose(grad_w.ravel(), finite_diff))
print("equals the sum over positions:", np.allclose(grad_w, sum(per_position)))
print("w[0, 0] per position:", np.round([p[0, 0] for p in per_position], 2))
