"""A fully connected layer: every output sees every input, with its own weight."""

from __future__ import annotations

from convshare.validation import fully_connected_args


def fully_connected(x, w, b=None):
    """``y = x @ w.T + b``, like ``torch.nn.Linear``.

    Parameters
    ----------
    x : array_like, shape (..., n_in)
        Inputs; leading axes (a batch, or the pixels of an image) are kept.
    w : array_like, shape (n_out, n_in)
        One row of weights per output.
    b : array_like, shape (n_out,), optional
        One bias per output.

    Returns
    -------
    y : ndarray, shape (..., n_out)

    Raises
    ------
    ValueError
        ``w`` not 2-D, ``x`` whose last axis is not ``n_in``, or ``b`` not of shape (n_out,).
    TypeError
        An array that does not hold real numbers.

    Examples
    --------
    >>> import numpy as np
    >>> import convshare as cs
    >>> x = np.array([1, 2, 3])
    >>> w = np.array([[1, 0, -1], [2, 2, 2]])
    >>> print(cs.fully_connected(x, w, b=np.array([0, 1])))
    [-2. 13.]

    By hand, output 1 is ``2*1 + 2*2 + 2*3 + 1 = 13``.

    >>> print(2 * 1 + 2 * 2 + 2 * 3 + 1)
    13
    """
    x, w, b = fully_connected_args(x, w, b)
    y = x @ w.T
    return y if b is None else y + b
