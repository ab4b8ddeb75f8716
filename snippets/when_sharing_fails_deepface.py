import convshare as cs

# DeepFace (Taigman et al. 2014, Fig. 2): input, filters, kernel, stride
layers = [("C1", (3, 152, 152), 32, 11, 1), ("C3", (32, 71, 71), 16, 9, 1),
          ("L4", (16, 63, 63), 16, 9, 1), ("L5", (16, 55, 55), 16, 7, 2),
          ("L6", (16, 25, 25), 16, 5, 1)]  # fmt: skip
print("| layer | output | parameters | with sharing it would have |")
print("|---|---|--:|--:|")
total = top = 0
for name, shape, c_out, k, s in layers:
    side = cs.output_size(shape[1], k, stride=s)
    shared = cs.params_conv2d(shape[0], c_out, k)
    local = cs.params_locally_connected2d(shape, c_out, k, stride=s)
    used = shared if name[0] == "C" else local
    print(f"| {name} | {side}×{side}×{c_out} | {used:,} | {shared:,} |")
    total, top = total + used, top + (used if name[0] == "L" else 0)
for name, n_in, n_out in [("F7", 21 * 21 * 16, 4096), ("F8", 4096, 4030)]:
    used = cs.params_fully_connected(n_in, n_out)
    print(f"| {name} | {n_out:,} | {used:,} | – |")
    total, top = total + used, top + used
print(f"| **all** | | **{total:,}** | L4–F8: {top / total:.2%} of all |")
