"""A real photograph for the chapters: matplotlib's bundled ``grace_hopper.jpg`` (no download)."""

from __future__ import annotations

import functools

import numpy as np

from convshare.validation import array, as_dtype, float_dtype

LUMA = (0.299, 0.587, 0.114)  # ITU-R BT.601 weights of R, G, B


@functools.lru_cache(maxsize=1)
def _photo() -> np.ndarray:
    from matplotlib import cbook
    from PIL import Image

    with cbook.get_sample_data("grace_hopper.jpg") as file, Image.open(file) as image:
        rgb = np.asarray(image.convert("RGB"))  # (H, W, 3) uint8
    x = np.ascontiguousarray(rgb.transpose(2, 0, 1)) / 255.0
    x.flags.writeable = False
    return x


def load_photo():
    """Grace Hopper's portrait, channels first, values in [0, 1].

    Returns
    -------
    x : ndarray, shape (3, 600, 512)
        float64 RGB, a fresh copy on each call (safe to modify).

    Examples
    --------
    >>> from convshare import images
    >>> x = images.load_photo()
    >>> x.shape, x.dtype
    ((3, 600, 512), dtype('float64'))
    >>> bool(x.min() >= 0.0 and x.max() <= 1.0)
    True
    """
    return _photo().copy()


def to_grayscale(x):
    """Luma ``0.299 R + 0.587 G + 0.114 B`` of an RGB image (ITU-R BT.601).

    Parameters
    ----------
    x : array_like, shape (3, H, W) or (N, 3, H, W)
        RGB image(s), channels first.

    Returns
    -------
    gray : ndarray, shape (1, H, W) or (N, 1, H, W)
        One channel, ready for `convshare.conv2d` with kernels of C_in = 1.

    Raises
    ------
    ValueError
        ``x`` not 3-D or 4-D, or without 3 channels on axis -3.
    TypeError
        An ``x`` that does not hold real numbers.

    Examples
    --------
    >>> import numpy as np
    >>> from convshare import images
    >>> x = np.array([[[1.0]], [[0.5]], [[0.0]]])  # one orange pixel
    >>> print(images.to_grayscale(x))
    [[[0.5925]]]

    By hand:

    >>> print(round(0.299 * 1.0 + 0.587 * 0.5 + 0.114 * 0.0, 4))
    0.5925
    """
    x = array(x, "x", (3, 4), "(3, H, W) or (N, 3, H, W)")
    if x.shape[-3] != 3:
        raise ValueError(f"`x` must have 3 channels (R, G, B), got {x.shape[-3]}: shape {x.shape}")
    (x,) = as_dtype(float_dtype(x), x)
    gray = np.tensordot(np.asarray(LUMA, dtype=x.dtype), x, axes=([0], [-3]))
    return gray[None] if x.ndim == 3 else gray[:, None]
