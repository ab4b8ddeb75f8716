import numpy as np

import convshare as cs
from convshare import winograd

rng = np.random.default_rng(0)
x = rng.integers(-3, 4, size=(4, 4)).astype(float)  # one 4×4 tile of an image
w = rng.integers(-3, 4, size=(3, 3)).astype(float)  # one 3×3 kernel
a_t, g, b_t = winograd.transforms(2)  # the matrices of F(2, 3): Aᵀ, G, Bᵀ
u = g @ w @ g.T  # the kernel, transformed once: 4×4
v = b_t @ x @ b_t.T  # the tile: additions and subtractions only, 4×4
y = a_t @ (u * v) @ a_t.T  # 16 multiplications (u * v), then additions: 2×2 outputs
print("Winograd:", y.tolist())
print("conv2d:  ", cs.conv2d(x[None], w[None, None])[0].tolist())
for m in (2, 4):
    products, outputs = (m + 2) ** 2, m * m
    print(f"F({m}×{m}, 3×3): {products} multiplications for {outputs} outputs,", end=" ")
    print(f"{products / outputs:.2f} per output instead of 9")
