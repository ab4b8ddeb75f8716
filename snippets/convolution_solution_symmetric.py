"""Exercise: which kernels give the same result with convolve2d and correlate2d?"""

import numpy as np
from scipy.signal import convolve2d, correlate2d

from convshare.examples import five_by_five
from convshare.kernels import KERNELS

rng = np.random.default_rng(0)
image = rng.standard_normal((6, 6))
kernels = {"five_by_five": five_by_five()[1][0, 0], **KERNELS}
print("kernel          flip = w   flip = -w   convolve2d == correlate2d")
for name, k in kernels.items():
    flip = k[::-1, ::-1]
    same = np.allclose(convolve2d(image, k, mode="valid"), correlate2d(image, k, mode="valid"))
    print(f"{name:15} {np.array_equal(flip, k)!s:10} {np.array_equal(flip, -k)!s:11} {same}")
