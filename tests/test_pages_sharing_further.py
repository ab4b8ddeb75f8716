"""docs/sharing-further.md: its MobileNet count, its figure and its separable check hold up."""

from __future__ import annotations

import runpy

import numpy as np
import pytest

import convshare as cs
from convshare.figures.sharing_further import DILATIONS, LENGTH, reached
from tests.outputs import ROOT

SNIPPETS = ROOT / "snippets"


def mobilenet_blocks() -> list[tuple[int, int]]:
    return runpy.run_path(str(SNIPPETS / "sharing_further_mobilenet.py"))["blocks"]


def test_mobilenet_blocks_follow_table_1_down_to_7x7():
    """Table 1's strides (2 at the first layer and at blocks 2, 4, 6, 12) turn 224 into 7."""
    blocks = mobilenet_blocks()
    assert len(blocks) == 13
    strides = [1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1]
    side = cs.output_size(224, 3, stride=2, padding=1)
    for (c_in, c_out), s in zip(blocks, strides, strict=True):
        side = cs.output_size(side, 3, stride=s, padding=1)  # the depthwise layer
        assert c_out >= c_in
    assert side == 7
    assert [c for c, _ in blocks[1:]] == [c for _, c in blocks[:-1]]  # the channels chain


def test_mobilenet_count_matches_a_pytorch_model():
    """The same network built from torch.nn layers: parameters, and batch norm's buffers."""
    torch = pytest.importorskip("torch", reason="PyTorch is the optional oracle (make torch)")
    nn = torch.nn
    layers = [nn.Conv2d(3, 32, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(32)]
    for c_in, c_out in mobilenet_blocks():
        layers += [nn.Conv2d(c_in, c_in, 3, padding=1, groups=c_in, bias=False)]
        layers += [nn.BatchNorm2d(c_in), nn.Conv2d(c_in, c_out, 1, bias=False)]
        layers += [nn.BatchNorm2d(c_out)]
    model = nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(1024, 1000))
    weights = sum(p.numel() for name, p in model.named_parameters() if name.endswith("weight"))
    bn_weights = sum(m.weight.numel() for m in model if isinstance(m, nn.BatchNorm2d))
    learned = sum(p.numel() for p in model.parameters())
    stats = sum(b.numel() for name, b in model.named_buffers() if "running" in name)
    assert weights - bn_weights == 4_209_088
    assert learned == 4_231_976
    assert learned + stats == 4_253_864
    assert model(torch.zeros(1, 3, 32, 32)).shape == (1, 1000)  # the layers fit together


def test_dilation_figure_reaches_the_receptive_field():
    for dilations in DILATIONS.values():
        masks = reached(dilations)
        size, _ = cs.receptive_field([(3, 1, d) for d in dilations])
        rows = np.flatnonzero(masks[0])
        assert masks[0].sum() == size == rows.max() - rows.min() + 1  # no holes
        assert LENGTH >= size + 2  # the unreached ends show
    assert [m.sum() for m in reached(DILATIONS["dilated"])] == [15, 7, 3, 1]


@pytest.mark.parametrize("seed", range(5))
def test_separable_equals_its_product_kernel(seed):
    """The page's claim for any sizes: depthwise then pointwise = conv2d with p[o, c]·q[c]."""
    rng = np.random.default_rng(seed)
    c_in, c_out, k = rng.integers(1, 5), rng.integers(1, 5), rng.integers(1, 4)
    x = rng.normal(size=(2, c_in, 7, 6))
    q, p = rng.normal(size=(c_in, 1, k, k)), rng.normal(size=(c_out, c_in, 1, 1))
    separable = cs.conv2d(cs.conv2d(x, q, groups=c_in, padding=1, dilation=2), p)
    w = p[:, :, 0, 0, None, None] * q[:, 0]
    np.testing.assert_allclose(separable, cs.conv2d(x, w, padding=1, dilation=2), atol=1e-12)
