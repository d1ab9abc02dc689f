"""A cache of parsed records beside them, so thousands of sessions list in a blink.

``.reflect/index.json`` holds, per record file, its size and mtime_ns, a summary (what
`reflect list` shows) or the reason it could not be read, and where its parsed content
lies in ``.reflect/records.jsonl`` (offset, length, CRC-32). The YAML files stay the
only source of truth: an entry is used only while its file's size and mtime match, the
index carries a SHA-256 of itself, every record line is checked against its CRC, and
anything that does not add up is read again from the YAML. Deleting the cache changes
nothing but speed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reflect_cli.errors import RecordError

FORMAT = "reflect-cache-1"
FOLDER = ".reflect"
#: A file changed this recently may change again within the clock's granularity: read it
#: from YAML until it has settled rather than cache it.
SETTLE_NS = 2_000_000_000
#: Rewrite records.jsonl without dead lines once it is this big and mostly dead.
COMPACT_BYTES = 1_000_000

Progress = Callable[[int, int], None]
_SKIP = object()
Reader = Callable[[Path], dict[str, Any]]  # record file -> record data, or RecordError
Summarize = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass
class Entry:
    size: int
    mtime_ns: int
    offset: int = -1
    length: int = 0
    crc: int = 0
    summary: dict[str, Any] | None = None
    error: str = ""

    def row(self) -> list[Any]:
        return [
            self.size,
            self.mtime_ns,
            self.offset,
            self.length,
            self.crc,
            self.summary,
            self.error,
        ]


@dataclass
class Cache:
    """The cache of one sessions folder."""

    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    #: Files changed too recently to cache: used for this run only, never written.
    recent: dict[str, tuple[Entry, dict[str, Any] | None]] = field(default_factory=dict)
    data_size: int = 0
    dirty: bool = False
    writable: bool = True
    _out: Any = field(default=None, repr=False)

    @property
    def home(self) -> Path:
        return self.folder / FOLDER

    def refresh(self, read: Reader, summarize: Summarize, progress: Progress | None = None) -> None:
        """Bring the cache in line with the record files; unreadable files become errors."""
        self._load_index()
        files = _scan(self.folder)
        for gone in set(self.entries) - set(files):
            del self.entries[gone]
            self.dirty = True
        stale = [
            name
            for name, stat in files.items()
            if (e := self.entries.get(name)) is None or (e.size, e.mtime_ns) != stat
        ]
        settled_before = time.time_ns() - SETTLE_NS
        with contextlib.ExitStack() as stack:
            for done, name in enumerate(stale, 1):
                self._refresh_one(name, files[name], read, summarize, settled_before, stack)
                if progress:
                    progress(done, len(stale))
        if self.dirty and self.writable:
            with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
                self._finish()

    def _refresh_one(
        self,
        name: str,
        stat: tuple[int, int],
        read: Reader,
        summarize: Summarize,
        settled_before: int,
        stack: contextlib.ExitStack,
    ) -> None:
        entry = Entry(*stat)
        data = None
        try:
            data = read(self.folder / name)
            entry.summary = summarize(data)
        except RecordError as exc:
            entry.error = str(exc)
        self.entries.pop(name, None)
        self.dirty = True
        if entry.mtime_ns >= settled_before:
            self.recent[name] = (entry, data)
            return
        if data is not None and self.writable:
            line = _line(data)
            try:
                self._data(stack).write(line)
                entry.offset, entry.length, entry.crc = self.data_size, len(line), zlib.crc32(line)
                self.data_size += len(line)
            except OSError:
                self.writable = False  # read-only or full disk: this run goes without a cache
        self.entries[name] = entry

    def _data(self, stack: contextlib.ExitStack) -> Any:
        """The records file, open for appending from where the index says it ends."""
        if self._out is None:
            self._prepare_home()
            records_file = open(self.home / "records.jsonl", "ab")  # noqa: SIM115 - the stack closes it
            self._out = stack.enter_context(records_file)
            self._out.truncate(self.data_size)  # drop a tail a crashed run may have left
            stack.callback(setattr, self, "_out", None)
        return self._out

    def summaries(self) -> dict[str, Entry]:
        """Every record file's entry: a summary, or the error that made it unreadable."""
        return {**self.entries, **{name: entry for name, (entry, _) in self.recent.items()}}

    def records(
        self, names: list[str], read: Reader, keep: Callable[[bytes], bool] | None = None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """Parsed records for these files, one at a time: from the cache when intact, else
        from YAML. ``keep`` sees a cached record's raw JSON line first and may skip it."""
        cached = sorted(
            (e.offset, n) for n in names if (e := self.entries.get(n)) and e.offset >= 0
        )
        handle = None
        with contextlib.ExitStack() as stack:
            if cached:
                with contextlib.suppress(OSError):
                    handle = stack.enter_context(open(self.home / "records.jsonl", "rb"))
            for name in names:
                data = self._cached_record(name, handle, keep)
                if data is _SKIP:
                    continue
                yield name, data if data is not None else read(self.folder / name)

    def _cached_record(self, name: str, handle: Any, keep: Callable[[bytes], bool] | None) -> Any:
        if name in self.recent:
            return self.recent[name][1]
        entry = self.entries.get(name)
        if handle is None or entry is None or entry.offset < 0:
            return None
        handle.seek(entry.offset)
        chunk = handle.read(entry.length)
        if zlib.crc32(chunk) != entry.crc:
            return None
        if keep is not None and not keep(chunk):
            return _SKIP
        try:
            return json.loads(chunk)
        except ValueError:
            return None

    def _load_index(self) -> None:
        try:
            raw = (self.home / "index.json").read_bytes()
            head, _, body = raw.partition(b"\n")
            header = json.loads(head)
            if header.get("format") != FORMAT:
                raise ValueError("not reflect's cache")
            if header.get("sha256") != hashlib.sha256(body).hexdigest():
                raise ValueError("index altered")
            data_size = int(header["data_size"])
            if (self.home / "records.jsonl").stat().st_size < data_size:
                raise ValueError("records file is shorter than the index says")
            self.entries = {name: Entry(*row) for name, row in json.loads(body).items()}
            self.data_size = data_size
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.entries, self.data_size, self.dirty = {}, 0, True

    def _prepare_home(self) -> None:
        """The cache folder, owner-only, with a .gitignore that keeps it out of git."""
        self.home.mkdir(mode=0o700, exist_ok=True)
        ignore = self.home / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# reflect's cache: rebuilt from the records, never shared\n*\n")

    def _finish(self) -> None:
        """Compact the records file when it is mostly dead lines, then write the index."""
        live = sum(e.length for e in self.entries.values() if e.offset >= 0)
        if self.data_size > COMPACT_BYTES and live < self.data_size // 2:
            old, parts, end = self._read_data(), [], 0
            for entry in self.entries.values():
                if entry.offset >= 0:
                    parts.append(old[entry.offset : entry.offset + entry.length])
                    entry.offset, end = end, end + entry.length
            temp = self.home / "records.jsonl.tmp"
            temp.write_bytes(b"".join(parts))
            os.replace(temp, self.home / "records.jsonl")
            self.data_size = end
        body = json.dumps(
            {n: e.row() for n, e in self.entries.items()}, ensure_ascii=False, separators=(",", ":")
        ).encode()
        header = {
            "format": FORMAT,
            "sha256": hashlib.sha256(body).hexdigest(),
            "data_size": self.data_size,
        }
        self._prepare_home()
        temp = self.home / "index.json.tmp"
        temp.write_bytes(json.dumps(header).encode() + b"\n" + body)
        os.replace(temp, self.home / "index.json")

    def _read_data(self) -> bytes:
        try:
            return (self.home / "records.jsonl").read_bytes()
        except OSError:
            return b""


def _line(data: dict[str, Any]) -> bytes:
    # default=str: a key a newer reflect added may hold a YAML date
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.encode() + b"\n"


def _scan(folder: Path) -> dict[str, tuple[int, int]]:
    files: dict[str, tuple[int, int]] = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".yaml") and not entry.name.startswith(".") and entry.is_file():
                stat = entry.stat()
                files[entry.name] = (stat.st_size, stat.st_mtime_ns)
    return files
