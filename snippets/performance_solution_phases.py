import numpy as np

rng = np.random.default_rng(0)
xp = rng.standard_normal((9, 9))  # a padded image; kernel 3×3, stride 2
s, k = 2, 3
o = (9 - k) // s + 1  # 4 outputs per axis
phase = {(a, b): xp[a::s, b::s].copy() for a in range(s) for b in range(s)}
same = []
for i in range(k):
    for j in range(k):
        strided = xp[i : i + s * o : s, j : j + s * o : s]  # what offset (i, j) reads
        part = phase[i % s, j % s]  # a contiguous array
        window = part[i // s : i // s + o, j // s : j // s + o]  # unit stride along rows
        same.append(np.array_equal(strided, window))
print("phase shapes:", {ab: p.shape for ab, p in phase.items()})
print("every offset reads a window of one phase:", all(same), f"({len(same)} offsets)")
