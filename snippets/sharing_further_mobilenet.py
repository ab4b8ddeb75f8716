import convshare as cs

# MobileNet v1, width 1.0 (Howard et al. 2017, Table 1): after a standard 3×3
# convolution, 13 depthwise-separable blocks (C_in, C_out), then a classifier
blocks = [(32, 64), (64, 128), (128, 128), (128, 256), (256, 256), (256, 512)]
blocks += [(512, 512)] * 5 + [(512, 1024), (1024, 1024)]
count = {  # weights only: the convolutions have no bias, batch norm follows them
    "Conv 3×3, the first layer": cs.params_conv2d(3, 32, 3, bias=False),
    "Conv dw 3×3 (depthwise)": sum(
        cs.params_conv2d(c, c, 3, groups=c, bias=False) for c, _ in blocks
    ),
    "Conv 1×1 (pointwise)": sum(cs.params_conv2d(c, o, 1, bias=False) for c, o in blocks),
    "Fully connected 1024 → 1000": cs.params_fully_connected(1024, 1000, bias=False),
}
paper = ["0.02%", "1.06%", "74.59%", "24.33%"]  # the paper's Table 2
total = sum(count.values())
channels = 32 + sum(c_in + c_out for c_in, c_out in blocks)  # a batch norm per convolution
print("| layers | parameters | share | paper (Table 2) |")
print("|---|--:|--:|--:|")
for (name, n), quoted in zip(count.items(), paper, strict=True):
    print(f"| {name} | {n:,} | {n / total:.2%} | {quoted} |")
print(f"| **all weights** | **{total:,}** | 100% | 4.2 M |")
print(f"| + the classifier's 1,000 biases | {total + 1000:,} | | |")
print(f"| + batch norm scale and shift, 2 per channel | {total + 1000 + 2 * channels:,} | | |")
print(f"| + batch norm running mean and variance | {total + 1000 + 4 * channels:,} | | |")
