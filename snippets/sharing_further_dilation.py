import convshare as cs

print("| layers | receptive field, dilation 1 | dilation 1, 2, 4, … | weights |")
print("|--:|--:|--:|--:|")
for depth in range(1, 6):
    plain = [(3, 1)] * depth  # (kernel_size, stride): 3×3, stride 1
    dilated = [(3, 1, 2**i) for i in range(depth)]  # dilation 1, 2, 4, 8, ...
    r_plain, _ = cs.receptive_field(plain)
    r_dilated, _ = cs.receptive_field(dilated)
    weights = depth * cs.params_conv2d(1, 1, 3, bias=False)  # the same for both
    print(f"| {depth} | {r_plain}×{r_plain} | {r_dilated}×{r_dilated} | {weights} |")
