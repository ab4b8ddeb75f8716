"""Exercise: parameters of three layers from a 64×64 image to a 64×64 map, 5×5 patches, bias."""

import convshare as cs

print(f"fully connected:   {cs.params_fully_connected(64 * 64, 64 * 64):,}")
print(f"locally connected: {cs.params_locally_connected2d((1, 64, 64), 1, 5, padding=2):,}")
print(f"convolution:       {cs.params_conv2d(1, 1, 5):,}")
