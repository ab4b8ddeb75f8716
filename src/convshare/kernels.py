"""Classic named 3×3 filters, as read-only float64 arrays, and a helper to stack them.

Applied with `convshare.conv2d` (cross-correlation): ``SOBEL_X`` is positive where the image
gets brighter to the right, ``SOBEL_Y`` where it gets brighter downwards.
"""

from __future__ import annotations

import numpy as np

from convshare.validation import array


def _frozen(rows, scale=1):
    k = np.array(rows, dtype=np.float64) / scale
    k.flags.writeable = False
    return k


IDENTITY = _frozen([[0, 0, 0], [0, 1, 0], [0, 0, 0]])
"""Copies the centre pixel: the output equals the input (with padding 1)."""
BOX_BLUR = _frozen([[1, 1, 1], [1, 1, 1], [1, 1, 1]], 9)
"""The mean of the 3×3 neighbourhood (weights 1/9)."""
GAUSSIAN_BLUR = _frozen([[1, 2, 1], [2, 4, 2], [1, 2, 1]], 16)
"""A weighted mean, heavier at the centre (weights /16): a softer blur."""
SHARPEN = _frozen([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])
"""The pixel plus its difference from its four neighbours (weights sum to 1)."""
SOBEL_X = _frozen([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
"""Horizontal change: positive where the image gets brighter to the right."""
SOBEL_Y = _frozen([[-1, -2, -1], [0, 0, 0], [1, 2, 1]])
"""Vertical change: positive where the image gets brighter downwards."""
LAPLACIAN = _frozen([[0, 1, 0], [1, -4, 1], [0, 1, 0]])
"""Neighbours minus the centre: zero on flat regions and ramps, large at edges and dots."""
EMBOSS = _frozen([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])
"""A relief: brighter where the image brightens towards the bottom right (weights sum to 1)."""

KERNELS = {  # name -> kernel, in the order the chapters show them
    "identity": IDENTITY,
    "box_blur": BOX_BLUR,
    "gaussian_blur": GAUSSIAN_BLUR,
    "sharpen": SHARPEN,
    "sobel_x": SOBEL_X,
    "sobel_y": SOBEL_Y,
    "laplacian": LAPLACIAN,
    "emboss": EMBOSS,
}


def to_weight(*kernels):
    """Stack 2-D kernels (arrays or names from `KERNELS`) into a conv2d weight.

    Parameters
    ----------
    *kernels : str or array_like, shape (kH, kW)
        One or more kernels of the same shape, or their names.

    Returns
    -------
    w : ndarray, shape (len(kernels), 1, kH, kW)
        float64, writable: one output channel per kernel, for a 1-channel image.

    Raises
    ------
    ValueError
        No kernel, an unknown name, a kernel that is not 2-D, or kernels of different shapes.
    TypeError
        A kernel that does not hold real numbers.

    Examples
    --------
    >>> import numpy as np
    >>> from convshare import kernels
    >>> w = kernels.to_weight("sobel_x", kernels.SOBEL_Y)
    >>> w.shape
    (2, 1, 3, 3)
    >>> print(w[0, 0])
    [[-1. 0. 1.]
     [-2. 0. 2.]
     [-1. 0. 1.]]
    """
    if not kernels:
        raise ValueError("`to_weight` needs at least one kernel, got none")
    arrays = []
    for index, k in enumerate(kernels):
        if isinstance(k, str):
            if k not in KERNELS:
                raise ValueError(f"unknown kernel name {k!r}; known names: {', '.join(KERNELS)}")
            k = KERNELS[k]
        arrays.append(array(k, f"kernels[{index}]", (2,), "(kH, kW)"))
    for index, a in enumerate(arrays):
        if a.shape != arrays[0].shape:
            raise ValueError(
                f"all kernels must have one shape: kernels[0] is {arrays[0].shape} "
                f"but kernels[{index}] is {a.shape}"
            )
    return np.stack(arrays).astype(np.float64)[:, None]
