import numpy as np

import convshare as cs


def train(layer, backward, w, x, t, c=0.0):  # layer, global max pool, logistic
    for _ in range(50):  # gradient descent on the mean logistic loss
        y = layer(x, w)
        m = y.max(axis=(1, 2, 3), keepdims=True)  # one number per image
        g = (1 / (1 + np.exp(-m - c)) - t.reshape(m.shape)) / len(t)  # dL/dm
        w, c = w - 2 * backward(x, w, g * (y == m))[1], c - 2 * g.sum()  # step 2
    return lambda x: layer(x, w).max(axis=(1, 2, 3)) + c > 0  # pattern or not


rng = np.random.default_rng(0)
layers = [(cs.conv2d, cs.conv2d_backward, (1, 1, 3, 3))]  # one kernel for all places
layers += [(cs.locally_connected2d, cs.locally_connected2d_backward, (10, 10, 1, 1, 3, 3))]
tests = [cs.examples.hidden_pattern(400, cols, rng) for cols in (range(4), range(6, 10))]
print("| images | layer | train | test, left | test, right |\n|--:|:--|--:|--:|--:|")
for n in (2, 8, 32, 128):  # training images: the pattern only in the left part
    x, t = cs.examples.hidden_pattern(n, range(4), rng)
    for layer, backward, shape in layers:
        predict = train(layer, backward, 0.01 * rng.standard_normal(shape), x, t)
        acc = " | ".join(f"{np.mean(predict(a) == b):.0%}" for a, b in [(x, t), *tests])
        print(f"| {n} | {layer.__name__[:-2].replace('_', ' ')} | {acc} |")  # name without 2d
