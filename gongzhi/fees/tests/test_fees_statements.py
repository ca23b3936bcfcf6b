"""Bank-statement import: columns, encodings, matching, duplicates, malformed files."""

from __future__ import annotations

import pytest

from gongzhi.core.errors import ConflictError, DomainError
from gongzhi.fees import services
from gongzhi.fees.models import BankStatementImport, BankStatementRow, Bill, Payment
from gongzhi.fees.tests.conftest import actor

HEADER = "交易日期,贷方金额,对方户名,摘要\n"


def statement(rows: str, encoding: str = "utf-8") -> bytes:
    return (HEADER + rows).encode(encoding)


def run_import(city, data: bytes):
    return services.bank_statement_import(
        actor=actor(city, "company_1"), project_id=city.project_a.pk, data=data, filename="s.csv"
    )


def test_rows_match_by_reference_part_number_and_payer(city, fees):
    data = statement(
        f"2025-02-01,100.00,王小明,物业费 {fees.bill_1.reference}\n"
        '2025/02/02,"1,000.00",某人,1-1-102 物业费\n'
        "20250203,1833.20,王小明,\n"  # exactly what is still due on bill 1
        "2025-02-04,50.00,陌生人,不明款项\n"
        "2025-02-05,-20.00,银行,手续费\n"  # outgoing: skipped
    )
    imported = run_import(city, data)
    assert imported.row_count == 4 and imported.matched_count == 3
    bill_1 = Bill.objects.get(pk=fees.bill_1.pk)
    assert bill_1.paid_fen == bill_1.total_fen == 10000 + 183320
    assert Bill.objects.get(pk=fees.bill_2.pk).paid_fen == 100000
    unmatched = BankStatementRow.objects.get(payment__isnull=True)
    assert unmatched.counterparty == "陌生人" and unmatched.line_number == 5


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_gbk_and_utf8_with_bom_are_read(city, fees, encoding):
    imported = run_import(city, statement("2025-02-01,10.00,王小明,1-1-101\n", encoding))
    assert imported.encoding == ("gbk" if encoding == "gbk" else "utf-8-sig")
    assert imported.matched_count == 1


def test_same_statement_twice_is_refused(city, fees):
    data = statement("2025-02-01,10.00,王小明,1-1-101\n")
    run_import(city, data)
    with pytest.raises(ConflictError):
        run_import(city, data)
    assert BankStatementImport.objects.count() == 1 and Payment.objects.count() == 1


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("2025-13-01,10.00,a,b\n", "第 2 行“交易日期”列"),
        ("2025-02-01,10.00,a,b\n2025-02-02,十元,a,b\n", "第 3 行“贷方金额”列"),
        ("2025-02-01,1.234,a,b\n", "第 2 行“贷方金额”列"),
    ],
)
def test_malformed_csv_names_line_and_column_and_changes_nothing(city, fees, rows, expected):
    with pytest.raises(DomainError) as error:
        run_import(city, statement(rows))
    assert any(expected in str(m) for m in error.value.fields["file"])
    assert not BankStatementImport.objects.exists() and not Payment.objects.exists()


def test_missing_required_column_is_named(city, fees):
    with pytest.raises(DomainError) as error:
        run_import(city, "日期,对方户名\n2025-01-01,x\n".encode())
    assert "贷方金额" in str(error.value.fields["file"][0])


def test_unmatched_row_is_matched_by_hand(city, fees):
    imported = run_import(city, statement("2025-02-04,50.00,陌生人,不明款项\n"))
    row = BankStatementRow.objects.get(statement=imported)
    services.unmatched_match(actor=actor(city, "company_1"), row_id=row.pk, bill_id=fees.bill_2.pk)
    row.refresh_from_db()
    assert row.payment is not None and row.matched_manually
    assert Bill.objects.get(pk=fees.bill_2.pk).paid_fen == 5000
    with pytest.raises(ConflictError):
        services.unmatched_match(
            actor=actor(city, "company_1"), row_id=row.pk, bill_id=fees.bill_2.pk
        )


def test_manual_match_refuses_overpayment(city, fees):
    imported = run_import(city, statement("2025-02-04,9999.00,陌生人,不明款项\n"))
    row = BankStatementRow.objects.get(statement=imported)
    with pytest.raises(DomainError):
        services.unmatched_match(
            actor=actor(city, "company_1"), row_id=row.pk, bill_id=fees.bill_1.pk
        )
    row.refresh_from_db()
    assert row.payment is None and not Payment.objects.exists()
