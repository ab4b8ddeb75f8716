"""The worked examples of the chapters, as arrays (float64)."""

from __future__ import annotations

import numpy as np


def five_by_five():
    """The classic 5×5 image and 3×3 kernel of the convolution animation.

    Returns
    -------
    x : ndarray, shape (1, 5, 5)
        A binary image.
    w : ndarray, shape (1, 1, 3, 3)
        The kernel ``[[1, 0, 1], [0, 1, 0], [1, 0, 1]]``.

    Examples
    --------
    >>> import convshare as cs
    >>> x, w = cs.examples.five_by_five()
    >>> print(cs.conv2d(x, w)[0])
    [[4. 3. 4.]
     [2. 4. 3.]
     [2. 3. 4.]]
    """
    x = np.array(
        [
            [1, 1, 1, 0, 0],
            [0, 1, 1, 1, 0],
            [0, 0, 1, 1, 1],
            [0, 0, 1, 1, 0],
            [0, 1, 1, 0, 0],
        ],
        dtype=np.float64,
    )
    w = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]], dtype=np.float64)
    return x[None], w[None, None]


def three_channel_demo():
    """The 3-channel demo: a 5×5×3 input and two 3×3×3 filters, used with padding 1, stride 2.

    Drawn from ``np.random.default_rng(0)``: ``x = rng.integers(0, 3, (3, 5, 5))``, then
    ``w = rng.integers(-1, 2, (2, 3, 3, 3))``; ``b = [1, 0]``.

    Returns
    -------
    x : ndarray, shape (3, 5, 5)
        Values 0, 1, 2.
    w : ndarray, shape (2, 3, 3, 3)
        Values -1, 0, 1.
    b : ndarray, shape (2,)

    Examples
    --------
    >>> import convshare as cs
    >>> x, w, b = cs.examples.three_channel_demo()
    >>> cs.conv2d(x, w, b, padding=1, stride=2).shape
    (2, 3, 3)
    """
    rng = np.random.default_rng(0)
    x = rng.integers(0, 3, (3, 5, 5)).astype(np.float64)
    w = rng.integers(-1, 2, (2, 3, 3, 3)).astype(np.float64)
    b = np.array([1.0, 0.0])
    return x, w, b
