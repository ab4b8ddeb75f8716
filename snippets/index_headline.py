import math

import convshare as cs

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
image = (1, 1000, 1000)  # a 1000×1000 grey image: 10⁶ input pixels
rows = [
    ("fully connected, 10⁶ hidden units", cs.params_fully_connected(10**6, 10**6, bias=False)),
    ("locally connected, 10×10 fields", cs.params_locally_connected2d(image, 1, 10, bias=False)),
    ("shared: one 10×10 filter", cs.params_conv2d(1, 1, 10, bias=False)),
    ("shared: 100 filters of 10×10", cs.params_conv2d(1, 100, 10, bias=False)),
]
print("| layer on a 1000×1000 image | weights | about |")
print("|---|--:|--:|")
for name, n in rows:
    print(f"| {name} | {n:,} | 10{str(round(math.log10(n))).translate(SUPERSCRIPT)} |")
