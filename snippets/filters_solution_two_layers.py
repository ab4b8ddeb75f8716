import numpy as np
from scipy.signal import convolve2d

import convshare as cs
from convshare import images, kernels

x = images.to_grayscale(images.load_photo())  # (1, 600, 512)
blur, sobel = kernels.to_weight("gaussian_blur"), kernels.to_weight("sobel_x")
two_layers = cs.conv2d(cs.conv2d(x, blur), sobel)  # no padding

k = convolve2d(kernels.GAUSSIAN_BLUR, kernels.SOBEL_X)  # full convolution
one_layer = cs.conv2d(x, k[None, None])  # k has shape (5, 5)
print("combined kernel, times 16:")
print(k * 16)
print("shapes:", two_layers.shape, one_layer.shape)
print("equal:", np.allclose(two_layers, one_layer))
