import numpy as np

import convshare as cs
from convshare import images

x = images.load_photo()  # (3, 600, 512)
w = np.array([0.299, 0.587, 0.114]).reshape(1, 3, 1, 1)  # a 1×1×3 filter
y = cs.conv2d(x, w)
print("w:", w.shape, " y:", y.shape, " weights:", w.ravel())
print("equal to to_grayscale(x):", np.allclose(y, images.to_grayscale(x)))
print("parameters without a bias:", cs.params_conv2d(3, 1, 1, bias=False))
