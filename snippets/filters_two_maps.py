import numpy as np

import convshare as cs
from convshare import images, kernels

x = images.load_photo()  # (3, 600, 512): R, G, B
luma = np.array([0.299, 0.587, 0.114])  # the weights of images.to_grayscale
w = np.zeros((2, 3, 3, 3))
w[0] = luma[:, None, None] * kernels.SOBEL_X  # w0: Sobel x on the brightness
w[1, 0] = kernels.BOX_BLUR  # w1: mean red minus mean green
w[1, 1] = -kernels.BOX_BLUR
b = np.zeros(2)
y = cs.conv2d(x, w, b, padding=1)
print("x:", x.shape, " w:", w.shape, " b:", b.shape, " ->  y:", y.shape)
print("parameters:", cs.params_conv2d(3, 2, 3), "= 2·(3·3·3 + 1)")
print("grey weights (R, G, B):", luma)

gray = images.to_grayscale(x)
sobel = cs.conv2d(gray, kernels.to_weight("sobel_x"), padding=1)
print("y[0] == Sobel x of the grey photo:", np.allclose(y[0], sobel[0]))
places = {"red stripe": (300, 100), "face": (270, 300), "backdrop": (60, 400)}
for name, (row, col) in places.items():
    print(f"{name:10} (row {row}, col {col}): y[1] = {y[1, row, col]:+.2f}")
