import numpy as np

import convshare as cs
from convshare import kernels

rng = np.random.default_rng(0)
x = rng.standard_normal((8, 1, 16, 16))  # 8 random images
w_true = kernels.to_weight("sobel_x")  # the kernel to recover
y = cs.conv2d(x, w_true)  # the outputs we are given

w = np.zeros((1, 1, 3, 3))  # start from nothing
for epoch in range(1, 51):  # each epoch: all 8 images, one step
    error = cs.conv2d(x, w) - y
    loss = np.mean(error**2)
    grad_y = 2 * error / error.size  # dL/dy_hat, y_hat = conv2d(x, w) the model output
    _, grad_w, _ = cs.conv2d_backward(x, w, grad_y)
    w -= 0.1 * grad_w  # one gradient-descent step on the 9 shared weights
    if epoch in (1, 2, 5, 10, 20, 50):
        print(f"epoch {epoch:2d}: loss {loss:.2e}")
print("learned kernel:\n", np.round(w[0, 0], 3) + 0.0)  # + 0.0: no -0.
print("true kernel:\n", w_true[0, 0])
print("largest error:", f"{np.abs(w - w_true).max():.1e}")
