"""FollowTheMoney entities (JSON Lines): PublicBody and Company for organisations, Contract per notice,
ContractAward per award, UnknownLink per press/news relationship; each with its sourceUrl."""
from __future__ import annotations

import json
from pathlib import Path

from followthemoney import model

from ..queries import rows

NAMESPACE = "procwatch"


def _entity(schema: str, key: str, **props):
    entity = model.make_entity(schema)
    entity.make_id(NAMESPACE, schema, key)
    for name, value in props.items():
        if value not in (None, "", []):
            entity.add(name, value if isinstance(value, list) else str(value))
    return entity


def _org(schema: str, org_id: str, name: str, country: str | None, source_url: str | None):
    return _entity(schema, org_id, name=name, country=country, sourceUrl=source_url)


def entities(warehouse: str | Path):
    """Yield FtM entity proxies; organisations once each (the first document that names them)."""
    seen: dict[str, str] = {}

    def org(schema: str, org_id: str | None, name: str | None, country: str | None, url: str | None):
        if not org_id or not name:
            return None
        if org_id not in seen:
            entity = _org(schema, org_id, name, country, url)
            seen[org_id] = entity.id
            yield_later.append(entity)
        return seen[org_id]

    yield_later: list = []
    contracts: set[str] = set()
    for a in rows(warehouse, "exchange_awards"):
        authority = org("PublicBody", a["agency_org_id"], a["agency"], a["agency_country"] or a["source_country"], a["source_url"])
        supplier = org("Company", a["vendor_org_id"], a["vendor"], a["vendor_country"], a["source_url"])
        yield from yield_later
        yield_later.clear()
        contract = _entity("Contract", a["notice_id"], title=a["project_name"] or a["title"] or a["notice_id"],
                           authority=authority, contractDate=(a["published_at"] or "")[:10] or None,
                           procedureNumber=a["project_code"], sourceUrl=a["notice_url"] or a["source_url"])
        if contract.id not in contracts:
            contracts.add(contract.id)
            yield contract
        if supplier:
            yield _entity("ContractAward", a["award_id"], contract=contract.id, supplier=supplier,
                          amount=a["amount"], currency=a["currency"], amountUsd=a["amount_usd"], date=a["date"],
                          lotNumber=a["lot"], status=a["status"], summary=a["evidence"], sourceUrl=a["source_url"])
    for r in rows(warehouse, "exchange_relationships"):
        subject = org("Company", r["vendor_org_id"], r["vendor"], None, r["source_url"])
        obj = org("PublicBody", r["agency_org_id"], r["agency"], None, r["source_url"])
        yield from yield_later
        yield_later.clear()
        yield _entity("UnknownLink", r["relationship_id"], subject=subject, object=obj, role=r["relation"],
                      date=(r["published_at"] or "")[:10] or None, summary=r["evidence"], sourceUrl=r["source_url"])


def write_ftm(warehouse: str | Path, out_dir: str | Path) -> tuple[Path, int]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / "entities.ftm.json"
    partial = out / ".entities.ftm.json.partial"
    count = 0
    with open(partial, "w", encoding="utf-8") as fh:
        for entity in entities(warehouse):
            fh.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    partial.replace(target)
    return target, count


def validate_ftm(path: str | Path) -> dict:
    """Re-read every line with the followthemoney model: schema known, required properties present,
    every property valid for its type, references pointing at entities in the file."""
    errors, counts, ids, refs = [], {}, set(), []
    for line_no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        data = json.loads(line)
        proxy = model.get_proxy(data, cleaned=False)
        counts[proxy.schema.name] = counts.get(proxy.schema.name, 0) + 1
        ids.add(proxy.id)
        for name in proxy.schema.required:
            if not proxy.get(name):
                errors.append(f"line {line_no}: {proxy.schema.name} lacks {name}")
        for prop, value in proxy.itervalues():
            if prop.type.clean(value, proxy=proxy) is None:
                errors.append(f"line {line_no}: {prop.name}={value!r} is not a valid {prop.type.name}")
            if prop.type.name == "entity":
                refs.append((line_no, value))
        if not proxy.get("sourceUrl") and proxy.schema.name in ("Contract", "ContractAward", "UnknownLink"):
            errors.append(f"line {line_no}: {proxy.schema.name} has no sourceUrl")
    errors += [f"line {n}: reference {ref} is not in the file" for n, ref in refs if ref not in ids]
    return {"entities": sum(counts.values()), "schemata": counts, "errors": errors}
