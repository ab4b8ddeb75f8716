import convshare as cs
from convshare import tiled

shape, c_out, k = (3, 32, 32), 64, 3  # a 32×32 RGB image, 64 filters of 3×3×3
side = cs.output_size(shape[1], k)  # 30: the output is 30×30×64
lc = cs.params_locally_connected2d(shape, c_out, k)  # a kernel per position
print("| t | kernels t·t | parameters | share of locally connected |")
print("|--:|--:|--:|--:|")
for t in [1, 2, 3, 5, 10, side]:
    n = tiled.params_tiled_conv2d(shape[0], c_out, k, t)
    print(f"| {t} | {t * t:,} | {n:,} | {n / lc:.2%} |")
print(f"| locally connected | {side * side:,} | {lc:,} | {lc / lc:.0%} |")
