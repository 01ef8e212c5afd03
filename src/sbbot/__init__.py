"""sbbot: a French community bot that answers from a small corpus of social-business posts."""

from __future__ import annotations

__version__ = "0.1.0"
