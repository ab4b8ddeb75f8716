import numpy as np

import convshare as cs

cases = {  # name: padding p for kernel size k, output size o by the formula
    "valid": (lambda k: 0, "i - k + 1", lambda i, k: i - k + 1),
    "same": (lambda k: (k - 1) // 2, "i", lambda i, k: i),  # odd k
    "full": (lambda k: k - 1, "i + k - 1", lambda i, k: i + k - 1),
}
print("| padding | $i$ | $k$ | $p$ | $o$, formula | `output_size` | `conv2d` |")
print("|:--|--:|--:|--:|:--|--:|:--|")
for name, (p_of, formula, o_of) in cases.items():
    for i, k in [(5, 3), (7, 5)]:
        p = p_of(k)
        o = cs.output_size(i, k, padding=p)
        x, w = np.zeros((1, i, i)), np.zeros((1, 1, k, k))
        shape = "×".join(map(str, cs.conv2d(x, w, padding=p).shape[1:]))
        print(f"| {name} | {i} | {k} | {p} | ${formula} = {o_of(i, k)}$ | {o} | {shape} |")
