"""Open Contracting Data Standard: release packages, record packages, releases, compiled releases.

One Notice per contracting process: a record (its compiledRelease, else its releases compiled, else its
versionedRelease), a single release, or the releases of one ocid in a release package compiled (a package
often carries the tender, award and contract releases of the same process: each alone would report the same
winner with different dates). Releases are compiled with ocdsmerge, whose merge rules come from the shipped
OCDS 1.1 release schema (pipeline/data/schema): no network. Field semantics:
- buyer: `buyer` (name, else identifier.legalName, else the party it points to), else parties with
  role buyer; tender.procuringEntity only when no buyer is published at all (it is often the
  purchasing office, not the public body paying).
- winners: awards[].suppliers, names resolved through `parties` when only an id is given, with the
  parties' identifiers; awards with status unsuccessful / cancelled are losers or withdrawn decisions, never
  winners; a pending award is kept below award confidence. Awards or
  contracts repeated with the same id are counted once.
- winners when an award names no supplier: the parties with role supplier, if the release has a
  single award (the only award they can belong to).
- amount: awards[].value (else a publisher extension: valueWithTax, …), else the value of the contract
  signed for that award (contracts[].awardID);
  a zero amount is a placeholder, not a price. Currency missing on the value: the contract's, else
  the tender's, else the planning budget's (publishers often state it once per process).
- date: the signing date of the award's contract (when the money was committed), else award.date;
  the release date is the notice's published_at and the fallback downstream.
Also reads the Taiwan PCC shape, where `awards` is one object whose items[].suppliers[] carry
identifier.legalName and awardValue.
"""
from __future__ import annotations

import json
import re
import warnings
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from ..decode import decode_body, looks_binary
from ..records import Award, Document, Notice, ParseError, ParseResult
from .audit import merged, unread
from .plausibility import flag_against_budget

NAME = "ocds"
VERSION = "1.1"
KINDS = ("ocds",)

PENDING_CONFIDENCE = 0.4
LOSING_STATUSES = {"unsuccessful", "cancelled", "canceled", "withdrawn"}
_SNIFF_BYTES = 16 * 1024
_ISO_DATE = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
MAX_AMOUNT = Decimal("1e15")  # beyond any real contract: placeholders such as 1e9999


def clean_name(value: Any) -> str | None:
    """A name as written, outer whitespace stripped; None for empty or non-text values."""
    return value.strip() or None if isinstance(value, str) else None


def iso_date(value: Any) -> str | None:
    """'2017-08-31T00:00:00-04:00' -> '2017-08-31' (the date as published, no zone shift)."""
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


_GROUPED = re.compile(r"^-?\d{1,3}([,.])\d{3}(\1\d{3})*$")


def number_text(text: str) -> str:
    """'1,234.50' / '1.234,50' / '1 234,50' / '1234,5' -> '1234.50'-style text for Decimal.

    The last of '.' and ',' is the decimal mark when both appear; a lone mark followed by
    groups of exactly three digits, repeated, is a thousands separator ('1,234,567' or
    '2.500.000'); any other lone comma is a decimal comma."""
    text = "".join(text.split()).replace("\u00a0", "").replace("'", "")
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return text.replace(thousands, "").replace(decimal, ".")
    match = _GROUPED.match(text)
    if match and (text.count(match.group(1)) > 1 or match.group(1) == ","):
        return text.replace(match.group(1), "")
    return text.replace(",", ".")


def to_amount(value: Any) -> Decimal | None:
    """A finite JSON number or numeric string as Decimal; None for blanks, text and placeholders."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        value = number_text(value)
        if not value:
            return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite() or abs(amount) >= MAX_AMOUNT:
        return None
    return amount


def sniff(doc: Document) -> bool:
    head = doc.body[:_SNIFF_BYTES]
    if not head or looks_binary(head):
        return False
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if not text.startswith(("{", "[")):
        return False
    if '"ocid"' in text:
        return True
    return ('"releases"' in text or '"records"' in text) and ('"publisher"' in text or '"publishedDate"' in text)


# -- loading ------------------------------------------------------------------------------------
def load_json(body: bytes, declared_encoding: str | None = None) -> Any:
    """JSON (or JSON Lines) with exact decimals; ParseError for anything unreadable."""
    if not body or not body.strip():
        raise ParseError("empty JSON document")
    if looks_binary(body):
        raise ParseError("binary content, not JSON")
    text, _ = decode_body(body, declared_encoding)
    text = text.lstrip("\ufeff")
    try:
        return json.loads(text, parse_float=Decimal)
    except RecursionError:
        raise ParseError("JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # JSON Lines: one release or package per line
            try:
                return [json.loads(line, parse_float=Decimal) for line in text.splitlines() if line.strip()]
            except (json.JSONDecodeError, RecursionError):
                pass
        raise ParseError(f"invalid or truncated JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None


def _is_release(obj: Any) -> bool:
    return isinstance(obj, dict) and "ocid" in obj and "releases" not in obj and "records" not in obj


_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "schema" / "release-schema.json"


@lru_cache(maxsize=1)
def _merger():
    """The OCDS 1.1 merge rules from the shipped release schema: compiling never needs the network. Imported
    on first use: most documents are single releases that need no compiling."""
    import ocdsmerge

    return ocdsmerge.Merger(schema=json.loads(_SCHEMA.read_text(encoding="utf-8")))


def merge_releases(releases: list[dict]) -> dict:
    """Releases of one process compiled by the OCDS merge routine (ocdsmerge): the latest value of each field
    wins, arrays of objects merge by id, and the fields marked omitWhenMerged are dropped. Releases without a
    usable date are compiled in the order published."""
    dated = [r for r in releases if isinstance(r.get("date"), str) and r["date"]]
    if len(dated) != len(releases):  # ocdsmerge orders by date: give undated releases their place in the list
        releases = [dict(r, date=r["date"] if r in dated else f"0000-{i:06d}") for i, r in enumerate(releases)]
    from ocdsmerge.exceptions import OCDSMergeError, OCDSMergeWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OCDSMergeWarning)  # repeated ids: counted once below
        try:
            compiled = _merger().create_compiled_release(releases)
        except OCDSMergeError as exc:
            raise ParseError(f"OCDS releases of one process cannot be compiled: {exc}") from None
    for key in ("parties", "awards", "contracts"):
        if compiled.get(key) == []:
            compiled.pop(key)
    compiled["tag"] = sorted({t for r in releases for t in _tags(r)})  # the compiled tag hides the notice types
    latest = max(releases, key=lambda r: str(r.get("date") or ""))
    if latest.get("id") not in (None, ""):
        compiled["id"] = latest["id"]  # notice keys stay those of earlier runs: the latest release's id
    return compiled


def _versioned_value(value: Any, depth: int = 0) -> Any:
    """versionedRelease -> plain release: each versioned field keeps its latest value."""
    if depth > 32:
        return None
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and "releaseDate" in v and "value" in v for v in value):
            latest = max(value, key=lambda v: str(v.get("releaseDate") or ""))
            return _versioned_value(latest["value"], depth + 1)
        return [_versioned_value(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {k: _versioned_value(v, depth + 1) for k, v in value.items()}
    return value


def _record_release(record: dict) -> dict | None:
    compiled = record.get("compiledRelease")
    if isinstance(compiled, dict):
        return compiled
    embedded = [r for r in record.get("releases") or [] if isinstance(r, dict) and ("tag" in r or "awards" in r)]
    if embedded:
        return merge_releases(embedded)
    versioned = record.get("versionedRelease")
    if isinstance(versioned, dict):
        release = _versioned_value(versioned)
        release.setdefault("ocid", record.get("ocid"))
        return release
    return None


def iter_releases(data: Any, depth: int = 0) -> Iterator[dict]:
    """Every release in a package, record package, list, API wrapper or single release."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from iter_releases(item, depth + 1)
        return
    if not isinstance(data, dict):
        return
    if isinstance(data.get("compiledRelease"), dict) or isinstance(data.get("versionedRelease"), dict):
        release = _record_release(data)  # a single record, outside any record package
        if release is not None:
            yield release
        return
    if _is_release(data):
        yield data
        return
    if isinstance(data.get("records"), list):
        for record in data["records"]:
            if isinstance(record, dict):
                release = _record_release(record)
                if release is not None:
                    yield release
        return
    if isinstance(data.get("releases"), list):
        yield from _by_process([r for r in data["releases"] if _is_release(r)])
        return
    for key in ("compiledRelease", "results", "data", "items"):  # API wrappers around packages
        if key in data:
            yield from iter_releases(data[key], depth + 1)


def _by_process(releases: list[dict]) -> Iterator[dict]:
    """One release per ocid: several releases of the same process are merged."""
    groups: dict[str, list[dict]] = {}
    for release in releases:
        groups.setdefault(str(release.get("ocid")), []).append(release)
    for group in groups.values():
        yield group[0] if len(group) == 1 else merge_releases(group)


# -- names ----------------------------------------------------------------------------------------
_LANGUAGE_VARIANT = re.compile(r"^(name|legalName)_[A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")


_ACRONYM_PREFIX = re.compile(r"^[A-Z][A-Z0-9.&/-]{1,11}\s*\|\s*(?=\S)")


def _without_acronym(name: str) -> str:
    """'SEPAF | SECRETARÍA DE PLANEACIÓN…' (acronym, a pipe, the full name) -> the full name."""
    return _ACRONYM_PREFIX.sub("", name)


def party_identifiers(org: Any, parties: "Parties | None" = None) -> dict[str, str]:
    """scheme -> id for an organisation: identifier, additionalIdentifiers, and its OCDS party id."""
    if not isinstance(org, dict):
        return {}
    party = parties.by_id.get(str(org.get("id"))) if parties is not None and org.get("id") is not None else None
    out: dict[str, str] = {}
    for obj in (org, party or {}):
        ids = [obj.get("identifier")] + list(obj.get("additionalIdentifiers") or [])
        for ident in ids:
            if isinstance(ident, dict) and ident.get("id") not in (None, ""):
                out.setdefault(str(ident.get("scheme") or "unknown").strip(), str(ident["id"]).strip())
        if obj.get("id") not in (None, ""):
            out.setdefault("OCDS-party", str(obj["id"]).strip())
    return out


def _org_name(org: Any) -> str | None:
    """name, else identifier.legalName, else a language variant (name_en, legalName_fr: the
    multilingual fields of bilingual publishers), in document order."""
    if not isinstance(org, dict):
        return None
    identifier = org.get("identifier") if isinstance(org.get("identifier"), dict) else {}
    name = clean_name(org.get("name")) or clean_name(identifier.get("legalName"))
    if name:
        return _without_acronym(name)
    for obj in (org, identifier):
        for key, value in obj.items():
            if _LANGUAGE_VARIANT.match(key) and clean_name(value):
                return clean_name(value)
    return None


class Parties:
    """parties[] by id, for suppliers and buyers given only as references."""

    def __init__(self, release: dict):
        self.items = [p for p in release.get("parties") or [] if isinstance(p, dict)]
        self.by_id = {str(p["id"]): p for p in self.items if p.get("id") is not None}
        self.ids: dict[str, dict[str, str]] = {}  # supplier name -> identifiers, filled as suppliers are read

    def name(self, ref: Any) -> str | None:
        direct = _org_name(ref)
        if direct:
            return direct
        if isinstance(ref, dict) and ref.get("id") is not None:
            return _org_name(self.by_id.get(str(ref["id"])))
        return None

    def with_role(self, role: str) -> list[dict]:
        def roles(party: dict) -> set[str]:
            value = party.get("roles") or []
            value = [value] if isinstance(value, str) else value
            return {r.strip().lower() for r in value if isinstance(r, str)}
        return [p for p in self.items if role.lower() in roles(p)]


def buyer_name(release: dict, parties: Parties) -> tuple[str | None, str]:
    """(buyer, path): the buyer object, else parties with role buyer, else the procuring entity."""
    name = parties.name(release.get("buyer"))
    if name:
        return name, "buyer"
    for party in parties.with_role("buyer"):
        name = _org_name(party)
        if name:
            return name, "parties[role=buyer]"
    tender = release.get("tender") if isinstance(release.get("tender"), dict) else {}
    name = parties.name(tender.get("procuringEntity"))
    if name:
        return name, "tender.procuringEntity"
    for party in parties.with_role("procuringEntity"):
        name = _org_name(party)
        if name:
            return name, "parties[role=procuringEntity]"
    return None, ""


# -- awards ---------------------------------------------------------------------------------------
def _value(obj: Any) -> tuple[Decimal | None, str | None]:
    if not isinstance(obj, dict):
        return None, None
    amount = to_amount(obj.get("amount"))
    currency = obj.get("currency")
    currency = currency.strip().upper() if isinstance(currency, str) and currency.strip() else None
    return amount, currency


# Values outside the standard `value` that publishers use (extensions and local fields), in order of preference.
VALUE_FIELDS = ("value", "valueWithTax", "valueTaxIncluded", "amountWithTax", "totalValue", "valueNet", "valueWithoutTax")


def _price(obj: Any) -> tuple[Decimal | None, str | None]:
    """An award or contract value; zero is a placeholder (frameworks, unpriced awards), not a price."""
    amount, currency = _value(obj)
    return (amount if amount else None), currency


def _item_price(item: dict, path: str) -> tuple[Decimal | None, str | None, str]:
    """(amount, currency, path) from the standard value, else a publisher extension such as valueWithTax."""
    for field in VALUE_FIELDS:
        amount, currency = _price(item.get(field))
        if amount is not None:
            return amount, currency, f"{path}.{field}.amount"
    return None, None, ""


def process_currency(release: dict) -> str | None:
    """The currency stated elsewhere in the process, for values published without one."""
    tender = release.get("tender") if isinstance(release.get("tender"), dict) else {}
    planning = release.get("planning") if isinstance(release.get("planning"), dict) else {}
    budget = planning.get("budget") if isinstance(planning.get("budget"), dict) else {}
    for obj in (tender.get("value"), tender.get("maxValue"), tender.get("minValue"), budget.get("amount"), budget.get("value")):
        currency = _value(obj)[1]
        if currency:
            return currency
    return None


def _unique_by_id(items: list, prefer_active: bool = False) -> list[tuple[int, dict]]:
    """(index, item) with repeated ids collapsed to one (the active one when statuses differ)."""
    chosen: dict[str, tuple[int, dict]] = {}
    order: list[str] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        key = str(item["id"]) if item.get("id") not in (None, "") else f"#{index}"
        if key not in chosen:
            chosen[key] = (index, item)
            order.append(key)
        elif prefer_active and str(chosen[key][1].get("status", "")).lower() != "active" \
                and str(item.get("status", "")).lower() == "active":
            chosen[key] = (index, item)
    return [chosen[k] for k in order]


def _status(item: dict) -> str:
    status = item.get("status")
    return status.strip().lower() if isinstance(status, str) else ""


def _suppliers(award: dict, contracts: list[tuple[int, dict]], parties: Parties,
               award_path: str = "") -> list[tuple[str, str]]:
    """(name, path) of each distinct supplier of an award (its contract's suppliers as fallback)."""
    found: list[tuple[str, str]] = []
    sources = [(f"{award_path}.suppliers", award.get("suppliers"))] + [
        (f"contracts[{i}].suppliers", c.get("suppliers")) for i, c in contracts]
    for path, suppliers in sources:
        if found:
            break
        for j, supplier in enumerate(suppliers or []):
            name = parties.name(supplier)
            if name and name not in (n for n, _ in found):
                found.append((name, f"{path}[{j}]"))
                parties.ids.setdefault(name, party_identifiers(supplier, parties))
    return found


def _role_suppliers(parties: Parties) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for party in parties.with_role("supplier"):
        name = _org_name(party)
        if name and name not in (n for n, _ in found):
            found.append((name, f"parties[id={party.get('id')},role=supplier]"))
            parties.ids.setdefault(name, party_identifiers(party))
    return found


def _contract_date(contracts: list[tuple[int, dict]]) -> tuple[str | None, str]:
    dates = sorted((iso_date(c.get("dateSigned")), i) for i, c in contracts if iso_date(c.get("dateSigned")))
    return (dates[0][0], f"contracts[{dates[0][1]}].dateSigned") if dates else (None, "")


def release_awards(release: dict, buyer: str | None) -> list[Award]:
    parties = Parties(release)
    raw_awards = release.get("awards")
    if isinstance(raw_awards, dict):
        return taiwan_awards(raw_awards, buyer)
    awards = _unique_by_id(raw_awards if isinstance(raw_awards, list) else [], prefer_active=True)
    contracts = _unique_by_id(release.get("contracts") if isinstance(release.get("contracts"), list) else [],
                              prefer_active=True)
    out: list[Award] = []
    used_contracts: set[int] = set()
    for index, award in awards:
        linked = [(i, c) for i, c in contracts
                  if c.get("awardID") not in (None, "") and str(c.get("awardID")) == str(award.get("id"))]
        if not linked and len(awards) == 1 and len(contracts) == 1 and contracts[0][1].get("awardID") in (None, ""):
            linked = contracts
        used_contracts.update(i for i, _ in linked)
        status = _status(award)
        if status in LOSING_STATUSES:
            continue
        amount, currency, amount_path = _item_price(award, f"awards[{index}]")
        if amount is None:
            for i, contract in linked:
                amount, contract_currency, amount_path = _item_price(contract, f"contracts[{i}]")
                if amount is not None:
                    currency = contract_currency or currency
                    break
        if amount is not None and not currency:
            currency = next((c for c in (_value(c.get("value"))[1] for _, c in linked) if c), None) \
                or process_currency(release)
        date, date_path = _contract_date(linked)
        if not date:
            date, date_path = iso_date(award.get("date")), f"awards[{index}].date"
        suppliers = _suppliers(award, linked, parties, f"awards[{index}]")
        if not suppliers and len(awards) == 1:
            suppliers = _role_suppliers(parties)
        out.extend(_awards_for(suppliers, index, buyer, amount, currency, amount_path, date, date_path, award, status,
                               parties))
    # Contracts without an award entry (contract-only releases) still name who was paid.
    for i, contract in contracts:
        if i in used_contracts or _status(contract) in LOSING_STATUSES:
            continue
        suppliers = _suppliers({}, [(i, contract)], parties)
        if not suppliers:
            continue
        amount, currency, amount_path = _item_price(contract, f"contracts[{i}]")
        if amount is not None and not currency:
            currency = process_currency(release)
        date = iso_date(contract.get("dateSigned"))
        out.extend(_awards_for(suppliers, i, buyer, amount, currency, amount_path,
                               date, f"contracts[{i}].dateSigned", contract, _status(contract), parties))
    return out


def _awards_for(suppliers, index, buyer, amount, currency, amount_path, date, date_path, item, status,
                parties: Parties | None = None) -> list[Award]:
    out = []
    for position, (name, supplier_path) in enumerate(suppliers):
        # A joint award's value is carried once, by its first supplier, so sums never double count.
        share = amount if position == 0 else None
        evidence = f"{supplier_path}={name}"
        if share is not None:
            evidence += f"; {amount_path}={amount}"
        if date:
            evidence += f"; {date_path}={date}"
        out.append(Award(
            vendor_raw=name, agency_raw=buyer, amount=share, currency=currency if share is not None else None,
            amount_raw=f"{amount} {currency or ''}".strip() if share is not None else None,
            date=date, lot=_lot(item), status=status or None, evidence=evidence,
            identifiers=dict(parties.ids.get(name, {})) if parties is not None else {},
            # A pending award is a decision not yet made: kept, below the confidence of a winner.
            confidence=PENDING_CONFIDENCE if status == "pending" else 0.95,
        ))
    return out


def _lot(item: dict) -> str | None:
    lots = item.get("relatedLots")
    if isinstance(lots, list) and lots:
        return ",".join(str(x) for x in lots)
    return None


def taiwan_awards(awards: dict, buyer: str | None) -> list[Award]:
    """Taiwan PCC: awards{awardDate, items[{suppliers[{identifier.legalName, awardValue}]}]}."""
    date = iso_date(awards.get("awardDate")) or iso_date(awards.get("awardAnnounceDate"))
    totals: dict[str, list] = {}
    for i, item in enumerate(awards.get("items") or []):
        if not isinstance(item, dict):
            continue
        for j, supplier in enumerate(item.get("suppliers") or []):
            name = _org_name(supplier)
            if not name:
                continue
            amount, currency = _value(supplier.get("awardValue"))
            entry = totals.setdefault(name, [None, currency, f"awards.items[{i}].suppliers[{j}]"])
            if amount is not None:
                entry[0] = (entry[0] or Decimal(0)) + amount
                entry[1] = entry[1] or currency
    out = []
    for name, (amount, currency, path) in totals.items():
        evidence = f"{path}.identifier.legalName={name}"
        if amount is not None:
            evidence += f"; {path}.awardValue.amount={amount}"
        out.append(Award(vendor_raw=name, agency_raw=buyer, amount=amount, currency=currency,
                         amount_raw=f"{amount} {currency or ''}".strip() if amount is not None else None,
                         date=date, status="active", evidence=evidence + (f"; awards.awardDate={date}" if date else ""),
                         confidence=0.9))
    return out


# -- notices --------------------------------------------------------------------------------------
def _tags(release: dict) -> list[str]:
    tag = release.get("tag")
    if isinstance(tag, str):
        return [tag]
    return [t for t in tag or [] if isinstance(t, str)]


def notice_type(release: dict, awards: list[Award]) -> str:
    tags = {t.strip().lower() for t in _tags(release)}
    if awards:
        return "award"
    if tags & {"awardcancellation", "tendercancellation", "contracttermination"}:
        return "other"
    if tags & {"award", "awardupdate", "awardnotice"}:
        return "award"
    if tags & {"contractamendment", "tenderamendment"}:
        return "modification"
    if tags & {"contract", "contractupdate", "implementation", "implementationupdate"}:
        return "contract"
    if tags & {"tender", "tenderupdate", "planning", "planningupdate"}:
        return "tender"
    return "other"


def release_notice(release: dict) -> Notice:
    parties = Parties(release)
    buyer, _ = buyer_name(release, parties)
    tender = release.get("tender") if isinstance(release.get("tender"), dict) else {}
    awards = release_awards(release, buyer)
    ocid = str(release.get("ocid") or "").strip()
    release_id = str(release.get("id") or "").strip()
    if not release_id or release_id == ocid:
        key = ocid
    elif ocid and release_id.startswith(ocid):  # release ids that already embed the ocid
        key = release_id
    else:
        key = f"{ocid}/{release_id}"
    budget, budget_currency = _value(tender.get("value"))
    title = clean_name(tender.get("title")) or clean_name(release.get("title")) or clean_name(release.get("name"))
    flag_against_budget(awards, budget)
    return Notice(
        buyer_identifiers=party_identifiers(release.get("buyer"), parties),
        procedure_id=ocid or None,
        notice_key=key or "unknown",
        notice_type=notice_type(release, awards),
        title=title,
        project_name=title,
        project_code=clean_name(str(tender["id"])) if tender.get("id") not in (None, "") else None,
        buyer_raw=buyer,
        published_at=iso_date(release.get("date")),
        budget=budget,
        budget_currency=budget_currency,
        awards=awards,
    )


def parse(doc: Document) -> ParseResult:
    data = load_json(doc.body, doc.declared_encoding)
    releases = list(iter_releases(data))
    if not releases:
        if _is_empty_package(data):  # a valid last page: nothing published in the window
            return ParseResult(parser=NAME, parser_version=VERSION)
        raise ParseError("JSON holds no OCDS release (no object with an 'ocid')")
    notices = [release_notice(r) for r in releases]
    first = notices[0]
    return ParseResult(parser=NAME, parser_version=VERSION, title=first.title,
                       published_at=first.published_at, language=_language(releases[0]), notices=notices,
                       unread_fields=merged(*(release_unread(r) for r in releases)))


# What the parser reads of a release; anything else it saw is reported as unread.
READ_RELEASE = {"ocid", "id", "date", "tag", "buyer", "parties", "tender", "awards", "contracts", "planning",
                "language", "title", "name", "initiationType", "publisher"}
READ_TENDER = {"id", "title", "value", "maxValue", "minValue", "procuringEntity"}
READ_AWARD = {"id", "status", "suppliers", "date", "relatedLots", *VALUE_FIELDS}
READ_CONTRACT = {"id", "awardID", "status", "suppliers", "dateSigned", *VALUE_FIELDS}


def release_unread(release: dict) -> list[str]:
    tender = release.get("tender") if isinstance(release.get("tender"), dict) else {}
    awards = release.get("awards") if isinstance(release.get("awards"), list) else []
    contracts = release.get("contracts") if isinstance(release.get("contracts"), list) else []
    return merged(
        unread(release, READ_RELEASE),
        unread(tender, READ_TENDER, "tender."),
        unread((k for a in awards if isinstance(a, dict) for k in a), READ_AWARD, "awards[]."),
        unread((k for c in contracts if isinstance(c, dict) for k in c), READ_CONTRACT, "contracts[]."),
    )


def _is_empty_package(data: Any) -> bool:
    return isinstance(data, dict) and any(data.get(k) == [] for k in ("releases", "records"))


def _language(release: dict) -> str | None:
    lang = release.get("language")
    return lang.strip().lower() if isinstance(lang, str) and lang.strip() else None
