"""Record dicts to an Arrow table shaped like a warehouse table (its columns, its types).

Most columns convert in one pass: Arrow reads every row dict into a struct array in C++, so no
Python loop runs per row. Columns that need coercing (timestamps, partial dates, mixed money
values) or that carry a text default fall back to a Python list, one column at a time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

TABLE_COLUMNS_SQL = Path(__file__).resolve().parent / "sql" / "table_columns.sql"

_TYPES = {"TIMESTAMP": pa.timestamp("us"), "DOUBLE": pa.float64(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
          "BOOLEAN": pa.bool_(), "JSON": pa.string(), "VARCHAR": pa.string(), "DATE": pa.date32()}
_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")
_TEXT_DEFAULT = re.compile(r"'([^']*)'")
_ARROW_ERRORS = (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError)


@dataclass(frozen=True)
class Column:
    name: str
    arrow_type: pa.DataType
    default: str | None  # a text default ('active'): a row that does not carry the column gets it, not NULL


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[Column]:
    rows = con.execute(TABLE_COLUMNS_SQL.read_text(encoding="utf-8"), [table]).fetchall()
    return [Column(name, _arrow_type(dtype), m.group(1) if default and (m := _TEXT_DEFAULT.fullmatch(default)) else None)
            for name, dtype, default in rows]


def _arrow_type(data_type: str) -> pa.DataType:
    decimal = _DECIMAL.fullmatch(data_type)
    if decimal:
        return pa.decimal128(int(decimal.group(1)), int(decimal.group(2)))
    return _TYPES.get(data_type, pa.string())


def _timestamp(value):
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed.astimezone(timezone.utc).replace(tzinfo=None) if parsed.tzinfo else parsed
    return value


def _date(value):
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None  # a partial date ('2018') is no day
    return value.date() if isinstance(value, datetime) else value


def _decimal(scale: int):
    quantum = Decimal(1).scaleb(-scale)

    def convert(value):
        try:
            number = value if isinstance(value, Decimal) else Decimal(str(value))
            return number.quantize(quantum, rounding=ROUND_HALF_UP) if number.is_finite() else None
        except (InvalidOperation, ValueError):
            return None
    return convert


def _coercer(arrow_type: pa.DataType):
    if pa.types.is_timestamp(arrow_type):
        return _timestamp
    if pa.types.is_date(arrow_type):
        return _date
    if pa.types.is_decimal(arrow_type):
        return _decimal(arrow_type.scale)
    return None


def _wire_type(column: Column) -> pa.DataType | None:
    """How the column travels in the one-pass struct, or None when it needs a Python list."""
    if column.default is not None:
        return None  # a missing key and an explicit None differ here; the struct cannot tell them apart
    if pa.types.is_date(column.arrow_type):
        return pa.string()  # ISO days, cast whole below
    return column.arrow_type if _coercer(column.arrow_type) is None else None


def arrow_table(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> pa.Table:
    return rows_to_arrow(table_columns(con, table), rows)


def rows_to_arrow(columns: list[Column], rows: list[dict]) -> pa.Table:
    wire = [(c.name, t) for c in columns if (t := _wire_type(c)) is not None]
    try:
        struct = pa.Table.from_struct_array(pa.array(rows, pa.struct(wire))) if wire and rows else None
    except _ARROW_ERRORS:
        struct = None  # a value of another type somewhere (a date object, a number as text): column by column
    data = []
    for column in columns:
        if struct is not None and struct.schema.get_field_index(column.name) >= 0:
            data.append(_from_wire(struct.column(column.name), column, rows))
        else:
            data.append(_column([row.get(column.name, column.default) for row in rows], column.arrow_type))
    return pa.table(data, schema=pa.schema([(c.name, c.arrow_type) for c in columns]))


def _from_wire(values: pa.ChunkedArray, column: Column, rows: list[dict]):
    if values.type == column.arrow_type:
        return values
    try:
        return pc.cast(values, column.arrow_type)
    except _ARROW_ERRORS:  # partial dates ('2018'): one value at a time
        return _column([row.get(column.name) for row in rows], column.arrow_type)


def _column(values: list, arrow_type: pa.DataType):
    """Arrow converts whole columns when it can (ISO days, Decimals, floats); Python row by row otherwise."""
    coerce = _coercer(arrow_type)
    if coerce is None:
        return pa.array(values, arrow_type)
    try:
        if pa.types.is_date(arrow_type):
            return pc.cast(pa.array(values, pa.string()), arrow_type)
        if pa.types.is_decimal(arrow_type):
            try:
                return pa.array(values, arrow_type)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                return pc.cast(pa.array(values, pa.float64()), arrow_type, safe=False)
    except _ARROW_ERRORS:
        pass  # partial dates ('2018'), mixed types: one value at a time
    return pa.array([None if v is None else coerce(v) for v in values], arrow_type)
