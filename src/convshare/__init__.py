"""convshare: local connectivity and parameter sharing in small, tested NumPy code."""

from importlib import metadata as _metadata

from convshare import examples as examples  # submodules, used as cs.examples, ...
from convshare import images as images
from convshare import kernels as kernels
from convshare.bench import benchmark_results
from convshare.conv import conv1d, conv2d, conv2d_naive
from convshare.fully_connected import fully_connected
from convshare.gradients import conv2d_backward, locally_connected2d_backward
from convshare.im2col import im2col
from convshare.locally_connected import locally_connected2d
from convshare.matrix import conv2d_matrix
from convshare.params import (
    output_size,
    params_conv2d,
    params_fully_connected,
    params_locally_connected2d,
)
from convshare.pooling import avg_pool2d, avg_pool2d_backward, max_pool2d, max_pool2d_backward
from convshare.receptive_field import receptive_field

#: The installed version (from the package's metadata, so it is always the one pip reports).
__version__ = _metadata.version("convshare")

__all__ = [
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
