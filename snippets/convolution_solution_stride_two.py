"""Exercise: which padding halves a 224×224 input with a 3×3 kernel and stride 2?"""

import numpy as np

import convshare as cs

x = np.zeros((1, 224, 224))
w = np.zeros((1, 1, 3, 3))
for p in [0, 1, 2]:
    h_out = cs.output_size(224, 3, stride=2, padding=p)
    print(f"p = {p}: H_out = {h_out}, conv2d output {cs.conv2d(x, w, stride=2, padding=p).shape}")
