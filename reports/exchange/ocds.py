"""OCDS 1.1 release packages for the sources that do not publish OCDS themselves (ccgp portals, TED,
USAspending, FPDS): one release per notice, its awards, buyer and suppliers as parties, and the
source document linked from the release so each figure can be traced."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from itertools import groupby
from pathlib import Path

from ..queries import rows

OCID_PREFIX = "ocds-procwatch-"  # not a registered prefix: these releases are procwatch's reading of the notices
SCHEMA_URI = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
PACKAGE_SCHEMA_DIRS = [Path(__file__).resolve().parents[2] / "pipeline" / "data" / "schema"]
REQUIRED = ("ocid", "id", "date", "tag", "initiationType")
TAGS = {"award": ["award"], "tender": ["tender"], "contract": ["contract"], "modification": ["awardUpdate"]}
AWARD_STATUS = {"active": "active", "pending": "pending", "cancelled": "cancelled", "unsuccessful": "unsuccessful",
                "candidate": "pending", "superseded": "cancelled"}


def _party(org_id: str, name: str, role: str, country: str | None) -> dict:
    party = {"id": org_id, "name": name, "roles": [role]}
    if country:
        party["address"] = {"countryName": country}
    return party


def _value(amount, currency) -> dict | None:
    return {"amount": float(amount), "currency": currency} if amount is not None and currency else None


def _date(text: str | None, fallback: str) -> str:
    day = (text or "")[:10]
    return f"{day}T00:00:00Z" if len(day) == 10 else fallback


def release(notice: list[dict], published: str) -> dict:
    first = notice[0]
    parties: dict[str, dict] = {}
    if first["agency_org_id"] and first["agency"]:
        parties[first["agency_org_id"]] = _party(first["agency_org_id"], first["agency"], "buyer",
                                                 first["agency_country"] or first["source_country"])
    awards = []
    for a in notice:
        suppliers = []
        if a["vendor_org_id"] and a["vendor"]:
            party = parties.setdefault(a["vendor_org_id"], _party(a["vendor_org_id"], a["vendor"], "supplier", a["vendor_country"]))
            if "supplier" not in party["roles"]:
                party["roles"].append("supplier")
            suppliers.append({"id": a["vendor_org_id"], "name": a["vendor"]})
        award = {"id": a["award_id"], "status": AWARD_STATUS.get(a["status"] or "active", "active"), "suppliers": suppliers,
                 "documents": [{"id": f"{a['award_id']}-source", "documentType": "awardNotice", "url": a["source_url"],
                                "description": (a["evidence"] or "")[:500]}]}
        if a["date"]:
            award["date"] = _date(a["date"], published)
        if _value(a["amount"], a["currency"]):
            award["value"] = _value(a["amount"], a["currency"])
        if a["lot"]:
            award["relatedLots"] = [str(a["lot"])]
        awards.append(award)
    tender = {"id": first["project_code"] or first["notice_id"], "title": first["project_name"] or first["title"] or first["notice_id"]}
    if _value(first["budget"], first["budget_currency"]):
        tender["value"] = _value(first["budget"], first["budget_currency"])
    out = {
        "ocid": OCID_PREFIX + first["notice_id"],
        "id": f"{first['notice_id']}-{(first['published_at'] or 'undated')[:10]}",
        "date": _date(first["published_at"] or first["date"], published),
        "tag": TAGS.get(first["notice_type"] or "award", ["award"]),
        "initiationType": "tender",
        "parties": list(parties.values()),
        "tender": tender,
        "awards": awards,
    }
    if first["agency_org_id"] and first["agency"]:
        out["buyer"] = {"id": first["agency_org_id"], "name": first["agency"]}
    return out


def packages(warehouse: str | Path) -> dict[str, dict]:
    """source_id -> release package, for every non-OCDS source holding awards."""
    published = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    awards = [a for a in rows(warehouse, "exchange_awards") if a["source_kind"] != "ocds"]
    out: dict[str, dict] = {}
    for source_id, items in groupby(sorted(awards, key=lambda a: (a["source_id"] or "", a["notice_id"])), key=lambda a: a["source_id"]):
        releases = [release(list(group), published) for _, group in groupby(items, key=lambda a: a["notice_id"])]
        out[source_id] = {"uri": f"https://procwatch.invalid/ocds/{source_id}.json", "version": "1.1",
                          "publishedDate": published, "publisher": {"name": "procwatch (derived from the source's own notices)"},
                          "releases": releases}
    return out


def write_ocds(warehouse: str | Path, out_dir: str | Path) -> tuple[Path, int]:
    out = Path(out_dir) / "ocds"
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for source_id, package in packages(warehouse).items():
        target = out / f"{source_id}.release-package.json"
        partial = out / f".{target.name}.partial"
        partial.write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
        partial.replace(target)
        count += len(package["releases"])
    return out, count


def release_schema() -> Path | None:
    for folder in PACKAGE_SCHEMA_DIRS:
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            if "release" in path.name and "package" not in path.name:
                return path
    return None


def validate_ocds(folder: str | Path) -> dict:
    """Validate every release against the shipped OCDS release schema when there is one; otherwise
    check the schema's required release fields and award/party shapes, and say which was done."""
    schema_path = release_schema()
    validator = None
    if schema_path:
        import jsonschema

        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
    errors, releases = [], 0
    for path in sorted(Path(folder).glob("*.release-package.json")):
        package = json.loads(path.read_text(encoding="utf-8"))
        for key in ("uri", "version", "publishedDate", "publisher", "releases"):
            if key not in package:
                errors.append(f"{path.name}: package lacks {key}")
        for release_ in package.get("releases", []):
            releases += 1
            where = f"{path.name} {release_.get('ocid')}"
            if validator:
                errors += [f"{where}: {e.message}" for e in validator.iter_errors(release_)]
                continue
            errors += [f"{where}: lacks {k}" for k in REQUIRED if not release_.get(k)]
            party_ids = {p["id"] for p in release_.get("parties", [])}
            for award in release_.get("awards", []):
                errors += [f"{where}: award {award['id']} supplier {s['id']} is not a party"
                           for s in award.get("suppliers", []) if s["id"] not in party_ids]
                if "value" in award and not (isinstance(award["value"].get("amount"), (int, float)) and award["value"].get("currency")):
                    errors.append(f"{where}: award {award['id']} value needs amount and currency")
    return {"releases": releases, "errors": errors,
            "method": f"jsonschema against {schema_path.name}" if schema_path else "required fields checked structurally (no OCDS schema shipped under pipeline/data/schema/)"}
