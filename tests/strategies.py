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
