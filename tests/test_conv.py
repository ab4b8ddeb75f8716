"""conv2d (fast) vs conv2d_naive (loops) vs an independent SciPy reference; conv1d; dtypes."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from scipy import ndimage
from scipy.signal import convolve2d, correlate2d

import convshare as cs
import convshare.conv
from tests.strategies import Case, as_pair, conv_cases


def scipy_conv2d(x, w, b=None, stride=1, padding=0):
    """Reference: zero-pad, scipy.signal.correlate2d per (output, input) channel, sum, subsample."""
    (sh, sw), (ph, pw) = as_pair(stride), as_pair(padding)
    x4 = x if x.ndim == 4 else x[None]
    xp = np.pad(x4, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    y = np.array(
        [
            [
                sum(correlate2d(image[c], kernel[c], mode="valid") for c in range(len(kernel)))
                for kernel in w
            ]
            for image in xp
        ]
    )[:, :, ::sh, ::sw]
    if b is not None:
        y = y + b[:, None, None]
    return y if x.ndim == 4 else y[0]


def check_all_three(case: Case) -> None:
    kwargs = {"stride": case.stride, "padding": case.padding}
    expected = scipy_conv2d(case.x, case.w, case.b, **kwargs)
    fast = cs.conv2d(case.x, case.w, case.b, **kwargs)
    naive = cs.conv2d_naive(case.x, case.w, case.b, **kwargs)
    assert fast.shape == naive.shape == expected.shape
    np.testing.assert_allclose(fast, expected, rtol=0, atol=1e-10)
    np.testing.assert_allclose(naive, expected, rtol=0, atol=1e-10)


@settings(max_examples=200, deadline=None)
@given(conv_cases())
def test_conv2d_and_naive_match_scipy(case):
    check_all_three(case)


@pytest.mark.parametrize(
    ("x_shape", "w_shape", "stride", "padding"),
    [
        ((1, 5, 5), (1, 1, 3, 3), 1, 0),
        ((3, 5, 5), (2, 3, 3, 3), 2, 1),  # the 3-channel demo
        ((3, 32, 32), (2, 3, 5, 5), 1, 0),  # two 5×5×3 filters → two 28×28 maps
        ((2, 3, 9, 7), (4, 3, 3, 2), (2, 3), (1, 0)),
        ((1, 4, 4), (1, 1, 4, 4), 1, 0),  # kernel as large as the image: one output
        ((1, 2, 2), (1, 1, 4, 4), 1, 1),  # kernel as large as the padded image
        ((2, 1, 6, 6), (3, 1, 1, 1), 3, 2),  # 1×1 kernels, stride over padding
        ((1, 1, 1, 8), (1, 1, 1, 3), (1, 2), 0),  # one row
    ],
)
@pytest.mark.parametrize("with_bias", [False, True])
def test_conv2d_parametrized(x_shape, w_shape, stride, padding, with_bias):
    rng = np.random.default_rng(0)
    b = rng.normal(size=w_shape[0]) if with_bias else None
    check_all_three(Case(rng.normal(size=x_shape), rng.normal(size=w_shape), b, stride, padding))


@pytest.mark.parametrize("kernel_shape", [(1, 1), (3, 3), (2, 2), (4, 3), (5, 2)])
def test_conv2d_matches_scipy_ndimage_correlate(kernel_shape):
    """A second reference: ndimage centres the kernel at index k // 2 and, by default, reflects
    at the border; with mode="constant" it is conv2d with padding k // 2, cropped to the input."""
    rng = np.random.default_rng(6)
    x, w = rng.normal(size=(7, 8)), rng.normal(size=kernel_shape)
    expected = ndimage.correlate(x, w, mode="constant", cval=0.0)
    padding = (kernel_shape[0] // 2, kernel_shape[1] // 2)
    y = cs.conv2d(x[None], w[None, None], padding=padding)[0, :7, :8]
    np.testing.assert_allclose(y, expected, rtol=0, atol=1e-12)


def test_convolve2d_flips_the_kernel():
    """scipy.signal.convolve2d is true convolution: conv2d with the kernel rotated by 180°."""
    rng = np.random.default_rng(7)
    x, w = rng.normal(size=(6, 7)), rng.normal(size=(3, 2))
    y = cs.conv2d(x[None], w[None, None, ::-1, ::-1])[0]
    np.testing.assert_allclose(y, convolve2d(x, w, mode="valid"), rtol=0, atol=1e-12)
    assert not np.allclose(cs.conv2d(x[None], w[None, None])[0], convolve2d(x, w, mode="valid"))


def test_five_by_five_worked_example():
    x, w = cs.examples.five_by_five()
    y = cs.conv2d(x, w)
    np.testing.assert_array_equal(y, [[[4, 3, 4], [2, 4, 3], [2, 3, 4]]])
    np.testing.assert_array_equal(cs.conv2d_naive(x, w), y)


def test_no_kernel_flip():
    """Cross-correlation: a kernel with a single 1 in its top-left corner reads x[r, c]."""
    x = np.arange(16.0).reshape(1, 4, 4)
    w = np.zeros((1, 1, 2, 2))
    w[0, 0, 0, 0] = 1
    np.testing.assert_array_equal(cs.conv2d(x, w)[0], x[0, :3, :3])
    np.testing.assert_array_equal(cs.conv2d_naive(x, w)[0], x[0, :3, :3])


def test_bias_is_added_per_output_channel():
    x = np.zeros((2, 3, 4, 4))
    w = np.ones((2, 3, 3, 3))
    y = cs.conv2d(x, w, np.array([1.5, -2.0]), padding=1)
    np.testing.assert_array_equal(y[:, 0], np.full((2, 4, 4), 1.5))
    np.testing.assert_array_equal(y[:, 1], np.full((2, 4, 4), -2.0))


def test_batch_equals_images_one_by_one():
    rng = np.random.default_rng(1)
    x, w, b = rng.normal(size=(4, 2, 7, 6)), rng.normal(size=(3, 2, 3, 3)), rng.normal(size=3)
    batched = cs.conv2d(x, w, b, stride=2, padding=1)
    singles = np.stack([cs.conv2d(image, w, b, stride=2, padding=1) for image in x])
    np.testing.assert_allclose(batched, singles, rtol=0, atol=1e-12)


def test_naive_section_is_self_contained():
    """The page embeds the marked section: it must run with nothing but NumPy."""
    source = Path(convshare.conv.__file__).read_text()
    section = re.search(
        r"# --8<-- \[start:conv2d_naive\]\n(.*?)\n *# --8<-- \[end:conv2d_naive\]", source, re.S
    ).group(1)
    assert section.startswith("def conv2d_naive(")
    assert len(section.strip().splitlines()) <= 30
    assert max(map(len, section.splitlines())) <= 80  # fits the page's code width
    namespace = {"np": np}
    exec(section, namespace)
    rng = np.random.default_rng(2)
    x, w, b = rng.normal(size=(3, 6, 5)), rng.normal(size=(2, 3, 3, 2)), rng.normal(size=2)
    for stride, padding in [(1, 0), (2, 1), ((1, 2), (2, 0))]:
        np.testing.assert_allclose(
            namespace["conv2d_naive"](x, w, b, stride=stride, padding=padding),
            scipy_conv2d(x, w, b, stride, padding),
            rtol=0,
            atol=1e-12,
        )


# ---- conv1d ----------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(conv_cases(max_size=10))
def test_conv1d_is_conv2d_on_a_height_one_image(case):
    (_, s), (_, p) = case.pairs
    x = case.x[..., 0, :]  # (C_in, W) or (N, C_in, W): drop the height axis
    w = case.w[:, :, 0, :]
    y1 = cs.conv1d(x, w, case.b, stride=s, padding=p)
    y2 = cs.conv2d(x[..., None, :], w[:, :, None, :], case.b, stride=(1, s), padding=(0, p))
    np.testing.assert_allclose(y1, y2[..., 0, :], rtol=0, atol=1e-10)


def test_conv1d_lenet_example():
    """h1 = w1 x1 + w2 x2 + w3 x3, h2 = w1 x2 + w2 x3 + w3 x4, h3 = w1 x3 + w2 x4 + w3 x5."""
    x = np.array([[2.0, 3.0, 5.0, 7.0, 11.0]])
    w1, w2, w3 = 1.0, 10.0, 100.0
    h = cs.conv1d(x, np.array([[[w1, w2, w3]]]))
    expected = [w1 * 2 + w2 * 3 + w3 * 5, w1 * 3 + w2 * 5 + w3 * 7, w1 * 5 + w2 * 7 + w3 * 11]
    np.testing.assert_array_equal(h, [expected])


# ---- dtypes ----------------------------------------------------------------------------


def all_conv_like(x, w):
    """conv2d-family calls for x (1, 4, 4) and w (1, 1, 2, 2) in the given dtypes."""
    return {
        "conv2d": cs.conv2d(x, w),
        "conv2d_naive": cs.conv2d_naive(x, w),
        "conv1d": cs.conv1d(x[:, 0], w[:, :, 0]),
        "locally_connected2d": cs.locally_connected2d(x, np.broadcast_to(w, (3, 3, 1, 1, 2, 2))),
        "conv2d_backward": cs.conv2d_backward(x, w, np.ones((1, 3, 3), dtype=x.dtype))[1],
        "fully_connected": cs.fully_connected(x[0], w[0, 0, :, :].repeat(2, axis=1)),
    }


@pytest.mark.parametrize(
    ("x_dtype", "w_dtype", "expected"),
    [
        (np.float32, np.float32, np.float32),
        (np.float64, np.float64, np.float64),
        (np.float32, np.float64, np.float64),
        (np.float64, np.float32, np.float64),
        (np.int64, np.int64, np.float64),
        (np.uint8, np.int8, np.float64),
        (np.bool_, np.int32, np.float64),
        (np.float32, np.int64, np.float32),  # integers adopt the float dtype of the others
        (np.float16, np.float16, np.float32),
    ],
)
def test_dtypes(x_dtype, w_dtype, expected):
    x = (np.arange(16).reshape(1, 4, 4) % 2).astype(x_dtype)
    w = np.array([[[[1, 0], [1, 1]]]]).astype(w_dtype)
    for name, y in all_conv_like(x, w).items():
        assert y.dtype == expected, name
    assert cs.im2col(x, 2).dtype == (expected if x_dtype != np.float32 else np.float32)


def test_float32_results_are_close_to_float64():
    rng = np.random.default_rng(3)
    x, w = rng.normal(size=(2, 3, 8, 8)), rng.normal(size=(4, 3, 3, 3))
    y32 = cs.conv2d(x.astype(np.float32), w.astype(np.float32), padding=1)
    assert y32.dtype == np.float32
    np.testing.assert_allclose(y32, cs.conv2d(x, w, padding=1), rtol=1e-4, atol=1e-4)


def test_array_likes_and_numpy_integer_indices():
    x = [[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]
    w = [[[[1, 0], [0, 1]]]]
    y = cs.conv2d(x, w, [0.5], stride=np.int64(1), padding=(np.uint8(0), np.int32(0)))
    np.testing.assert_array_equal(y, [[[6.5, 8.5], [12.5, 14.5]]])


def test_inputs_are_not_modified():
    rng = np.random.default_rng(4)
    x, w, b = rng.normal(size=(2, 5, 5)), rng.normal(size=(3, 2, 3, 3)), rng.normal(size=3)
    copies = [a.copy() for a in (x, w, b)]
    cs.conv2d(x, w, b, padding=1)
    cs.conv2d_naive(x, w, b, padding=1)
    for a, c in zip((x, w, b), copies, strict=True):
        np.testing.assert_array_equal(a, c)


def test_read_only_and_strided_inputs():
    """Read-only kernels (convshare.kernels), reversed and strided views are all fine."""
    rng = np.random.default_rng(5)
    x = np.asfortranarray(rng.normal(size=(2, 3, 9, 7)))[:, :, ::2, ::-1]
    x.flags.writeable = False
    w = rng.normal(size=(3, 3, 3, 3))[:, :, ::-1]
    np.testing.assert_allclose(cs.conv2d(x, w), scipy_conv2d(x, w), rtol=0, atol=1e-12)
    sobel = cs.kernels.SOBEL_X[None, None]
    gray = x[:, :1]
    np.testing.assert_allclose(cs.conv2d(gray, sobel), scipy_conv2d(gray, sobel), atol=1e-12)
