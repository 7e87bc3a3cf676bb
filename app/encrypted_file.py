"""Chunked AES-GCM files: recordings and evidence encrypted at rest.

Why chunks: a recording is written while the lesson runs, so it is sealed piece by piece and
a crash loses at most the piece being written. Each chunk's nonce carries its index and a
"final" flag, and every chunk is bound to the file's header, so a flipped bit, a chunk cut
out, two chunks swapped or a file cut short are all detected (the STREAM construction).

Layout: header (magic, version, file id, nonce prefix), then chunks of
`length (4 bytes, big-endian) | AES-GCM ciphertext and tag`. The last chunk has the final
flag; a file without one was interrupted and still decrypts up to its last whole chunk.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer, WriteableBuffer

MAGIC = b"LGENC"
VERSION = 1
HEADER_SIZE = len(MAGIC) + 1 + 16 + 7  # magic, version, file id, nonce prefix
TAG_SIZE = 16
MAX_CHUNK = 4 * 1024 * 1024  # plaintext bytes per chunk at most
KEY_SIZE = 32


class EncryptedFileError(Exception):
    """The file is not one of ours, or it has been damaged or tampered with."""


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_SIZE * 8)


def _nonce(prefix: bytes, index: int, final: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if final else 0)


def _parse_header(header: bytes) -> tuple[bytes, bytes]:
    if len(header) < HEADER_SIZE or not header.startswith(MAGIC):
        raise EncryptedFileError("it is not a LessonGuard encrypted file (no header)")
    if header[len(MAGIC)] != VERSION:
        raise EncryptedFileError(f"it uses format version {header[len(MAGIC)]}, "
                                 f"this LessonGuard reads version {VERSION}")
    return header[len(MAGIC) + 1:len(MAGIC) + 17], header[len(MAGIC) + 17:HEADER_SIZE]


class EncryptedWriter(io.RawIOBase):
    """A write-only file object that seals what it is given into chunks.

    A chunk is sealed when `seal_every` seconds have passed since the last one (so a crash
    loses little; None: only on request), when it reaches MAX_CHUNK bytes, or on `flush()`.
    `close()` writes the final chunk. Each chunk is written and fsync'd whole before the next.
    """

    def __init__(self, path: Path, key: bytes, seal_every: float | None = 0.5,
                 sync: bool = True, file: BinaryIO | None = None) -> None:
        super().__init__()
        self.path = path
        self._aes = AESGCM(key)
        self.file_id = os.urandom(16)
        self._prefix = os.urandom(7)
        self.header = MAGIC + bytes([VERSION]) + self.file_id + self._prefix
        self._seal_every = seal_every
        self._sync = sync
        self._buffer = bytearray()
        self._last_seal = time.monotonic()
        self.index = 0
        self.plain_bytes = 0
        self.chunk_hashes: list[str] = []
        # `file`: one the caller opened (an owner-only file in a package); else a new one
        self._f: BinaryIO = file if file is not None else path.open("xb")
        try:
            self._f.write(self.header)
            self._commit()
        except BaseException:
            self._f.close()
            raise

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer) -> int:
        if self.closed:
            raise ValueError("write to a closed encrypted file")
        with memoryview(data) as view:
            self._buffer += view
            written = view.nbytes
        while len(self._buffer) >= MAX_CHUNK:
            self._seal(bytes(self._buffer[:MAX_CHUNK]), final=False)
            del self._buffer[:MAX_CHUNK]
        if (self._buffer and self._seal_every is not None
                and time.monotonic() - self._last_seal >= self._seal_every):
            self.flush()
        return written

    @property
    def buffered(self) -> int:
        return len(self._buffer)

    def flush(self) -> None:
        """Seal whatever is buffered now (the recorder calls this after each fragment)."""
        if self._buffer and not self.closed:
            self._seal(bytes(self._buffer), final=False)
            self._buffer.clear()

    def _seal(self, plain: bytes, final: bool) -> None:
        sealed = self._aes.encrypt(_nonce(self._prefix, self.index, final), plain, self.header)
        record = struct.pack(">I", len(sealed)) + sealed
        start = self._f.tell()
        try:
            self._f.write(record)
            self._commit()
        except OSError:
            # A torn chunk would be ignored by readers anyway; cut it off so the space it
            # took is free for the final chunk.
            try:
                self._f.truncate(start)
                self._f.seek(start)
            except OSError:
                pass
            raise
        self.chunk_hashes.append(hashlib.sha256(record).hexdigest())
        self.index += 1
        self.plain_bytes += len(plain)
        self._last_seal = time.monotonic()

    def _commit(self) -> None:
        self._f.flush()
        if self._sync:
            os.fsync(self._f.fileno())

    def close(self) -> None:
        """Seal the rest and the final chunk. If the disk is full the rest is dropped and
        the final chunk still goes in, so what was already sealed stays verifiable."""
        if self.closed:
            return
        try:
            rest = bytes(self._buffer)
            self._buffer.clear()
            try:
                self._seal(rest, final=True)
            except OSError:
                if not rest:
                    raise
                self._seal(b"", final=True)
        finally:
            self._f.close()
            super().close()

    def abandon(self) -> None:
        """Close without the final chunk (as a crash would); used by tests and on errors."""
        if not self.closed:
            self._f.close()
            super().close()


@dataclass(frozen=True)
class Chunk:
    index: int
    offset: int  # where its length field starts in the file
    sealed_length: int
    plain_offset: int

    @property
    def plain_length(self) -> int:
        return self.sealed_length - TAG_SIZE


@dataclass
class Layout:
    header: bytes
    chunks: list[Chunk] = field(default_factory=list)
    torn_bytes: int = 0  # bytes after the last whole chunk (a write cut short)

    @property
    def plain_size(self) -> int:
        return sum(c.plain_length for c in self.chunks)

    @property
    def end(self) -> int:
        if not self.chunks:
            return HEADER_SIZE
        last = self.chunks[-1]
        return last.offset + 4 + last.sealed_length


def scan(f: BinaryIO) -> Layout:
    """Read the chunk table (lengths only, nothing decrypted)."""
    f.seek(0)
    header = f.read(HEADER_SIZE)
    _parse_header(header)
    layout = Layout(header)
    offset, plain = HEADER_SIZE, 0
    size = f.seek(0, io.SEEK_END)
    while offset + 4 <= size:
        f.seek(offset)
        (length,) = struct.unpack(">I", f.read(4))
        if length < TAG_SIZE or length > MAX_CHUNK + TAG_SIZE or offset + 4 + length > size:
            break
        layout.chunks.append(Chunk(len(layout.chunks), offset, length, plain))
        plain += length - TAG_SIZE
        offset += 4 + length
    layout.torn_bytes = size - offset
    return layout


@dataclass
class VerifyReport:
    chunks: int = 0
    complete: bool = False  # the final chunk is present
    first_bad_chunk: int | None = None
    problem: str = ""
    chunk_hashes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.complete and self.first_bad_chunk is None and not self.problem


def verify(path: Path, key: bytes, expected_hashes: list[str] | None = None,
           file: BinaryIO | None = None) -> VerifyReport:
    """Decrypt every chunk (discarding the result) and compare with the hash list. `file`:
    one the caller already opened (and checked) instead of `path`; it is closed here."""
    report = VerifyReport()
    try:
        with file if file is not None else path.open("rb") as f:
            layout = scan(f)
            _, prefix = _parse_header(layout.header)
            aes = AESGCM(key)
            last = len(layout.chunks) - 1
            for chunk in layout.chunks:
                f.seek(chunk.offset)
                record = f.read(4 + chunk.sealed_length)
                sealed = record[4:]
                final = False
                try:
                    aes.decrypt(_nonce(prefix, chunk.index, False), sealed, layout.header)
                except InvalidTag:
                    try:
                        aes.decrypt(_nonce(prefix, chunk.index, True), sealed, layout.header)
                        final = True
                    except InvalidTag:
                        report.first_bad_chunk = chunk.index
                        report.problem = (f"chunk {chunk.index} fails its integrity check "
                                          "(changed, moved or from another file)")
                        return report
                if final and chunk.index != last:
                    report.first_bad_chunk = chunk.index + 1
                    report.problem = (f"chunk {chunk.index + 1} follows the final chunk "
                                      "(data was added after the end)")
                    return report
                report.chunk_hashes.append(hashlib.sha256(record).hexdigest())
                report.chunks += 1
                report.complete = final
    except OSError as exc:
        report.problem = f"it cannot be read: {exc.strerror or exc}"
        return report
    except EncryptedFileError as exc:
        report.problem = str(exc)
        return report
    if not report.complete:
        report.first_bad_chunk = report.chunks
        report.problem = (f"it ends after chunk {report.chunks - 1} without its final chunk "
                          "(cut short)" if report.chunks else "it has no chunks (cut short)")
        return report
    if layout.torn_bytes:
        report.problem = f"{layout.torn_bytes} unexpected bytes follow the final chunk"
        return report
    if expected_hashes is not None:
        for i, (want, got) in enumerate(zip(expected_hashes, report.chunk_hashes, strict=False)):
            if want != got:
                report.first_bad_chunk = i
                report.problem = f"chunk {i} does not match the hash list"
                return report
        if len(expected_hashes) != len(report.chunk_hashes):
            report.first_bad_chunk = min(len(expected_hashes), len(report.chunk_hashes))
            report.problem = (f"the hash list names {len(expected_hashes)} chunks, the file "
                              f"has {len(report.chunk_hashes)}")
    return report


def finish_interrupted(path: Path, key: bytes) -> int:
    """Make a file cut short by a crash whole again: drop any torn tail and bad chunks from
    the first bad one on, and append the final chunk. Returns how many chunks were kept."""
    with path.open("r+b") as f:
        layout = scan(f)
        _, prefix = _parse_header(layout.header)
        aes = AESGCM(key)
        kept = 0
        for chunk in layout.chunks:
            f.seek(chunk.offset + 4)
            try:
                aes.decrypt(_nonce(prefix, chunk.index, False), f.read(chunk.sealed_length),
                            layout.header)
            except InvalidTag:
                break
            kept += 1
        end = layout.chunks[kept - 1].offset + 4 + layout.chunks[kept - 1].sealed_length \
            if kept else HEADER_SIZE
        f.truncate(end)
        f.seek(end)
        sealed = aes.encrypt(_nonce(prefix, kept, True), b"", layout.header)
        f.write(struct.pack(">I", len(sealed)) + sealed)
        f.flush()
        os.fsync(f.fileno())
    return kept


class EncryptedReader(io.RawIOBase):
    """A seekable, read-only view of the plaintext, decrypting one chunk at a time: what
    playback (PyAV) reads from, so a recording never exists decrypted on disk."""

    def __init__(self, path: Path, key: bytes) -> None:
        super().__init__()
        self._f: BinaryIO = path.open("rb")
        try:
            self.layout = scan(self._f)
            _, self._prefix = _parse_header(self.layout.header)
        except BaseException:
            self._f.close()
            raise
        self._aes = AESGCM(key)
        self._pos = 0
        self._cache: tuple[int, bytes] | None = None
        self._last = len(self.layout.chunks) - 1

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    @property
    def size(self) -> int:
        return self.layout.plain_size

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self.size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def _plain(self, chunk: Chunk) -> bytes:
        if self._cache is not None and self._cache[0] == chunk.index:
            return self._cache[1]
        self._f.seek(chunk.offset + 4)
        sealed = self._f.read(chunk.sealed_length)
        try:
            plain = self._aes.decrypt(_nonce(self._prefix, chunk.index, False), sealed,
                                      self.layout.header)
        except InvalidTag:
            try:
                plain = self._aes.decrypt(_nonce(self._prefix, chunk.index, True), sealed,
                                          self.layout.header)
            except InvalidTag:
                raise EncryptedFileError(
                    f"chunk {chunk.index} fails its integrity check") from None
        self._cache = (chunk.index, plain)
        return plain

    def _chunk_at(self, pos: int) -> Chunk | None:
        lo, hi = 0, len(self.layout.chunks)
        while lo < hi:
            mid = (lo + hi) // 2
            c = self.layout.chunks[mid]
            if pos < c.plain_offset:
                hi = mid
            elif pos >= c.plain_offset + c.plain_length:
                lo = mid + 1
            else:
                return c
        return None

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self.size - self._pos
        out = bytearray()
        while size > 0:
            chunk = self._chunk_at(self._pos)
            if chunk is None:
                break
            plain = self._plain(chunk)
            start = self._pos - chunk.plain_offset
            piece = plain[start:start + size]
            out += piece
            self._pos += len(piece)
            size -= len(piece)
        return bytes(out)

    def readinto(self, buffer: WriteableBuffer) -> int:
        with memoryview(buffer) as view, view.cast("B") as target:
            data = self.read(target.nbytes)
            target[:len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._f.close()
        super().close()

    def iter_plain(self) -> Iterator[bytes]:
        for chunk in self.layout.chunks:
            yield self._plain(chunk)


def open_whole(data: bytes, key: bytes) -> bytes:
    """The plaintext of a whole sealed file held in memory (a file read once from a package,
    so what is decrypted is exactly what was hashed). Every chunk must open, the last one
    must be the final chunk and nothing may follow it: otherwise EncryptedFileError."""
    layout = scan(io.BytesIO(data))
    _, prefix = _parse_header(layout.header)
    if not layout.chunks:
        raise EncryptedFileError("it has no chunks (cut short)")
    aes = AESGCM(key)
    last = len(layout.chunks) - 1
    out = bytearray()
    for chunk in layout.chunks:
        sealed = data[chunk.offset + 4:chunk.offset + 4 + chunk.sealed_length]
        try:
            out += aes.decrypt(_nonce(prefix, chunk.index, chunk.index == last), sealed,
                               layout.header)
        except InvalidTag:
            raise EncryptedFileError(
                f"chunk {chunk.index} does not open: the file was changed, cut short or "
                "sealed with another key") from None
    if layout.torn_bytes:
        raise EncryptedFileError(f"{layout.torn_bytes} unexpected bytes follow the final "
                                 "chunk")
    return bytes(out)


SEALED_TEXT = "lgenc1:"  # the mark of a short text sealed by `seal_text`


def seal_text(key: bytes, text: str, context: str) -> str:
    """A short text (an incident's narrative) sealed for a database column: AES-GCM with a
    random nonce, bound to `context` (which row and column it belongs to), so it cannot be
    moved to another row unnoticed."""
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, text.encode("utf-8"), context.encode("utf-8"))
    return SEALED_TEXT + base64.b64encode(nonce + sealed).decode("ascii")


def is_sealed_text(value: str) -> bool:
    return value.startswith(SEALED_TEXT)


def open_text(key: bytes, value: str, context: str) -> str:
    """The text `seal_text` sealed; EncryptedFileError when it was changed or moved."""
    try:
        raw = base64.b64decode(value[len(SEALED_TEXT):], validate=True)
        plain = AESGCM(key).decrypt(raw[:12], raw[12:], context.encode("utf-8"))
    except (ValueError, InvalidTag) as exc:
        raise EncryptedFileError("the sealed text has been changed or moved") from exc
    return plain.decode("utf-8")
