import numpy as np

import convshare as cs

# three 3×3 layers with dilation 1, 2, 4 ("same" padding p = d) on a 15×15 input
x, w = np.ones((1, 15, 15)), np.ones((1, 1, 3, 3))
h1 = cs.conv2d(x, w, padding=1, dilation=1)
h2 = cs.conv2d(h1, w, padding=2, dilation=2)
y = cs.conv2d(h2, w, padding=4, dilation=4)

# which input pixels does the centre output y[0, 7, 7] depend on? backpropagate
grad_y = np.zeros_like(y)
grad_y[0, 7, 7] = 1
grad_h2 = cs.conv2d_backward(h2, w, grad_y, padding=4, dilation=4)[0]
grad_h1 = cs.conv2d_backward(h1, w, grad_h2, padding=2, dilation=2)[0]
grad_x = cs.conv2d_backward(x, w, grad_h1, padding=1, dilation=1)[0]
rows, cols = np.nonzero(grad_x[0])
print("input pixels that reach y[0, 7, 7]:", len(rows))
print("rows", rows.min(), "to", rows.max(), " columns", cols.min(), "to", cols.max())
print("receptive_field:", cs.receptive_field([(3, 1, 1), (3, 1, 2), (3, 1, 4)]))
