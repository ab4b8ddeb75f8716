"""Every bad input gets a ValueError/TypeError that names the argument and shows what it got."""
# ruff: noqa: E501  (the table keeps each call next to its full message, one per line)

from __future__ import annotations

import re

import numpy as np
import pytest

import convshare as cs
from convshare import images, kernels

X = np.ones((3, 5, 5))
W = np.ones((2, 3, 3, 3))
GY = np.ones((2, 3, 3))  # grad_y for X, W with stride 1, padding 0
LOCAL_W = np.ones((3, 3, 2, 3, 3, 3))

# (call, exception, message it must contain, as a literal string)
CASES = [
    # wrong ndim of x, w, b, grad_y
    (lambda: cs.conv2d(np.ones((5, 5)), W), ValueError, "`x` must have shape (C_in, H, W) or (N, C_in, H, W), got shape (5, 5) (2-D)"),
    (lambda: cs.conv2d(np.ones((1, 1, 3, 5, 5)), W), ValueError, "got shape (1, 1, 3, 5, 5) (5-D)"),
    (lambda: cs.conv2d(X, np.ones((3, 3, 3))), ValueError, "`w` must have shape (C_out, C_in, kH, kW), got shape (3, 3, 3) (3-D)"),
    (lambda: cs.conv2d(X, W, np.ones((2, 1))), ValueError, "`b` must have shape (C_out,), got shape (2, 1) (2-D)"),
    (lambda: cs.conv2d_naive(np.ones(5), W), ValueError, "`x` must have shape (C_in, H, W) or (N, C_in, H, W), got shape (5,) (1-D)"),
    (lambda: cs.conv2d_backward(X, W, np.ones((3, 3))), ValueError, "`grad_y` must have shape (C_out, H_out, W_out) or (N, C_out, H_out, W_out), got shape (3, 3) (2-D)"),
    (lambda: cs.conv1d(np.ones((2, 3, 5, 5)), np.ones((2, 3, 3))), ValueError, "`x` must have shape (C_in, L) or (N, C_in, L), got shape (2, 3, 5, 5) (4-D)"),
    (lambda: cs.conv1d(np.ones((3, 5)), W), ValueError, "`w` must have shape (C_out, C_in, k), got shape (2, 3, 3, 3) (4-D)"),
    (lambda: cs.im2col(np.ones((5, 5)), 3), ValueError, "`x` must have shape (C, H, W) or (N, C, H, W), got shape (5, 5) (2-D)"),
    (lambda: cs.fully_connected(np.ones(3), np.ones(3)), ValueError, "`w` must have shape (n_out, n_in), got shape (3,) (1-D)"),
    (lambda: cs.fully_connected(np.float64(3.0), np.ones((2, 1))), ValueError, "`x` must have shape (..., n_in), got shape () (0-D)"),
    (lambda: cs.locally_connected2d(X, W), ValueError, "`w` must have shape (H_out, W_out, C_out, C_in, kH, kW), got shape (2, 3, 3, 3) (4-D)"),
    (lambda: cs.conv2d_matrix(np.ones((3, 3)), (1, 5, 5)), ValueError, "`w` must have shape (C_out, C_in, kH, kW), got shape (3, 3) (2-D)"),
    (lambda: images.to_grayscale(np.ones((600, 512))), ValueError, "`x` must have shape (3, H, W) or (N, 3, H, W), got shape (600, 512) (2-D)"),
    (lambda: kernels.to_weight(np.ones(3)), ValueError, "`kernels[0]` must have shape (kH, kW), got shape (3,) (1-D)"),
    # channel mismatch
    (lambda: cs.conv2d(X, np.ones((2, 4, 3, 3))), ValueError, "`w` has C_in=4 but `x` has 3 channels"),
    (lambda: cs.conv2d_naive(np.ones((7, 3, 5, 5)), np.ones((2, 1, 3, 3))), ValueError, "`w` has C_in=1 but `x` has 3 channels"),
    (lambda: cs.conv1d(np.ones((3, 9)), np.ones((2, 2, 3))), ValueError, "`w` has C_in=2 but `x` has 3 channels"),
    (lambda: cs.conv2d_backward(X, np.ones((2, 4, 3, 3)), GY), ValueError, "`w` has C_in=4 but `x` has 3 channels"),
    (lambda: cs.locally_connected2d(X, np.ones((3, 3, 2, 4, 3, 3))), ValueError, "`w` has C_in=4 but `x` has 3 channels"),
    (lambda: cs.conv2d_matrix(W, (4, 5, 5)), ValueError, "`w` has C_in=3 but `input_shape` has 4 channels"),
    (lambda: cs.fully_connected(np.ones((2, 3)), np.ones((5, 4))), ValueError, "`w` has n_in=4 but `x` has 3 features"),
    (lambda: images.to_grayscale(np.ones((4, 6, 6))), ValueError, "`x` must have 3 channels (R, G, B), got 4: shape (4, 6, 6)"),
    # kernel larger than the padded input
    (lambda: cs.conv2d(np.ones((3, 2, 9)), W), ValueError, "kernel size kH=3 is larger than the padded input: H + 2*padding = 2 + 2*0 = 2"),
    (lambda: cs.conv2d(np.ones((3, 9, 2)), W, padding=(3, 0)), ValueError, "kernel size kW=3 is larger than the padded input: W + 2*padding = 2 + 2*0 = 2"),
    (lambda: cs.conv2d_naive(np.ones((3, 1, 1)), np.ones((1, 3, 4, 4)), padding=1), ValueError, "kH=4 is larger than the padded input: H + 2*padding = 1 + 2*1 = 3"),
    (lambda: cs.conv1d(np.ones((1, 2)), np.ones((1, 1, 5)), padding=1), ValueError, "kernel size kL=5 is larger than the padded input: L + 2*padding = 2 + 2*1 = 4"),
    (lambda: cs.im2col(np.ones((1, 4, 4)), 5), ValueError, "kernel size kH=5 is larger"),
    (lambda: cs.conv2d_matrix(W, (3, 2, 2)), ValueError, "kernel size kH=3 is larger than the padded input: H + 2*padding = 2 + 2*0 = 2"),
    (lambda: cs.output_size(4, 5), ValueError, "the kernel spans dilation*(kernel_size - 1) + 1 = 5 inputs, more than the padded input n + 2*padding = 4 + 2*0 = 4"),
    (lambda: cs.output_size(9, 3, dilation=5), ValueError, "= 11 inputs, more than the padded input n + 2*padding = 9 + 2*0 = 9"),
    (lambda: cs.params_locally_connected2d((3, 4, 4), 2, 5), ValueError, "the kernel spans"),
    # stride < 1, negative padding
    (lambda: cs.conv2d(X, W, stride=0), ValueError, "`stride` must be >= 1, got 0"),
    (lambda: cs.conv2d(X, W, stride=(1, -2)), ValueError, "`stride[1]` must be >= 1, got -2"),
    (lambda: cs.conv2d(X, W, padding=-1), ValueError, "`padding` must be >= 0, got -1"),
    (lambda: cs.conv2d_naive(X, W, padding=(-1, 0)), ValueError, "`padding[0]` must be >= 0, got -1"),
    (lambda: cs.conv1d(np.ones((1, 5)), np.ones((1, 1, 3)), stride=0), ValueError, "`stride` must be >= 1, got 0"),
    (lambda: cs.conv1d(np.ones((1, 5)), np.ones((1, 1, 3)), padding=-2), ValueError, "`padding` must be >= 0, got -2"),
    (lambda: cs.im2col(X, 3, stride=0), ValueError, "`stride` must be >= 1, got 0"),
    (lambda: cs.im2col(X, 0), ValueError, "`kernel_size` must be >= 1, got 0"),
    (lambda: cs.conv2d_backward(X, W, GY, padding=-1), ValueError, "`padding` must be >= 0, got -1"),
    (lambda: cs.locally_connected2d(X, LOCAL_W, stride=0), ValueError, "`stride` must be >= 1, got 0"),
    (lambda: cs.conv2d_matrix(W, (3, 5, 5), padding=-3), ValueError, "`padding` must be >= 0, got -3"),
    (lambda: cs.output_size(10, 3, stride=0), ValueError, "`stride` must be >= 1, got 0"),
    (lambda: cs.output_size(10, 3, padding=-1), ValueError, "`padding` must be >= 0, got -1"),
    (lambda: cs.output_size(10, 3, dilation=0), ValueError, "`dilation` must be >= 1, got 0"),
    # tuples of the wrong length
    (lambda: cs.conv2d(X, W, stride=(1, 1, 1)), ValueError, "`stride` must be an int or a pair (h, w), got (1, 1, 1) of length 3"),
    (lambda: cs.conv2d(X, W, padding=[1]), ValueError, "`padding` must be an int or a pair (h, w), got [1] of length 1"),
    (lambda: cs.im2col(X, (3, 3, 3)), ValueError, "`kernel_size` must be an int or a pair (h, w), got (3, 3, 3) of length 3"),
    (lambda: cs.params_conv2d(3, 2, (3,)), ValueError, "`kernel_size` must be an int or a pair (h, w), got (3,) of length 1"),
    (lambda: cs.conv2d_matrix(W, (5, 5)), ValueError, "`input_shape` must be a tuple (C_in, H, W), got (5, 5)"),
    (lambda: cs.params_locally_connected2d((3, 32, 32, 1), 2, 5), ValueError, "`input_shape` must be a tuple (C_in, H, W), got (3, 32, 32, 1)"),
    (lambda: cs.params_locally_connected2d(32, 2, 5), TypeError, "`input_shape` must be a tuple (C_in, H, W), got 32"),
    # non-integer sizes (float, bool, string, array)
    (lambda: cs.conv2d(X, W, stride=1.0), TypeError, "`stride` must be an integer, got 1.0 (float)"),
    (lambda: cs.conv2d(X, W, stride=(1, 2.5)), TypeError, "`stride[1]` must be an integer, got 2.5 (float)"),
    (lambda: cs.conv2d(X, W, padding=True), TypeError, "`padding` must be an integer, got True (bool)"),
    (lambda: cs.conv2d(X, W, padding="1"), TypeError, "`padding` must be an integer, got '1' (str)"),
    (lambda: cs.conv2d(X, W, stride=np.array([1, 1])), TypeError, "`stride` must be an int or a tuple (h, w), got an array"),
    (lambda: cs.conv2d(X, W, stride=np.float64(2)), TypeError, "`stride` must be an integer, got np.float64(2.0) (float64)"),
    (lambda: cs.conv1d(np.ones((1, 5)), np.ones((1, 1, 3)), stride=(1, 1)), TypeError, "`stride` must be an integer, got (1, 1) (tuple)"),
    (lambda: cs.output_size(32.0, 5), TypeError, "`n` must be an integer, got 32.0 (float)"),
    (lambda: cs.output_size(32, 1.5), TypeError, "`kernel_size` must be an integer, got 1.5 (float)"),
    (lambda: cs.output_size(32, 5, dilation=np.bool_(True)), TypeError, "`dilation` must be an integer, got np.True_ (bool)"),
    (lambda: cs.params_fully_connected(3.5, 2), TypeError, "`n_in` must be an integer, got 3.5 (float)"),
    (lambda: cs.params_conv2d(3, "2", 5), TypeError, "`c_out` must be an integer, got '2' (str)"),
    (lambda: cs.params_locally_connected2d((3, 32.0, 32), 2, 5), TypeError, "`input_shape[1]` must be an integer, got 32.0 (float)"),
    (lambda: cs.conv2d_matrix(W, (3, 5, 5.0)), TypeError, "`input_shape[2]` must be an integer, got 5.0 (float)"),
    (lambda: cs.params_conv2d(3, 2, 5, bias=1), TypeError, "`bias` must be True or False, got 1"),
    # non-positive sizes in the params functions and output_size
    (lambda: cs.output_size(0, 5), ValueError, "`n` must be >= 1, got 0"),
    (lambda: cs.output_size(32, 0), ValueError, "`kernel_size` must be >= 1, got 0"),
    (lambda: cs.params_fully_connected(0, 10), ValueError, "`n_in` must be >= 1, got 0"),
    (lambda: cs.params_fully_connected(10, -1), ValueError, "`n_out` must be >= 1, got -1"),
    (lambda: cs.params_conv2d(0, 2, 5), ValueError, "`c_in` must be >= 1, got 0"),
    (lambda: cs.params_conv2d(3, 0, 5), ValueError, "`c_out` must be >= 1, got 0"),
    (lambda: cs.params_conv2d(3, 2, (5, 0)), ValueError, "`kernel_size[1]` must be >= 1, got 0"),
    (lambda: cs.params_locally_connected2d((3, 0, 32), 2, 5), ValueError, "`input_shape[1]` must be >= 1, got 0"),
    (lambda: cs.params_locally_connected2d((3, 32, 32), 0, 5), ValueError, "`c_out` must be >= 1, got 0"),
    (lambda: cs.params_locally_connected2d((3, 32, 32), 2, 5, stride=0), ValueError, "`stride` must be >= 1, got 0"),
    (lambda: cs.conv2d_matrix(W, (3, 0, 5)), ValueError, "`input_shape[1]` must be >= 1, got 0"),
    # non-numeric and non-rectangular arrays, empty axes
    (lambda: cs.conv2d(np.full((3, 5, 5), "a"), W), TypeError, "`x` must hold real numbers, got an array of dtype <U1"),
    (lambda: cs.conv2d(X, W.astype(complex)), TypeError, "`w` must hold real numbers, got an array of dtype complex128"),
    (lambda: cs.conv2d(X, W, np.array([None, 1])), TypeError, "`b` must hold real numbers, got an array of dtype object"),
    (lambda: cs.conv2d_naive(X, "kernel"), TypeError, "`w` must hold real numbers, got an array of dtype <U6"),
    (lambda: cs.fully_connected([1, 2], [["a", "b"]]), TypeError, "`w` must hold real numbers"),
    (lambda: cs.conv2d_backward(X, W, np.full((2, 3, 3), "g")), TypeError, "`grad_y` must hold real numbers"),
    (lambda: cs.im2col([[[1, 2], [3]]], 1), ValueError, "`x` is not a rectangular array of numbers"),
    (lambda: cs.conv2d(np.ones((0, 3, 5, 5)), W), ValueError, "`x` has an empty axis: shape (0, 3, 5, 5)"),
    (lambda: cs.conv2d(X, np.ones((0, 3, 3, 3))), ValueError, "`w` has an empty axis: shape (0, 3, 3, 3)"),
    # bias and locally connected weights that do not match the output grid
    (lambda: cs.conv2d(X, W, np.ones(3)), ValueError, "`b` must have shape (C_out,) = (2,), got (3,)"),
    (lambda: cs.conv2d_naive(X, W, np.ones(1)), ValueError, "`b` must have shape (C_out,) = (2,), got (1,)"),
    (lambda: cs.conv1d(np.ones((3, 8)), np.ones((4, 3, 3)), np.ones(2)), ValueError, "`b` must have shape (C_out,) = (4,), got (2,)"),
    (lambda: cs.fully_connected(np.ones(3), np.ones((2, 3)), np.ones(3)), ValueError, "`b` must have shape (n_out,) = (2,), got (3,)"),
    (lambda: cs.locally_connected2d(X, np.ones((2, 3, 2, 3, 3, 3))), ValueError, "`w` has an output grid of 2x3 (its first two axes) but `x` of 5x5 with kernel 3x3, stride (1, 1) and padding (0, 0) gives 3x3"),
    (lambda: cs.locally_connected2d(X, LOCAL_W, stride=2), ValueError, "`w` has an output grid of 3x3 (its first two axes) but `x` of 5x5 with kernel 3x3, stride (2, 2) and padding (0, 0) gives 2x2"),
    (lambda: cs.locally_connected2d(X, LOCAL_W, np.ones(2)), ValueError, "`b` must have shape (C_out, H_out, W_out), got shape (2,) (1-D)"),
    (lambda: cs.locally_connected2d(X, LOCAL_W, np.ones((2, 3, 4))), ValueError, "`b` must have shape (C_out, H_out, W_out) = (2, 3, 3), got (2, 3, 4)"),
    (lambda: cs.conv2d_backward(X, W, np.ones((2, 4, 4))), ValueError, "`grad_y` must have the shape of the output (C_out, H_out, W_out) = (2, 3, 3), got (2, 4, 4)"),
    (lambda: cs.conv2d_backward(X, W, np.ones((1, 2, 3, 3))), ValueError, "`grad_y` must have the shape of the output (C_out, H_out, W_out) = (2, 3, 3), got (1, 2, 3, 3)"),
    (lambda: cs.conv2d_backward(X[None], W, GY), ValueError, "`grad_y` must have the shape of the output (N, C_out, H_out, W_out) = (1, 2, 3, 3), got (2, 3, 3)"),
    (lambda: cs.conv2d_backward(X, W, GY, stride=2), ValueError, "= (2, 2, 2), got (2, 3, 3)"),
    # dilation and groups
    (lambda: cs.conv2d(X, W, dilation=0), ValueError, "`dilation` must be >= 1, got 0"),
    (lambda: cs.conv2d_naive(X, W, dilation=(1, 0)), ValueError, "`dilation[1]` must be >= 1, got 0"),
    (lambda: cs.conv2d(X, W, dilation=1.5), TypeError, "`dilation` must be an integer, got 1.5 (float)"),
    (lambda: cs.conv2d(X, W, groups=0), ValueError, "`groups` must be >= 1, got 0"),
    (lambda: cs.conv2d(X, W, groups=(1, 1)), TypeError, "`groups` must be an integer, got (1, 1) (tuple)"),
    (lambda: cs.conv2d(np.ones((6, 5, 5)), np.ones((6, 1, 3, 3)), groups=4), ValueError, "`groups`=4 does not divide C_in, the channels of `x`: 6 % 4 = 2"),
    (lambda: cs.conv2d(np.ones((6, 5, 5)), np.ones((4, 2, 3, 3)), groups=3), ValueError, "`groups`=3 does not divide C_out, the first axis of `w`: 4 % 3 = 1"),
    (lambda: cs.conv2d_naive(np.ones((6, 5, 5)), np.ones((6, 3, 3, 3)), groups=3), ValueError, "`w` has C_in/groups=3 channels per group but `x` has 6 channels / groups=3 = 2"),
    (lambda: cs.conv2d(X, W, dilation=3), ValueError, "kernel size kH=3 with dilation 3 spans d*(k - 1) + 1 = 7 pixels, more than the padded input: H + 2*padding = 5 + 2*0 = 5"),
    (lambda: cs.conv2d(X, W, dilation=(1, 3), padding=(1, 0)), ValueError, "kernel size kW=3 with dilation 3 spans d*(k - 1) + 1 = 7 pixels, more than the padded input: W + 2*padding = 5 + 2*0 = 5"),
    (lambda: cs.conv2d_backward(X, W, GY, dilation=2, padding=2), ValueError, "`grad_y` must have the shape of the output (C_out, H_out, W_out) = (2, 5, 5), got (2, 3, 3)"),
    (lambda: cs.conv2d_backward(np.ones((4, 5, 5)), np.ones((2, 2, 3, 3)), GY, groups=3), ValueError, "`groups`=3 does not divide C_in, the channels of `x`: 4 % 3 = 1"),
    (lambda: cs.params_conv2d(6, 4, 3, groups=4), ValueError, "`groups`=4 does not divide c_in: 6 % 4 = 2"),
    (lambda: cs.params_conv2d(6, 4, 3, groups=3), ValueError, "`groups`=3 does not divide c_out: 4 % 3 = 1"),
    (lambda: cs.params_conv2d(6, 4, 3, groups=0), ValueError, "`groups` must be >= 1, got 0"),
    # pooling
    (lambda: cs.max_pool2d(np.ones((5, 5)), 2), ValueError, "`x` must have shape (C, H, W) or (N, C, H, W), got shape (5, 5) (2-D)"),
    (lambda: cs.avg_pool2d(X, 0), ValueError, "`kernel_size` must be >= 1, got 0"),
    (lambda: cs.max_pool2d(X, 2, stride=0), ValueError, "`stride` must be >= 1, got 0"),
    (lambda: cs.avg_pool2d(X, 2, padding=-1), ValueError, "`padding` must be >= 0, got -1"),
    (lambda: cs.max_pool2d(X, 3, padding=2), ValueError, "`padding` must be at most half of `kernel_size` along each axis, got padding 2 for kH=3 (2*padding = 4 > 3)"),
    (lambda: cs.avg_pool2d(X, (4, 3), padding=(2, 2)), ValueError, "`padding` must be at most half of `kernel_size` along each axis, got padding 2 for kW=3 (2*padding = 4 > 3)"),
    (lambda: cs.max_pool2d(X, 6), ValueError, "kernel size kH=6 is larger than the padded input: H + 2*padding = 5 + 2*0 = 5"),
    (lambda: cs.avg_pool2d(X, 2.0), TypeError, "`kernel_size` must be an integer, got 2.0 (float)"),
    (lambda: cs.max_pool2d(X, (2, 2, 2)), ValueError, "`kernel_size` must be an int or a pair (h, w), got (2, 2, 2) of length 3"),
    (lambda: cs.avg_pool2d(np.full((1, 2, 2), "a"), 2), TypeError, "`x` must hold real numbers, got an array of dtype <U1"),
    (lambda: cs.max_pool2d_backward(X, np.ones((3, 3, 3)), 2), ValueError, "`grad_y` must have the shape of the output (C, H_out, W_out) = (3, 2, 2), got (3, 3, 3)"),
    (lambda: cs.max_pool2d_backward(X[None], np.ones((3, 2, 2)), 2), ValueError, "`grad_y` must have the shape of the output (N, C, H_out, W_out) = (1, 3, 2, 2), got (3, 2, 2)"),
    (lambda: cs.max_pool2d_backward(X, np.ones(3), 2), ValueError, "`grad_y` must have shape (C, H_out, W_out) or (N, C, H_out, W_out), got shape (3,) (1-D)"),
    (lambda: cs.avg_pool2d_backward(X, np.ones((3, 3, 3)), 3, stride=1, padding=1), ValueError, "`grad_y` must have the shape of the output (C, H_out, W_out) = (3, 5, 5), got (3, 3, 3)"),
    (lambda: cs.avg_pool2d_backward(X, np.ones((3, 2, 2)), 2, stride=(1, 0)), ValueError, "`stride[1]` must be >= 1, got 0"),
    (lambda: cs.avg_pool2d_backward(X, np.ones((3, 2, 2)), 3, padding=2), ValueError, "`padding` must be at most half of `kernel_size` along each axis, got padding 2 for kH=3"),
    (lambda: cs.max_pool2d_backward(X, np.full((3, 2, 2), "g"), 2), TypeError, "`grad_y` must hold real numbers, got an array of dtype <U1"),
    # locally_connected2d_backward
    (lambda: cs.locally_connected2d_backward(X, LOCAL_W, np.ones((2, 2, 3))), ValueError, "`grad_y` must have the shape of the output (C_out, H_out, W_out) = (2, 3, 3), got (2, 2, 3)"),
    (lambda: cs.locally_connected2d_backward(X[None], LOCAL_W, np.ones((2, 3, 3))), ValueError, "`grad_y` must have the shape of the output (N, C_out, H_out, W_out) = (1, 2, 3, 3), got (2, 3, 3)"),
    (lambda: cs.locally_connected2d_backward(X, np.ones((3, 3, 2, 4, 3, 3)), GY), ValueError, "`w` has C_in=4 but `x` has 3 channels"),
    (lambda: cs.locally_connected2d_backward(X, LOCAL_W, GY, stride=2), ValueError, "`w` has an output grid of 3x3 (its first two axes) but `x` of 5x5 with kernel 3x3, stride (2, 2) and padding (0, 0) gives 2x2"),
    (lambda: cs.locally_connected2d_backward(X, LOCAL_W, np.ones((3, 3))), ValueError, "`grad_y` must have shape (C_out, H_out, W_out) or (N, C_out, H_out, W_out), got shape (3, 3) (2-D)"),
    # receptive_field
    (lambda: cs.receptive_field((3, 1)), ValueError, "`layers[0]` must be a tuple (kernel_size, stride) or (kernel_size, stride, dilation), got 3"),
    (lambda: cs.receptive_field([(3, 1), (3, 1, 1, 1)]), ValueError, "`layers[1]` must be a tuple (kernel_size, stride) or (kernel_size, stride, dilation), got (3, 1, 1, 1)"),
    (lambda: cs.receptive_field([(0, 1)]), ValueError, "`layers[0][0]` must be >= 1, got 0"),
    (lambda: cs.receptive_field([(3, 1), (3, 0)]), ValueError, "`layers[1][1]` must be >= 1, got 0"),
    (lambda: cs.receptive_field([(3, 1, 0)]), ValueError, "`layers[0][2]` must be >= 1, got 0"),
    (lambda: cs.receptive_field([(3.0, 1)]), TypeError, "`layers[0][0]` must be an integer, got 3.0 (float)"),
    (lambda: cs.receptive_field("3,1"), TypeError, "`layers` must be a list of (kernel_size, stride) or (kernel_size, stride, dilation) tuples, got '3,1'"),
    (lambda: cs.receptive_field(np.array([[3, 1]])), TypeError, "`layers` must be a list of (kernel_size, stride) or (kernel_size, stride, dilation) tuples, got array("),
    # kernels
    (lambda: kernels.to_weight(), ValueError, "`to_weight` needs at least one kernel, got none"),
    (lambda: kernels.to_weight("sobel"), ValueError, "unknown kernel name 'sobel'; known names: identity, box_blur, gaussian_blur, sharpen, sobel_x, sobel_y, laplacian, emboss"),
    (lambda: kernels.to_weight("sobel_x", np.ones((5, 5))), ValueError, "all kernels must have one shape: kernels[0] is (3, 3) but kernels[1] is (5, 5)"),
    (lambda: kernels.to_weight(np.full((3, 3), "x")), TypeError, "`kernels[0]` must hold real numbers, got an array of dtype <U1"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "exception", "message"), CASES, ids=[c[2] for c in CASES])
def test_bad_input_message(call, exception, message):
    with pytest.raises(exception, match=re.escape(message)):
        call()


def test_every_array_function_is_covered():
    """Each public function appears in the table above at least once (source-level check)."""
    import inspect

    source = inspect.getsource(inspect.getmodule(test_bad_input_message))
    for name in cs.__all__:
        if not inspect.signature(getattr(cs, name)).parameters:
            continue  # no arguments, so no bad input (cs.benchmark_results)
        assert source.count(f"cs.{name}(") >= 3, name


@pytest.mark.parametrize(
    "good",
    [
        {"stride": np.int64(2), "padding": np.uint8(1)},
        {"stride": (np.int32(1), 2), "padding": [0, np.int16(1)]},
    ],
)
def test_numpy_integers_are_accepted(good):
    expected = cs.conv2d(
        X, W, **{k: tuple(int(i) for i in np.broadcast_to(v, 2)) for k, v in good.items()}
    )
    np.testing.assert_array_equal(cs.conv2d(X, W, **good), expected)
    np.testing.assert_array_equal(cs.conv2d_naive(X, W, **good), expected)


def test_checks_happen_before_any_work():
    """A bad stride is reported even when the arrays are large (no computation first)."""
    big = np.zeros((1, 3, 2000, 2000))
    with pytest.raises(ValueError, match=re.escape("`stride` must be >= 1, got 0")):
        cs.conv2d_naive(big, W, stride=0)
