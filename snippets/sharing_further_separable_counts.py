from fractions import Fraction

import convshare as cs

print("| layer | standard | depthwise + pointwise | ratio | 1/C_out + 1/k² |")
print("|---|--:|--:|--:|--:|")
for c_in, c_out, k in [(32, 64, 3), (128, 128, 3), (512, 512, 3), (1024, 1024, 3), (64, 64, 5)]:
    standard = cs.params_conv2d(c_in, c_out, k, bias=False)  # C_in·C_out·k²
    depthwise = cs.params_conv2d(c_in, c_in, k, groups=c_in, bias=False)  # C_in·k²
    pointwise = cs.params_conv2d(c_in, c_out, 1, bias=False)  # C_in·C_out
    ratio = Fraction(depthwise + pointwise, standard)  # counted
    formula = Fraction(1, c_out) + Fraction(1, k * k)
    assert ratio == formula
    print(
        f"| {c_in:,} → {c_out:,}, {k}×{k} | {standard:,} "
        f"| {depthwise:,} + {pointwise:,} = {depthwise + pointwise:,} "
        f"| {float(ratio):.4f} | {float(formula):.4f} = 1/{float(1 / formula):.2f} |"
    )
