"""Weights of one layer, n×n image to n×n map (one channel, no bias)."""

import convshare as cs


def fully_connected(n):
    return cs.params_fully_connected(n * n, n * n, bias=False)


def local(n, f):  # input zero-padded by f - 1 in all, so the output is n×n
    padded = (1, n + f - 1, n + f - 1)
    return cs.params_locally_connected2d(padded, 1, f, bias=False)


def conv(n, f):  # one f×f kernel at every position: n plays no part
    return cs.params_conv2d(1, 1, f, bias=False)


print("| $n$ | fully connected | local $F=3$ | local $F=10$ | conv $F=3$ ", end="")
print("| conv $F=10$ |\n|---:|---:|---:|---:|---:|---:|")
for n in [28, 32, 100, 224, 1000]:
    cells = [fully_connected(n), local(n, 3), local(n, 10), conv(n, 3), conv(n, 10)]
    print(f"| {n} | " + " | ".join(f"{c:,}" for c in cells) + " |")
