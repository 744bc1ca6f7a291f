"""Whether a policy file could be written by someone who is not an administrator (then it is refused).

A policy that a user can edit is no policy: on POSIX the file and every folder above it must belong to root
(or an administrators' group) and be writable by no one else; on Windows its owner and every ACE that grants
a write right must be SYSTEM, Administrators or TrustedInstaller. Each check returns the reason for refusal,
or None; the Windows one reads the ACL with pywin32 (imported lazily) and judges it with a pure function.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

FileTrust = Callable[[Path], str | None]
"""path -> why the file must be refused, or None"""

ROOT_UID = 0
ADMIN_GROUPS_POSIX = {"linux": frozenset({0}), "darwin": frozenset({0, 80})}
"""root (and wheel); on macOS also the admin group (gid 80), whose members are administrators"""


def posix_trust(
    admin_uids: Collection[int] = (ROOT_UID,),
    admin_gids: Collection[int] | None = None,
    platform: str = sys.platform,
) -> FileTrust:
    """A check that refuses files (or folders above them) owned by or writable by a non-administrator."""
    gids = frozenset(admin_gids) if admin_gids is not None else ADMIN_GROUPS_POSIX.get(platform, frozenset({0}))
    uids = frozenset(admin_uids)

    def check(path: Path) -> str | None:
        target = path.resolve()
        for node in (target, *target.parents):
            try:
                st = node.stat()
            except OSError as exc:
                return f"{node} cannot be checked: {exc.strerror or exc}"
            what = "file" if node == target else "folder"
            if st.st_uid not in uids:
                return f"the {what} {node} belongs to uid {st.st_uid}, not an administrator (chown root)"
            sticky = stat.S_ISDIR(st.st_mode) and bool(st.st_mode & stat.S_ISVTX)
            if st.st_mode & stat.S_IWOTH and not sticky:
                return f"the {what} {node} is writable by every user (chmod o-w)"
            if st.st_mode & stat.S_IWGRP and st.st_gid not in gids and not sticky:
                return f"the {what} {node} is writable by group {st.st_gid}, not administrators (chmod g-w)"
        return None

    return check


# --- Windows ---

SYSTEM = "S-1-5-18"
ADMINISTRATORS = "S-1-5-32-544"
TRUSTED_INSTALLER = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464"
TRUSTED_SIDS = frozenset({SYSTEM, ADMINISTRATORS, TRUSTED_INSTALLER})
ACCESS_ALLOWED = 0
INHERIT_ONLY = 0x08
WRITE_RIGHTS = (
    0x0002  # FILE_WRITE_DATA / FILE_ADD_FILE
    | 0x0004  # FILE_APPEND_DATA / FILE_ADD_SUBDIRECTORY
    | 0x00010000  # DELETE
    | 0x00040000  # WRITE_DAC
    | 0x00080000  # WRITE_OWNER
    | 0x10000000  # GENERIC_ALL
    | 0x40000000  # GENERIC_WRITE
)


@dataclass(frozen=True)
class Ace:
    """One entry of a DACL as Windows reports it: type (0 allow, 1 deny), flags, access mask, SID string."""

    kind: int
    flags: int
    mask: int
    sid: str


def untrusted_writers(owner: str, aces: Iterable[Ace], trusted: Collection[str] = TRUSTED_SIDS) -> list[str]:
    """SIDs other than the trusted ones that own the object or are allowed to change it (empty: trusted)."""
    found = [] if owner in trusted else [f"owner {owner}"]
    for ace in aces:
        if ace.kind != ACCESS_ALLOWED or ace.flags & INHERIT_ONLY or not ace.mask & WRITE_RIGHTS:
            continue
        if ace.sid not in trusted and ace.sid not in found:
            found.append(ace.sid)
    return found


def windows_trust(read_acl: Callable[[Path], tuple[str, list[Ace]]] | None = None) -> FileTrust:
    """A check on the file's (and its folder's) owner and DACL; a NULL DACL (anyone may write) is refused."""
    reader = read_acl or _read_acl

    def check(path: Path) -> str | None:
        for node in (path, path.parent):
            try:
                owner, aces = reader(node)
            except OSError as exc:
                return f"{node}: its permissions cannot be read ({exc})"
            bad = untrusted_writers(owner, aces)
            if bad:
                return (
                    f"{node} can be changed by {', '.join(bad)}, not only SYSTEM and Administrators "
                    "(reinstall, or: icacls <folder> /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F "
                    "*S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX)"
                )
        return None

    return check


def _read_acl(path: Path) -> tuple[str, list[Ace]]:  # pragma: no cover - Windows only
    import importlib

    sec = importlib.import_module("win32security")
    info = sec.OWNER_SECURITY_INFORMATION | sec.DACL_SECURITY_INFORMATION
    descriptor = sec.GetNamedSecurityInfo(str(path), sec.SE_FILE_OBJECT, info)
    owner = sec.ConvertSidToStringSid(descriptor.GetSecurityDescriptorOwner())
    dacl = descriptor.GetSecurityDescriptorDacl()
    if dacl is None:
        return owner, [Ace(ACCESS_ALLOWED, 0, WRITE_RIGHTS, "S-1-1-0 (NULL DACL: Everyone)")]
    aces = []
    for i in range(dacl.GetAceCount()):
        (kind, flags), mask, sid = dacl.GetAce(i)[:3]
        aces.append(Ace(kind, flags, mask, sec.ConvertSidToStringSid(sid)))
    return owner, aces


def file_trust(platform: str = sys.platform, extra_uids: Collection[int] = ()) -> FileTrust:
    """The check for this platform; extra_uids are trusted owners besides root (a development override)."""
    if platform == "win32":
        return windows_trust()
    return posix_trust((ROOT_UID, *extra_uids), platform=platform)


def current_uid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None
