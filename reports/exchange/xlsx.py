"""An xlsx workbook for reporters: one sheet per extract, header row frozen, links clickable,
Chinese text as text; cells that look like formulas are neutralised as in the CSV extracts."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from warehouse.export import EXPORTS, neutralise
from warehouse.query import run_query

SHEET_ROWS = 1_000_000  # xlsx holds 1,048,576 rows a sheet


def write_xlsx(warehouse: str | Path, out_dir: str | Path, names: list[str] | None = None) -> tuple[Path, int]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    book = Workbook(write_only=True)
    total = 0
    for name in names or list(EXPORTS):
        columns, data = run_query(warehouse, EXPORTS[name] + f" LIMIT {SHEET_ROWS}")
        sheet = book.create_sheet(title=name[:31])
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, 1):
            sheet.column_dimensions[get_column_letter(index)].width = 60 if column in ("evidence", "source_url", "source_urls") else 22
        sheet.append(columns)
        for row in data:
            sheet.append([neutralise(v) if isinstance(v, str) else (float(v) if hasattr(v, "as_tuple") else v) for v in row])
        total += len(data)
    target = out / "procwatch.xlsx"
    partial = out / ".procwatch.xlsx.partial"
    book.save(partial)
    partial.replace(target)
    return target, total
