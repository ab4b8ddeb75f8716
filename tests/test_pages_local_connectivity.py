"""The receptive-field figure of docs/local-connectivity.md wires the output neuron to the
inputs the library's layer actually reads."""

from __future__ import annotations

import numpy as np

import convshare as cs
from convshare.figures import local_connectivity as figures


def test_fully_connected_neuron_reads_every_pixel() -> None:
    mask = figures.connections("fully_connected")
    assert mask.shape == (figures.N, figures.N)
    assert mask.all()


def test_local_neuron_reads_exactly_its_patch() -> None:
    n, f, (r, c) = figures.N, figures.F, figures.NEURON
    mask = figures.connections("local")
    expected = np.zeros((n, n), dtype=bool)
    h = f // 2
    expected[r - h : r + h + 1, c - h : c + h + 1] = True
    assert np.array_equal(mask, expected)
    assert mask.sum() == f * f


def test_local_mask_matches_the_locally_connected_layer() -> None:
    # Perturbing an input pixel changes the chosen output exactly when the figure wires it.
    rng = np.random.default_rng(0)
    n = figures.N
    x = rng.standard_normal((1, n, n))
    w = rng.standard_normal((n, n, 1, 1, figures.F, figures.F))
    base = cs.locally_connected2d(x, w, padding=figures.F // 2)[0][figures.NEURON]
    reads = np.zeros((n, n), dtype=bool)
    for r, c in np.ndindex(n, n):
        x2 = x.copy()
        x2[0, r, c] += 1.0
        reads[r, c] = (
            cs.locally_connected2d(x2, w, padding=figures.F // 2)[0][figures.NEURON] != base
        )
    assert np.array_equal(reads, figures.connections("local"))
