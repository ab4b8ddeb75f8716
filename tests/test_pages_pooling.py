"""The pooling chapter's figures show what their captions say, computed independently.
(Numbers in the prose are checked for every page by test_prose_numbers.py.)"""

from __future__ import annotations

import numpy as np

import convshare as cs
from convshare.figures.pooling import LAYERS, MAP


def test_receptive_field_figure_is_the_set_of_inputs_the_top_unit_depends_on() -> None:
    """Backpropagate from one unit of the third 3×3 layer: the inputs with a non-zero gradient
    are 7 wide, as the figure colours them and as receptive_field computes."""
    rng = np.random.default_rng(0)
    xs = [rng.random((1, 1, 1, 15))]  # one row of pixels, positive weights: no cancellation
    ws = [rng.random((1, 1, 1, k)) + 0.1 for k, _ in LAYERS]
    for w in ws:
        xs.append(cs.conv2d(xs[-1], w))
    grad = np.zeros_like(xs[-1])
    grad[..., grad.shape[-1] // 2] = 1.0  # the middle unit of the top layer
    widths = []
    for x, w in zip(reversed(xs[:-1]), reversed(ws), strict=True):
        grad, _, _ = cs.conv2d_backward(x, w, grad)
        widths.append(int(np.count_nonzero(grad)))
    expected = [cs.receptive_field(LAYERS[level:])[0] for level in range(len(LAYERS))]
    assert widths[::-1] == expected == [7, 5, 3]


def test_by_hand_figure_pools_the_blocks() -> None:
    """The figure's 4×4 map, cut into 2×2 blocks by hand, gives what the library pools."""
    blocks = [MAP[r : r + 2, c : c + 2] for r in (0, 2) for c in (0, 2)]
    x = MAP[None].astype(float)
    assert cs.max_pool2d(x, 2).ravel().tolist() == [b.max() for b in blocks]
    assert cs.avg_pool2d(x, 2).ravel().tolist() == [b.mean() for b in blocks]
