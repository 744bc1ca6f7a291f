"""The `ledgerwatch` command: parses arguments and calls services; no logic of its own.

One module per command group registers its parsers beside its handlers. Building the parser imports only
the standard library and the domain, so `ledgerwatch --help` starts at once; a handler imports the
application when it runs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Sequence

from ledgerwatch import __version__
from ledgerwatch.cli import assist, billing, capture, data, drafts, firm, learn, settings, store, sync, trust
from ledgerwatch.cli.errors import CommandError, one_line

__all__ = ["CommandError", "build_parser", "main"]

GROUPS = (capture, data, drafts, sync, billing, trust, learn, assist, settings, store, firm)
"""in the order `ledgerwatch --help` lists them; modules with the same TITLE share a heading"""

DESCRIPTION = (
    "Passive time capture and billing for law firms. Nothing leaves this machine before you approve it."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ledgerwatch",
        usage="%(prog)s [-h] [--version] COMMAND ...",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ledgerwatch {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, prog="ledgerwatch", help=argparse.SUPPRESS
    )
    sections: dict[str, list[str]] = {}
    for module in GROUPS:
        known = set(sub.choices)
        module.register(sub)
        sections.setdefault(module.TITLE, []).extend(name for name in sub.choices if name not in known)
    parser.description = _wrap(DESCRIPTION)
    parser.epilog = _listing(sub.choices, sections)
    return parser


def _wrap(text: str, indent: str = "") -> str:
    width = max(shutil.get_terminal_size().columns - 2, 40)  # argparse's width
    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)


def _listing(parsers: dict[str, argparse.ArgumentParser], sections: dict[str, list[str]]) -> str:
    """The commands under their groups' headings, as argparse would list them under one."""
    column = max(len(name) for names in sections.values() for name in names) + 4
    blocks = []
    for title, names in sections.items():
        lines = [f"{title}:"]
        for name in names:
            text = _wrap(parsers[name].description or "", " " * column)
            lines.append(f"  {name:<{column - 2}}{text[column:]}")
        blocks.append("\n".join(lines))
    blocks.append(
        _wrap("Every command has --help: `ledgerwatch sync --help`, `ledgerwatch sync push --help`.")
    )
    return "\n\n".join(blocks)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a failure the user can cause is one line on stderr and exit status 2."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _stdout_gone()
    except Exception as exc:
        message = one_line(exc)
        if message is None:
            raise
        print(f"ledgerwatch: error: {message}", file=sys.stderr)
        return 2


def _stdout_gone() -> int:
    """`ledgerwatch drafts export | head`: the reader left; say nothing more (as a shell tool does)."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError):  # no real stdout (a test's capture): nothing to silence
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 141
