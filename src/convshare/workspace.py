"""Scratch buffers reused from call to call, one set per thread.

A large layer needs scratch memory on every call: a patch buffer, the zero-padded images, a
product. Fresh arrays on every call cost more than their ``malloc``: when the allocator hands
their pages back to the operating system after the call (glibc does that for blocks it maps
on their own, and for the top of its heap beyond ``M_TRIM_THRESHOLD``; both depend on
``MALLOC_*`` settings), the next call touches new pages and pays a page fault for every 4 KiB.
Buffers that stay alive between calls are touched once and then reused: the same call costs
the same whatever the allocator settings.

Rules (internal helpers for :mod:`convshare.fastconv`; nothing here checks arguments):

* **Per thread.** Each thread has its own buffers (``threading.local``): two threads calling
  ``conv2d`` at once never share one, and the buffers of a thread go when the thread ends.
* **Bounded.** A thread keeps at most ``LIMIT_BYTES`` in total. A buffer grows to the largest
  request of its role; a growth that would pass the limit drops the thread's other buffers
  first, and a single request larger than the limit gets a plain array that is not kept.
* **Never returned.** A buffer is scratch inside one call: results are fresh arrays, never
  views of a buffer, so a later call cannot change an earlier result.

:func:`release` drops the calling thread's buffers (e.g. after the last call of a large layer).
"""

from __future__ import annotations

import threading

import numpy as np

#: Bytes a thread keeps at most, summed over its buffers.
LIMIT_BYTES = 48 << 20

_local = threading.local()


def _buffers() -> dict[str, np.ndarray]:
    buffers = getattr(_local, "buffers", None)
    if buffers is None:
        buffers = _local.buffers = {}
    return buffers


def scratch(role: str, size: int, dtype) -> np.ndarray:
    """A 1-D array of ``size`` elements of ``dtype`` with arbitrary contents, from this thread's
    buffer named ``role`` (two buffers in use at the same time need two roles)."""
    dtype = np.dtype(dtype)
    nbytes = size * dtype.itemsize
    if nbytes > LIMIT_BYTES:
        return np.empty(size, dtype)  # too large to keep
    buffers = _buffers()
    raw = buffers.get(role)
    if raw is None or raw.nbytes < nbytes:
        buffers.pop(role, None)
        if sum(b.nbytes for b in buffers.values()) + nbytes > LIMIT_BYTES:
            buffers.clear()
        raw = buffers[role] = np.empty(nbytes, np.uint8)
    return raw[:nbytes].view(dtype)


def held_bytes() -> int:
    """Bytes of the buffers the calling thread keeps now."""
    return sum(b.nbytes for b in _buffers().values())


def release() -> None:
    """Drop the calling thread's buffers (the next call allocates them again)."""
    _buffers().clear()
