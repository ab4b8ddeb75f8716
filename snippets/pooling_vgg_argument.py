import convshare as cs


def weights(layers, c):  # C channels in and out, no biases
    return sum(cs.params_conv2d(c, c, k, bias=False) for k, _ in layers)


channels = (64, 256, 512)
head = " | ".join(f"$C = {c}$" for c in channels)
print(f"| layers | receptive field | weights | {head} |")
print("|:--|--:|--:|--:|--:|--:|")
counts = []
for name, layers in {"three 3×3": [(3, 1)] * 3, "one 7×7": [(7, 1)]}.items():
    size, _ = cs.receptive_field(layers)  # layers: (kernel size, stride)
    counts.append([weights(layers, c) for c in channels])
    per_c2 = weights(layers, 1)  # the weights per C²
    row = " | ".join(f"{n:,}" for n in counts[-1])
    print(f"| {name} | {size}×{size} | ${per_c2} C^2$ | {row} |")
ratios = [a / b for a, b in zip(*counts, strict=True)]
print("| ratio | | | " + " | ".join(f"{r:.3f}" for r in ratios) + " |")
