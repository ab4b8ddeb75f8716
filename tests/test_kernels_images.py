"""Named kernels, the bundled photograph and the worked examples."""

from __future__ import annotations

import importlib.metadata

import numpy as np
import pytest

import convshare as cs
from convshare import examples, images, kernels

NAMES = ["identity", "box_blur", "gaussian_blur", "sharpen", "sobel_x", "sobel_y", "laplacian"]


def test_kernel_names_and_arrays():
    assert list(kernels.KERNELS) == [*NAMES, "emboss"]
    for k in kernels.KERNELS.values():
        assert k.shape == (3, 3)
        assert k.dtype == np.float64
        assert not k.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        kernels.SOBEL_X[0, 0] = 5


@pytest.mark.parametrize(
    ("name", "total"),
    [
        ("identity", 1),
        ("box_blur", 1),
        ("gaussian_blur", 1),
        ("sharpen", 1),
        ("emboss", 1),
        ("sobel_x", 0),
        ("sobel_y", 0),
        ("laplacian", 0),
    ],
)
def test_kernel_sums(name, total):
    """Blurs keep the brightness (sum 1); edge detectors ignore flat regions (sum 0)."""
    assert kernels.KERNELS[name].sum() == pytest.approx(total, abs=1e-15)


def test_sobel_signs_follow_cross_correlation():
    ramp = np.tile(np.arange(6.0), (6, 1))[None]  # brighter to the right
    y = cs.conv2d(ramp, kernels.to_weight("sobel_x", "sobel_y"))
    np.testing.assert_array_equal(y[0], np.full((4, 4), 8.0))
    np.testing.assert_array_equal(y[1], np.zeros((4, 4)))
    down = np.swapaxes(ramp, 1, 2)  # brighter downwards
    np.testing.assert_array_equal(
        cs.conv2d(down, kernels.to_weight("sobel_y"))[0], np.full((4, 4), 8.0)
    )


def test_identity_kernel_returns_the_image():
    x = np.random.default_rng(0).normal(size=(1, 6, 7))
    np.testing.assert_array_equal(cs.conv2d(x, kernels.to_weight("identity"), padding=1), x)


def test_to_weight_stacks_names_and_arrays():
    w = kernels.to_weight("box_blur", kernels.LAPLACIAN, [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    assert w.shape == (3, 1, 3, 3)
    assert w.dtype == np.float64
    np.testing.assert_array_equal(w[0, 0], np.full((3, 3), 1 / 9))
    np.testing.assert_array_equal(w[1, 0], kernels.LAPLACIAN)
    w[1, 0, 0, 0] = 99  # the result is a writable copy: the named kernel is unchanged
    assert kernels.LAPLACIAN[0, 0] == 0
    assert kernels.to_weight(np.ones((1, 5))).shape == (1, 1, 1, 5)


def test_photo_shape_range_and_copies():
    x = images.load_photo()
    assert x.shape == (3, 600, 512)
    assert x.dtype == np.float64
    assert 0 <= x.min() < 0.1
    assert 0.9 < x.max() <= 1
    assert len(np.unique(x[0, :50, :50])) > 10  # not a constant or placeholder
    x[:] = 0  # callers cannot corrupt the cached photograph
    again = images.load_photo()
    assert again.max() > 0.9
    assert again.flags.writeable


def test_grayscale_weights():
    rgb = np.zeros((3, 2, 2))
    rgb[0, 0, 0] = 1  # red
    rgb[1, 0, 1] = 1  # green
    rgb[2, 1, 0] = 1  # blue
    rgb[:, 1, 1] = 1  # white
    gray = images.to_grayscale(rgb)
    assert gray.shape == (1, 2, 2)
    np.testing.assert_allclose(gray[0], [[0.299, 0.587], [0.114, 1.0]], rtol=0, atol=1e-15)
    batch = images.to_grayscale(np.stack([rgb, 2 * rgb]))
    assert batch.shape == (2, 1, 2, 2)
    np.testing.assert_allclose(batch[1], 2 * gray, rtol=0, atol=1e-15)
    assert images.to_grayscale(rgb.astype(np.float32)).dtype == np.float32


def test_grayscale_photo_is_in_range():
    gray = images.to_grayscale(images.load_photo())
    assert gray.shape == (1, 600, 512)
    assert 0 <= gray.min()
    assert gray.max() <= 1


def test_five_by_five():
    x, w = examples.five_by_five()
    assert x.shape == (1, 5, 5)
    assert w.shape == (1, 1, 3, 3)
    assert x.dtype == w.dtype == np.float64
    assert x.sum() == 13
    assert w.sum() == 5
    np.testing.assert_array_equal(cs.conv2d(x, w), [[[4, 3, 4], [2, 4, 3], [2, 3, 4]]])


def test_three_channel_demo_draws():
    x, w, b = examples.three_channel_demo()
    rng = np.random.default_rng(0)
    np.testing.assert_array_equal(x, rng.integers(0, 3, (3, 5, 5)))
    np.testing.assert_array_equal(w, rng.integers(-1, 2, (2, 3, 3, 3)))
    np.testing.assert_array_equal(b, [1, 0])
    assert x.dtype == w.dtype == b.dtype == np.float64
    assert cs.conv2d(x, w, b, padding=1, stride=2).shape == (2, 3, 3)


def test_public_api_is_exactly_the_contract():
    assert sorted(cs.__all__) == sorted(
        [
            "avg_pool2d",
            "avg_pool2d_backward",
            "benchmark_results",
            "conv1d",
            "conv2d",
            "conv2d_backward",
            "conv2d_matrix",
            "conv2d_naive",
            "fully_connected",
            "im2col",
            "locally_connected2d",
            "locally_connected2d_backward",
            "max_pool2d",
            "max_pool2d_backward",
            "output_size",
            "params_conv2d",
            "params_fully_connected",
            "params_locally_connected2d",
            "receptive_field",
        ]
    )
    assert cs.__version__ == importlib.metadata.version("convshare")
    assert all(callable(getattr(cs, name)) for name in cs.__all__)
    assert cs.kernels is kernels
    assert cs.images is images
    assert cs.examples is examples
