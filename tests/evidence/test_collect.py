"""Walking evidence: folder trees, links not followed, special files skipped, odd names kept exactly."""

from __future__ import annotations

import hashlib
import os
import sys

import pytest
import tomli_w

from wizard.errors import RoueiError
from wizard.evidence.collect import collect, path_record, read_path, show

from .helpers import ODD_NAMES, deny_reading

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file types")


def test_a_folder_tree_records_every_file_with_its_hash(tree):
    [item] = collect([str(tree)])
    files = {e.rel: e for e in item.entries if e.kind == "file"}
    assert files["app/2026-11/20.log"].sha256 == hashlib.sha256(b"login failed\n").hexdigest()
    assert files["app/access.log"].size == 600
    assert set(ODD_NAMES) <= set(files)
    assert item.kind == "folder" and item.root == os.path.realpath(tree)
    assert item.size == sum(e.size for e in files.values())
    assert all(e.mtime is not None and e.mtime.tzinfo for e in files.values())


@posix_only
def test_links_are_recorded_not_followed_and_a_loop_is_harmless(tree):
    [item] = collect([str(tree)])
    links = {e.rel: e.target for e in item.entries if e.kind == "link"}
    assert links == {"app/up": "..", "self": "self"}
    assert not any(e.rel.startswith("app/up/") for e in item.entries)


@posix_only
def test_a_fifo_inside_a_folder_is_skipped_with_a_reason(tree):
    [item] = collect([str(tree)])
    assert [(s.rel, s.reason) for s in item.skipped] == [("pipe", "special")]


@posix_only
def test_a_name_that_is_not_utf8_keeps_its_exact_bytes(tree):
    [item] = collect([str(tree)])
    [odd] = [e for e in item.entries if e.rel.startswith("latin1-")]
    record = path_record("path", odd.rel)
    assert record["path"] == "latin1-\\xe9.txt"
    back = tomli_w_roundtrip(record)
    assert os.fsencode(read_path(back["path"], back["path_hex"])) == b"latin1-\xe9.txt"


def tomli_w_roundtrip(record: dict) -> dict:
    import tomllib

    return tomllib.loads(tomli_w.dumps(record))


def test_show_escapes_newlines_and_control_characters_but_keeps_japanese():
    assert show("new\nline\x1b[31m.txt") == "new\\nline\\x1b[31m.txt"
    assert show("スペース と　全角.txt") == "スペース と　全角.txt"


def test_a_single_file_is_one_entry_at_the_root(tree):
    [item] = collect([str(tree / "app" / "access.log")])
    assert item.kind == "file"
    assert [(e.rel, e.size) for e in item.entries] == [("", 600)]


@posix_only
def test_a_link_named_on_the_command_line_is_recorded_as_a_link(tree):
    [item] = collect([str(tree / "app" / "up")])
    assert item.kind == "link"
    assert item.root == os.path.join(os.path.realpath(tree / "app"), "up")
    assert [(e.kind, e.target) for e in item.entries] == [("link", "..")]


def test_a_missing_path_is_bad_input_and_nothing_is_hashed(tree, monkeypatch):
    from wizard.evidence import hashing

    monkeypatch.setattr(hashing, "hash_file", lambda *a, **k: pytest.fail("hashed before checking"))
    with pytest.raises(RoueiError) as caught:
        collect([str(tree), str(tree / "nope")])
    assert caught.value.key == "evidence.error.not_found"
    assert "nope" in str(caught.value)


@posix_only
def test_a_fifo_named_on_the_command_line_is_bad_input(tree):
    with pytest.raises(RoueiError) as caught:
        collect([str(tree / "pipe")])
    assert caught.value.key == "evidence.error.special"


def test_an_unreadable_file_in_a_folder_is_reported_and_the_rest_recorded(tree, monkeypatch):
    deny_reading(monkeypatch, "access.log")
    [item] = collect([str(tree)])
    assert ("app/access.log", "unreadable", "Permission denied") in [(s.rel, s.reason, s.detail) for s in item.skipped]
    assert "app/2026-11/20.log" in {e.rel for e in item.entries}
    assert "app/access.log" not in {e.rel for e in item.entries}


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_an_unreadable_subfolder_is_reported(tree):
    (tree / "app").chmod(0)
    try:
        [item] = collect([str(tree)])
    finally:
        (tree / "app").chmod(0o755)
    assert ("app", "unreadable") in [(s.rel, s.reason) for s in item.skipped]


def test_progress_runs_over_all_paths_to_the_total(tree):
    seen = []
    items = collect([str(tree / "app"), str(tree / ODD_NAMES[0])], lambda d, t: seen.append((d, t)))
    total = sum(i.size for i in items)
    assert seen[-1] == (total, total)


def test_the_manifest_changes_with_any_file(tree):
    [before] = collect([str(tree)])
    (tree / "app" / "2026-11" / "20.log").write_bytes(b"login ok\n")
    [after] = collect([str(tree)])
    assert before.manifest != after.manifest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="O_NOATIME is Linux's")
def test_walking_a_folder_leaves_its_access_time_alone(tree):
    day = 86_400 * 10**9
    old = (tree / "app").stat().st_mtime_ns - 3 * day  # older than the change time: relatime would update it
    os.utime(tree / "app", ns=(old, old + day))
    collect([str(tree)])
    assert (tree / "app").stat().st_atime_ns == old


def test_the_manifest_is_the_same_digest_as_in_files_written_before():
    from wizard.evidence.collect import Entry, manifest_hash

    entries = [Entry("b/日本語.log", "file", 12, None, "ab" * 32), Entry("a", "link", target=".."),
               Entry("latin1-\udce9", "file", 0, None, "cd" * 32)]  # not UTF-8 on disk
    assert manifest_hash(entries) == "84112c44696c81c87f8e45b04aeed7da151a5903f863578e57ed03d9a06b0fdd"
