import numpy as np

import convshare as cs

rng = np.random.default_rng(0)
pattern = rng.random((3, 3))
w = pattern.reshape(1, 1, 3, 3)  # the same three layers as above
w_local = rng.standard_normal((6, 6, 1, 1, 3, 3))
w_fc = rng.standard_normal((1, 64))
answers = {"conv + global max pooling": {}, "conv, no pooling: argmax": {}}
answers |= {"local + global max pooling": {}, "fully connected": {}}
for row in range(6):
    for col in range(6):  # the pattern at each of its 6×6 places
        x = np.zeros((1, 8, 8))
        x[0, row : row + 3, col : col + 3] = pattern
        y = cs.conv2d(x, w)
        outputs = [y.max(), y.argmax(), cs.locally_connected2d(x, w_local).max()]
        outputs.append(cs.fully_connected(x.ravel(), w_fc)[0])
        for name, out in zip(answers, outputs, strict=True):
            answers[name].setdefault(round(float(out), 6), []).append((row, col))
for name, seen in answers.items():
    where = all(len(places) == 1 for places in seen.values())  # answer -> one place
    print(f"{name:27s} {len(seen):2d} distinct answers for 36 places; says where: {where}")
