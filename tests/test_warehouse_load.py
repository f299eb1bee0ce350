"""load_batch: record dicts become rows as the schema types them; loads are upserts, idempotent, and
never lose a row; batches stay durable while the table files are written only at a checkpoint."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import duckdb
import pyarrow as pa
import pytest

from warehouse.db import migrate
from warehouse.load import arrow_table, load_batch

from identity_support import warehouse  # noqa: F401


@pytest.fixture()
def con(warehouse):  # a migrated DuckDB file (identity_support's fixture)
    return warehouse


def award(award_id: str, **fields) -> dict:
    return {"award_id": award_id, "notice_id": "n1", "doc_id": "d1", **fields}


def awards(con) -> list[tuple]:
    return con.execute("SELECT award_id, amount, amount_usd, date, fx_rate_date, confidence, document_status, lot "
                       "FROM awards ORDER BY award_id").fetchall()


def test_values_take_the_schema_types(con):
    load_batch(con, {"awards": [
        award("a1", amount=569800.0, amount_usd=79772.0, date="2025-06-27", confidence=1),
        award("a2", amount=12.5, date="2024-01-02", fx_rate_date="2024-01-01", document_status=None, lot="2"),
    ]})
    assert awards(con) == [
        ("a1", Decimal("569800.0000"), Decimal("79772.00"), date(2025, 6, 27), None, 1.0, "active", None),
        ("a2", Decimal("12.5000"), None, date(2024, 1, 2), date(2024, 1, 1), None, None, "2"),  # an explicit None stays
    ]


def test_partial_dates_and_mixed_money_are_read_one_value_at_a_time(con):
    load_batch(con, {"awards": [
        award("b1", amount=Decimal("12.34565"), amount_usd=Decimal("79772.005"), date=" 2024-01-02T10:00:00 "),
        award("b2", amount="1,000", amount_usd=float("nan"), date="2018"),
        award("b3", amount=3, amount_usd=2.5, date=None),
    ]})
    assert awards(con) == [
        ("b1", Decimal("12.3457"), Decimal("79772.01"), date(2024, 1, 2), None, None, "active", None),
        ("b2", None, None, None, None, None, "active", None),  # '2018' is no day; '1,000' no number
        ("b3", Decimal("3.0000"), Decimal("2.50"), None, None, None, "active", None),
    ]


def test_date_objects_load_as_days(con):
    load_batch(con, {"awards": [award("c1", date=date(2023, 5, 6), fx_rate_date=datetime(2023, 5, 7, 8), amount=1.5)]})
    assert awards(con) == [("c1", Decimal("1.5000"), None, date(2023, 5, 6), date(2023, 5, 7), None, "active", None)]


def test_a_value_of_the_wrong_type_fails_the_batch_instead_of_vanishing(con):
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        load_batch(con, {"awards": [award("a1"), award("a2", confidence="high")]})
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        load_batch(con, {"awards": [award(17)]})
    assert awards(con) == []


def test_loading_the_same_records_twice_leaves_the_same_rows(con):
    batch = {
        "documents": [{"doc_id": "d1", "url": "https://x.example/1", "fetched_at": "2024-01-02T03:04:05Z"}],
        "notices": [{"notice_id": "n1", "doc_id": "d1", "notice_type": "award", "budget": 10.5}],
        "awards": [award(f"a{i}", amount=i * 1.5, date="2024-03-01") for i in range(50)],
        "org_aliases": [{"alias": "Acme", "org_id": "o1"}],
        "organizations": [{"org_id": "o1", "name": "Acme"}],
    }
    load_batch(con, batch)
    tables = ("documents", "notices", "notice_documents", "awards", "org_aliases", "organizations")
    first = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
    load_batch(con, batch)
    assert {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables} == first
    assert len(first["awards"]) == 50


def test_an_upsert_replaces_the_row_with_its_key(con):
    load_batch(con, {"awards": [award("a1", amount=1.0), award("a2", amount=2.0)]})
    load_batch(con, {"awards": [award("a2", amount=20.0), award("a3", amount=3.0)]})
    assert [(r[0], r[1]) for r in awards(con)] == [("a1", Decimal("1.0000")), ("a2", Decimal("20.0000")),
                                                   ("a3", Decimal("3.0000"))]


def test_a_key_given_twice_in_one_batch_keeps_the_last_record(con):
    loaded = load_batch(con, {
        "awards": [award("a1", amount=1.0), award("a2", amount=2.0), award("a1", amount=10.0)],
        "org_aliases": [{"alias": "Acme", "org_id": "o1", "score": 0.5}, {"alias": "Acme", "org_id": "o2"},
                        {"alias": "Acme", "org_id": "o1", "score": 0.9}],
    })
    assert loaded["awards"] == 2 and loaded["org_aliases"] == 2
    assert [(r[0], r[1]) for r in awards(con)] == [("a1", Decimal("10.0000")), ("a2", Decimal("2.0000"))]
    assert con.execute("SELECT org_id, score FROM org_aliases ORDER BY org_id").fetchall() == [("o1", 0.9), ("o2", None)]


def test_arrow_table_has_every_column_of_the_table(con):
    table = arrow_table(con, "awards", [award("a1", amount=1.0, unknown_field="ignored")])
    columns = [c for (c,) in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'awards' "
                                         "ORDER BY ordinal_position").fetchall()]
    assert table.column_names == columns
    assert table.schema.field("amount").type == pa.decimal128(38, 4)
    assert table.schema.field("date").type == pa.date32()


def test_committed_batches_survive_a_crash_before_any_checkpoint(tmp_path):
    path = tmp_path / "w.duckdb"
    writer = duckdb.connect(str(path))
    migrate(writer)
    for start in range(0, 3000, 1000):
        load_batch(writer, {"awards": [award(f"a{i:05d}", amount=float(i)) for i in range(start, start + 1000)]})
    assert path.with_name(path.name + ".wal").exists()  # the rows sit in the log until a checkpoint
    # Copy the file and its log as a killed process would leave them, without the clean close's checkpoint.
    crashed = tmp_path / "crashed.duckdb"
    crashed.write_bytes(path.read_bytes())
    crashed.with_name(crashed.name + ".wal").write_bytes(path.with_name(path.name + ".wal").read_bytes())
    writer.close()
    reopened = duckdb.connect(str(crashed))
    assert reopened.execute("SELECT count(*), count(DISTINCT award_id), sum(amount) FROM awards").fetchone() == (
        3000, 3000, Decimal(sum(range(3000))))
    reopened.execute("CHECKPOINT")
    reopened.close()
    assert duckdb.connect(str(crashed), read_only=True).execute("SELECT count(*) FROM awards").fetchone()[0] == 3000
