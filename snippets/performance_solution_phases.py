import numpy as np

rng = np.random.default_rng(0)
xp = rng.standard_normal((9, 9))  # a padded image; kernel 3×3, stride 2
s, k = 2, 3
n_out = (9 - k) // s + 1  # 4 outputs per axis
phase = {(a, b): xp[a::s, b::s].copy() for a in range(s) for b in range(s)}
same = []
for u in range(k):
    for v in range(k):
        strided = xp[u : u + s * n_out : s, v : v + s * n_out : s]  # what offset (u, v) reads
        part = phase[u % s, v % s]  # a contiguous array
        window = part[u // s : u // s + n_out, v // s : v // s + n_out]  # unit stride along rows
        same.append(np.array_equal(strided, window))
print("phase shapes:", {ab: p.shape for ab, p in phase.items()})
print("every offset reads a window of one phase:", all(same), f"({len(same)} offsets)")
