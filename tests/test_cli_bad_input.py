"""Bad input to any command is one line on stderr and a non-zero exit, never a traceback.

The walk reads the real parser: every command and action, each argument by its type (a day, an amount, a
file to read, a file to write, a choice) or, for free text, by its name (a matter, an invoice, a client).
A command added later is walked without touching this file.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ledgerwatch.cli import arguments, build_parser, main
from ledgerwatch.cli.capture import SAMPLE_WEEK
from ledgerwatch.cli.errors import CommandError, one_line

# --- what the walk types in ---

GOOD_BY_TYPE = {
    arguments.day: "2026-02-02",
    arguments.amount: "10.00",
    arguments.currency: "USD",
    arguments.count: "5",
    arguments.days: "30",
    arguments.input_file: "{matters}",
    arguments.input_folder: "{folder}",
    arguments.output_file: "{out}",
    int: "5",
}
BAD_BY_TYPE: dict[object, tuple[str, ...]] = {
    arguments.day: ("2026-13-45", "2026-02-30", "tomorrow"),
    arguments.amount: ("NaN", "abc", "10.005", "-5", "0", "Infinity", "1e20"),
    arguments.currency: ("dollars", "1$"),
    arguments.email: ("ap at acme", "a@b", "two@@signs.example"),
    arguments.address: (),
    arguments.count: ("abc", "0", "-3"),
    arguments.days: ("abc", "-5", "1.5"),
    arguments.input_file: ("{missing}", "{folder}", "{binary}", "{garbage}", "{shape}", "{empty}"),
    arguments.input_folder: ("{missing}", "{matters}"),
    arguments.output_file: ("{folder}", "{under_a_file}"),
    int: ("abc",),
}
GOOD_BY_NAME = {
    "client": "Patel Family",
    "ref": "#1",
    "key": "capture.idle_threshold_seconds",
    "value": "600",
    "reason": "entered twice",
}
UNKNOWN_BY_NAME = {
    "client": ("Nobody LLC",),
    "matter": ("9999-Nobody",),
    "ref": ("#999", "INV-999999"),
    "invoice": ("INV-999999",),
    "key": ("capture.nope", "nope"),
    "value": ("not-a-number",),
}
LEARNING = (
    "[1, 2]",
    '{"format": "ledgerwatch-learning/1", "memory": {"doc:x": 5}}',
    '{"format": "ledgerwatch-learning/1", "memory": {"doc:x": {"1001-Smith": "many"}}}',
    '{"format": "ledgerwatch-learning/1", "memory": {}, "model": [1]}',
    '{"format": "ledgerwatch-learning/1", "memory": {}, "model": {"format": 1, "counts": 5}}',
    '{"format": "ledgerwatch-learning/1", "memory": {}, "model": {"format": 1}}',
)
"""learning exports of the wrong shape, each of which must change nothing"""
NOT_CONNECTED = (("sync", "push"), ("sync", "pull"), ("sync", "status"), ("payments", "pull"))


@dataclass(frozen=True)
class Case:
    argv: tuple[str, ...]
    stdin: str = ""
    spoil: str = ""
    """a file of the home to fill with garbage before the command runs"""

    @property
    def id(self) -> str:
        return " ".join(self.argv) + (f" <{self.spoil}>" if self.spoil else "")


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:  # type: ignore[type-arg]
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


def commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser, bool]]:
    """(path, parser, is_group) for every command, group and action under parser."""
    sub = _subparsers(parser)
    if path:
        yield path, parser, sub is not None
    if sub is not None:
        for name, child in sub.choices.items():
            yield from commands(child, (*path, name))


def _takes_value(action: argparse.Action) -> bool:
    return action.nargs != 0 and not isinstance(action, argparse._HelpAction)


def _good(action: argparse.Action) -> str:
    if action.choices:
        return str(next(iter(action.choices)))
    if action.type in GOOD_BY_TYPE:
        return GOOD_BY_TYPE[action.type]
    return GOOD_BY_NAME.get(action.dest, "x")


def _bad(action: argparse.Action) -> tuple[str, ...]:
    if action.choices:
        return ("bogus",)
    return BAD_BY_TYPE.get(action.type, ()) + UNKNOWN_BY_NAME.get(action.dest, ())


def _argv(
    path: tuple[str, ...], needed: list[argparse.Action], swap: argparse.Action | None, value: str
) -> tuple[str, ...]:
    """path, then each needed argument (swap's replaced by value, or added if optional)."""
    words = list(path)
    for action in [*needed, *([swap] if swap is not None and swap not in needed else [])]:
        given = value if action is swap else _good(action)
        words += [action.option_strings[0], given] if action.option_strings else [given]
    return tuple(words)


def walk() -> list[Case]:
    """Every bad input the parser's own description suggests, for every command."""
    cases: list[Case] = []
    for path, parser, is_group in commands(build_parser()):
        if is_group:
            cases.append(Case(path))  # no action
            continue
        values = [a for a in parser._actions if _takes_value(a)]
        needed = [a for a in values if not a.option_strings or a.required]
        cases.append(Case((*_argv(path, needed, None, ""), "--no-such-option")))
        for missing in needed:
            cases.append(Case(_argv(path, [a for a in needed if a is not missing], None, "")))
        for action in values:
            cases += [Case(_argv(path, needed, action, bad)) for bad in _bad(action)]
    cases += [Case(path) for path in NOT_CONNECTED]
    cases += [
        Case(("connect", "clio", "--token-stdin"), stdin="{not json"),
        Case(("connect", "clio", "--token-stdin"), stdin='{"access_token": 5}'),
        Case(("connect", "clio", "--token-stdin")),
        Case(("connect", "clio", "--token-stdin"), stdin="[1]"),
        Case(("ai", "set-key"), stdin="sk-123\n"),
        Case(("drafts", "list")),
        Case(("drafts", "build", "--from", "2026-02-05", "--to", "2026-02-02")),
        Case(("drafts", "export", "--date", "2026-02-02", "--from", "2026-02-02", "--to", "2026-02-03")),
        Case(("drafts", "export", "--date", "2026-02-02", "-o", "{folder}")),
        Case(("demo", "--no-open", "--samples", "{bad_week}")),
        Case(("invoice", "export", "#1", "--format", "pdf")),
        Case(("invoice", "void", "#1", "--reason", " ")),
        *(Case(("learn", "import", f"{{learning_{n}}}")) for n in range(len(LEARNING))),
        Case(("payments", "record", "Patel Family", "10.00", "--invoice", "INV-999999")),
    ]
    for spoil in ("config/config.toml", "data/ledgerwatch.db"):
        cases += [Case(argv, spoil=spoil) for argv in (("status",), ("matters", "list"), ("db", "check"))]
    return cases


CASES = walk()


# --- running a case ---


@pytest.fixture(scope="module")
def seeded_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home holding the sample matters (so 'Patel Family' is a client and 1001-Smith a matter)."""
    home = tmp_path_factory.mktemp("seeded") / "home"
    with pytest.MonkeyPatch.context() as mp:
        for key in [k for k in os.environ if k.startswith("LEDGERWATCH_")]:
            mp.delenv(key)
        mp.setenv("LEDGERWATCH_HOME", str(home))
        mp.setenv("LEDGERWATCH_TIMEZONE", "UTC")
        assert main(["matters", "import", str(SAMPLE_WEEK / "matters.csv")]) == 0
    return home


def files(root: Path) -> dict[str, str]:
    """The placeholders a case's words may name, made under root."""
    root.mkdir()
    (root / "folder").mkdir()
    (root / "binary.json").write_bytes(b"\xff\xfe\x00\x9cgarbage\x00")
    (root / "garbage.json").write_text("{not json,,\nBEGIN:NOTHING\n;;;\n", encoding="utf-8")
    (root / "shape.json").write_text('{"buckets": [1, 2], "memory": [1], "format": 3}', encoding="utf-8")
    (root / "empty.csv").write_bytes(b"")
    (root / "week").mkdir()
    for name in ("matters.csv", "aw-export.json"):
        (root / "week" / name).write_text("{not json,,\n", encoding="utf-8")
    for n, text in enumerate(LEARNING):
        (root / f"learning-{n}.json").write_text(text, encoding="utf-8")
    return {
        "matters": str(SAMPLE_WEEK / "matters.csv"),
        "folder": str(root / "folder"),
        "missing": str(root / "missing.json"),
        "binary": str(root / "binary.json"),
        "garbage": str(root / "garbage.json"),
        "shape": str(root / "shape.json"),
        "empty": str(root / "empty.csv"),
        **{f"learning_{n}": str(root / f"learning-{n}.json") for n in range(len(LEARNING))},
        "bad_week": str(root / "week"),
        "out": str(root / "out.txt"),
        "under_a_file": str(root / "empty.csv" / "out.txt"),
    }


ERROR_LINE = re.compile(r"^ledgerwatch( [\w-]+)*: error: \S")


def assert_one_error(code: object, out: str, err: str) -> None:
    """Non-zero; stderr is one error line, after argparse's usage if argparse refused; no traceback."""
    assert code not in (0, None), f"exit {code}; stdout: {out!r}"
    assert "Traceback" not in out + err
    lines = err.splitlines()
    assert lines and ERROR_LINE.match(lines[-1]), err
    usage = lines[:-1]
    assert not usage or (usage[0].startswith("usage: ") and all(u.startswith(" ") for u in usage[1:])), err


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_one_line_without_traceback(
    case: Case,
    lw_home: Path,
    file_keyring: Path,
    seeded_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each command, given bad input, exits non-zero with one error line on stderr and no traceback."""
    shutil.copytree(seeded_home, lw_home)
    if case.spoil:
        (lw_home / case.spoil).parent.mkdir(parents=True, exist_ok=True)
        (lw_home / case.spoil).write_bytes(b"\x00\xffnot what it should be [[[\n")
    names = files(tmp_path / "files")
    argv = [word.format(**names) for word in case.argv]
    monkeypatch.setattr("sys.stdin", io.StringIO(case.stdin))
    capsys.readouterr()
    try:
        code: object = main(argv)
    except SystemExit as done:
        code = done.code
    except Exception:
        pytest.fail(f"`ledgerwatch {' '.join(argv)}` raised:\n{traceback.format_exc()}")
    out, err = capsys.readouterr()
    assert_one_error(code, out, err)


def test_a_refused_learning_export_teaches_nothing(
    lw_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An export whose memory is fine but whose model is not is refused whole: none of its memory is kept."""
    export = tmp_path / "learned.json"
    export.write_text(
        '{"format": "ledgerwatch-learning/1", "memory": {"doc:brief": {"1001-Smith": 3}},'
        ' "model": {"format": 1, "counts": 5}}',
        encoding="utf-8",
    )
    assert main(["learn", "import", str(export)]) == 2
    assert main(["learn", "status"]) == 0
    assert "attribution memory: 0 associations" in capsys.readouterr().out


def test_status_reads_the_agent_file_and_survives_a_broken_one(
    lw_home: Path, file_keyring: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """status shows what the agent captures; a broken status file is said so, and the rest still shows."""
    status = lw_home / "data" / "capture-status.json"
    status.parent.mkdir(parents=True)
    status.write_text(
        '{"state": "capturing", "window": {"app": "WINWORD.EXE", "title": "Brief.docx"}, "written_at": "09:00"}',
        encoding="utf-8",
    )
    assert main(["status"]) == 0
    assert "capture: capturing WINWORD.EXE — Brief.docx (as of 09:00)" in capsys.readouterr().out
    status.write_bytes(b'{"state": "captu')
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert f"capture: unknown ({status} cannot be read)" in out and "sync: not connected" in out


def test_the_walk_reaches_every_command() -> None:
    """Every command and action of the real parser has bad-input cases, and the walk knows every argument type."""
    found = list(commands(build_parser()))
    walked = {case.argv[:n] for case in CASES for n in range(1, len(case.argv) + 1)}
    assert len(found) > 40 and not [path for path, _, _ in found if path not in walked]
    types = {a.type for _, parser, _ in found for a in parser._actions if _takes_value(a)}
    assert types <= {None, *BAD_BY_TYPE}, f"say in BAD_BY_TYPE what is bad for {types - {None, *BAD_BY_TYPE}}"


# --- the same through the installed entry point, in a real process ---


@pytest.mark.parametrize(
    "argv",
    [
        ("drafts", "list", "--date", "2026-13-45"),
        ("payments", "record", "Patel Family", "NaN"),
        ("import", "activitywatch", "{missing}"),
        ("import", "ics", "{binary}"),
        ("learn", "import", "{garbage}"),
        ("invoice", "finalize", "INV-999999"),
        ("sync", "push"),
    ],
    ids=lambda argv: " ".join(argv),
)
def test_bad_input_in_a_real_process(argv: tuple[str, ...], lw_home: Path, tmp_path: Path) -> None:
    """`python -m ledgerwatch` with bad input prints one error line and exits 2, with no traceback."""
    names = files(tmp_path / "files")
    done = subprocess.run(
        [sys.executable, "-m", "ledgerwatch", *(word.format(**names) for word in argv)],
        env={
            **os.environ,
            "LEDGERWATCH_HOME": str(lw_home),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert_one_error(done.returncode, done.stdout, done.stderr)


# --- the translation itself ---


def test_interrupt_exits_130_quietly(
    lw_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl+C while a command waits for input exits 130 and prints no traceback."""

    class Interrupted(io.StringIO):
        def read(self, size: int | None = -1) -> str:
            raise KeyboardInterrupt

    monkeypatch.setattr("sys.stdin", Interrupted())
    assert main(["connect", "clio", "--token-stdin"]) == 130
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("exc", "line"),
    [
        (FileNotFoundError(2, "No such file or directory", "/x/a.json"), "/x/a.json: no such file"),
        (PermissionError(13, "Permission denied", "/x/a.json"), "/x/a.json: permission denied"),
        (IsADirectoryError(21, "Is a directory", "/x"), "/x: is a folder, not a file"),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "not UTF-8 text"),
        (json.JSONDecodeError("Expecting value", "x", 0), "not valid JSON: Expecting value"),
        (sqlite3.DatabaseError("file is not a database"), "database: file is not a database"),
        (CommandError("setting x:\n  not a number"), "setting x:; not a number"),
    ],
)
def test_user_failures_become_one_line(exc: BaseException, line: str) -> None:
    """Each failure a user's file can cause is described in one line that names what went wrong."""
    described = one_line(exc)
    assert described is not None and described.startswith(line) and "\n" not in described


def test_a_programmers_bug_is_not_hidden() -> None:
    """A bug (not a user's input) is not turned into a one-line error: it must raise, traceback and all."""
    assert one_line(KeyError("x")) is None
    assert one_line(TypeError("bad call")) is None
