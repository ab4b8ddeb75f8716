import math

import convshare as cs

image = (1, 1000, 1000)  # a 1000×1000 grey image: 10⁶ input pixels
n = 10**6  # as many hidden units
# weights only, no biases, as in the classic notes
full = cs.params_fully_connected(n, n, bias=False)
local = cs.params_locally_connected2d(image, 1, 10, bias=False)
rows = [
    ("fully connected, 10⁶ hidden units", full),
    ("locally connected, 10×10 fields", local),
    ("shared: one 10×10 filter", cs.params_conv2d(1, 1, 10, bias=False)),
    ("shared: 100 filters of 10×10", cs.params_conv2d(1, 100, 10, bias=False)),
]
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
print("| layer on a 1000×1000 image | weights | about |")
print("|---|--:|--:|")
for name, count in rows:
    power = str(round(math.log10(count))).translate(SUPERSCRIPT)
    print(f"| {name} | {count:,} | 10{power} |")
