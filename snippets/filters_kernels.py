import numpy as np

from convshare import kernels

names = ["identity", "gaussian_blur", "sharpen"]
names += ["sobel_x", "sobel_y", "laplacian"]


def latex(k):  # a small matrix; a common factor such as 1/16 pulled out
    scale = round(1 / np.abs(k[k != 0]).min()) if np.any(k % 1) else 1
    rows = [" & ".join(f"{v * scale:.0f}" for v in row) for row in k]
    factor = rf"\tfrac{{1}}{{{scale}}}" if scale != 1 else ""
    matrix = r"\begin{smallmatrix}" + r" \\ ".join(rows) + r"\end{smallmatrix}"
    return rf"${factor}\left[{matrix}\right]$"


print("| name | kernel | sum of the weights |")
print("|---|:---:|---:|")
for name in names:
    k = kernels.KERNELS[name]
    print(f"| `{name}` | {latex(k)} | {k.sum():g} |")
