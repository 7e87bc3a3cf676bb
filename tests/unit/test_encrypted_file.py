"""Chunked AES-GCM: what goes in comes out, and every kind of damage is found and named."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.encrypted_file import (
    HEADER_SIZE,
    EncryptedReader,
    EncryptedWriter,
    finish_interrupted,
    new_key,
    scan,
    verify,
)


def write(path: Path, key: bytes, pieces: list[bytes], *, close: bool = True) -> EncryptedWriter:
    w = EncryptedWriter(path, key, seal_every=3600, sync=False)
    for piece in pieces:
        w.write(piece)
        w.flush()  # one chunk per piece, like one fragment per chunk
    if close:
        w.close()
    else:
        w.abandon()
    return w


def records(path: Path) -> list[tuple[int, int]]:
    """(offset, length) of every whole chunk record, read with the format's own rules."""
    with path.open("rb") as f:
        return [(c.offset, 4 + c.sealed_length) for c in scan(f).chunks]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.binary(min_size=1, max_size=5000), min_size=0, max_size=12),
       reads=st.lists(st.tuples(st.integers(0, 70000), st.integers(0, 9000)), max_size=10))
def test_round_trip_and_random_access(tmp_path: Path, pieces: list[bytes],
                                      reads: list[tuple[int, int]]) -> None:
    path = tmp_path / f"{os.urandom(4).hex()}.lgrec"
    key = new_key()
    w = write(path, key, pieces)
    plain = b"".join(pieces)
    report = verify(path, key, w.chunk_hashes)
    assert report.ok, report.problem
    assert report.chunks == len(pieces) + 1  # one per piece and the final chunk
    with EncryptedReader(path, key) as reader:
        assert reader.read() == plain
        for offset, size in reads:  # seeking anywhere gives the same bytes as the plain text
            reader.seek(offset)
            assert reader.read(size) == plain[offset:offset + size]
    if len(plain) >= 32:  # encrypted: no run of the plain text appears in the file
        assert plain[:32] not in path.read_bytes()


@pytest.fixture
def sealed(tmp_path: Path) -> tuple[Path, bytes, list[bytes], list[str]]:
    key = new_key()
    pieces = [bytes([i]) * (1000 + i) for i in range(6)]
    path = tmp_path / "rec.lgrec"
    w = write(path, key, pieces)
    return path, key, pieces, w.chunk_hashes


def test_flipped_byte_names_its_chunk(sealed: tuple[Path, bytes, list[bytes], list[str]]) -> None:
    path, key, _, hashes = sealed
    offset, length = records(path)[3]
    data = bytearray(path.read_bytes())
    data[offset + length // 2] ^= 0x01
    path.write_bytes(bytes(data))
    report = verify(path, key, hashes)
    assert not report.ok and report.first_bad_chunk == 3
    assert "chunk 3" in report.problem


def test_chunk_cut_out_is_found(sealed: tuple[Path, bytes, list[bytes], list[str]]) -> None:
    path, key, _, hashes = sealed
    offset, length = records(path)[2]
    data = path.read_bytes()
    path.write_bytes(data[:offset] + data[offset + length:])
    report = verify(path, key, hashes)
    assert not report.ok and report.first_bad_chunk == 2  # chunk 3 now sits at index 2


def test_swapped_chunks_are_found(sealed: tuple[Path, bytes, list[bytes], list[str]]) -> None:
    path, key, _, hashes = sealed
    (o1, l1), (o2, l2) = records(path)[1], records(path)[2]
    data = path.read_bytes()
    swapped = data[:o1] + data[o2:o2 + l2] + data[o1:o1 + l1] + data[o2 + l2:]
    assert len(swapped) == len(data)
    path.write_bytes(swapped)
    report = verify(path, key, hashes)
    assert not report.ok and report.first_bad_chunk == 1


def test_cut_short_is_found_and_still_reads(
        sealed: tuple[Path, bytes, list[bytes], list[str]]) -> None:
    path, key, pieces, hashes = sealed
    offset, _ = records(path)[4]
    path.write_bytes(path.read_bytes()[:offset + 10])  # mid-way through chunk 4
    report = verify(path, key, hashes)
    assert not report.ok and "cut short" in report.problem and report.first_bad_chunk == 4
    with EncryptedReader(path, key) as reader:  # everything before the cut is readable
        assert reader.read() == b"".join(pieces[:4])


def test_wrong_key_and_foreign_file(sealed: tuple[Path, bytes, list[bytes], list[str]],
                                    tmp_path: Path) -> None:
    path, _, _, _ = sealed
    assert verify(path, new_key()).first_bad_chunk == 0
    other = tmp_path / "notes.txt"
    other.write_bytes(b"hello, not a recording at all")
    assert "not a LessonGuard encrypted file" in verify(other, new_key()).problem


def test_chunk_from_another_file_is_refused(tmp_path: Path) -> None:
    """Same key, same index: the header binds each chunk to its own file."""
    key = new_key()
    a, b = tmp_path / "a.lgrec", tmp_path / "b.lgrec"
    write(a, key, [b"A" * 500, b"A" * 500])
    write(b, key, [b"B" * 500, b"B" * 500])
    oa, la = records(a)[1]
    ob, lb = records(b)[1]
    data = a.read_bytes()
    a.write_bytes(data[:oa] + b.read_bytes()[ob:ob + lb] + data[oa + la:])
    assert verify(a, key).first_bad_chunk == 1


def test_data_after_the_final_chunk(sealed: tuple[Path, bytes, list[bytes], list[str]]) -> None:
    path, key, _, _ = sealed
    offset, length = records(path)[1]
    data = path.read_bytes()
    path.write_bytes(data + data[offset:offset + length])
    assert not verify(path, key).ok


def test_crashed_file_is_finished_without_losing_whole_chunks(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "crash.lgrec"
    pieces = [os.urandom(3000) for _ in range(5)]
    write(path, key, pieces, close=False)  # no final chunk: as after kill -9
    with path.open("ab") as f:  # and a torn write of a sixth chunk
        f.write(struct.pack(">I", 5000) + b"x" * 100)
    assert "cut short" in verify(path, key).problem
    kept = finish_interrupted(path, key)
    assert kept == 5
    report = verify(path, key)
    assert report.ok and report.chunks == 6
    with EncryptedReader(path, key) as reader:
        assert reader.read() == b"".join(pieces)


def test_disk_full_keeps_what_was_sealed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails leaves no torn chunk behind, and close() still seals the end."""
    key = new_key()
    path = tmp_path / "full.lgrec"
    w = EncryptedWriter(path, key, seal_every=3600, sync=False)
    w.write(b"a" * 2000)
    w.flush()
    real_write = w._f.write

    def failing(data: bytes) -> int:
        if len(data) > 100:  # only a few bytes are left on the disk
            real_write(data[:50])  # part gets out, then the disk is full
            raise OSError(28, "No space left on device")
        return real_write(data)

    monkeypatch.setattr(w._f, "write", failing)
    w.write(b"b" * 2000)
    with pytest.raises(OSError):
        w.flush()
    w.close()  # the unsealed rest is dropped, the final chunk goes in
    report = verify(path, key, w.chunk_hashes)
    assert report.ok and report.chunks == 2
    with EncryptedReader(path, key) as reader:
        assert reader.read() == b"a" * 2000
    assert path.stat().st_size == HEADER_SIZE + sum(n for _, n in records(path))
