import numpy as np

import convshare as cs
from convshare import images, kernels

x = images.to_grayscale(images.load_photo())  # (1, 600, 512)
w = kernels.to_weight("sobel_x", "sobel_y")
gx, gy = cs.conv2d(x, w, padding=1)
magnitude = np.sqrt(gx**2 + gy**2)  # edge strength, whatever the direction

maps = {"$g_x$": gx, "$g_y$": gy, r"$\sqrt{g_x^2 + g_y^2}$": magnitude}
print(r"| map | min | max | pixels with $\lvert \cdot \rvert > 0.5$ |")
print("|---|---:|---:|---:|")
for name, m in maps.items():
    share = np.mean(np.abs(m) > 0.5)
    print(f"| {name} | {m.min():.2f} | {m.max():.2f} | {share:.1%} |")
