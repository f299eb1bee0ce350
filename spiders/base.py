"""One base spider per access pattern; a source is a TOML file naming its pattern and options.

- ListingSpider:     HTML listing pages (paginated) -> detail pages, each a document
- LinksNextSpider:   JSON API pages linked by a `links.next`-style field, each page a document
- PostSearchSpider:  POST JSON search (paginated) -> detail GETs, each a document
- FeedSpider:        RSS / Atom / sitemap -> item links as documents, or the feed pages themselves

Spiders only fetch: they yield raw documents for the raw store and keep a CrawlReport.
Incremental: detail URLs already in the raw store are not fetched again, and a newest-first
listing stops paging at a page holding only known items.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.spidermiddlewares.httperror import HttpError

from .rawstore import RawStore
from .redact import redact_text, redact_url
from .registry import Source
from .report import CrawlReport

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def json_path(data: Any, path: str) -> Any:
    """`links.next` / `page_metadata.hasNext` / `results.0.id` lookups; None when absent."""
    for part in path.split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def set_query_param(url: str, name: str, value: Any) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    query.append((name, str(value)))
    return urlunsplit(parts._replace(query=urlencode(query)))


def query_param(url: str, name: str) -> str | None:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True)).get(name)


class SourceSpider(scrapy.Spider):
    name = "procwatch"

    def __init__(self, source: Source, raw_dir: str, since: str | None = None, until: str | None = None,
                 report_path: str | None = None, block_backoff: float = 30.0, **kwargs):
        super().__init__(name=source.id, **kwargs)
        self.source = source
        self.options = source.options
        if since is None and until is None:  # a crawl given no window replays the archive's one
            since, until = source.replay_window
        self.since = since
        self.until = until
        self.report_path = report_path
        self.block_backoff = block_backoff
        self.report = CrawlReport(source_id=source.id)
        store = RawStore(raw_dir)
        try:
            self.known_urls = store.known_urls(source.id)
            self.known_pages = store.known_pages(source.id)
            self.lost_urls = store.lost_urls(source.id)  # on record, body gone: fetched again and counted
        finally:
            store.close()

    def windowed(self, url: str) -> str:
        """Fill `{since}` / `{until}` in a URL whose path or query carries the date window, in the
        source's `window.url_date_format`, percent-encoded."""
        if "{since}" not in url and "{until}" not in url:
            return url
        fmt = self.source.window.get("url_date_format", "%Y-%m-%d")
        for name, bound in (("since", self.since), ("until", self.until)):
            if "{" + name + "}" in url:
                if not bound:
                    raise CloseSpider(f"no --{name} for a source whose URL carries a date window")
                url = url.replace("{" + name + "}", quote(datetime.fromisoformat(bound[:10]).strftime(fmt), safe=""))
        return url

    def refetch_requests(self):
        """Detail documents on record whose body the raw store lost: asked for directly, since an
        incremental crawl may stop paging before it reaches them again."""
        return [self.request(url, self.parse_document, "document") for url in sorted(self.lost_urls)]

    # -- requests ---------------------------------------------------------------------
    def request(self, url: str, callback, stage: str, **kwargs) -> scrapy.Request:
        meta = kwargs.pop("meta", {})
        meta["stage"] = stage
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta=meta, **kwargs)

    def on_error(self, failure) -> None:
        request = failure.request
        entry = {"url": redact_url(request.url), "stage": request.meta.get("stage", "document")}
        if failure.check(HttpError):
            entry["status"] = failure.value.response.status
        else:
            entry["error"] = redact_text(f"{failure.type.__name__}: {failure.getErrorMessage()}")[:300]
        self.report.errors.append(entry)

    def is_blocked(self, response) -> bool:
        markers = self.options.get("block_markers", ())
        if not markers:
            return False
        text = response.body[:20000].decode(getattr(response, "encoding", None) or "utf-8", "replace")
        return any(m in text for m in markers)

    async def handle_block(self, response):
        """A rate-limit page: wait once, try again, then stop the whole crawl and say so."""
        attempts = response.meta.get("block_attempts", 0)
        if attempts < int(self.options.get("block_retries", 1)):
            await asyncio.sleep(self.block_backoff)
            meta = dict(response.meta, block_attempts=attempts + 1)
            yield response.request.replace(dont_filter=True, meta=meta)
            return
        self.report.blocked = True
        self.report.errors.append({"url": redact_url(response.url), "stage": response.meta.get("stage"), "error": "blocked (rate limit page)"})
        raise CloseSpider("blocked")

    def document(self, response) -> dict:
        self.report.documents_fetched += 1
        headers = {k.decode("latin-1"): b",".join(v).decode("latin-1") for k, v in response.headers.items()}
        return {
            "url": redact_url(response.url),
            "body": response.body,
            "status": response.status,
            "headers": headers,
            "declared_encoding": _header_charset(headers.get("Content-Type")),
            "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "source_id": self.source.id,
            "kind": self.source.kind,
        }

    def page_unchanged(self, response) -> bool:
        return (redact_url(response.url), hashlib.sha256(response.body).hexdigest()) in self.known_pages

    def detail_requests(self, urls: list[str]):
        """Requests for detail documents not already held; returns (requests, how many were known)."""
        fresh, known = [], 0
        for url in urls:
            if redact_url(url) in self.known_urls:
                known += 1
            else:
                fresh.append(self.request(url, self.parse_document, "document"))
        self.report.items_listed += len(urls)
        self.report.skipped_known += known
        return fresh, known

    async def parse_document(self, response):
        if self.is_blocked(response):
            async for item in self.handle_block(response):
                yield item
            return
        yield self.document(response)

    def closed(self, reason: str) -> None:
        stats = self.crawler.stats
        self.report.close_reason = reason
        self.report.requests = stats.get_value("downloader/request_count", 0)
        self.report.retries = stats.get_value("retry/count", 0)
        self.report.robots_forbidden = stats.get_value("robotstxt/forbidden", 0)
        if self.report_path:
            self.report.write(self.report_path)


class ListingSpider(SourceSpider):
    """Paginated HTML listing -> detail pages. Options: item_links, next_page | page_param, max_pages,
    total_regex, block_markers, since_param / until_param / date_format."""

    def start_urls_bounded(self) -> list[str]:
        urls = [self.windowed(u) for u in self.source.start_urls]
        fmt = self.options.get("date_format", "%Y-%m-%d")
        if self.since or self.until:  # e.g. the portal's "custom time range" switch
            for name, value in self.options.get("bounded_query", {}).items():
                urls = [set_query_param(u, name, value) for u in urls]
        for bound, param in ((self.since, "since_param"), (self.until, "until_param")):
            if bound and self.options.get(param):
                value = datetime.fromisoformat(bound).strftime(fmt)
                urls = [set_query_param(u, self.options[param], value) for u in urls]
        return urls

    async def start(self):
        for url in self.start_urls_bounded():
            yield self.request(url, self.parse_listing, "listing", meta={"page": 1})
        for request in self.refetch_requests():
            yield request

    async def parse_listing(self, response):
        if self.is_blocked(response):
            async for item in self.handle_block(response):
                yield item
            return
        self.report.listing_pages += 1
        if self.report.expected_total is None and self.options.get("total_regex"):
            match = re.search(self.options["total_regex"], response.text)
            if match:
                self.report.expected_total = int(match.group(1).replace(",", ""))
        links = [response.urljoin(u.strip()) for u in response.css(self.options["item_links"]).getall() if u.strip()]
        links = list(dict.fromkeys(links))
        requests, known = self.detail_requests(links)
        for request in requests:
            yield request
        if links and known == len(links) and self.source.newest_first:
            self.report.stopped_at_known = True
            return
        if self.report.expected_total is not None and self.report.items_listed >= self.report.expected_total:
            return  # the whole listing is seen
        next_url = self.next_listing_url(response, bool(links))
        if next_url:
            yield self.request(next_url, self.parse_listing, "listing", meta={"page": response.meta.get("page", 1) + 1})

    def next_listing_url(self, response, had_items: bool) -> str | None:
        page = response.meta.get("page", 1)
        if page >= int(self.options.get("max_pages", 50)):
            return None
        if self.options.get("next_page"):
            href = response.css(self.options["next_page"]).get()
            return response.urljoin(href) if href else None
        param = self.options.get("page_param")
        if param and had_items:
            current = query_param(response.url, param)
            number = int(current) + 1 if current and current.isdigit() else page + 1
            return set_query_param(response.url, param, number)
        return None


class LinksNextSpider(SourceSpider):
    """JSON API whose pages are the documents, linked by `next_path` (default links.next)."""

    async def start(self):
        for url in map(self.windowed, self.source.start_urls):
            if self.since and self.options.get("since_param"):
                url = set_query_param(url, self.options["since_param"], self.since)
            yield self.request(url, self.parse_page, "listing")

    async def parse_page(self, response):
        self.report.listing_pages += 1
        unchanged = self.page_unchanged(response)
        if unchanged:
            self.report.documents_unchanged += 1
        else:
            yield self.document(response)
        try:
            data = json.loads(response.body)
        except ValueError:
            self.report.errors.append({"url": redact_url(response.url), "stage": "listing", "error": "page is not JSON: paging stopped"})
            return
        if self.report.expected_total is None and self.options.get("total_path"):
            total = json_path(data, self.options["total_path"])
            self.report.expected_total = int(total) if isinstance(total, (int, float)) else None
        items = json_path(data, self.options.get("items_path", "releases")) or []
        self.report.items_listed += len(items) if isinstance(items, list) else 0
        if unchanged and self.source.newest_first:
            self.report.stopped_at_known = True
            return
        next_url = json_path(data, self.options.get("next_path", "links.next"))
        if isinstance(next_url, str) and next_url:
            yield self.request(response.urljoin(next_url), self.parse_page, "listing")


class PostSearchSpider(SourceSpider):
    """POST JSON search, paginated by a payload field; each result's detail URL is a document."""

    def payload(self, page: int) -> dict:
        payload = json.loads(json.dumps(self.options.get("payload", {})))
        payload[self.options.get("page_field", "page")] = page
        for bound, field_name in ((self.since, "since_field"), (self.until, "until_field")):
            if bound and self.options.get(field_name):
                _set_path(payload, self.options[field_name], bound)
        return payload

    def search_request(self, page: int) -> scrapy.Request:
        return self.request(
            self.options["url"], self.parse_search, "listing", method="POST",
            body=json.dumps(self.payload(page), sort_keys=True),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            meta={"page": page}, dont_filter=True,
        )

    async def start(self):
        yield self.search_request(int(self.options.get("first_page", 1)))
        for request in self.refetch_requests():
            yield request

    async def parse_search(self, response):
        if self.is_blocked(response):
            async for item in self.handle_block(response):
                yield item
            return
        self.report.listing_pages += 1
        try:
            data = json.loads(response.body)
        except ValueError:
            self.report.errors.append({"url": redact_url(response.url), "stage": "listing", "error": "search answer is not JSON"})
            return
        if self.report.expected_total is None and self.options.get("total_path"):
            total = json_path(data, self.options["total_path"])
            self.report.expected_total = int(total) if isinstance(total, (int, float)) else None
        results = json_path(data, self.options.get("results_path", "results")) or []
        urls = [_fill(self.options["detail_url"], r) for r in results if isinstance(r, dict)]
        urls = [u for u in urls if u]
        requests, known = self.detail_requests(urls)
        for request in requests:
            yield request
        if urls and known == len(urls) and self.source.newest_first:
            self.report.stopped_at_known = True
            return
        page = response.meta["page"]
        if self.report.expected_total is not None and self.report.items_listed >= self.report.expected_total:
            return  # the whole listing is seen: no need to ask for an empty page
        has_next = json_path(data, self.options["has_next_path"]) if self.options.get("has_next_path") else bool(results)
        if has_next and results and page < int(self.options.get("max_pages", 50)):
            yield self.search_request(page + 1)


class FeedSpider(SourceSpider):
    """RSS 2.0 / Atom / sitemap. documents = "items" (item links) or "pages" (the feed pages, Atom rel=next)."""

    async def start(self):
        for url in self.options.get("feed_urls", self.source.start_urls):
            yield self.request(self.windowed(url), self.parse_feed, "listing")
        if self.options.get("documents", "items") != "pages":  # lost feed pages come back when paged to
            for request in self.refetch_requests():
                yield request

    async def parse_feed(self, response):
        self.report.listing_pages += 1
        selector = scrapy.Selector(text=response.body.decode(response.encoding if hasattr(response, "encoding") else "utf-8", "replace"), type="xml")
        selector.remove_namespaces()
        if self.options.get("documents", "items") == "pages":
            unchanged = self.page_unchanged(response)
            if unchanged:
                self.report.documents_unchanged += 1
            else:
                yield self.document(response)
            self.report.items_listed += len(selector.xpath("//entry"))
            if unchanged and self.source.newest_first:
                self.report.stopped_at_known = True
                return
            next_href = selector.xpath("//feed/link[@rel='next']/@href").get()
            if next_href:
                yield self.request(response.urljoin(next_href), self.parse_feed, "listing")
            return
        for sitemap in selector.xpath("//sitemapindex/sitemap/loc/text()").getall():
            yield self.request(response.urljoin(sitemap.strip()), self.parse_feed, "listing")
        links = []
        for node in selector.xpath("//item | //entry | //urlset/url"):
            link = (node.xpath("link/@href").get() or node.xpath("link/text()").get() or node.xpath("loc/text()").get() or "").strip()
            date = (node.xpath("pubDate/text()").get() or node.xpath("published/text()").get()
                    or node.xpath("updated/text()").get() or node.xpath("lastmod/text()").get() or "").strip()
            if link and self.in_window(date):
                links.append(response.urljoin(link))
        requests, _ = self.detail_requests(list(dict.fromkeys(links)))
        for request in requests:
            yield request

    def in_window(self, date_text: str) -> bool:
        if not (self.since or self.until) or not date_text:
            return True
        day = _feed_date(date_text)
        if day is None:
            return True
        return (not self.since or day >= self.since[:10]) and (not self.until or day <= self.until[:10])


SPIDERS = {"listing": ListingSpider, "links_next": LinksNextSpider, "post_search": PostSearchSpider, "feed": FeedSpider}


def spider_class(source: Source) -> type[SourceSpider]:
    return SPIDERS[source.access]


def _header_charset(content_type: str | None) -> str | None:
    if content_type:
        match = re.search(r"charset=([\w\-]+)", content_type, re.I)
        if match:
            return match.group(1).lower()
    return None


def _fill(template: str, values: dict) -> str | None:
    missing = False

    def sub(match):
        nonlocal missing
        value = json_path(values, match.group(1))
        if value in (None, ""):
            missing = True
            return ""
        text = str(value)
        # In a query string an id like "ab+c==" must stay one value ("+" would arrive as a space).
        return quote(text, safe="") if "?" in template[: match.start()] else text

    url = _PLACEHOLDER.sub(sub, template)
    return None if missing else url


def _set_path(data: Any, path: str, value: Any) -> None:
    """Set `filters.time_period.0.start_date`-style paths in a JSON payload (digits index lists)."""
    parts = path.split(".")
    for part in parts[:-1]:
        data = data[int(part)] if isinstance(data, list) else data.setdefault(part, {})
    last = parts[-1]
    if isinstance(data, list):
        data[int(last)] = value
    else:
        data[last] = value


def _feed_date(text: str) -> str | None:
    from email.utils import parsedate_to_datetime

    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError):
        return None
