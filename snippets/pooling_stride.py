import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
x = rng.standard_normal((1, 1, 16, 16))
w = rng.standard_normal((1, 1, 3, 3))
wrap = ((0, 0), (0, 0), (1, 1), (1, 1))  # the input wraps around: a shift loses nothing
layers = {"conv 3×3, stride 1": lambda x: cs.conv2d(np.pad(x, wrap, mode="wrap"), w)}
layers |= {"conv 3×3, stride 2": lambda x: cs.conv2d(np.pad(x, wrap, mode="wrap"), w, stride=2)}
layers |= {"max pooling 2×2, stride 2": lambda x: cs.max_pool2d(x, 2)}


def output_shift(layer, s):  # which shift of the output equals the output of the moved input
    y, y_moved = layer(x), layer(np.roll(x, s, axis=-1))
    found = [t for t in range(y.shape[-1]) if np.allclose(y_moved, np.roll(y, t, axis=-1))]
    return found[0] if found else "none"


print("| input moved by | " + " | ".join(layers) + " |\n|--:|--:|--:|--:|")
for s in range(5):
    print(f"| {s} | " + " | ".join(str(output_shift(layer, s)) for layer in layers.values()) + " |")
