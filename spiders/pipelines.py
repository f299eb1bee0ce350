"""Item pipeline: every yielded raw document goes into the content-addressed raw store."""
from __future__ import annotations

from .rawstore import RawStore


class RawStorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.store = RawStore(crawler.settings.get("PROCWATCH_RAW_DIR"))
        self.run_id = crawler.settings.get("PROCWATCH_RUN_ID")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item, spider=None):
        _, new = self.store.record(
            url=item["url"],
            body=item["body"],
            source_id=item["source_id"],
            kind=item["kind"],
            fetched_at=item["fetched_at"],
            status=item["status"],
            headers=item["headers"],
            declared_encoding=item["declared_encoding"],
            run_id=self.run_id,
        )
        report = self.crawler.spider.report
        report.documents_stored += 1
        report.documents_new += int(new)
        report.bodies_refetched += int(item["url"] in self.crawler.spider.lost_urls)
        return {"url": item["url"], "new": new}

    def close_spider(self, spider=None):
        self.store.close()
