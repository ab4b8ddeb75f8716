import convshare as cs

# name, input (C_in, H, W), filters, kernel size, stride, count biases?
layers = [
    ("1000×1000 image, 1 filter of 10×10", (1, 1000, 1000), 1, 10, 1, False),
    ("1000×1000 image, 100 filters", (1, 1000, 1000), 100, 10, 1, False),
    ("AlexNet conv1 (CS231n)", (3, 227, 227), 96, 11, 4, True),
]
print("| layer | output units | without sharing | with sharing | ratio |")
print("|---|--:|--:|--:|--:|")
for name, shape, c_out, k, s, bias in layers:
    side = cs.output_size(shape[1], k, stride=s)
    units = f"{side}×{side}×{c_out} = {side * side * c_out:,}"
    lc = cs.params_locally_connected2d(shape, c_out, k, stride=s, bias=bias)
    shared = cs.params_conv2d(shape[0], c_out, k, bias=bias)
    print(f"| {name} | {units} | {lc:,} | {shared:,} | {lc // shared:,} |")
