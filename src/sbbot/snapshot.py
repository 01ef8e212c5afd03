"""Knowledge snapshots: built once, persisted, and swapped in without pausing the answers.

A snapshot is the validated knowledge and the router built from it. This module sits below
both the engine and the admin commands, so that neither has to import the other to reload
or to describe a reload. Building one for a large
archive takes seconds of CPU (reading and validating the YAML, indexing), so:

- it is persisted in a cache directory, under a key hashed from the knowledge files' bytes,
  this package's code and the format version: start-up with unchanged knowledge is a load,
  not a build. A cache file that is missing, stale, truncated or corrupt is ignored (and
  rebuilt): it carries its key and a digest of its payload, checked before use.
- a reload builds the new snapshot in a child process (`python -m sbbot.snapshot`), so the
  build never competes with the answers for the interpreter lock; the bot's process only
  loads the result. The entries are columns (`sbbot.columns`): a text blob and arrays, a
  few thousand objects for 100,000 entries, so loading one (tens of milliseconds at
  100,000), swapping it in and freeing the old one never hold the lock for long.

The cache is a pickle: it is only ever read from the directory the bot itself writes (its
data directory), never from anything a member or a knowledge file provides.
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import io
import json
import logging
import os
import pickle
import stat
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import sbbot
from sbbot.columns import Changes, changes, lean_knowledge
from sbbot.knowledge import Knowledge, KnowledgeError, load_knowledge
from sbbot.knowledge.document import MAX_FILE_BYTES, read_file
from sbbot.problems import Problem
from sbbot.router import Router
from sbbot.safefile import FileProblem

log = logging.getLogger(__name__)

FORMAT = 2
"""Bumped whenever the file layout changes; part of every key."""
MAGIC = b"sbbot-snapshot\n"
DIGEST_SIZE = 32
IN_PROCESS_BYTES = 1_000_000
"""Knowledge smaller than this is rebuilt in the calling thread: its build takes tens of
milliseconds, while starting the child process costs seconds on a loaded machine."""


class SnapshotError(Exception):
    """A snapshot could not be built for a reason other than invalid knowledge files."""


@dataclass(frozen=True)
class Snapshot:
    """Knowledge and the router built from it, always swapped together."""

    knowledge: Knowledge
    router: Router

    @classmethod
    def load(cls, directory: Path) -> Snapshot:
        """Read, validate and index `directory` (seconds for a large archive)."""
        knowledge = load_knowledge(directory)
        router = Router(knowledge)
        return cls(lean_knowledge(knowledge, router.entries), router)


ReloadReport = Changes
"""What a reload changed: the entries added, removed and changed."""


def compare(old: Snapshot, new: Snapshot) -> ReloadReport:
    """What a reload changed, from the routers' entry tables, without making 100,000
    entries twice."""
    return changes(old.router.entries, new.router.entries)


def open_snapshot(directory: Path, cache_dir: Path | None) -> Snapshot:
    """The snapshot of `directory`: loaded from the cache when the knowledge is unchanged,
    otherwise built here (and cached). For start-up, when no answer is waiting."""
    if cache_dir is None:
        return Snapshot.load(directory)
    key = fingerprint(directory)
    cached = read_cache(cache_path(cache_dir, key), key)
    if cached is not None:
        return cached
    snapshot = Snapshot.load(directory)
    write_cache(snapshot, cache_dir, key)
    return snapshot


def rebuild(directory: Path, cache_dir: Path | None) -> Snapshot:
    """The snapshot of `directory` for a reload: from the cache if unchanged, otherwise
    built in a child process. Blocks; call it from a worker thread.

    Raises KnowledgeError (the files do not validate) or SnapshotError.
    """
    if knowledge_size(directory) < IN_PROCESS_BYTES:
        return open_snapshot(directory, cache_dir)
    if cache_dir is not None:
        key = fingerprint(directory)
        cached = read_cache(cache_path(cache_dir, key), key)
        if cached is not None:
            return cached
        return build_elsewhere(directory, cache_dir)
    with tempfile.TemporaryDirectory(prefix="sbbot-snapshot-") as folder:
        return build_elsewhere(directory, Path(folder))


def build_elsewhere(directory: Path, cache_dir: Path) -> Snapshot:
    finished = subprocess.run(
        [sys.executable, "-m", "sbbot.snapshot", str(directory), str(cache_dir)],
        capture_output=True, text=True, check=False)
    try:
        result = json.loads(finished.stdout)
    except json.JSONDecodeError:
        raise SnapshotError(f"the snapshot builder failed (exit {finished.returncode}): "
                            f"{finished.stderr.strip()[-500:]}") from None
    if "problems" in result:
        raise KnowledgeError([Problem(**problem) for problem in result["problems"]])
    key = result["key"]
    snapshot = read_cache(cache_path(cache_dir, key), key)
    if snapshot is None:
        raise SnapshotError("the snapshot built by the child process could not be read back")
    return snapshot


def fingerprint(directory: Path) -> str:
    """A hash of everything a snapshot depends on: the format, the code, every knowledge file.

    The code counts because a snapshot pickles the router's internals: after an upgrade the
    old cache must not be read by new code; so does the router's language data (lexicons,
    lemma tables), which shapes the index as much as the code does.
    """
    digest = hashlib.blake2b(code_digest(), digest_size=DIGEST_SIZE)
    for name, path in knowledge_files(directory):
        digest.update(b"\0" + name.encode() + b"\0")
        try:  # read as the loader reads: a FIFO, a link out or a huge file is never read
            digest.update(plain_file_bytes(path) or read_file(Path(path), directory))
        except FileProblem as problem:  # the loader reports it: never a stale cache hit
            digest.update(str(problem).encode())
    return digest.hexdigest()


@cache
def code_digest() -> bytes:
    """The format, the interpreter and the code this process runs (read once: what an
    upgrade installs later is not what this process runs)."""
    digest = hashlib.blake2b(digest_size=DIGEST_SIZE)
    digest.update(f"{FORMAT} {sys.version}".encode())
    package = Path(sbbot.__file__).parent
    for path in sorted([*package.rglob("*.py"), *(package / "language" / "data").glob("*")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


def plain_file_bytes(path: str) -> bytes | None:
    """The bytes of `path` if it is a regular file (not a link) of 1 to MAX_FILE_BYTES bytes,
    else None: `read_file` then decides, with its slower checks (a link's target)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or not 0 < info.st_size <= MAX_FILE_BYTES:
            return None
        data = os.read(descriptor, info.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return data if len(data) == info.st_size else None


def knowledge_files(directory: Path) -> Iterator[tuple[str, str]]:
    """Every entry under `directory` but folders and hidden ones (a cache kept inside it,
    editors' swap files), as (its relative POSIX name, its path), in a fixed order; FIFOs
    and the like included, so that a reload reports them as the loader does. Links to
    folders are neither listed nor followed."""
    root = str(directory)
    for folder, folders, names in os.walk(root):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        prefix = Path(os.path.relpath(folder, root)).as_posix() + "/"
        for name in sorted(names):
            if not name.startswith("."):
                yield (name if prefix == "./" else prefix + name), os.path.join(folder, name)


def knowledge_size(directory: Path) -> int:
    """The knowledge files' total size, as `stat` tells it (nothing is opened)."""
    total = 0
    for _, path in knowledge_files(directory):
        try:
            total += os.stat(path).st_size
        except OSError:
            continue
    return total


def cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"snapshot-{key[:32]}.pickle"


class SnapshotPickler(pickle.Pickler):
    """Pickles read-only mappings (`Knowledge.synonyms`) as the mappings they wrap."""

    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[MappingProxyType] = lambda proxy: (read_only, (dict(proxy),))


def read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


def write_cache(snapshot: Snapshot, cache_dir: Path, key: str) -> Path | None:
    """Write the snapshot atomically (a reader never sees half a file); None if it cannot be
    written, which only costs the next start-up a build.

    The layout after the header: the number of out-of-band buffers, their sizes, the
    pickle's size, the pickle, then the buffers (the entries' columns and the index's
    arrays, pickled out of band: loading makes them views of the file's bytes, no copy).
    """
    buffers: list[pickle.PickleBuffer] = []
    stream = io.BytesIO()
    try:
        SnapshotPickler(stream, protocol=5, buffer_callback=buffers.append).dump(snapshot)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        log.warning("knowledge snapshot not cached: %s", error)
        return None
    raws = [buffer.raw() for buffer in buffers]
    sizes = [len(raw) for raw in raws]
    parts: list[bytes | memoryview] = [
        struct.pack(f"<Q{len(sizes)}QQ", len(sizes), *sizes, stream.tell()), stream.getbuffer(),
        *raws]
    digest = hashlib.blake2b(digest_size=DIGEST_SIZE)
    for part in parts:
        digest.update(part)
    path = cache_path(cache_dir, key)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache_dir, prefix=".tmp-", delete=False) as out:
            out.write(MAGIC + key.encode() + b"\n" + digest.digest())
            for part in parts:
                out.write(part)
        os.replace(out.name, path)
    except OSError as error:
        log.warning("knowledge snapshot not cached in %s: %s", cache_dir, error)
        return None
    return path


def read_cache(path: Path, key: str) -> Snapshot | None:
    """The snapshot cached at `path` for `key`, or None if it is missing, stale or corrupt."""
    expected = MAGIC + key.encode() + b"\n"
    try:
        data = memoryview(path.read_bytes())
    except OSError:
        return None
    header, digest, body = (data[:len(expected)], data[len(expected):][:DIGEST_SIZE],
                            data[len(expected) + DIGEST_SIZE:])
    if header != expected:
        log.info("knowledge snapshot %s is stale; rebuilding", path.name)
        return None
    if hashlib.blake2b(body, digest_size=DIGEST_SIZE).digest() != digest:
        log.warning("knowledge snapshot %s is corrupt; rebuilding", path.name)
        return None
    try:
        snapshot = unpickle(body)
    except Exception as error:  # any failure to unpickle means "rebuild"
        log.warning("knowledge snapshot %s unreadable (%s); rebuilding", path.name, error)
        return None
    if not isinstance(snapshot, Snapshot):
        log.warning("knowledge snapshot %s holds a %s; rebuilding", path.name,
                    type(snapshot).__name__)
        return None
    return snapshot


def unpickle(body: memoryview) -> object:
    """The pickle of `body`, its out-of-band buffers read in place (see `write_cache`).

    Everything alive is then frozen (`gc.freeze`): the collector's next full pass, which
    the loading's allocations bring closer, would otherwise scan every object of the
    process with the interpreter lock held (150 ms in a test process, answers waiting);
    snapshots have no cycles and are freed by reference counting."""
    (count,) = struct.unpack_from("<Q", body)
    *sizes, size = struct.unpack_from(f"<{count}QQ", body, 8)
    start = 8 * (count + 2)
    payload = body[start:start + size]
    buffers, position = [], start + size
    for length in sizes:
        buffers.append(body[position:position + length])
        position += length
    if position != len(body):
        raise ValueError("sizes do not add up")
    value = pickle.loads(payload, buffers=buffers)
    gc.freeze()
    return value


def main(argv: list[str]) -> int:
    """`python -m sbbot.snapshot KNOWLEDGE_DIR CACHE_DIR`: build, cache, print the key (or
    the knowledge problems) as JSON."""
    directory, cache_dir = Path(argv[0]), Path(argv[1])
    key = fingerprint(directory)
    try:
        snapshot = Snapshot.load(directory)
    except KnowledgeError as error:
        print(json.dumps({"problems": [asdict(problem) for problem in error.problems]}))
        return 1
    if write_cache(snapshot, cache_dir, key) is None:
        print(f"cannot write the snapshot to {cache_dir}", file=sys.stderr)
        return 2
    print(json.dumps({"key": key}))
    return 0


if __name__ == "__main__":
    # Through the imported module, so that snapshots pickle `sbbot.snapshot.Snapshot`, not
    # `__main__.Snapshot`, which the bot's process could not find.
    from sbbot import snapshot as module

    sys.exit(module.main(sys.argv[1:]))
