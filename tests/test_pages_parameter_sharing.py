"""The parameter-sharing page's centrepiece figure shows what its caption says.
(Numbers in the prose are checked for every page by test_prose_numbers.py.)"""

from __future__ import annotations

import numpy as np

import convshare as cs
from convshare.figures.parameter_sharing import WEIGHT_COLOURS, matrix_panels


def test_matrix_picture_zeros_are_local_connectivity_and_colours_are_sharing() -> None:
    """The centrepiece figure shows what its caption says, on the library's own matrices."""
    fc, local, numbers = matrix_panels()
    assert fc.shape == local.shape == numbers.shape == (9, 25)
    assert np.count_nonzero(fc) == fc.size  # fully connected: every entry free
    # locally connected: the zeros of the convolution exactly, and every non-zero its own value
    assert np.array_equal(local != 0, numbers != 0)
    assert np.count_nonzero(local) == cs.params_locally_connected2d((1, 5, 5), 1, 3, bias=False)
    assert len(np.unique(local[local != 0])) == np.count_nonzero(local)
    # convolution: 9 distinct weights (one colour each), every row the first one shifted
    assert sorted(np.unique(numbers[numbers != 0])) == list(range(1, 10))
    assert len(WEIGHT_COLOURS) == len(set(WEIGHT_COLOURS)) == 9
    for row, (r, s) in enumerate((r, s) for r in range(3) for s in range(3)):
        assert np.array_equal(numbers[row], np.roll(numbers[0], 5 * r + s))


def test_one_d_figure_is_the_tied_matrix() -> None:
    """The 1-D figure's edges come from conv2d_matrix: 9 edges, weights w1 w2 w3 on diagonals."""
    m = cs.conv2d_matrix(np.array([1.0, 2.0, 3.0]).reshape(1, 1, 1, 3), (1, 1, 5))
    expected = np.array([[1, 2, 3, 0, 0], [0, 1, 2, 3, 0], [0, 0, 1, 2, 3]])
    assert np.array_equal(m, expected)
