"""Performance helpers shared by the build and the writers."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    A build allocates millions of tuples and strings that live until the end; the
    collector's repeated scans of them cost ~40% of graph and writer time (measured).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # What was built is long-lived: keep it out of future collections instead of rescanning it.
            gc.freeze()
            gc.enable()
