"""The figures of docs/when-sharing-fails.md show what their captions say."""

from __future__ import annotations

import numpy as np
import pytest

import convshare as cs
from convshare import tiled
from convshare.figures.when_sharing_fails import KERNEL_COLOURS, TILES, tiled_matrix


@pytest.mark.parametrize("t", TILES)
def test_tiled_figure_rows_rotate_through_t_kernels(t: int) -> None:
    m = tiled_matrix(t)
    assert m.shape == (6, 8)
    for r, row in enumerate(m):
        # row r holds weights 1, 2, 3 of kernel r % t, at columns r, r + 1, r + 2
        expected = np.zeros(8, dtype=int)
        expected[r : r + 3] = 10 * (r % t) + np.arange(1, 4)
        assert np.array_equal(row, expected)
    distinct = len(np.unique(m[m != 0]))
    assert distinct == tiled.params_tiled_conv2d(1, 1, (1, 3), (1, t), bias=False) == 3 * t
    assert t <= len(KERNEL_COLOURS)


def test_tiled_figure_ends_are_convolution_and_locally_connected() -> None:
    conv = cs.conv2d_matrix(np.array([1.0, 2.0, 3.0]).reshape(1, 1, 1, 3), (1, 1, 8))
    assert np.array_equal(tiled_matrix(1), conv)
    last = tiled_matrix(6)  # every row its own kernel: as many weights as a locally connected layer
    n_local = cs.params_locally_connected2d((1, 1, 8), 1, (1, 3), bias=False)
    assert len(np.unique(last[last != 0])) == n_local
