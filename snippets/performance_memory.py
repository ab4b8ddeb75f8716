import numpy as np

import convshare as cs
from convshare import fastconv

MiB = 2**20
print(f"chunk limit of the patch buffer: {fastconv.CHUNK_BYTES / MiB:g} MiB")
x = np.zeros((8, 3, 224, 224), np.float32)  # case E, the ResNet stem
w = np.zeros((64, 3, 7, 7), np.float32)
(n, c_in, h, wd), (c_out, _, kh, kw) = x.shape, w.shape
h_out = cs.output_size(h, kh, stride=2, padding=3)
w_out = cs.output_size(wd, kw, stride=2, padding=3)
patches = n * c_in * kh * kw * h_out * w_out * x.itemsize  # the whole patch matrix
padded = c_in * (h + 2 * 3) * (wd + 2 * 3) * x.itemsize  # one padded image (as phases)
bound = min(patches, fastconv.CHUNK_BYTES) + padded
y = cs.conv2d(x, w, stride=2, padding=3)
print(f"output y: {y.nbytes / MiB:.1f} MiB")
print(f"whole patch matrix of the batch: {patches / MiB:.1f} MiB")
print(f"extra memory of conv2d at most: {bound / MiB:.1f} MiB")
