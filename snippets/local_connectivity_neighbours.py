"""Nearby pixels of a photograph move together; distant ones much less."""

import numpy as np

from convshare.images import load_photo, to_grayscale

x = to_grayscale(load_photo())[0]  # (600, 512), values in [0, 1]

print("| distance $d$ (pixels) | correlation of $x_{r,c}$ and $x_{r,c+d}$ |")
print("|---:|---:|")
for d in [1, 2, 4, 8, 16, 32, 64, 128]:
    left, right = x[:, :-d].ravel(), x[:, d:].ravel()  # all pairs d apart
    print(f"| {d} | {np.corrcoef(left, right)[0, 1]:.2f} |")
