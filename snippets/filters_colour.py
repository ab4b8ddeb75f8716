import numpy as np

import convshare as cs
from convshare import images, kernels

red = np.array([0.6, 0.0, 0.0])
green = np.array([0.0, 0.6 * 0.299 / 0.587, 0.0])  # exactly as bright as red
x = np.zeros((3, 3, 6))  # a 3×6 RGB image: left half red, right half green
x[:, :, :3], x[:, :, 3:] = red[:, None, None], green[:, None, None]

gray = images.to_grayscale(x)
print("grey levels in the image:", np.unique(gray.round(6)))
edges = cs.conv2d(gray, kernels.to_weight("sobel_x"))
print(f"largest |Sobel x| on the grey image: {np.abs(edges).max():.6f}")

w = np.zeros((1, 3, 3, 3))  # one 3×3×3 filter: mean red minus mean green
w[0, 0], w[0, 1] = kernels.BOX_BLUR, -kernels.BOX_BLUR
y = cs.conv2d(x, w)[0, 0].round(2) + 0.0  # + 0.0 turns -0.0 into 0.0
print("red minus green on the RGB image:", y)
