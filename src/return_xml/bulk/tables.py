"""Dataset tables of a bulk run: returns, classes, movements, findings (CSV or Parquet).

Built at the end of a run from the XML outputs of every converted input (the
XML carries everything), so the tables always match the output set, also
after a resumed run.  Columns and types are listed in docs/bulk.md; ``name``
(the output name) joins the tables.  Money and prices are exact decimals
(Parquet ``decimal128``, CSV plain text such as ``0.01``), never floats;
counts are 64-bit integers; dates are dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from return_xml import rules
from return_xml.bulk.manifest import Record
from return_xml.model import MonthlyReturn, ShareClass
from return_xml.xmlio import read_xml
from return_xml.xmlio.writer import write_atomically

STRING, INT, DECIMAL, DATE, BOOL = "string", "int64", "decimal", "date", "bool"

_CLASS = [("category", STRING), ("class_name", STRING), ("share_type", STRING), ("stock_code", STRING), ("class_description", STRING)]

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "returns": [
        ("name", STRING), ("source", STRING), ("sha256", STRING), ("family", STRING), ("form_version", STRING),
        ("language", STRING), ("detected_by", STRING), ("issuer_name", STRING), ("stock_code", STRING),
        ("period_end", DATE), ("submission_date", DATE), ("submission_status", STRING),
        ("authorised_classes", INT), ("issued_classes", INT), ("movements", INT),
        ("signatory_name", STRING), ("signatory_title", STRING), ("findings", INT), ("verdict", STRING),
        ("unread_figures", INT), ("xml", STRING),
    ],
    "classes": [
        ("name", STRING), ("section", STRING), ("class_index", INT), *_CLASS,
        ("authorised_preceding", INT), ("authorised_movement", INT), ("authorised_close", INT),
        ("par_value_currency", STRING), ("par_value", DECIMAL), ("capital_currency", STRING), ("capital_close", DECIMAL),
        ("issued_preceding", INT), ("issued_movement", INT), ("issued_close", INT),
        ("treasury_preceding", INT), ("treasury_movement", INT), ("treasury_close", INT),
        ("total_preceding", INT), ("total_movement", INT), ("total_close", INT),
    ],
    "movements": [
        ("name", STRING), ("section", STRING), ("kind", STRING), ("movement_type", STRING), ("item_index", INT), *_CLASS,
        ("description", STRING), ("price_currency", STRING), ("price", DECIMAL), ("event_date", DATE), ("approval_date", DATE),
        ("expiry_date", DATE), ("shares_issued", INT), ("treasury", INT), ("shares_issuable", INT),
        ("outstanding_preceding", INT), ("granted", INT), ("exercised", INT), ("cancelled", INT), ("lapsed", INT),
        ("outstanding_close", INT), ("amount_currency", STRING), ("amount_preceding", DECIMAL), ("amount_movement", DECIMAL),
        ("amount_close", DECIMAL),
    ],
    "findings": [
        ("name", STRING), ("code", STRING), ("severity", STRING), ("message", STRING), ("path", STRING), ("page", INT),
        ("printed", STRING),
    ],
}


def _v(leaf):
    return None if leaf is None else leaf.value


def _class_columns(share_class: ShareClass) -> dict:
    return {
        "category": str(share_class.category) if share_class.category else None,
        "class_name": _v(share_class.class_name), "share_type": _v(share_class.share_type),
        "stock_code": _v(share_class.stock_code), "class_description": _v(share_class.description),
    }


def _return_row(record: Record, monthly_return: MonthlyReturn, xml: str, findings: int) -> dict:
    r = monthly_return
    codes = [_v(c.share_class.stock_code) for c in r.issued if _v(c.share_class.stock_code)]
    movements = len(r.options) + len(r.warrants) + len(r.convertibles) + len(r.arrangements) + len(r.other_movements)
    return {
        "name": record.name, "source": record.source, "sha256": record.sha256, "family": str(r.form.family),
        "form_version": r.form.version, "language": str(r.form.language), "detected_by": r.form.detected_by,
        "issuer_name": _v(r.header.issuer_name), "stock_code": codes[0] if codes else None,
        "period_end": _v(r.header.period_end), "submission_date": _v(r.header.submission_date),
        "submission_status": _v(r.header.status), "authorised_classes": len(r.authorised), "issued_classes": len(r.issued),
        "movements": movements, "signatory_name": _v(r.signatory.name) if r.signatory else None,
        "signatory_title": _v(r.signatory.title) if r.signatory else None, "findings": findings,
        "verdict": r.audit.verdict.value if r.audit is not None else None,
        "unread_figures": len(r.audit.unread) if r.audit is not None else None, "xml": xml,
    }


def _class_rows(name: str, r: MonthlyReturn) -> Iterable[dict]:
    for index, block in enumerate(r.authorised):
        close = block.close
        yield {
            "name": name, "section": "authorised", "class_index": index, **_class_columns(block.share_class),
            "authorised_preceding": _v(block.preceding.shares) if block.preceding else None,
            "authorised_movement": _v(block.movement.shares) if block.movement else None,
            "authorised_close": _v(close.shares) if close else None,
            "par_value_currency": _v(close.par_value_currency) if close else None,
            "par_value": _v(close.par_value) if close else None,
            "capital_currency": _v(close.capital_currency) if close else None,
            "capital_close": _v(close.capital) if close else None,
        }
    for index, block in enumerate(r.issued):
        row = {"name": name, "section": "issued", "class_index": index, **_class_columns(block.share_class)}
        for when in ("preceding", "movement", "close"):
            balance = getattr(block, when)
            for what in ("issued", "treasury", "total"):
                row[f"{what}_{when}"] = _v(getattr(balance, what)) if balance else None
        yield row


def _movement_rows(name: str, r: MonthlyReturn) -> Iterable[dict]:
    def base(section: str, kind: str, index: int, item) -> dict:
        return {"name": name, "section": section, "kind": kind, "item_index": index, **_class_columns(item.share_class)}

    for i, o in enumerate(r.options):
        yield base("III.A", "option", i, o) | {
            "description": _v(o.scheme), "price_currency": _v(o.exercise_price_currency), "price": _v(o.exercise_price),
            "approval_date": _v(o.approval_date), "shares_issued": _v(o.shares_issued), "treasury": _v(o.treasury_transferred),
            "shares_issuable": _v(o.shares_issuable), "outstanding_preceding": _v(o.outstanding_preceding),
            "granted": _v(o.granted), "exercised": _v(o.exercised), "cancelled": _v(o.cancelled), "lapsed": _v(o.lapsed),
            "outstanding_close": _v(o.outstanding_close),
        }
    for i, w in enumerate(r.warrants):
        yield base("III.B", "warrant", i, w) | {
            "description": _v(w.description), "price_currency": _v(w.subscription_price_currency), "price": _v(w.subscription_price),
            "approval_date": _v(w.approval_date), "expiry_date": _v(w.expiry_date), "shares_issued": _v(w.shares_issued),
            "treasury": _v(w.treasury_transferred), "shares_issuable": _v(w.shares_issuable), "amount_currency": _v(w.currency),
            "amount_preceding": _v(w.nominal_preceding), "amount_movement": _v(w.nominal_exercised), "amount_close": _v(w.nominal_close),
        }
    for i, c in enumerate(r.convertibles):
        yield base("III.C", "convertible", i, c) | {
            "description": _v(c.description), "price_currency": _v(c.conversion_price_currency), "price": _v(c.conversion_price),
            "approval_date": _v(c.approval_date), "shares_issued": _v(c.shares_issued), "treasury": _v(c.treasury_transferred),
            "shares_issuable": _v(c.shares_issuable), "amount_currency": _v(c.currency), "amount_preceding": _v(c.amount_preceding),
            "amount_movement": _v(c.amount_converted), "amount_close": _v(c.amount_close),
        }
    for i, a in enumerate(r.arrangements):
        yield base("III.D", "arrangement", i, a) | {
            "description": _v(a.particulars), "approval_date": _v(a.approval_date), "shares_issued": _v(a.shares_issued),
            "treasury": _v(a.treasury_transferred), "shares_issuable": _v(a.shares_issuable),
        }
    for i, m in enumerate(r.other_movements):
        yield base("III.E", "other", i, m) | {
            "movement_type": str(m.type), "description": _v(m.description), "price_currency": _v(m.currency), "price": _v(m.price),
            "event_date": _v(m.event_date), "approval_date": _v(m.approval_date), "shares_issued": _v(m.shares_issued),
            "treasury": _v(m.treasury), "shares_issuable": _v(m.shares_issuable),
        }


def table_rows(records: Iterable[Record], out: Path) -> dict[str, list[dict]]:
    """The rows of every table for the converted inputs ``records`` (their XML read back from ``out``)."""
    tables: dict[str, list[dict]] = {name: [] for name in COLUMNS}
    for record in sorted(records, key=lambda r: r.name):
        xml = next(o for o in record.outputs if o.startswith("xml/"))
        monthly_return = read_xml(out / xml)
        findings = list(rules.iter_findings(monthly_return))
        tables["returns"].append(_return_row(record, monthly_return, xml, len(findings)))
        tables["classes"].extend(_class_rows(record.name, monthly_return))
        tables["movements"].extend(_movement_rows(record.name, monthly_return))
        tables["findings"].extend(
            {"name": record.name, "code": f.code, "severity": str(f.severity), "message": f.message, "path": f.path,
             "page": f.page, "printed": f.printed}
            for f in findings
        )
    return tables


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv_bytes(columns: list[tuple[str, str]], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c for c, _ in columns])
    for row in rows:
        writer.writerow([_csv_text(row.get(c)) for c, _ in columns])
    return buffer.getvalue().encode("utf-8")


def _parquet_bytes(columns: list[tuple[str, str]], rows: list[dict]) -> bytes:
    import pyarrow as pa  # lazy: only --tables parquet needs it
    import pyarrow.parquet as pq

    arrays, fields = [], []
    for column, kind in columns:
        values = [row.get(column) for row in rows]
        if kind == DECIMAL:
            # One scale per column, the largest printed: every value stays exact.
            scale = max([max(-v.as_tuple().exponent, 0) for v in values if v is not None] or [0])
            arrow_type = pa.decimal128(38, min(scale, 38))
        else:
            arrow_type = {STRING: pa.string(), INT: pa.int64(), DATE: pa.date32(), BOOL: pa.bool_()}[kind]
        arrays.append(pa.array(values, type=arrow_type))
        fields.append(pa.field(column, arrow_type))
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_arrays(arrays, schema=pa.schema(fields)), sink)
    return sink.getvalue().to_pybytes()


def write_tables(out: Path, records: Iterable[Record], fmt: str) -> list[Path]:
    """Write out/tables/{returns,classes,movements,findings}.{csv|parquet} atomically; return their paths."""
    folder = out / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table, rows in table_rows(records, out).items():
        data = _parquet_bytes(COLUMNS[table], rows) if fmt == "parquet" else _csv_bytes(COLUMNS[table], rows)
        path = folder / f"{table}.{fmt}"
        write_atomically(path, data)
        written.append(path)
    return written
