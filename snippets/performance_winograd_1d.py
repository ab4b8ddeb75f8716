x = [1, 2, 3, 4]  # four inputs
w = [2, -1, 3]  # one kernel of three weights

# two outputs the direct way: 6 multiplications
y0 = x[0] * w[0] + x[1] * w[1] + x[2] * w[2]
y1 = x[1] * w[0] + x[2] * w[1] + x[3] * w[2]
print("direct:  ", [y0, y1], "with 6 multiplications")

# Winograd's F(2, 3): sums of the kernel's weights, computed once for all positions ...
k = [w[0], (w[0] + w[1] + w[2]) / 2, (w[0] - w[1] + w[2]) / 2, w[2]]
# ... then, for every pair of outputs, sums of inputs and 4 multiplications
m1 = (x[0] - x[2]) * k[0]
m2 = (x[1] + x[2]) * k[1]
m3 = (x[2] - x[1]) * k[2]
m4 = (x[1] - x[3]) * k[3]
print("Winograd:", [m1 + m2 + m3, m2 - m3 - m4], "with 4 multiplications")
