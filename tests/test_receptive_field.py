"""receptive_field: the formula against following the pixels back, and known networks."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import convshare as cs
from convshare.receptive_field import receptive_field_naive

layer = st.one_of(
    st.tuples(st.integers(1, 5), st.integers(1, 3)),
    st.tuples(st.integers(1, 5), st.integers(1, 3), st.integers(1, 3)),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(layer, max_size=5))
def test_formula_equals_following_the_pixels_back(layers):
    assert cs.receptive_field(layers) == receptive_field_naive(layers)


def connections(n_in, k, s, d):
    """0/1 matrix (n_out, n_in): output i reads inputs i*s + j*d."""
    n_out = (n_in - d * (k - 1) - 1) // s + 1
    m = np.zeros((n_out, n_in), dtype=np.int64)
    for i in range(n_out):
        m[i, [i * s + j * d for j in range(k)]] = 1
    return m


@settings(max_examples=60, deadline=None)
@given(st.lists(layer, min_size=1, max_size=4))
def test_formula_equals_the_product_of_connection_matrices(layers):
    """Chain the layers on an input long enough for two outputs: read off size and jump."""
    triples = [(k, s, d) for k, s, *rest in layers for d in [rest[0] if rest else 1]]
    size, jump = cs.receptive_field(layers)
    n = size + jump  # exactly enough input for output units 0 and 1
    m = np.eye(n, dtype=np.int64)
    for k, s, d in triples:
        m = connections(m.shape[0], k, s, d) @ m
    assert m.shape[0] == 2
    reads = [np.flatnonzero(row) for row in m]
    assert reads[0].max() - reads[0].min() + 1 == size
    assert reads[1].min() - reads[0].min() == jump


def test_known_networks():
    vgg16 = 2 * [(3, 1)] + [(2, 2)] + 2 * [(3, 1)] + [(2, 2)] + 3 * ([(3, 1)] * 3 + [(2, 2)])
    assert cs.receptive_field(vgg16) == (212, 32)  # conv5_3 + pool5
    alexnet = [(11, 4), (3, 2), (5, 1), (3, 2), (3, 1), (3, 1), (3, 1), (3, 2)]
    assert cs.receptive_field(alexnet) == (195, 32)
    assert cs.receptive_field([(3, 1, 1), (3, 1, 2), (3, 1, 4)]) == (15, 1)  # Yu & Koltun
    assert cs.receptive_field([]) == (1, 1)
    assert cs.receptive_field(((3, 1),)) == (3, 1)
