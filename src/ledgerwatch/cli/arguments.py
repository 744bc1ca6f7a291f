"""What every command module shares: argument types, the parser builders, opening the services.

Imported when the parser is built, so it imports nothing but the standard library and the domain; a
handler imports the application (``ledgerwatch.app``) only when it runs.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledgerwatch.cli.errors import CommandError

if TYPE_CHECKING:
    from ledgerwatch.app import Services

Handler = Callable[[argparse.Namespace], int]
Subparsers = Any
"""what ``add_subparsers`` returns (argparse does not name its type publicly)"""

CENT = Decimal("0.01")
"""money is kept to the cent"""
LARGEST_AMOUNT = Decimal("999999999999.99")
"""the largest amount the store holds (Numeric(14, 2))"""


# --- argument types: each turns a word into a value or an argparse error (usage and one line) ---


def day(text: str) -> date:
    """A local day, YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def amount(text: str) -> Decimal:
    """A positive amount of money to the cent: 500, 500.5, 500.00 (not 500.005, NaN or -5)."""
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r}") from exc
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"not an amount: {text!r}")
    if value <= 0:
        raise argparse.ArgumentTypeError(f"an amount must be positive, not {text!r}")
    if value > LARGEST_AMOUNT:
        raise argparse.ArgumentTypeError(f"{text!r} is more than {LARGEST_AMOUNT:,}")
    if value.quantize(CENT) != value:
        raise argparse.ArgumentTypeError(f"{text!r} has fractions of a cent (at most 2 decimals)")
    return value


def currency(text: str) -> str:
    """An ISO 4217 currency code: USD, EUR, GBP."""
    code = text.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise argparse.ArgumentTypeError(f"not a currency code (three letters, e.g. USD): {text!r}")
    return code


def email(text: str) -> str:
    """An e-mail address: one @, a dotted domain, no spaces ('' clears it)."""
    value = text.strip()
    if value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s.]+", value):
        raise argparse.ArgumentTypeError(f"not an e-mail address: {text!r}")
    return value


def address(text: str) -> str:
    """A postal address; a typed \\n (as a shell passes it) starts a new line."""
    return "\n".join(line.strip() for line in text.replace("\\n", "\n").splitlines())


def count(text: str) -> int:
    """A whole number of at least 1 (rows to show)."""
    return _whole(text, minimum=1)


def days(text: str) -> int:
    """A whole number of days, 0 or more."""
    return _whole(text, minimum=0)


def _whole(text: str, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from exc
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be at least {minimum}, not {value}")
    return value


def input_file(text: str) -> Path:
    """A file to read; whether it exists and holds what it should is the handler's to say, in one line."""
    return Path(text).expanduser()


def input_folder(text: str) -> Path:
    """A folder to read from."""
    return Path(text).expanduser()


def output_file(text: str) -> Path:
    """A file to write."""
    return Path(text).expanduser()


# --- building the parser ---


def command(parent: Subparsers, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
    """A command (or a group's action) that runs handler."""
    p: argparse.ArgumentParser = parent.add_parser(name, help=help_text, description=help_text)
    p.set_defaults(handler=handler)
    return p


def group(parent: Subparsers, name: str, help_text: str) -> Subparsers:
    """A command with actions of its own (`ledgerwatch sync push`); returns where to add them."""
    p = parent.add_parser(name, help=help_text, description=help_text)
    return p.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True)


def date_range(p: argparse.ArgumentParser) -> None:
    """--date D, or --from D --to D."""
    p.add_argument("--date", type=day, help="one local day, YYYY-MM-DD")
    p.add_argument("--from", dest="first", type=day, help="first local day")
    p.add_argument("--to", dest="last", type=day, help="last local day")


def chosen_range(args: argparse.Namespace) -> tuple[date, date]:
    """The days date_range's options chose."""
    if args.date and (args.first or args.last):
        raise CommandError("give either --date or --from/--to, not both")
    if args.date:
        return args.date, args.date
    if not (args.first and args.last):
        raise CommandError("give --date D, or --from D --to D")
    if args.last < args.first:
        raise CommandError(f"--to {args.last} is before --from {args.first}")
    return args.first, args.last


def services(args: argparse.Namespace) -> Services:
    """The application's services for the effective settings (imports the application now, not before)."""
    from ledgerwatch import config
    from ledgerwatch.app import open_services

    return open_services(config.load(overrides=getattr(args, "overrides", None)))
