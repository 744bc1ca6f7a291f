"""Matter lists: the sample, optional columns, shared clients, and bad rows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ledgerwatch import samples
from ledgerwatch.domain import BillingMethod, Client, MatterStatus, Money
from ledgerwatch.importers import ImportFailed, read_matters

SAMPLE = samples.week() / "matters.csv"
HEADER = "matter_number,client,description,keywords,status"


def csv_file(tmp_path: Path, text: str, name: str = "matters.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_matters_parse_with_keywords() -> None:
    """The sample's five open matters keep their numbers, clients, descriptions and keywords."""
    matters = read_matters(SAMPLE)
    assert [m.number for m in matters] == [
        "1001-Smith",
        "1002-Northwind",
        "1003-Northwind",
        "1004-Patel",
        "1005-Blue",
    ]
    smith = matters[0]
    assert smith.client == Client("Smith, Jordan")
    assert smith.description == "Smith v. Acme Freight - personal injury"
    assert smith.keywords == ("Smith", "Acme Freight", "3:25-cv-00917")
    assert all(m.status is MatterStatus.OPEN for m in matters)
    assert matters[1].client == matters[2].client


def test_optional_columns_are_read(tmp_path: Path) -> None:
    """billing_method, rate, client_aliases, email_domains and practice_area fill the Matter and Client."""
    path = csv_file(
        tmp_path,
        f"{HEADER},billing_method,rate,client_aliases,email_domains,practice_area\n"
        '2001,Acme Corp,Lease,lease;renewal,open,Flat Fee,"$1,250.50",Acme;ACME Inc,@Acme.com;acme.co.uk,Real estate\n',
    )
    (matter,) = read_matters(path)
    assert matter.billing_method is BillingMethod.FLAT
    assert matter.rate == Money(Decimal("1250.50"))
    assert matter.practice_area == "Real estate"
    assert matter.client == Client(
        "Acme Corp", aliases=("Acme", "ACME Inc"), email_domains=("acme.com", "acme.co.uk")
    )


def test_same_client_name_gives_equal_clients_gathering_all_rows(tmp_path: Path) -> None:
    """Two rows for one client share one Client, whose aliases and domains come from both rows."""
    path = csv_file(
        tmp_path,
        f"{HEADER},client_aliases,email_domains\n"
        "1,Northwind  Traders,A,x,Open,Northwind,northwind.com\n"
        "2,Northwind Traders,B,y,Open,NWT,\n",
    )
    first, second = read_matters(path)
    assert first.client == second.client
    assert first.client == Client(
        "Northwind Traders", aliases=("Northwind", "NWT"), email_domains=("northwind.com",)
    )


def test_status_is_case_insensitive_and_columns_may_move(tmp_path: Path) -> None:
    """Status in any case, header names in any case or order, extra columns ignored."""
    path = csv_file(
        tmp_path,
        "Status,Notes,Matter Number,Client,Description,Keywords\n"
        "CLOSED,old,3001,Patel Family,Estate,Patel\n"
        "pending,,3002,Patel Family,Trust,\n",
    )
    closed, pending = read_matters(path)
    assert (closed.number, closed.status) == ("3001", MatterStatus.CLOSED)
    assert (pending.status, pending.keywords) == (MatterStatus.PENDING, ())
    assert closed.billing_method is BillingMethod.HOURLY
    assert closed.rate is None


def test_keywords_are_trimmed_without_empties_or_repeats(tmp_path: Path) -> None:
    """Keywords split on ';', trimmed, with empty and repeated items dropped."""
    path = csv_file(tmp_path, f"{HEADER}\n1,C,D, lease ;;Lease; lease ,Open\n")
    assert read_matters(path)[0].keywords == ("lease", "Lease")


def test_excel_bom_and_blank_rows_are_accepted(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark (Excel's CSV UTF-8) and blank rows do no harm."""
    path = tmp_path / "excel.csv"
    path.write_bytes(f"\ufeff{HEADER}\r\n1,C,D,k,Open\r\n,,,,\r\n\r\n2,C,D,k,Open\r\n".encode())
    assert [m.number for m in read_matters(path)] == ["1", "2"]


# --- bad input ---


def failure(path: Path) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        read_matters(path)
    assert str(caught.value).startswith(f"{path}:")
    return caught.value


def test_missing_required_column_names_it_at_line_one(tmp_path: Path) -> None:
    """A header without 'keywords' fails at line 1 naming the column."""
    error = failure(csv_file(tmp_path, "matter_number,client,description,status\n1,C,D,Open\n"))
    assert error.line == 1
    assert "missing column 'keywords'" in error.reason
    assert str(error).startswith(f"{tmp_path / 'matters.csv'}:1: ")


def test_bad_status_names_the_row_line_after_a_multiline_cell(tmp_path: Path) -> None:
    """A bad row is reported at its own line, even after a quoted cell spanning two lines."""
    path = csv_file(tmp_path, f'{HEADER}\n1,C,"two\nlines",k,Open\n2,C,D,k,Dormant\n')
    error = failure(path)
    assert error.line == 4
    assert "status 'Dormant' is not Open, Pending or Closed" in error.reason


def test_duplicate_matter_numbers_fail(tmp_path: Path) -> None:
    """A matter number that appears twice fails at the second, naming the first line."""
    error = failure(csv_file(tmp_path, f"{HEADER}\n1001,C,D,k,Open\n1002,C,D,k,Open\n1001,C,E,k,Open\n"))
    assert error.line == 4
    assert "matter number '1001' is already on line 2" in error.reason


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (",C,D,k,Open", "matter_number is empty"),
        ("1,,D,k,Open", "matter 1: client is empty"),
        ("1,C,D,k", "status '' is not Open"),
    ],
)
def test_bad_rows_fail_at_their_line(tmp_path: Path, row: str, expected: str) -> None:
    """An empty number or client, or a short row, fails at that row's line."""
    error = failure(csv_file(tmp_path, f"{HEADER}\n1000,C,D,k,Open\n{row}\n"))
    assert error.line == 3
    assert expected in error.reason


def test_bad_rate_and_billing_method_fail(tmp_path: Path) -> None:
    """A rate that is not an amount and an unknown billing method are row errors."""
    header = f"{HEADER},billing_method,rate"
    error = failure(csv_file(tmp_path, f"{header}\n1,C,D,k,Open,hourly,lots\n"))
    assert (error.line, "rate 'lots' is not an amount" in error.reason) == (2, True)
    error = failure(csv_file(tmp_path, f"{header}\n1,C,D,k,Open,barter,100\n", "m2.csv"))
    assert "billing_method 'barter'" in error.reason


def test_empty_file_fails_at_line_one(tmp_path: Path) -> None:
    """An empty file has no header."""
    error = failure(csv_file(tmp_path, ""))
    assert error.line == 1
    assert "empty" in error.reason


def test_not_utf8_fails_with_hint(tmp_path: Path) -> None:
    """A Windows-1252 file fails at the bad byte, suggesting CSV UTF-8."""
    path = tmp_path / "cp1252.csv"
    path.write_bytes(f"{HEADER}\n1,Café Ltd,D,k,Open\n".encode("cp1252"))
    error = failure(path)
    assert (error.line, error.column) == (2, 6)
    assert "CSV UTF-8" in error.reason


def test_nonexistent_file_fails() -> None:
    """A missing file fails naming it."""
    with pytest.raises(ImportFailed, match=r"^/nope/matters\.csv: file does not exist$"):
        read_matters(Path("/nope/matters.csv"))
