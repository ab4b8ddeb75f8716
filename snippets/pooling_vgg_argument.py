import convshare as cs

print("receptive field of three 3×3 layers:", cs.receptive_field([(3, 1)] * 3))
print("receptive field of one 7×7 layer:   ", cs.receptive_field([(7, 1)]))
print("| channels C | three 3×3 layers | one 7×7 layer | ratio |\n|--:|--:|--:|--:|")
for c in (64, 256, 512):
    small = 3 * cs.params_conv2d(c, c, 3, bias=False)  # 3 · 9 · C² = 27 C²
    large = cs.params_conv2d(c, c, 7, bias=False)  # 49 C²
    print(f"| {c} | {small:,} = 27·{c}² | {large:,} = 49·{c}² | {small / large:.3f} |")
