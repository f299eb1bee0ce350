"""Reporter extracts: CSV (UTF-8 with BOM, formula cells neutralised) and Parquet.

Every extract row carries its source URL and evidence. Files are written only inside the
output folder, under fixed names; each is written to a temp name and renamed when complete.

The nightly run publishes its extracts as one set (`publish_night`): every file of the night goes
into a folder of its own, `.<out>.nights/<run_id>/`, with `NIGHT.json` naming the run and each file's
rows and sha256; then `<out>` (a symbolic link) is switched to it in one rename. Readers of `<out>/`
see the whole previous night or the whole new one, never a mix.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

EXPORTS = {
    "awards": "SELECT * EXCLUDE (vendor_org_id, agency_org_id, notice_id, doc_id) FROM award_details ORDER BY date DESC NULLS LAST, award_id",
    "relationships": "SELECT * EXCLUDE (vendor_org_id, agency_org_id, doc_id) FROM relationship_details ORDER BY published_at DESC NULLS LAST, relationship_id",
    "amount_mentions": "SELECT * EXCLUDE (doc_id) FROM amount_details ORDER BY published_at DESC NULLS LAST, mention_id",
    "vendor_agency_totals": "SELECT * EXCLUDE (vendor_org_id, agency_org_id) FROM vendor_agency_totals ORDER BY total_usd DESC NULLS LAST, vendor, agency",
    "surveillance_awards": "SELECT * EXCLUDE (vendor_org_id, agency_org_id, notice_id, doc_id) FROM surveillance_awards ORDER BY date DESC NULLS LAST, award_id",
    # a failure has no evidence of a deal: its evidence column says why the document was not read
    "parse_failures": "SELECT f.*, d.source_id, f.url AS source_url, 'not read by ' || f.parser || ': ' || f.error AS evidence "
                      "FROM parse_failures f LEFT JOIN documents d USING (doc_id) ORDER BY f.doc_id",
}
FORMATS = ("csv", "parquet")
# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


class ExportError(ValueError):
    pass


def neutralise(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _target(out_dir: Path, name: str, fmt: str) -> Path:
    if name not in EXPORTS:
        raise ExportError(f"unknown extract '{name}' (known: {', '.join(EXPORTS)})")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format '{fmt}' (csv or parquet)")
    target = (out_dir / f"{name}.{fmt}").resolve()
    if target.parent != out_dir.resolve():
        raise ExportError(f"refusing to write outside {out_dir}")
    return target


def _temp_beside(target: Path) -> Path:
    """A new, empty temporary file beside `target`, created exclusively: never an existing file
    or a link planted under a predictable name."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    os.chmod(name, 0o644)  # extracts are for reading by others; mkstemp makes them private
    return Path(name)


def write_csv(con: duckdb.DuckDBPyConnection, sql: str, target: Path) -> int:
    result = con.execute(sql)
    columns = [d[0] for d in result.description]
    tmp = _temp_beside(target)
    count = 0
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        while batch := result.fetchmany(10_000):
            writer.writerows([neutralise(v) for v in row] for row in batch)
            count += len(batch)
    os.replace(tmp, target)
    return count


def write_parquet(con: duckdb.DuckDBPyConnection, sql: str, target: Path) -> int:
    """Streamed through Arrow, so it works from the analysts' session, where DuckDB may not touch files."""
    tmp = _temp_beside(target)
    batches = con.sql(sql).to_arrow_reader(100_000)
    count = 0
    with pq.ParquetWriter(str(tmp), batches.schema) as writer:
        for batch in batches:
            writer.write_batch(batch)
            count += batch.num_rows
    os.replace(tmp, target)
    return count


def export(con: duckdb.DuckDBPyConnection, out_dir: str | Path, names: list[str] | None = None,
           fmt: str = "csv") -> dict[str, tuple[Path, int]]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in names or list(EXPORTS):
        target = _target(out, name, fmt)
        writer = write_csv if fmt == "csv" else write_parquet
        written[name] = (target, writer(con, EXPORTS[name], target))
    return written


MANIFEST = "NIGHT.json"
NIGHTS_KEPT = 3  # the current set and two before it, for readers still holding their files


def nights_folder(out: Path) -> Path:
    return out.parent / f".{out.name}.nights"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def publish_night(con: duckdb.DuckDBPyConnection, out_dir: str | Path, run_id: str, fmt: str = "csv") -> dict[str, tuple[Path, int]]:
    """Write the night's whole set into its own folder, then switch `out_dir` to it atomically."""
    out = Path(out_dir)
    if out.exists() and not out.is_symlink() and not out.is_dir():
        raise ExportError(f"{out} exists and is not a folder")
    nights = nights_folder(out)
    night = nights / run_id
    if night.exists():
        shutil.rmtree(night)
    written = export(con, night, fmt=fmt)
    manifest = {"run_id": run_id, "written_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "format": fmt,
                "files": {name: {"file": path.name, "rows": rows, "sha256": _sha256(path)}
                          for name, (path, rows) in written.items()}}
    tmp = _temp_beside(night / MANIFEST)
    tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    os.replace(tmp, night / MANIFEST)
    return {name: (out / path.name, rows) for name, (path, rows) in written.items()}


def switch_night(out_dir: str | Path, run_id: str) -> None:
    """Point `out_dir` at the night `run_id` (one rename), and drop nights older than the last few."""
    out = Path(out_dir)
    nights = nights_folder(out)
    if out.exists() and not out.is_symlink():
        # Extracts from before nights were kept as sets: kept aside once, then replaced by the link.
        os.replace(out, nights / f"before-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}")
    link = nights / f".switch-{run_id}"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(os.path.join(nights.name, run_id), link)
    os.replace(link, out)
    for old in sorted((p for p in nights.iterdir() if p.is_dir() and p.name != run_id), key=lambda p: p.stat().st_mtime)[:-(NIGHTS_KEPT - 1) or None]:
        shutil.rmtree(old, ignore_errors=True)


def current_night(out_dir: str | Path) -> dict | None:
    """The manifest of the set `out_dir` shows, or None."""
    path = Path(out_dir) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
