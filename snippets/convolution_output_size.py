"""Output side H_out = floor((n + 2p - k) / s) + 1, checked against conv2d."""

import numpy as np

import convshare as cs

cases = [(5, 3, 0, 1), (5, 3, 1, 1), (5, 3, 1, 2), (7, 3, 0, 2), (10, 3, 0, 2)]
cases += [(10, 3, 1, 2), (28, 5, 2, 1), (32, 5, 0, 1), (224, 3, 1, 1)]
cases += [(224, 7, 3, 2), (227, 11, 0, 4)]
print(r"| $(n, k, p, s)$ | $(n + 2p - k)/s + 1$ | $H_\text{out}$ | `conv2d` output |")
print("|:---|---:|---:|:---:|")
for n, k, p, s in cases:
    h_out = cs.output_size(n, k, stride=s, padding=p)
    x, w = np.zeros((1, n, n)), np.zeros((1, 1, k, k))
    _, h, wd = cs.conv2d(x, w, stride=s, padding=p).shape
    exact = (n + 2 * p - k) / s + 1
    print(f"| ({n}, {k}, {p}, {s}) | {exact:g} | {h_out} | {h}×{wd} |")
