"""Matter lists (CSV) read into Matters and their Clients.

Header (line 1): `matter_number,client,description,keywords,status`, in any order; names are
case-insensitive and may use spaces for underscores. Optional columns: `billing_method`, `rate`,
`client_aliases`, `email_domains`, `practice_area`, `aliases` (other names of the matter, e.g. a deal code
name), `identifiers` (docket, application, claim or charge numbers, Bates prefixes), `contacts` (people on the
matter: names or e-mail addresses), `responsible_attorney`. Any other column whose name says it holds
reference numbers (claim_no, docket, application, charge, receipt...) adds its numbers to the matter's
identifiers, and one that names people on the matter (adjuster, contact, insured...) to its contacts;
firm-staff columns (attorney, partner, timekeeper...) and the rest are ignored.
List cells (keywords, client_aliases, email_domains, aliases, identifiers, contacts) are `;`-separated. Status is Open, Pending or
Closed in any case. Matter numbers must be unique (compared case-insensitively).
Rows naming the same client (spaces collapsed) share one Client, whose aliases and e-mail domains
are gathered from all its rows. Blank rows are skipped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ledgerwatch.domain import BillingMethod, Client, Matter, MatterStatus, Money
from ledgerwatch.domain.identifiers import sort_fields
from ledgerwatch.domain.text import clean_line
from ledgerwatch.importers.errors import ImportFailed
from ledgerwatch.importers.files import read_text

REQUIRED = ("matter_number", "client", "description", "keywords", "status")
OPTIONAL = (
    "billing_method",
    "rate",
    "client_aliases",
    "email_domains",
    "practice_area",
    "aliases",
    "identifiers",
    "contacts",
    "responsible_attorney",
)
_METHODS = {
    **{method.value: method for method in BillingMethod},
    "flat fee": BillingMethod.FLAT,
    "flat_fee": BillingMethod.FLAT,
    "contingent": BillingMethod.CONTINGENCY,
}


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    number: str
    client: str
    matter: Matter
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


def read_matters(path: Path) -> list[Matter]:
    """Every matter in the file, in file order; ImportFailed at the first bad line."""
    path = Path(path)
    text = read_text(path, hint=" (in Excel, save as 'CSV UTF-8')")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = _header(path, next(reader, None))
        rows: list[_Row] = []
        seen: dict[str, int] = {}
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                row = _row(path, line, columns, [clean_line(cell) for cell in cells])
                key = row.number.casefold()
                if key in seen:
                    raise ImportFailed(
                        path, f"matter number {row.number!r} is already on line {seen[key]}", line
                    )
                seen[key] = line
                rows.append(row)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFailed(path, f"not valid CSV: {exc}", reader.line_num or 1) from None
    return _with_clients(rows)


def _header(path: Path, cells: list[str] | None) -> dict[str, int]:
    if cells is None:
        raise ImportFailed(path, f"the file is empty; expected a header row {','.join(REQUIRED)}", 1)
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = "_".join(cell.strip().lower().split())
        if name in columns and name in (*REQUIRED, *OPTIONAL):
            raise ImportFailed(path, f"column '{name}' appears twice in the header", 1)
        columns.setdefault(name, index)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        noun = "column" if len(missing) == 1 else "columns"
        raise ImportFailed(path, f"missing {noun} {names} in the header (found: {','.join(cells)[:200]})", 1)
    return columns


def _row(path: Path, line: int, columns: dict[str, int], cells: list[str]) -> _Row:
    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def fail(reason: str) -> ImportFailed:
        return ImportFailed(path, reason, line)

    number = cell("matter_number")
    if not number:
        raise fail("matter_number is empty")
    client = " ".join(cell("client").split())
    if not client:
        raise fail(f"matter {number}: client is empty")
    try:
        status = MatterStatus(cell("status").lower())
    except ValueError:
        raise fail(f"matter {number}: status {cell('status')!r} is not Open, Pending or Closed") from None
    method = _METHODS.get(" ".join(cell("billing_method").lower().split()) or "hourly")
    if method is None:
        options = ", ".join(m.value for m in BillingMethod)
        raise fail(f"matter {number}: billing_method {cell('billing_method')!r} is not one of {options}")
    try:
        rate = _rate(cell("rate"))
    except ValueError:
        raise fail(f"matter {number}: rate {cell('rate')!r} is not an amount") from None
    extra_ids, extra_contacts = sort_fields(_extra(columns, cells))
    matter = Matter(
        number=number,
        client=Client(client),
        description=cell("description"),
        keywords=_split(cell("keywords")),
        status=status,
        billing_method=method,
        rate=rate,
        practice_area=cell("practice_area"),
        aliases=_split(cell("aliases")),
        identifiers=(*_split(cell("identifiers")), *extra_ids),
        contacts=(*_split(cell("contacts")), *extra_contacts),
        responsible_attorney=cell("responsible_attorney"),
    )
    domains = tuple(domain.lstrip("@").lower() for domain in _split(cell("email_domains")))
    return _Row(line, number, client, matter, _split(cell("client_aliases")), domains)


def _extra(columns: dict[str, int], cells: list[str]) -> list[tuple[str, str]]:
    """(header, value) of the columns beyond the known ones: a firm's own claim_no or adjuster column helps
    attribution without being mapped by hand (see domain.identifiers.sort_fields)."""
    return [
        (header, value)
        for header, index in columns.items()
        if header not in (*REQUIRED, *OPTIONAL) and index < len(cells)
        for value in _split(cells[index])
    ]


def _rate(text: str) -> Money | None:
    """An hourly rate such as 350, 350.00 or $1,250; ValueError if it is not a non-negative amount."""
    if not text:
        return None
    try:
        amount = Decimal(text.replace(",", "").replace("$", "").strip())
    except InvalidOperation:
        raise ValueError(text) from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(text)
    return Money(amount)


def _split(text: str) -> tuple[str, ...]:
    """The ;-separated items of a cell, stripped, without empties or repeats."""
    return tuple(dict.fromkeys(item.strip() for item in text.split(";") if item.strip()))


def _with_clients(rows: list[_Row]) -> list[Matter]:
    """The matters, each client built once from all its rows so that one name is one equal Client."""
    aliases: dict[str, dict[str, None]] = {}
    domains: dict[str, dict[str, None]] = {}
    for row in rows:
        aliases.setdefault(row.client, {}).update(dict.fromkeys(row.aliases))
        domains.setdefault(row.client, {}).update(dict.fromkeys(row.domains))
    clients = {name: Client(name, tuple(aliases[name]), tuple(domains[name])) for name in aliases}
    return [replace(row.matter, client=clients[row.client]) for row in rows]
