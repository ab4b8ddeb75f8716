import numpy as np

import convshare as cs
from convshare import images, kernels

x = images.load_photo()  # (3, 600, 512)
box = kernels.BOX_BLUR  # the mean of a 3×3 patch
w = np.zeros((1, 3, 3, 3))  # mean blue minus the mean of red and green
w[0, 0], w[0, 1], w[0, 2] = -box / 2, -box / 2, box
y = cs.conv2d(x, w, padding=1)[0]

places = {"red stripe": (300, 100), "face": (270, 300), "backdrop": (60, 400)}
for name, (row, col) in places.items():
    print(f"{name:10} y = {y[row, col]:+.2f}")
print(f"share of pixels with y > 0.2: {np.mean(y > 0.2):.0%}")
