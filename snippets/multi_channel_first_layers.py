import convshare as cs

layers = [  # name, input channels, filters, kernel side, bias
    ("this page: 32×32×3 input", 3, 2, 5, True),
    ("LeNet-5 C1", 1, 6, 5, True),
    ("AlexNet conv1", 3, 96, 11, True),
    ("VGG-16 conv1_1", 3, 64, 3, True),
    ("ResNet-50 stem (conv1)", 3, 64, 7, False),
]
formula = r"$(k_H k_W C_\text{in} + 1) C_\text{out}$"
print(f"| layer | filters $C_\\text{{out}}$ | each filter | bias | {formula} |")
print("|---|---:|---|---|---:|")
for name, c_in, c_out, k, bias in layers:
    n = cs.params_conv2d(c_in, c_out, k, bias=bias)
    count = f"({k}·{k}·{c_in}{' + 1' if bias else ''})·{c_out} = {n:,}"
    shape, has_bias = f"{k}×{k}×{c_in}", "yes" if bias else "no"
    print(f"| {name} | {c_out} | {shape} | {has_bias} | {count} |")
