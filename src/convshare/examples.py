"""The worked examples of the chapters, as arrays (float64)."""

from __future__ import annotations

import numpy as np

from convshare.validation import hidden_pattern_args


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


#: The 3×3 pattern of :func:`hidden_pattern`: a checkerboard of +1 and -1.
PATTERN = np.array([[1, -1, 1], [-1, 1, -1], [1, -1, 1]], dtype=np.float64)
PATTERN.flags.writeable = False


def hidden_pattern(n, columns, rng, *, amplitude=2.0):
    """A pattern-detection task: 12×12 noise images, every second one with a hidden pattern.

    Every image is standard normal noise. Images ``1, 3, 5, …`` (label 1) also contain
    ``amplitude * PATTERN`` (a 3×3 checkerboard) at a random row and at a random left column
    drawn from ``columns``; images ``0, 2, 4, …`` (label 0) are noise only. Choosing different
    ``columns`` for training and test images puts the pattern in different places.

    Parameters
    ----------
    n : int
        Number of images, >= 1.
    columns : sequence of int
        The columns where the pattern's left edge may be, each in 0..9.
    rng : numpy.random.Generator
        Source of the noise and the places.
    amplitude : float
        Strength of the pattern against noise of standard deviation 1.

    Returns
    -------
    x : ndarray, shape (n, 1, 12, 12)
        The images, float64.
    t : ndarray, shape (n,)
        The labels, 0 or 1 (int64).

    Raises
    ------
    ValueError
        n < 1, an empty ``columns`` or a column outside 0..9.
    TypeError
        A non-integer n or column, a ``columns`` that is not a sequence (list, tuple, range
        or array), an rng that is not a ``numpy.random.Generator``, or a non-real amplitude.

    Examples
    --------
    >>> import numpy as np
    >>> import convshare as cs
    >>> x, t = cs.examples.hidden_pattern(4, [0], np.random.default_rng(0))
    >>> x.shape, t
    ((4, 1, 12, 12), array([0, 1, 0, 1]))

    By hand: the noise is drawn first, so the same seed gives it back; what is left in image 1
    is the pattern, here with its left edge in column 0:

    >>> noise = np.random.default_rng(0).standard_normal((4, 1, 12, 12))
    >>> d = x[1, 0] - noise[1, 0]
    >>> r, c = np.argwhere(d != 0).min(axis=0)
    >>> print(int(c), np.round(d[r : r + 3, c : c + 3] / 2, 6))
    0 [[ 1. -1.  1.]
     [-1.  1. -1.]
     [ 1. -1.  1.]]
    """
    n, columns, rng, amplitude = hidden_pattern_args(n, columns, rng, amplitude)
    x = rng.standard_normal((n, 1, 12, 12))
    t = np.arange(n) % 2
    for i in np.flatnonzero(t):
        r, c = rng.integers(10), rng.choice(columns)
        x[i, 0, r : r + 3, c : c + 3] += amplitude * PATTERN
    return x, t
