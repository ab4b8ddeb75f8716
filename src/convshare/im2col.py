"""im2col: unroll every input patch into a column, so convolution becomes one matrix product."""

from __future__ import annotations

import numpy as np

from convshare.validation import im2col_args


def im2col(x, kernel_size, *, stride=1, padding=0):
    """Put every kH×kW patch of the padded input into one column.

    Rows are ordered channel first, then kernel row, then kernel column (row
    ``c*kH*kW + i*kW + j``); columns follow the output grid row by row. This is the order of
    ``torch.nn.functional.unfold``, so ``w.reshape(C_out, -1) @ im2col(x, (kH, kW))`` is the
    convolution, flattened.

    Parameters
    ----------
    x : array_like, shape (C, H, W) or (N, C, H, W)
        Input images, channels first.
    kernel_size : int or (int, int)
        Patch size (kH, kW).
    stride : int or (int, int)
        Step between neighbouring patches.
    padding : int or (int, int)
        Zeros added on both sides.

    Returns
    -------
    cols : ndarray, shape (C*kH*kW, H_out*W_out) or (N, C*kH*kW, H_out*W_out)
        One patch per column.

    Raises
    ------
    ValueError
        ``x`` not 3-D or 4-D, a kernel larger than the padded input, kernel_size or stride < 1,
        padding < 0, or a pair of the wrong length.
    TypeError
        A size that is not an integer, or an ``x`` that does not hold real numbers.

    Examples
    --------
    A 1-channel 3×3 image, 2×2 patches: four patches, four columns.

    >>> import numpy as np
    >>> import convshare as cs
    >>> x = np.arange(9).reshape(1, 3, 3)
    >>> print(x[0])
    [[0 1 2]
     [3 4 5]
     [6 7 8]]
    >>> cols = cs.im2col(x, 2)
    >>> print(cols)
    [[0. 1. 3. 4.]
     [1. 2. 4. 5.]
     [3. 4. 6. 7.]
     [4. 5. 7. 8.]]

    By hand, column 1 is the patch ``x[0, 0:2, 1:3]`` read row by row:

    >>> print(x[0, 0:2, 1:3].ravel())
    [1 2 4 5]
    """
    x4, (kh, kw), (sh, sw), (ph, pw), batched = im2col_args(x, kernel_size, stride, padding)
    xp = np.pad(x4, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    n, c, h, w = xp.shape
    h_out, w_out = (h - kh) // sh + 1, (w - kw) // sw + 1
    cols = np.empty((n, c, kh, kw, h_out, w_out), dtype=xp.dtype)
    for i in range(kh):  # one kernel offset at a time, every patch at once
        for j in range(kw):
            cols[:, :, i, j] = xp[
                :, :, i : i + sh * (h_out - 1) + 1 : sh, j : j + sw * (w_out - 1) + 1 : sw
            ]
    cols = cols.reshape(n, c * kh * kw, h_out * w_out)
    return cols if batched else cols[0]
