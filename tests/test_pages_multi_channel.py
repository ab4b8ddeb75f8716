"""docs/multi-channel.md: the figure highlights the element the page works by hand, the identity
the page states (one filter = sum of per-channel correlations + bias) holds, and the parameter
table agrees with PyTorch's layers."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings

import convshare as cs
from convshare.examples import three_channel_demo
from convshare.figures import multi_channel as figures
from tests.outputs import ROOT, parse_page
from tests.strategies import conv_cases

PAGE = "docs/multi-channel.md"
TEXT = (ROOT / PAGE).read_text(encoding="utf-8")


def shown(snippet: str) -> str:
    """What the page shows as the output of one snippet."""
    (block,) = [b for b in parse_page(TEXT, PAGE) if b.snippet == snippet]
    return block.shown


def test_the_figure_highlights_the_element_worked_by_hand() -> None:
    found = re.search(
        r"conv2d: y\[(\d+), (\d+), (\d+)\] = (-?\d+\.\d+)",
        shown("snippets/multi_channel_by_hand.py"),
    )
    assert found, "the page no longer shows the element worked by hand"
    o, i, j = (int(v) for v in found.groups()[:3])
    assert (figures.FILTER, figures.ROW, figures.COL) == (o, i, j)
    x, w, b = three_channel_demo()
    y = cs.conv2d(x, w, b, stride=figures.STRIDE, padding=figures.PADDING)
    assert y[o, i, j] == float(found.group(4))
    # the caption names the same element
    assert f"$y_{{{o},{i},{j}}}$" in TEXT


@settings(max_examples=100, deadline=None)
@given(conv_cases())
def test_one_filter_is_the_sum_over_channels_plus_the_bias(case) -> None:
    kwargs = {"stride": case.stride, "padding": case.padding}
    y = cs.conv2d(case.x, case.w, case.b, **kwargs)
    c_in = case.w.shape[1]
    total = sum(
        cs.conv2d(case.x[..., c : c + 1, :, :], case.w[:, c : c + 1], **kwargs) for c in range(c_in)
    )
    if case.b is not None:
        total = total + case.b[:, None, None]
    np.testing.assert_allclose(y, total, atol=1e-10)


ROW = re.compile(r"^\| (?P<name>[^|]+?) \| (?P<c_out>\d+) \| (?P<k>\d+)×(?P=k)×(?P<c_in>\d+) "
                 r"\| (?P<bias>yes|no) \| [^|]*= (?P<count>[\d,]+) \|$", re.M)  # fmt: skip


def table_rows() -> list[dict[str, str]]:
    return [m.groupdict() for m in ROW.finditer(shown("snippets/multi_channel_first_layers.py"))]


def test_the_table_has_the_five_layers_of_the_page() -> None:
    names = [row["name"] for row in table_rows()]
    assert len(names) == 5, names
    assert any(name.startswith("ResNet-50") for name in names)


@pytest.mark.parametrize("row", table_rows(), ids=lambda row: row["name"])
def test_parameter_counts_agree_with_pytorch(row: dict[str, str]) -> None:
    torch = pytest.importorskip(
        "torch", reason="PyTorch is an optional oracle: make torch installs it from disk"
    )
    c_in, c_out, k = int(row["c_in"]), int(row["c_out"]), int(row["k"])
    layer = torch.nn.Conv2d(c_in, c_out, k, bias=row["bias"] == "yes")
    expected = sum(p.numel() for p in layer.parameters())
    assert int(row["count"].replace(",", "")) == expected
