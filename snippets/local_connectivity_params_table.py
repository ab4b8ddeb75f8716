"""Weights of one layer from an n×n image to an n×n feature map (one channel, no bias)."""

import convshare as cs


def local(n, f):  # zero-pad by f - 1 rows and columns in all, so that the output stays n×n
    return cs.params_locally_connected2d((1, n + f - 1, n + f - 1), 1, f, bias=False)


def conv(n, f):  # the same f×f kernel at every position: n plays no part
    return cs.params_conv2d(1, 1, f, bias=False)


def fully_connected(n):
    return cs.params_fully_connected(n * n, n * n, bias=False)


print("| $n$ | inputs $n^2$ | fully connected | local $F=3$ | local $F=10$ ", end="")
print("| conv $F=3$ | conv $F=10$ |\n|---:|---:|---:|---:|---:|---:|---:|")
for n in [28, 32, 100, 224, 1000]:
    cells = [n * n, fully_connected(n), local(n, 3), local(n, 10), conv(n, 3), conv(n, 10)]
    print(f"| {n} | " + " | ".join(f"{c:,}" for c in cells) + " |")
