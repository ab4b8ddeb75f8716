import numpy as np

import convshare as cs
from convshare import examples


def num(v):  # 2 -> "2", -1 -> "(-1)"
    return f"{v:.0f}" if v >= 0 else f"({v:.0f})"


x, w, b = examples.three_channel_demo()
xp = np.pad(x, ((0, 0), (1, 1), (1, 1)))  # zero padding 1: (3, 7, 7)
o, i, j, s = 0, 1, 2, 2  # filter w0, output row 1, column 2, stride 2
rows, cols = slice(s * i, s * i + 3), slice(s * j, s * j + 3)
print(f"window: rows {s * i}..{s * i + 2}, columns {s * j}..{s * j + 2}")
parts = [np.sum(xp[c, rows, cols] * w[o, c]) for c in range(3)]
for c in range(3):
    pairs = zip(xp[c, rows, cols].ravel(), w[o, c].ravel(), strict=True)
    terms = " + ".join(f"{p:.0f}·{num(k)}" for p, k in pairs)
    print(f"c={c}: {terms} = {parts[c]:.0f}")
terms = " + ".join(map(num, [*parts, b[o]]))
print(f"channels + b{o}: {terms} = {sum(parts) + b[o]:.0f}")
y = cs.conv2d(x, w, b, stride=2, padding=1)
print(f"conv2d: y[{o}, {i}, {j}] = {y[o, i, j]}")
