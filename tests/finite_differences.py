"""Central differences: the slow, obvious gradient that every backward pass is checked against."""

from __future__ import annotations

import numpy as np


def central_differences(f, a, h):
    """d f / d a by (f(a + h e_i) - f(a - h e_i)) / 2h, one element of ``a`` at a time."""
    grad = np.zeros_like(a)
    for index in np.ndindex(a.shape):
        step = np.zeros_like(a)
        step[index] = h
        grad[index] = (f(a + step) - f(a - step)) / (2 * h)
    return grad
