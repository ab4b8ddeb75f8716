import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = rng.standard_normal((1, 1, 16, 16))
w = rng.standard_normal((1, 1, 3, 3))
wrap = ((0, 0), (0, 0), (1, 1), (1, 1))  # the image wraps around: a shift loses nothing
layers = {
    "conv 3×3, stride 1": lambda x: cs.conv2d(np.pad(x, wrap, mode="wrap"), w),
    "conv 3×3, stride 2": lambda x: cs.conv2d(np.pad(x, wrap, mode="wrap"), w, stride=2),
    "max pooling 2×2, stride 2": lambda x: cs.max_pool2d(x, 2),
}


def output_shift(layer, s):  # the shift of the output that gives the moved input's output
    y, y_of_moved = layer(x), layer(np.roll(x, s, axis=-1))
    found = [t for t in range(16) if np.allclose(y_of_moved, np.roll(y, t, axis=-1))]
    return str(found[0]) if found else "none"


print("| input moved by | " + " | ".join(layers) + " |\n|--:|--:|--:|--:|")
for s in range(5):
    print(f"| {s} | " + " | ".join(output_shift(f, s) for f in layers.values()) + " |")
