"""Keep MeCab's memory-mapped UniDic from filling the process's RSS (Linux; elsewhere a no-op).

MeCab maps ``sys.dic`` (188 MB) and ``matrix.bin`` (72 MB) read-only and reads them at random:
a trie walk and a connection cost for every pair of candidate words at every character. The
pages it reads are few (12 MB for a 900-character section), but on a read fault Linux maps
the neighbouring pages of a 16-page window too when they are in the page cache
("fault-around"), and the dictionary is in the page cache once anything has read it. So that
section mapped 170 MB of dictionary, and every page mapped counts in RSS (clean, shared,
file-backed, but counted). Two measures, neither of which changes what MeCab reads or returns:

* **Fine mapping**: fault-around never crosses the end of a mapping (VMA), so the
  dictionary's mappings are cut into VMAs of ``FAULT_PAGES`` pages by giving every other piece
  ``MADV_DONTDUMP`` (a flag that only keeps those pages out of core dumps; two neighbouring
  VMAs with different flags are not merged back). A fault then maps at most ``FAULT_PAGES``
  pages. The price: the kernel's memory for the VMAs (about 6 MB per process, not in RSS).
* **Release**: ``MADV_DONTNEED`` unmaps the dictionary pages the process has mapped (they stay
  in the page cache: the next read of one is a minor fault, no I/O). ``DictionaryMemory``
  does it after a tagging call once the file-backed pages mapped since the last release pass
  a budget.

The numbers behind ``FAULT_PAGES`` and the budget are in the README (memory paragraph).
"""

from __future__ import annotations

import ctypes
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

#: Pages per VMA after fine mapping: the most one fault maps. Fewer maps less but costs more
#: VMAs (a ``madvise`` call and ~300 bytes of kernel memory each; a release walks them all):
#: 3 pages cut the 260 MB dictionary into 21,000 VMAs in ~45 ms, once per process.
FAULT_PAGES = 3
#: Never let fine mapping take more than this share of the process's VMA limit.
MAX_MAP_SHARE = 0.5

_MADV_DONTNEED = 4
_MADV_DONTDUMP = 16
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_PRESENT_RUNS = re.compile(rb"[\x80-\xff]+")  # pagemap: bit 63 (top bit of byte 7) = present

Madvise = Callable[[int, int, int], int]


@dataclass(frozen=True)
class Mapping:
    """One mapped range of a dictionary file, as /proc/self/maps lists it."""

    start: int
    end: int
    path: str

    @property
    def pages(self) -> int:
        return (self.end - self.start) // _PAGE


def maps_to_mappings(maps: str, directory: str) -> tuple[Mapping, ...]:
    """The mappings of files in ``directory`` from the text of /proc/self/maps."""
    out = []
    for line in maps.splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and os.path.dirname(fields[5]) == directory:
            start, end = (int(x, 16) for x in fields[0].split("-"))
            out.append(Mapping(start, end, fields[5]))
    return tuple(out)


def _madvise() -> Madvise | None:
    """libc's madvise, or None where there is none (not Linux, no libc)."""
    try:
        func = ctypes.CDLL(None, use_errno=True).madvise
    except (OSError, AttributeError, TypeError):  # TypeError: Windows has no CDLL(None)
        return None
    func.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    func.restype = ctypes.c_int
    return func


def map_finely(mappings: Iterable[Mapping], pages: int, madvise: Madvise) -> int:
    """Cut ``mappings`` into VMAs of ``pages`` pages; returns how many cuts were made (stops
    quietly at the first refusal: the rest stays coarse, which is only more memory)."""
    cuts = 0
    step = pages * _PAGE
    for m in mappings:
        for start in range(m.start, m.end, 2 * step):
            if madvise(start, min(step, m.end - start), _MADV_DONTDUMP) != 0:
                return cuts
            cuts += 1
    return cuts


def _present_runs(mapping: Mapping, pagemap: int) -> Iterable[tuple[int, int]]:
    """(start, end) addresses of the runs of pages of ``mapping`` that are mapped."""
    entries = os.pread(pagemap, mapping.pages * 8, mapping.start // _PAGE * 8)
    for run in _PRESENT_RUNS.finditer(entries[7::8]):
        yield mapping.start + run.start() * _PAGE, mapping.start + run.end() * _PAGE


def resident_file_pages() -> int:
    """File-backed (and shared-memory) pages this process has mapped, from /proc/self/statm."""
    with open("/proc/self/statm", "rb") as f:
        return int(f.read().split()[2])


class DictionaryMemory:
    """The dictionary's mappings in this process, and the pages mapped since the last release."""

    def __init__(self, mappings: tuple[Mapping, ...], madvise: Madvise | None) -> None:
        self.mappings = mappings
        self._madvise = madvise
        self._baseline = resident_file_pages() if mappings and madvise else 0

    @classmethod
    def of_files_in(cls, directory: str | Path, fault_pages: int = FAULT_PAGES) -> DictionaryMemory:
        """Find the mappings of the files in ``directory`` (after MeCab has mapped them) and
        map them finely; a no-op object where /proc or madvise is missing."""
        try:
            maps = Path("/proc/self/maps").read_text()
            limit = int(Path("/proc/sys/vm/max_map_count").read_text())
        except (OSError, ValueError):
            return cls((), None)
        mappings = maps_to_mappings(maps, os.path.realpath(directory))
        madvise = _madvise() if mappings else None
        if madvise is None:
            return cls((), None)
        pages = fault_pages
        room = limit * MAX_MAP_SHARE - maps.count("\n")
        while sum(m.pages for m in mappings) / pages > room and pages < 512:
            pages *= 2
        map_finely(mappings, pages, madvise)
        return cls(mappings, madvise)

    def release(self) -> None:
        """Unmap every dictionary page this process has mapped (they stay in the page cache)."""
        if not self._madvise:
            return
        try:
            with open("/proc/self/pagemap", "rb", buffering=0) as pagemap:
                runs = [r for m in self.mappings for r in _present_runs(m, pagemap.fileno())]
        except OSError:  # no pagemap: the whole ranges, slower (every VMA is visited)
            runs = [(m.start, m.end) for m in self.mappings]
        for start, end in runs:
            self._madvise(start, end - start, _MADV_DONTNEED)
        self._baseline = resident_file_pages()

    def after_tagging(self, budget: int | None) -> None:
        """Release once the file-backed pages mapped since the last release pass ``budget``
        bytes (None: never)."""
        if not self._madvise or budget is None:
            return
        if (resident_file_pages() - self._baseline) * _PAGE > budget:
            self.release()
