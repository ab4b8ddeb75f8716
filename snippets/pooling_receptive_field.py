import convshare as cs

conv3, pool = (3, 1), (2, 2)  # (kernel size, stride) along one axis
vgg16 = {"conv1_2": [conv3] * 2, "pool1": [pool], "conv2_2": [conv3] * 2, "pool2": [pool]}
vgg16 |= {"conv3_3": [conv3] * 3, "pool3": [pool], "conv4_3": [conv3] * 3, "pool4": [pool]}
vgg16 |= {"conv5_3": [conv3] * 3, "pool5": [pool]}
alexnet = {"conv1": [(11, 4)], "pool1": [(3, 2)], "conv2": [(5, 1)], "pool2": [(3, 2)]}
alexnet |= {"conv3": [(3, 1)], "conv4": [(3, 1)], "conv5": [(3, 1)], "pool5": [(3, 2)]}

print("| network | after | layers | receptive field | jump |\n|:--|:--|--:|--:|--:|")
for name, net in [("VGG-16", vgg16), ("AlexNet", alexnet)]:
    layers = []
    for block, more in net.items():
        layers += more
        size, jump = cs.receptive_field(layers)
        print(f"| {name} | {block} | {len(layers)} | {size}×{size} | {jump} |")
