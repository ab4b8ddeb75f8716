import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
pattern = rng.random((3, 3))
a, b = np.zeros((1, 8, 8)), np.zeros((1, 8, 8))
a[0, 1:4, 1:4] = pattern  # the pattern near the top-left corner
b[0, 4:7, 3:6] = pattern  # the same pattern, lower and further right

w = pattern.reshape(1, 1, 3, 3)  # one shared kernel: the pattern itself
w_local = rng.standard_normal((6, 6, 1, 1, 3, 3))  # one kernel per position
w_fc = rng.standard_normal((1, 64))  # one weight per input pixel
lc = cs.locally_connected2d
layers = {
    "conv + global max pooling": lambda x: cs.conv2d(x, w).max(),
    "local + global max pooling": lambda x: lc(x, w_local).max(),
    "fully connected": lambda x: cs.fully_connected(x.ravel(), w_fc)[0],
}
for name, layer in layers.items():
    ya, yb = layer(a), layer(b)
    apart = not np.isclose(ya, yb)
    print(f"{name:27s} a: {ya:7.4f}  b: {yb:7.4f}  tells them apart: {apart}")
    assert apart == (name != "conv + global max pooling")
