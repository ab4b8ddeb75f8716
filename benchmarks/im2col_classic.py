"""The classic index-array im2col of the course assignments: the baseline of ``make bench``.

This is the well-known ``im2col_indices`` / ``conv_forward_im2col`` pair of CS231n's second
assignment (``cs231n/im2col.py`` and ``cs231n/fast_layers.py``), rewritten here so the benchmark
runs without it: three integer index arrays (channel, row, column) of shape
(C·kH·kW, H_out·W_out) are rebuilt on every call, one fancy-indexing gather copies the patches of
the whole batch, then one matrix product and a transpose give NCHW. Differences from the original:
floor division for the output size (the original asserts that the stride divides evenly, which
the ResNet stem does not) and no bias. It is a baseline, not part of the library.
"""

import numpy as np


def get_im2col_indices(x_shape, field_height, field_width, padding=1, stride=1):
    """Index arrays ``(k, i, j)`` into the padded input: rows are weights, columns outputs."""
    _, c, h, w = x_shape
    out_height = (h + 2 * padding - field_height) // stride + 1
    out_width = (w + 2 * padding - field_width) // stride + 1
    i0 = np.tile(np.repeat(np.arange(field_height), field_width), c)
    i1 = stride * np.repeat(np.arange(out_height), out_width)
    j0 = np.tile(np.arange(field_width), field_height * c)
    j1 = stride * np.tile(np.arange(out_width), out_height)
    i = i0.reshape(-1, 1) + i1.reshape(1, -1)
    j = j0.reshape(-1, 1) + j1.reshape(1, -1)
    k = np.repeat(np.arange(c), field_height * field_width).reshape(-1, 1)
    return k, i, j


def im2col_indices(x, field_height, field_width, padding=1, stride=1):
    """Patch matrix (C·kH·kW, H_out·W_out·N) of a batch ``x`` (N, C, H, W)."""
    p = padding
    x_padded = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), mode="constant")
    k, i, j = get_im2col_indices(x.shape, field_height, field_width, padding, stride)
    cols = x_padded[:, k, i, j]
    c = x.shape[1]
    return cols.transpose(1, 2, 0).reshape(field_height * field_width * c, -1)


def conv_forward_im2col(x, w, stride, padding):
    """``conv2d(x, w)`` the classic way: (N, C_in, H, W), (C_out, C_in, kH, kW) -> NCHW."""
    n, _, h, wd = x.shape
    num_filters, _, filter_height, filter_width = w.shape
    out_height = (h + 2 * padding - filter_height) // stride + 1
    out_width = (wd + 2 * padding - filter_width) // stride + 1
    x_cols = im2col_indices(x, filter_height, filter_width, padding, stride)
    res = w.reshape((num_filters, -1)).dot(x_cols)
    out = res.reshape(num_filters, out_height, out_width, n)
    return out.transpose(3, 0, 1, 2)
