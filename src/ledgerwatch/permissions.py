"""Files private to their user: folders 0700 and files 0600, set when made and repaired at start.

Window titles, URLs, narratives, tokens and money are client confidences (Model Rule 1.6), so nothing
ledgerwatch writes may be readable by another local user. Every folder and file is created with its private
mode (never created open and narrowed later), and `repair` narrows what an older version, a copy or a
restore left open, saying what it changed. On Windows, POSIX modes mean little: the folders live in the
user's profile, whose ACL grants only the user, SYSTEM and Administrators; `windows_acl_problems` checks
that no other account was granted access.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_OPEN_TO_OTHERS = 0o077


def private_dir(path: Path) -> Path:
    """path as a folder only its owner may enter (made with its parents when missing)."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if sys.platform != "win32" and stat.S_IMODE(path.stat().st_mode) != PRIVATE_DIR:
        path.chmod(PRIVATE_DIR)
    return path


def private_file(path: Path) -> Path:
    """path as a file only its owner may read: made empty and 0600 when missing, narrowed when it is ours.

    Its folder is left as it is; a file of another owner (or one we may not change) is left alone.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOINHERIT, PRIVATE_FILE)
    except FileExistsError:
        if sys.platform != "win32" and stat.S_IMODE(path.stat().st_mode) & _OPEN_TO_OTHERS:
            with contextlib.suppress(PermissionError):
                path.chmod(stat.S_IMODE(path.stat().st_mode) & PRIVATE_DIR)
        return path
    try:
        _narrow(fd)
    finally:
        os.close(fd)
    return path


@contextlib.contextmanager
def open_private(path: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """open() for writing ("w", "wb", "a", "ab"), the file 0600 from the moment it exists."""
    if not mode.startswith(("w", "a")):
        raise ValueError(f"open_private writes; mode {mode!r} does not")
    flags = os.O_WRONLY | os.O_CREAT | _NOINHERIT | (os.O_APPEND if mode.startswith("a") else os.O_TRUNC)
    fd = os.open(path, flags, PRIVATE_FILE)
    try:
        _narrow(fd)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, mode, **kwargs) as handle:
        yield handle


def write_private(path: Path, data: bytes | str) -> Path:
    """Write data to path (replacing it whole, through a private temporary file beside it)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if isinstance(data, bytes):
            with open_private(tmp, "wb") as f:
                f.write(data)
        else:
            with open_private(tmp, "w", encoding="utf-8", newline="") as f:
                f.write(data)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return path


def repair(folders: Iterable[Path]) -> list[str]:
    """Make each folder and everything in it private; one line for each thing that was not.

    Only what this user owns is changed (another owner's file is reported, not touched); links are not
    followed. On Windows the folders' ACL is checked instead.
    """
    if sys.platform == "win32":
        return [problem for folder in folders if folder.exists() for problem in windows_acl_problems(folder)]
    notes: list[str] = []
    uid = os.getuid()
    for folder in folders:
        if not folder.is_dir() or folder.is_symlink():
            continue
        notes += _repair_one(folder, PRIVATE_DIR, uid)
        for root, dirs, files in os.walk(folder):
            for name in dirs:
                notes += _repair_one(Path(root, name), PRIVATE_DIR, uid)
            for name in files:
                notes += _repair_one(Path(root, name), PRIVATE_FILE, uid)
    return notes


def _repair_one(path: Path, private: int, uid: int) -> list[str]:
    try:
        info = path.lstat()
    except FileNotFoundError:
        return []
    if stat.S_ISLNK(info.st_mode):
        return []
    mode = stat.S_IMODE(info.st_mode)
    if not mode & _OPEN_TO_OTHERS:
        return []
    if info.st_uid != uid:
        return [f"{path} is readable by others and belongs to another user; ask IT to fix it"]
    narrowed = mode & PRIVATE_DIR | private  # the owner keeps what it had (an executable stays executable)
    path.chmod(narrowed)
    return [f"{path} was open to other users ({mode:04o}); it is now private ({narrowed:04o})"]


def is_private(path: Path) -> bool:
    """Whether nobody but the owner may read path (on Windows: whether its ACL passes the check)."""
    if sys.platform == "win32":
        return not windows_acl_problems(path)
    return not stat.S_IMODE(path.stat().st_mode) & _OPEN_TO_OTHERS


def _narrow(fd: int) -> None:
    """The file behind fd readable and writable by its owner only (an existing file keeps no wider mode)."""
    if sys.platform != "win32":
        os.fchmod(fd, PRIVATE_FILE)


_NOINHERIT = getattr(os, "O_NOINHERIT", 0) | getattr(os, "O_CLOEXEC", 0)


# --- Windows: the profile's ACL ---

TRUSTED_SIDS = frozenset({"S-1-5-18", "S-1-5-32-544", "S-1-3-0"})
"""SYSTEM, BUILTIN\\Administrators and CREATOR OWNER: granted on every profile folder"""
READ_DATA = 0x0001
GENERIC_READ = 0x80000000
GENERIC_ALL = 0x10000000
_READS = READ_DATA | GENERIC_READ | GENERIC_ALL


def acl_problems(path: Path, owner: str, allowed: Iterable[tuple[str, str, int]]) -> list[str]:
    """The grants in a folder's DACL that let someone other than owner, SYSTEM or Administrators read it.

    allowed holds (sid, account name, access mask) for each access-allowed entry; pure, so it is tested on
    every OS.
    """
    problems = []
    for sid, name, mask in allowed:
        if sid == owner or sid in TRUSTED_SIDS or not mask & _READS:
            continue
        problems.append(f"{path}: {name or sid} may read it; only you, SYSTEM and Administrators should")
    return problems


def windows_acl_problems(path: Path) -> list[str]:  # pragma: no cover - Windows only
    """acl_problems for a real folder, read through pywin32 (imported here: it exists only on Windows)."""
    try:
        import ntsecuritycon
        import win32api
        import win32security
    except ImportError:
        return [f"{path}: cannot check its access list (pywin32 is missing)"]
    descriptor = win32security.GetFileSecurity(
        str(path), win32security.DACL_SECURITY_INFORMATION | win32security.OWNER_SECURITY_INFORMATION
    )
    dacl = descriptor.GetSecurityDescriptorDacl()
    if dacl is None:
        return [f"{path}: has no access list at all, so everyone may read it"]
    token = win32security.OpenProcessToken(win32api.GetCurrentProcess(), win32security.TOKEN_QUERY)
    me = win32security.ConvertSidToStringSid(
        win32security.GetTokenInformation(token, win32security.TokenUser)[0]
    )
    allowed = []
    for i in range(dacl.GetAceCount()):
        (kind, _flags), mask, sid = dacl.GetAce(i)[:3]
        if kind != ntsecuritycon.ACCESS_ALLOWED_ACE_TYPE:
            continue
        try:
            name = "\\".join(win32security.LookupAccountSid(None, sid)[1::-1])
        except win32security.error:
            name = ""
        allowed.append((win32security.ConvertSidToStringSid(sid), name, int(mask)))
    return acl_problems(path, me, allowed)
