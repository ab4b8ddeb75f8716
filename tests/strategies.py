"""Hypothesis strategies for the library tests: random but valid convolution problems."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st


@dataclass
class Case:
    """One valid conv2d problem; ``stride``/``padding`` are an int or a pair, as a user writes."""

    x: np.ndarray
    w: np.ndarray
    b: np.ndarray | None
    stride: int | tuple[int, int]
    padding: int | tuple[int, int]

    @property
    def pairs(self) -> tuple[tuple[int, int], tuple[int, int]]:
        return as_pair(self.stride), as_pair(self.padding)


def as_pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else tuple(value)


def arrays(rng: np.random.Generator, shape, integer_valued: bool) -> np.ndarray:
    """float64 values: small integers (exact sums) or standard normal."""
    if integer_valued:
        return rng.integers(-3, 4, size=shape).astype(np.float64)
    return rng.normal(size=shape)


@st.composite
def conv_cases(draw, max_size: int = 8, max_batch: int = 3, max_channels: int = 3) -> Case:
    """x (C_in, H, W) or (N, C_in, H, W), w, optional b, stride 1..3, padding 0..2."""
    batched = draw(st.booleans())
    n = draw(st.integers(1, max_batch))
    c_in, c_out = draw(st.integers(1, max_channels)), draw(st.integers(1, max_channels))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    sh, sw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    ph, pw = draw(st.integers(0, 2)), draw(st.integers(0, 2))
    stride = draw(st.sampled_from([sh, (sh, sw)]))
    padding = draw(st.sampled_from([ph, (ph, pw)]))
    (sh, sw), (ph, pw) = as_pair(stride), as_pair(padding)
    h = draw(st.integers(max(1, kh - 2 * ph), max_size))
    wd = draw(st.integers(max(1, kw - 2 * pw), max_size))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    integer_valued = draw(st.booleans())
    x = arrays(rng, (n, c_in, h, wd) if batched else (c_in, h, wd), integer_valued)
    w = arrays(rng, (c_out, c_in, kh, kw), integer_valued)
    b = arrays(rng, (c_out,), integer_valued) if draw(st.booleans()) else None
    return Case(x, w, b, stride, padding)


def out_grid(case: Case) -> tuple[int, int]:
    """(H_out, W_out), computed here from the definition (not with the library)."""
    (sh, sw), (ph, pw) = case.pairs
    h, wd = case.x.shape[-2:]
    kh, kw = case.w.shape[2:]
    return (h + 2 * ph - kh) // sh + 1, (wd + 2 * pw - kw) // sw + 1


@dataclass
class GroupedCase:
    """A valid conv2d problem with dilation and groups; ``w`` is (C_out, C_in/groups, kH, kW)."""

    x: np.ndarray
    w: np.ndarray
    b: np.ndarray | None
    stride: int | tuple[int, int]
    padding: int | tuple[int, int]
    dilation: int | tuple[int, int]
    groups: int

    @property
    def kwargs(self) -> dict:
        return {
            "stride": self.stride,
            "padding": self.padding,
            "dilation": self.dilation,
            "groups": self.groups,
        }


@st.composite
def grouped_cases(draw, max_size: int = 9, max_batch: int = 2) -> GroupedCase:
    """groups 1..3 (depthwise when C_in/groups = 1), dilation 1..3, stride 1..3, padding 0..2."""
    batched = draw(st.booleans())
    n = draw(st.integers(1, max_batch))
    groups = draw(st.integers(1, 3))
    c_in = groups * draw(st.integers(1, 2))
    c_out = groups * draw(st.integers(1, 2))
    kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    dilation = draw(st.sampled_from([1, 2, (draw(st.integers(1, 3)), draw(st.integers(1, 3)))]))
    stride = draw(st.sampled_from([1, draw(st.integers(1, 3)), (1, 2)]))
    padding = draw(st.sampled_from([0, draw(st.integers(0, 2)), (2, 0)]))
    (dh, dw), (ph, pw) = as_pair(dilation), as_pair(padding)
    low_h, low_w = max(1, dh * (kh - 1) + 1 - 2 * ph), max(1, dw * (kw - 1) + 1 - 2 * pw)
    h = draw(st.integers(low_h, max(low_h, max_size)))
    wd = draw(st.integers(low_w, max(low_w, max_size)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    integer_valued = draw(st.booleans())
    x = arrays(rng, (n, c_in, h, wd) if batched else (c_in, h, wd), integer_valued)
    w = arrays(rng, (c_out, c_in // groups, kh, kw), integer_valued)
    b = arrays(rng, (c_out,), integer_valued) if draw(st.booleans()) else None
    return GroupedCase(x, w, b, stride, padding, dilation, groups)
