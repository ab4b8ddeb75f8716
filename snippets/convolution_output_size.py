"""Output side H_out = floor((n + 2p - k) / s) + 1, checked against conv2d."""

import numpy as np

import convshare as cs

cases = [(5, 3, 0, 1), (5, 3, 1, 1), (5, 3, 1, 2), (7, 3, 0, 2), (10, 3, 0, 2)]
cases += [(10, 3, 1, 2), (28, 5, 2, 1), (32, 5, 0, 1), (224, 3, 1, 1)]
cases += [(224, 7, 3, 2), (227, 11, 0, 4)]
print(r"| $(n, k, p, s)$ | $(n + 2p - k)/s + 1$ | $H_\text{out}$ | `conv2d` output | never read |")
print("|:---|---:|---:|:---:|:---:|")
for n, k, p, s in cases:
    h_out = cs.output_size(n, k, stride=s, padding=p)
    x, w = np.zeros((1, n, n)), np.ones((1, 1, k, k))
    y = cs.conv2d(x, w, stride=s, padding=p)
    _, h, wd = y.shape
    exact = (n + 2 * p - k) / s + 1
    # an image column is read if the output depends on it: its gradient is not zero
    grad_x, _, _ = cs.conv2d_backward(x, w, np.ones_like(y), stride=s, padding=p)
    unread = [str(c) for c in range(n) if not grad_x[0, :, c].any()] or ["none"]
    print(f"| ({n}, {k}, {p}, {s}) | {exact:g} | {h_out} | {h}×{wd} | {', '.join(unread)} |")
