import math

import convshare as cs

n = 10**6  # a 1000×1000 grey image, and a map of as many hidden units
# zero-padded by 10 - 1 = 9 in all, so that each of the 10⁶ units has
# its own 10×10 field; weights only, no biases, as in the classic notes
padded = (1, 1000 + 9, 1000 + 9)
local = cs.params_locally_connected2d(padded, 1, 10, bias=False)
rows = [
    ("fully connected", cs.params_fully_connected(n, n, bias=False)),
    ("locally connected, 10×10 fields", local),
    ("shared: one 10×10 filter", cs.params_conv2d(1, 1, 10, bias=False)),
    ("shared: 100 filters of 10×10", cs.params_conv2d(1, 100, 10, bias=False)),
]
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
print("| 1000×1000 image → 10⁶ hidden units | weights | about |")
print("|---|--:|--:|")
for name, count in rows:
    power = str(round(math.log10(count))).translate(SUPERSCRIPT)
    print(f"| {name} | {count:,} | 10{power} |")
