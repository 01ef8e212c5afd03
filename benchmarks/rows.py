"""The bench's unit of output, shared by the row and engine measurements."""

from __future__ import annotations

import resource
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    method: str
    kb_size: int
    accuracy: float | None
    rejection: float | None
    p50_ms: float
    p99_ms: float
    build_s: float
    rss_mb: float
    """Peak resident memory of the row's own process."""


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: an actually observed value, never an interpolation."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))]


def resident_mb() -> float:
    """Current resident set size; the peak where /proc is unavailable."""
    return status_mb("VmRSS:")


def peak_mb() -> float:
    """The process's peak resident set size so far: what the machine must have room for."""
    return status_mb("VmHWM:")


def status_mb(key: str) -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)
