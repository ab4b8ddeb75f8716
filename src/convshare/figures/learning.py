"""Figures of the chapter "Learning a shared kernel" (docs/learning-shared-weights.md)."""

import functools

import matplotlib.pyplot as plt
import numpy as np

import convshare as cs
from convshare.figures.style import BLUE, GREY, ORANGE, PAPER

#: The numbers of training images of snippets/learning_generalise.py.
SIZES = (2, 8, 32, 128)


def _train(layer, backward, w, x, t, c=0.0):
    """Gradient descent as in snippets/learning_generalise.py (50 steps of size 2)."""
    for _ in range(50):
        y = layer(x, w)
        m = y.max(axis=(1, 2, 3), keepdims=True)
        g = (1 / (1 + np.exp(-m - c)) - t.reshape(m.shape)) / len(t)
        w, c = w - 2 * backward(x, w, g * (y == m))[1], c - 2 * g.sum()
    return lambda x: layer(x, w).max(axis=(1, 2, 3)) + c > 0


@functools.cache
def experiment() -> dict[tuple[int, str], tuple[float, float, float]]:
    """The runs of snippets/learning_generalise.py, with its seed and in its order.

    Returns ``{(n, layer name): (train, test left, test right)}`` accuracies for ``n`` training
    images; the page's test checks that they are the numbers the snippet prints.
    """
    rng = np.random.default_rng(0)
    layers = [(cs.conv2d, cs.conv2d_backward, (1, 1, 3, 3))]
    layers += [(cs.locally_connected2d, cs.locally_connected2d_backward, (10, 10, 1, 1, 3, 3))]
    tests = [cs.examples.hidden_pattern(400, cols, rng) for cols in (range(4), range(6, 10))]
    results = {}
    for n in SIZES:
        x, t = cs.examples.hidden_pattern(n, range(4), rng)
        for layer, backward, shape in layers:
            predict = _train(layer, backward, 0.01 * rng.standard_normal(shape), x, t)
            acc = [float(np.mean(predict(a) == b)) for a, b in [(x, t), *tests]]
            results[n, layer.__name__] = tuple(acc)
    return results


def accuracy() -> plt.Figure:
    """Test accuracy against the number of training images, both layers, both parts."""
    runs = experiment()
    fig, ax = plt.subplots(figsize=(6.0, 3.6), facecolor=PAPER)
    ax.axhline(50, color=GREY, lw=1, ls=":")
    for name, colour, marker in [("conv2d", BLUE, "o"), ("locally_connected2d", ORANGE, "s")]:
        for part, style in [(1, "-"), (2, "--")]:
            values = [100 * runs[n, name][part] for n in SIZES]
            ax.plot(SIZES, values, color=colour, ls=style, marker=marker, lw=2,
                    mfc=colour if part == 1 else PAPER, mew=1.6)  # fmt: skip
    ax.set_xscale("log", base=2)
    ax.set_xticks(SIZES, [str(n) for n in SIZES])
    ax.set_yticks([40, 50, 60, 70, 80, 90, 100], ["40%", "50%", "60%", "70%", "80%", "90%", "100%"])
    ax.set_ylim(40, 102)
    ax.grid(True, color="#e6e6e6", lw=0.8)
    ax.set_axisbelow(True)
    fig.subplots_adjust(left=0.12, right=0.98, top=0.97, bottom=0.1)
    return fig


FIGURES = {"learning-accuracy.svg": accuracy}
