"""What changed between two Turtle snapshots written by graphkit, subject block by subject block.

graphkit's Turtle writes each subject's triples as one block, with no blank nodes, and never a
blank line inside a block (newlines in literals are escaped). So two snapshots differ exactly by
the blocks one holds and the other lacks, and the store can apply that difference instead of
loading the whole graph again (``graphkit.store.sync``). Blocks are compared by a 64-bit hash:
with n changed blocks among N, the chance of a collision is about n*N/2^64 (1e-9 for 5,000
changed blocks among 5 million).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy as np

_READ = 1 << 24
_BATCH = 1 << 16


@dataclass
class Delta:
    """Blocks (Turtle text without the prefixes) to take out of the store and to put in."""

    removed: list[str]
    added: list[str]
    unchanged: int


def blocks(path: Path, read: Callable[[int], object] | None = None) -> Iterator[tuple[int, bytes]]:
    """(offset, block) for the file's subject blocks in file order, each without the blank line after
    it; the prefix header is skipped. ``read`` is told how many bytes each read brought (progress)."""
    with open(path, "rb") as handle:
        rest, at = b"", 0
        while data := handle.read(_READ):
            if read is not None:
                read(len(data))
            pieces = (rest + data).split(b"\n\n")
            rest = pieces.pop()
            for piece in pieces:
                if piece and not piece.startswith(b"@prefix"):
                    yield at, piece
                at += len(piece) + 2
        rest = rest.rstrip(b"\n")
        if rest and not rest.startswith(b"@prefix"):
            yield at, rest


def diff(old: Path, new: Path, limit: int, read: Callable[[int], object] | None = None) -> Delta | None:
    """The blocks ``new`` adds to and removes from ``old``; None when they come to more than ``limit``
    bytes (a bulk load is then the better way, and memory stays bounded). Each file is read once;
    removed blocks are read back from ``old`` by offset."""
    old_hashes, old_offsets, old_sizes = _index(blocks(old, read))
    known = np.sort(old_hashes)
    added, size = [], 0
    seen = []
    for batch in batched(blocks(new, read), _BATCH):
        hashes = np.fromiter((hash(block) for _, block in batch), dtype=np.int64, count=len(batch))
        seen.append(hashes)
        for index in np.flatnonzero(~_isin(hashes, known)):
            added.append(batch[index][1])
            size += len(batch[index][1])
        if size > limit:
            return None
    current = np.sort(np.concatenate(seen)) if seen else np.empty(0, np.int64)
    gone = np.flatnonzero(~_isin(old_hashes, current))
    size += int(old_sizes[gone].sum())
    if size > limit:
        return None
    with open(old, "rb") as handle:
        removed = []
        for index in gone:
            handle.seek(int(old_offsets[index]))
            removed.append(handle.read(int(old_sizes[index])))
    try:
        return Delta([b.decode() for b in removed], [b.decode() for b in added], len(old_hashes) - len(gone))
    except UnicodeDecodeError:
        return None


def batched(items: Iterator[tuple[int, bytes]], size: int) -> Iterator[list[tuple[int, bytes]]]:
    """Lists of up to ``size`` items (``itertools.batched`` from Python 3.12 on)."""
    while batch := list(islice(items, size)):
        yield batch


def _index(found: Iterator[tuple[int, bytes]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hashes, offsets and sizes of the blocks, in file order."""
    hashes, offsets, sizes = [], [], []
    for batch in batched(found, _BATCH):
        hashes.append(np.fromiter((hash(block) for _, block in batch), dtype=np.int64, count=len(batch)))
        offsets.append(np.fromiter((at for at, _ in batch), dtype=np.int64, count=len(batch)))
        sizes.append(np.fromiter((len(block) for _, block in batch), dtype=np.int64, count=len(batch)))
    if not hashes:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(hashes), np.concatenate(offsets), np.concatenate(sizes)


def _isin(hashes: np.ndarray, sorted_known: np.ndarray) -> np.ndarray:
    """Which of ``hashes`` are in ``sorted_known`` (binary search: the batch against the whole file)."""
    if not len(sorted_known):
        return np.zeros(len(hashes), dtype=bool)
    where = np.minimum(np.searchsorted(sorted_known, hashes), len(sorted_known) - 1)
    return sorted_known[where] == hashes
