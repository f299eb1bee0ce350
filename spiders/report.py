"""What one crawl did: expected versus fetched, and whether it stopped early."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass
class CrawlReport:
    source_id: str
    close_reason: str | None = None
    listing_pages: int = 0
    expected_total: int | None = None  # as the source's own listing states it
    items_listed: int = 0  # detail links / feed items / search results seen
    skipped_known: int = 0  # already in the raw store: not fetched again
    documents_fetched: int = 0
    documents_unchanged: int = 0  # pages fetched whose body we already held
    documents_stored: int = 0
    documents_new: int = 0
    bodies_refetched: int = 0  # held once, body lost from the raw store, fetched again
    stopped_at_known: bool = False  # incremental stop: reached items we already have
    blocked: bool = False
    errors: list[dict] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    robots_forbidden: int = 0

    @property
    def stopped_early(self) -> bool:
        if self.blocked or self.close_reason not in ("finished", None):
            return True
        if any(e.get("stage") == "listing" for e in self.errors):
            return True
        if self.expected_total is not None and not self.stopped_at_known:
            return self.items_listed < self.expected_total
        return False

    def to_dict(self) -> dict:
        data = asdict(self)
        data["stopped_early"] = self.stopped_early
        return data

    def write(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(self.to_dict(), fh, ensure_ascii=False, indent=1)
