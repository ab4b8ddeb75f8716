import convshare as cs

# MobileNet v1, width 1.0 (Howard et al. 2017, Table 1): a 3×3 convolution, 13 depthwise-
# separable blocks (C_in, C_out), a classifier. Weights only: batch norm follows each conv
blocks = [(32, 64), (64, 128), (128, 128), (128, 256), (256, 256), (256, 512)]
blocks += [(512, 512)] * 5 + [(512, 1024), (1024, 1024)]
dw = sum(cs.params_conv2d(c, c, 3, groups=c, bias=False) for c, _ in blocks)
pw = sum(cs.params_conv2d(c, o, 1, bias=False) for c, o in blocks)
rows = [  # (layers, weights, the paper's share in its Table 2)
    ("Conv 3×3, the first layer", cs.params_conv2d(3, 32, 3, bias=False), "0.02%"),
    ("Conv dw 3×3 (depthwise)", dw, "1.06%"),
    ("Conv 1×1 (pointwise)", pw, "74.59%"),
    ("Fully connected 1024 → 1000", cs.params_fully_connected(1024, 1000, bias=False), "24.33%"),
]
n = sum(weights for _, weights, _ in rows)
channels = 32 + sum(c_in + c_out for c_in, c_out in blocks)  # one batch norm per convolution
print("| layers | parameters | share | paper (Table 2) |\n|---|--:|--:|--:|")
for name, weights, paper in rows:
    print(f"| {name} | {weights:,} | {weights / n:.2%} | {paper} |")
print(f"| **all weights** | **{n:,}** = {n / 1e6:.1f} M | 100% | 4.2 M |")
extra = {"the classifier's 1,000 biases": 1000, "batch norm scale and shift": 2 * channels}
extra["batch norm running mean and variance"] = 2 * channels
for name, more in extra.items():
    n += more
    print(f"| + {name} | {n:,} = {n / 1e6:.1f} M | | |")
