"""Load speed: `warehouse.load.load_batch` beside DuckDB reading the same rows from Parquet.

Rows are award rows shaped like the parsers' (names from the corpus, log-normal amounts,
evidence strings, URLs). Both sides write into an on-disk DuckDB file of the same schema
family; ours pays for dict rows -> Arrow, the upsert and the primary key, as the nightly does.
"""
from __future__ import annotations

import math
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from warehouse.db import migrate
from warehouse.load import arrow_table, load_batch

from .shapes import chinese_buyer, chinese_vendor, load_shapes

BATCH = 10_000


@dataclass
class LoadFigures:
    rows: int
    seconds: float
    native_seconds: float

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    @property
    def vs_native(self) -> float:
        return self.seconds / self.native_seconds if self.native_seconds else float("inf")


def award_rows(start: int, count: int, seed: int = 11) -> list[dict]:
    shapes = load_shapes()
    rng = random.Random(seed + start)
    mean, sd = shapes.amount_spread()
    currencies = list(shapes.currencies)
    weights = [shapes.currencies[c] for c in currencies]
    rows = []
    for i in range(start, start + count):
        currency = rng.choices(currencies, weights)[0]
        amount = round(math.exp(rng.gauss(mean, sd)), 2)
        vendor = shapes.vendors[i % len(shapes.vendors)] if i % 3 == 0 else chinese_vendor(i % 5000)
        agency = shapes.buyers[i % len(shapes.buyers)] if i % 4 == 0 else chinese_buyer(i % 2000)
        date = f"{rng.randint(2009, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc = f"{i // 2:064x}"
        rows.append({
            "award_id": f"award-{i:020x}", "notice_id": f"notice-{i // 2:020x}", "doc_id": doc,
            "vendor_org_id": f"org-v{i % 5000:05d}", "agency_org_id": f"org-a{i % 2000:05d}",
            "vendor_raw": vendor, "agency_raw": agency, "amount": amount, "currency": currency,
            "amount_raw": f"{amount:,.2f}", "amount_usd": amount * 0.14 if currency == "CNY" else amount,
            "fx_rate_date": date, "date": date, "lot": str(i % 3 + 1) if i % 5 == 0 else None, "status": "active",
            "evidence": f"awards[{i % 3}].value.amount={amount}", "confidence": 1.0,
            "source_url": f"https://www.ccgp.gov.cn/cggg/dfgg/zbgg/{date[:7].replace('-', '')}/t{i:09d}.htm",
        })
    return rows


def run(total_rows: int) -> LoadFigures:
    with tempfile.TemporaryDirectory(prefix="procwatch-bench-load-") as tmp:
        ours_db = duckdb.connect(str(Path(tmp) / "ours.duckdb"))
        migrate(ours_db)
        parquet = Path(tmp) / "awards.parquet"
        writer, seconds = None, 0.0
        for start in range(0, total_rows, BATCH):
            rows = award_rows(start, min(BATCH, total_rows - start))
            table = arrow_table(ours_db, "awards", rows)
            writer = writer or pq.ParquetWriter(str(parquet), table.schema)
            writer.write_table(table)  # the same rows, for the native side (not timed)
            started = time.perf_counter()
            load_batch(ours_db, {"awards": rows})
            seconds += time.perf_counter() - started
        writer.close()
        started = time.perf_counter()
        ours_db.execute("CHECKPOINT")  # both sides end with the rows on disk
        seconds += time.perf_counter() - started
        loaded = ours_db.execute("SELECT count(*) FROM awards").fetchone()[0]
        ours_db.close()

        native_db = duckdb.connect(str(Path(tmp) / "native.duckdb"))
        started = time.perf_counter()
        native_db.execute(f"CREATE TABLE awards AS SELECT * FROM read_parquet('{parquet.as_posix()}')")
        native_db.execute("CHECKPOINT")
        native_seconds = time.perf_counter() - started
        native_db.close()
    if loaded != total_rows:
        raise RuntimeError(f"load benchmark: {loaded} rows in the table, {total_rows} sent")
    return LoadFigures(total_rows, seconds, native_seconds)
