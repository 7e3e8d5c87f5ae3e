"""The hasher: right digests at every size, progress, read-only opening, and files that misbehave."""

from __future__ import annotations

import hashlib
import os
import sys

import pytest

from wizard.evidence import hashing
from wizard.evidence.hashing import CHUNK, Meter, Skip, hash_file

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file types")


def skip_reason(path, progress=None) -> str:
    """Why `hash_file` refused `path`."""
    with pytest.raises(Skip) as caught:
        hash_file(path, progress)
    return caught.value.reason


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5])
def test_digest_matches_hashlib_at_chunk_boundaries(tmp_path, size):
    data = os.urandom(size)
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    digest = hash_file(path)
    assert digest.sha256 == hashlib.sha256(data).hexdigest()
    assert digest.size == size
    assert digest.mtime_ns == path.stat().st_mtime_ns


def test_progress_counts_up_to_the_size(tmp_path):
    path = tmp_path / "f.bin"
    path.write_bytes(b"x" * (2 * CHUNK + 10))
    calls = []
    hash_file(path, lambda done, total: calls.append((done, total)))
    assert calls[-1] == (2 * CHUNK + 10, 2 * CHUNK + 10)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) == 3


def test_a_file_appended_to_while_hashing_is_unstable(tmp_path):
    path = tmp_path / "live.log"
    path.write_bytes(b"a" * (3 * CHUNK))

    def append(done, _total):
        if done == CHUNK:
            with path.open("ab") as fh:
                fh.write(b"new line\n")

    assert skip_reason(path, append) == "unstable"


def test_a_file_rewritten_in_place_with_a_new_mtime_is_unstable(tmp_path):
    path = tmp_path / "db"
    path.write_bytes(b"a" * (2 * CHUNK))

    def rewrite(done, _total):
        if done == CHUNK:
            with path.open("r+b") as fh:
                fh.write(b"b")
            os.utime(path, ns=(0, path.stat().st_mtime_ns + 1_000_000))

    assert skip_reason(path, rewrite) == "unstable"


def test_a_file_deleted_while_hashing_vanished(tmp_path):
    path = tmp_path / "gone"
    path.write_bytes(b"a" * (2 * CHUNK))
    assert skip_reason(path, lambda done, _t: path.unlink() if done == CHUNK else None) == "vanished"


@pytest.mark.parametrize("size", [100, 2 * CHUNK])
def test_a_file_replaced_by_another_while_hashing_is_unstable(tmp_path, monkeypatch, size):
    path, other = tmp_path / "db", tmp_path / "db.new"
    path.write_bytes(b"a" * size)
    other.write_bytes(b"a" * size)  # the same size, content and time: only its identity tells
    os.utime(other, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))

    def swap(*_):
        if other.exists():
            os.replace(other, path)

    read = os.read
    monkeypatch.setattr(hashing.os, "read", lambda fd, n: swap() or read(fd, n))  # a small file: one read
    assert skip_reason(path, swap) == "unstable"  # a large one: its progress


def test_a_missing_file_vanished(tmp_path):
    assert skip_reason(tmp_path / "nothing") == "vanished"


def test_an_unreadable_file_is_reported_with_the_systems_words(tmp_path, monkeypatch):
    path = tmp_path / "secret"
    path.write_bytes(b"x")

    def denied(*_args, **_kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(hashing.os, "open", denied)
    with pytest.raises(Skip) as caught:
        hash_file(path)
    assert (caught.value.reason, caught.value.detail) == ("unreadable", "Permission denied")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_a_file_without_read_permission_is_unreadable(tmp_path):
    path = tmp_path / "secret"
    path.write_bytes(b"x")
    path.chmod(0)
    assert skip_reason(path) == "unreadable"


@posix_only
def test_a_fifo_is_never_waited_on(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert skip_reason(fifo) == "special"  # would block forever without O_NONBLOCK


@posix_only
def test_a_symbolic_link_is_not_followed(tmp_path):
    (tmp_path / "real").write_bytes(b"x")
    (tmp_path / "link").symlink_to("real")
    assert skip_reason(tmp_path / "link") == "special"


def test_hashing_changes_neither_content_nor_times(tmp_path):
    path = tmp_path / "evidence.log"
    path.write_bytes(b"line\n" * 1000)
    day = 86_400 * 10**9
    old = path.stat().st_mtime_ns - 3 * day  # older than the change time: relatime would update it
    os.utime(path, ns=(old, old + day))
    before = path.stat()
    hash_file(path)
    after = path.stat()
    assert path.read_bytes() == b"line\n" * 1000
    assert after.st_mtime_ns == before.st_mtime_ns
    if sys.platform.startswith("linux"):
        assert after.st_atime_ns == before.st_atime_ns  # O_NOATIME


def test_meter_reports_one_running_total_over_files(tmp_path):
    sizes = [CHUNK + 1, 10, 0]
    paths = []
    for i, size in enumerate(sizes):
        paths.append(tmp_path / f"{i}")
        paths[-1].write_bytes(b"z" * size)
    seen = []
    meter = Meter(sum(sizes), lambda done, total: seen.append((done, total)))
    for path, size in zip(paths, sizes):
        meter.hash(path, size)
    meter.finish()
    assert seen[-1] == (sum(sizes), sum(sizes))
    assert all(total == sum(sizes) and done <= total for done, total in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
