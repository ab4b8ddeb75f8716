"""examples.hidden_pattern: bad arguments get a clear error naming them and what they got."""

from __future__ import annotations

import numpy as np
import pytest

import convshare as cs

RNG = np.random.default_rng(0)


@pytest.mark.parametrize(
    ("kwargs", "exception", "message"),
    [
        ({"n": 0}, ValueError, "`n` must be >= 1, got 0"),
        ({"n": 2.0}, TypeError, "`n` must be an integer, got 2.0 (float)"),
        ({"columns": []}, ValueError, "`columns` must name at least one column, got []"),
        ({"columns": "03"}, TypeError, "`columns` must be a sequence of ints, got '03'"),
        ({"columns": [0, 10]}, ValueError, "in 0..9 (a 3×3 pattern in 12 columns), got [0, 10]"),
        ({"columns": [1, -1]}, ValueError, "`columns[1]` must be >= 0, got -1"),
        ({"columns": [0.5]}, TypeError, "`columns[0]` must be an integer, got 0.5 (float)"),
        ({"rng": 0}, TypeError, "`rng` must be a numpy.random.Generator, got 0"),
        ({"amplitude": "2"}, TypeError, "`amplitude` must be a real number, got '2'"),
        ({"amplitude": True}, TypeError, "`amplitude` must be a real number, got True"),
    ],
)  # fmt: skip
def test_bad_arguments_are_named(kwargs, exception, message) -> None:
    arguments = {"n": 4, "columns": range(4), "rng": RNG} | kwargs
    amplitude = arguments.pop("amplitude", 2.0)
    with pytest.raises(exception) as error:
        cs.examples.hidden_pattern(**arguments, amplitude=amplitude)
    assert message in str(error.value)


def test_same_generator_state_same_images() -> None:
    """Deterministic: the images depend only on the generator's state."""
    a = cs.examples.hidden_pattern(6, [2, 3], np.random.default_rng(5))
    b = cs.examples.hidden_pattern(6, (2, 3), np.random.default_rng(5))
    assert np.array_equal(a[0], b[0])
    assert np.array_equal(a[1], b[1])
    assert a[0].shape == (6, 1, 12, 12)
    assert a[0].dtype == np.float64
