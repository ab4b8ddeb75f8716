"""im2col (patches as columns) and conv2d_matrix (convolution as one tied, sparse matrix)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

import convshare as cs
from tests.strategies import conv_cases, out_grid


@settings(max_examples=200, deadline=None)
@given(conv_cases())
def test_im2col_times_weights_is_conv2d(case):
    c_out, _, kh, kw = case.w.shape
    cols = cs.im2col(case.x, (kh, kw), stride=case.stride, padding=case.padding)
    h_out, w_out = out_grid(case)
    y = case.w.reshape(c_out, -1) @ cols  # (…, C_out, H_out*W_out)
    y = y.reshape(*y.shape[:-1], h_out, w_out)
    expected = cs.conv2d_naive(case.x, case.w, stride=case.stride, padding=case.padding)
    np.testing.assert_allclose(y, expected, rtol=0, atol=1e-10)


def test_im2col_rows_and_columns_by_hand():
    """Row (c, i, j) = c*kH*kW + i*kW + j; column (r, s) = r*W_out + s; padding reads zeros."""
    x = np.arange(2 * 3 * 4).reshape(2, 3, 4)
    cols = cs.im2col(x, (2, 3), stride=(1, 2), padding=(0, 1))
    assert cols.shape == (2 * 2 * 3, 2 * 2)
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1)))
    for c in range(2):
        for i in range(2):
            for j in range(3):
                for r in range(2):
                    for s in range(2):
                        assert cols[c * 6 + i * 3 + j, r * 2 + s] == xp[c, r + i, 2 * s + j]


def test_im2col_batched_is_stack_of_singles():
    x = np.random.default_rng(0).normal(size=(3, 2, 5, 6))
    batched = cs.im2col(x, 3, stride=2, padding=1)
    np.testing.assert_array_equal(
        batched, np.stack([cs.im2col(i, 3, stride=2, padding=1) for i in x])
    )


@settings(max_examples=200, deadline=None)
@given(conv_cases(max_size=6, max_batch=1))
def test_conv2d_matrix_times_x_is_conv2d(case):
    x = case.x if case.x.ndim == 3 else case.x[0]
    m = cs.conv2d_matrix(case.w, x.shape, stride=case.stride, padding=case.padding)
    h_out, w_out = out_grid(case)
    assert m.shape == (case.w.shape[0] * h_out * w_out, x.size)
    expected = cs.conv2d_naive(x, case.w, stride=case.stride, padding=case.padding)
    np.testing.assert_allclose(m @ x.ravel(), expected.ravel(), rtol=0, atol=1e-10)


@pytest.mark.parametrize(("stride", "padding"), [(1, 0), (2, 0), ((1, 2), 0)])
def test_conv2d_matrix_rows_repeat_the_same_weights(stride, padding):
    """Without padding, every row of output channel o holds exactly the weights of w[o]."""
    rng = np.random.default_rng(1)
    w = rng.uniform(1, 2, size=(2, 3, 3, 2))  # no zero weights
    m = cs.conv2d_matrix(w, (3, 6, 7), stride=stride, padding=padding)
    rows_per_channel = m.shape[0] // 2
    for row_index, row in enumerate(m):
        o = row_index // rows_per_channel
        np.testing.assert_array_equal(np.sort(row[row != 0]), np.sort(w[o].ravel()))
    assert np.count_nonzero(m) == m.shape[0] * 3 * 3 * 2  # local: 18 of 126 inputs per row


def test_conv2d_matrix_with_padding_drops_taps_on_zeros():
    w = np.ones((1, 1, 3, 3))
    m = cs.conv2d_matrix(w, (1, 3, 3), padding=1)
    counts = np.count_nonzero(m, axis=1).reshape(3, 3)
    np.testing.assert_array_equal(counts, [[4, 6, 4], [6, 9, 6], [4, 6, 4]])
