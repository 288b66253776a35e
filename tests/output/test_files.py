"""Output files are replaced only by complete new ones; failures leave nothing behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plancompare.output import files as output
from plancompare.output.files import OutputError, write_atomically


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomically(target, "first\n")
    write_atomically(target, "second\n")
    assert target.read_text() == "second\n"
    assert os.listdir(tmp_path) == ["out.md"]


def test_failure_mid_write_keeps_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n")

    def failing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", failing_fsync)
    with pytest.raises(OutputError, match=r"cannot write .*out\.md: No space left on device"):
        write_atomically(target, "new\n")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["out.md"]


def test_permission_denied_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError) as caught:
        write_atomically(tmp_path / "out.md", "x")
    assert str(caught.value) == f"cannot write {tmp_path / 'out.md'}: Permission denied"


def test_directory_as_output(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="it is a directory"):
        write_atomically(tmp_path, "x")


def test_interrupt_mid_write_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "out.md", "x")
    assert os.listdir(tmp_path) == []


def test_new_file_gets_the_usual_permissions_and_a_replaced_file_keeps_its_own(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        target = tmp_path / "new.md"
        write_atomically(target, "x")
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o600)
        write_atomically(target, "y")
        assert target.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(umask)


def test_a_device_is_written_through_not_replaced() -> None:
    with pytest.raises(OutputError, match=r"^cannot write /dev/full: No space left on device$"):
        write_atomically(Path("/dev/full"), "text\n")
    assert Path("/dev/full").is_char_device()
    write_atomically(Path("/dev/null"), "text\n")
    assert Path("/dev/null").is_char_device()


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    write_atomically(fifo, "through the pipe\n")
    reader.join(timeout=5)
    assert received == ["through the pipe\n"]
    assert fifo.is_fifo()


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomically(link, "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


def test_hard_links_stay_one_file(tmp_path: Path) -> None:
    first = tmp_path / "a.md"
    first.write_text("old\n")
    second = tmp_path / "b.md"
    os.link(first, second)
    write_atomically(first, "new and longer\n")
    assert second.read_text() == "new and longer\n" and first.stat().st_nlink == 2
    write_atomically(second, "x\n")
    assert first.read_text() == "x\n"


def test_mode_and_owner_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    if os.geteuid() == 0:
        os.chown(target, 65534, 65534)
    write_atomically(target, "new\n")
    assert stat_mode(target) == 0o640
    if os.geteuid() == 0:
        assert (target.stat().st_uid, target.stat().st_gid) == (65534, 65534)


def stat_mode(path: Path) -> int:
    import stat

    return stat.S_IMODE(path.stat().st_mode)


def test_a_read_only_file_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("keep\n")
    # As root every file is writable; pretend to be a user who may not write it.
    monkeypatch.setattr(output.os, "access", lambda path, mode: False)
    with pytest.raises(OutputError, match=r"permission denied \(the file is read-only to you\)$"):
        write_atomically(target, "new\n")
    assert target.read_text() == "keep\n"


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text("input\n")
    linked = tmp_path / "linked.yaml"
    os.link(source, linked)
    symlinked = tmp_path / "sym.yaml"
    symlinked.symlink_to(source)
    for path in (source, linked, symlinked, tmp_path / "." / "plan.yaml"):
        with pytest.raises(output.UnsafeOutput, match="it is one of this command's inputs"):
            write_atomically(path, "damage\n", inputs=[source])
    assert source.read_text() == "input\n"


def test_a_file_where_a_directory_should_be(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("")
    with pytest.raises(OutputError, match=r"'.*afile' is a file, not a directory$"):
        write_atomically(afile / "x.md", "text\n")


def test_a_name_too_long_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"File name too long$"):
        write_atomically(tmp_path / ("x" * 300 + ".md"), "text\n")
    assert os.listdir(tmp_path) == []
