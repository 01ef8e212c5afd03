"""Reading a file that anyone with write access to a directory may have replaced.

The knowledge loader and the snapshot fingerprint both read whatever lies in the knowledge
directory: a FIFO or a device there would block the read (and a reload) forever, a symlink
could lead anywhere on the machine, and a huge file would fill memory. This is file-system
safety, not knowledge: it knows nothing of YAML or of what the files mean.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileProblem(Exception):
    """Why a file cannot be read at all, in one line for a human."""


def read_regular_file(path: Path, root: Path, limit: int, root_name: str) -> bytes:
    """The file's bytes, if it is a regular file of at most `limit` bytes inside `root`.

    A FIFO or a device is never opened, and a symlink may only lead to a file inside `root`
    (called `root_name` in problems). The file is opened non-blocking and checked again, so a
    swap between the checks cannot make the read block either.
    """
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(root.resolve()):
            raise FileProblem(f"symlink to a file outside {root_name}")
        info = real.stat()
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("not a regular file")
        if info.st_size > limit:
            raise FileProblem(f"file too large: {info.st_size} bytes, at most {limit}")
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        with os.fdopen(descriptor, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise FileProblem("not a regular file")
            data = file.read(limit + 1)
    except FileNotFoundError:
        raise FileProblem("file not found") from None
    except (OSError, RuntimeError) as error:
        raise FileProblem(f"cannot read file: {error}") from None
    if len(data) > limit:
        raise FileProblem(f"file too large: more than {limit} bytes")
    return data
