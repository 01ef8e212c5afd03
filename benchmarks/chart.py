"""The README chart: p99 latency against knowledge size, one line per method."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

# Its first run builds a font cache and says so at INFO, which sbbot's logging would show.
logging.getLogger("matplotlib").setLevel(logging.WARNING)

STYLE = {"router": "o-", "tantivy": "D-.", "bm25s": "P-.", "bm25": "s--",
         "rapidfuzz": "^--", "difflib": "v--"}


def draw(rows: Sequence[dict[str, Any]], path: Path, machine: str) -> None:
    # A bare Figure, not pyplot: no global state and no display backend on a server.
    figure = Figure(figsize=(7, 4.5), dpi=120)
    axes = figure.subplots()
    for method, style in STYLE.items():
        points = sorted((row["kb_size"], row["p99_ms"]) for row in rows
                        if row["method"] == method)
        if points:
            axes.plot(*zip(*points, strict=True), style, label=method)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("knowledge size (entries)")
    axes.set_ylabel("p99 latency per question (ms)")
    axes.set_title("sbbot bench: p99 latency vs knowledge size", fontsize=11)
    for target, label in ((1, "target on the shipped knowledge"), (5, "target at 100,000")):
        axes.axhline(target, color="grey", linewidth=0.6, linestyle=":")
        axes.annotate(f"{target} ms: {label}", (1, target), xycoords=("axes fraction", "data"),
                      ha="right", va="bottom", fontsize=7, color="grey")
    axes.grid(True, which="major", linewidth=0.3)
    axes.legend()
    figure.text(0.01, 0.01, machine, fontsize=6, color="grey")
    figure.tight_layout(rect=(0, 0.03, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
