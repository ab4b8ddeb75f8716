import numpy as np

from convshare import images

x = images.load_photo()  # channels first: (C, H, W)
print("photo x:", x.shape, x.dtype, f"in [{x.min():.0f}, {x.max():.0f}]")
places = {"red stripe": (300, 100), "backdrop": (60, 400)}
for name, (row, col) in places.items():
    rgb = x[:, row, col].round(2)
    print(f"{name:10} x[:, {row}, {col}] = (R, G, B) =", rgb)

w = np.zeros((2, 3, 5, 5))  # two filters; each has the depth of x
print("weights w:", w.shape, "= (C_out, C_in, kH, kW)")
print("one filter w[0]:", w[0].shape, "= (C_in, kH, kW)")
