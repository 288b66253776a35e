"""Output files: regular files are replaced only by complete new ones and keep what they are (mode,
owner, links); devices and FIFOs are written straight through; inputs and other people's files are
refused; failures and signals leave nothing behind."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
from pathlib import Path

import pytest

from plancompare.output import files as output
from plancompare.output.files import OutputError, Terminated, signals_interrupt, write_output

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_output(target, "first\n")
    write_output(target, "second\n")
    assert target.read_text() == "second\n"
    assert os.listdir(tmp_path) == ["out.md"]


def test_failure_mid_write_keeps_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n")

    def failing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", failing_fsync)
    with pytest.raises(OutputError, match=r"cannot write .*out\.md: No space left on device"):
        write_output(target, "new\n")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["out.md"]


def test_permission_denied_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError) as caught:
        write_output(tmp_path / "out.md", "x")
    assert str(caught.value) == f"cannot write {tmp_path / 'out.md'}: Permission denied"


def test_directory_as_output(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="it is a directory"):
        write_output(tmp_path, "x")


def test_interrupt_mid_write_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_output(tmp_path / "out.md", "x")
    assert os.listdir(tmp_path) == []


def test_new_file_gets_the_usual_permissions_and_a_replaced_file_keeps_its_own(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        target = tmp_path / "new.md"
        write_output(target, "x")
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o600)
        write_output(target, "y")
        assert target.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(umask)


# -- what the output path is: devices, FIFOs, links ---------------------------------------------------

def _full_device(tmp_path: Path) -> Path:
    """A device that refuses every write: /dev/full itself where a mistake cannot replace it (not
    root), else a private copy of it, so that a regression damages nothing outside tmp_path."""
    if not ROOT:
        return Path("/dev/full")
    clone = tmp_path / "full"
    try:
        os.mknod(clone, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (OSError, AttributeError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    return clone


def test_a_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    device = _full_device(tmp_path)
    with pytest.raises(OutputError) as caught:
        write_output(device, "x")
    assert str(caught.value) == f"cannot write {device}: No space left on device"
    assert stat.S_ISCHR(device.stat().st_mode)
    assert sorted(os.listdir(tmp_path)) == (["full"] if ROOT else [])


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        write_output(fifo, "through the pipe\n")
        received, _ = reader.communicate(timeout=10)
    finally:
        reader.kill()
        reader.wait(timeout=10)
    assert received == b"through the pipe\n"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to("real.md")
    write_output(link, "new")
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert real.read_text() == "new" and real.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["link.md", "real.md"]


def test_a_dangling_symlink_gets_its_target_written(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link.md"
    link.symlink_to("sub/made.md")
    write_output(link, "made")
    assert link.is_symlink() and (tmp_path / "sub" / "made.md").read_text() == "made"


def test_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop.md"
    loop.symlink_to("loop.md")
    with pytest.raises(OutputError) as caught:
        write_output(loop, "x")
    assert str(caught.value) == f"cannot write {loop}: Too many levels of symbolic links"


def test_a_hard_linked_file_is_refused_not_split(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("shared")
    os.link(first, second)
    with pytest.raises(OutputError) as caught:
        write_output(first, "new")
    assert str(caught.value) == (f"cannot write {first}: it has 2 hard links, and replacing it would separate them "
                                 "(write to another file)")
    assert first.read_text() == second.read_text() == "shared"
    assert first.stat().st_ino == second.stat().st_ino


def test_a_file_you_cannot_write_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a user other than root, a 0444 file (or another user's 0644 one) in a writable directory:
    os.access says no, so it is not replaced behind its owner's back."""
    target = tmp_path / "read-only.md"
    target.write_text("keep")
    target.chmod(0o444)
    monkeypatch.setattr(output.os, "access", lambda path, mode, **kwargs: False)
    with pytest.raises(OutputError) as caught:
        write_output(target, "new")
    assert str(caught.value) == f"cannot write {target}: Permission denied"
    assert target.read_text() == "keep"


def test_another_users_writable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Replacing someone else's world-writable file would make the new file ours."""
    target = tmp_path / "theirs.md"
    target.write_text("keep")
    target.chmod(0o666)
    monkeypatch.setattr(output.os, "geteuid", lambda: target.stat().st_uid + 4242)
    monkeypatch.setattr(output.os, "access", lambda path, mode, **kwargs: True)
    with pytest.raises(OutputError) as caught:
        write_output(target, "new")
    assert str(caught.value) == (f"cannot write {target}: it belongs to another user, and replacing it would make "
                                 "it yours (write to another file)")
    assert target.read_text() == "keep"


@pytest.mark.skipif(not ROOT, reason="only root can give a file to another user")
def test_root_keeps_the_owner_and_group_of_a_replaced_file(tmp_path: Path) -> None:
    target = tmp_path / "theirs.md"
    target.write_text("old")
    os.chown(target, 65534, 65534)
    target.chmod(0o604)
    write_output(target, "new")
    info = target.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (65534, 65534, 0o604)
    assert target.read_text() == "new"


# -- inputs and existing files -------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["same path", "symlink", "hard link", "through a directory link"])
def test_an_input_is_never_the_output(tmp_path: Path, how: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    source = data / "plan.yaml"
    source.write_text("precious")
    target = {
        "same path": lambda: source,
        "symlink": lambda: (tmp_path / "link.yaml", (tmp_path / "link.yaml").symlink_to(source))[0],
        "hard link": lambda: (tmp_path / "hard.yaml", os.link(source, tmp_path / "hard.yaml"))[0],
        "through a directory link": lambda: ((tmp_path / "alias").symlink_to(data), tmp_path / "alias" / "plan.yaml")[1],
    }[how]()
    with pytest.raises(OutputError) as caught:
        write_output(target, "table", inputs=[source])
    assert str(caught.value) == (f"cannot write {target}: it is one of this command's inputs, {source} "
                                 "(write to another file)")
    assert source.read_text() == "precious"


def test_an_existing_file_is_kept_unless_overwriting_is_allowed(tmp_path: Path) -> None:
    target = tmp_path / "draft.yaml"
    target.write_text("curated")
    with pytest.raises(OutputError) as caught:
        write_output(target, "drafted", overwrite=False)
    assert str(caught.value) == f"cannot write {target}: it already exists (add --force to replace it)"
    assert target.read_text() == "curated"
    write_output(tmp_path / "new.yaml", "drafted", overwrite=False)
    write_output(target, "drafted", overwrite=True)
    assert target.read_text() == "drafted"


# -- paths that cannot be written ----------------------------------------------------------------------

def test_a_file_where_a_directory_should_be(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("")
    for target in (afile / "x.md", afile / "sub" / "x.md"):
        with pytest.raises(OutputError) as caught:
            write_output(target, "x")
        assert str(caught.value) == f"cannot write {target}: '{afile}' is a file, not a directory"


def test_a_name_over_the_limit_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 300 + ".md")
    with pytest.raises(OutputError) as caught:
        write_output(target, "x")
    assert str(caught.value) == f"cannot write {target}: File name too long"


def test_a_long_name_within_the_limit_is_written(tmp_path: Path) -> None:
    """The temporary file's name must fit too, though it adds a prefix and suffix to the name."""
    target = tmp_path / ("é" * 120 + ".md")  # 243 bytes in UTF-8
    write_output(target, "x")
    assert target.read_text() == "x" and os.listdir(tmp_path) == [target.name]


# -- signals ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_while_writing_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int) -> None:
    # A handler of the test's own, so that a regression fails this test instead of killing pytest.
    arrived: list[int] = []
    previous = signal.signal(number, lambda signum, frame: arrived.append(signum))
    try:
        monkeypatch.setattr(output.os, "fsync", lambda fd: os.kill(os.getpid(), number))
        with pytest.raises(Terminated) as caught:
            write_output(tmp_path / "out.md", "x")
        assert caught.value.signal_number == number and isinstance(caught.value, KeyboardInterrupt)
        assert os.listdir(tmp_path) == [] and arrived == []
        assert getattr(signal.getsignal(number), "__name__", "") == "<lambda>"
    finally:
        signal.signal(number, previous)


def test_signals_interrupt_raises_and_restores() -> None:
    arrived: list[int] = []

    def ours(signum, frame):
        arrived.append(signum)

    previous = signal.signal(signal.SIGTERM, ours)
    try:
        with pytest.raises(Terminated) as caught:
            with signals_interrupt():
                os.kill(os.getpid(), signal.SIGTERM)
        assert caught.value.signal_number == signal.SIGTERM and arrived == []
        assert signal.getsignal(signal.SIGTERM) is ours
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_an_ignored_signal_stays_ignored(tmp_path: Path) -> None:
    """Under nohup SIGHUP is ignored; writing an output file must not start honouring it."""
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with signals_interrupt():
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            os.kill(os.getpid(), signal.SIGHUP)
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)


def test_a_file_is_checked_as_write_output_would_check_it_before_anything_is_written(tmp_path: Path) -> None:
    from plancompare.output.files import check_writable

    existing, source = tmp_path / "plan.yaml", tmp_path / "plan.txt"
    existing.write_text("curated\n")
    source.write_text("the plan\n")
    check_writable(tmp_path / "new.yaml")  # (missing: nothing to refuse)
    check_writable(existing)  # (replacing is allowed by default)
    with pytest.raises(OutputError, match=r"plan\.yaml: it already exists \(add --force to replace it\)$"):
        check_writable(existing, overwrite=False)
    with pytest.raises(OutputError, match=r"plan\.txt: it is one of this command's inputs"):
        check_writable(source, inputs=[source], overwrite=True)
    assert existing.read_text() == "curated\n" and source.read_text() == "the plan\n"
