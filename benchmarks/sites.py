"""Synthetic sources: a registry TOML file plus a replay archive, generated in a temporary folder.

A `Site` is a CCGP-style paginated listing whose detail pages are award notices (our own
markup in the portal's structure: numbered sections, a winners table, the buyer's contact
block). Tests and benchmarks change its `entries` (statuses, delays, headers) before `write()`
to stage faults.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from .shapes import PLACES, PROJECTS, chinese_buyer, chinese_vendor

LISTING_HOST = "https://search.procurement.example"
DETAIL_HOST = "https://www.procurement.example"
HTML = {"Content-Type": "text/html; charset=utf-8"}

SOURCE_TOML = """\
id = "{id}"
name = "Synthetic procurement portal ({id})"
kind = "{kind}"
access = "listing"
country = "CN"
base_url = "{detail_host}/"
start_urls = ["{listing_host}/{id}/search?searchtype=1&page_index=1"]
newest_first = true

[listing]
item_links = "ul.vT-srch-result-list-bid li > a::attr(href)"
page_param = "page_index"
max_pages = {max_pages}
total_regex = '共找到\\s*<span[^>]*>\\s*(\\d+)'

[politeness]
download_delay = 0
concurrency = {concurrency}
request_budget = {budget}
timeout = {timeout}
retries = {retries}
retry_backoff = {retry_backoff}
max_bytes = {max_bytes}

[expect]
min_documents = {min_documents}
min_parse_rate = {min_parse_rate}
"""


@dataclass
class Notice:
    code: str
    project: str
    vendor: str
    buyer: str
    agent: str
    amount: str  # as written on the page, yuan with two decimals
    date: str  # ISO


@dataclass
class Site:
    source_id: str
    notices: list[Notice]
    per_page: int = 50
    kind: str = "ccgp_notice"
    concurrency: int = 16
    timeout: float = 30
    retries: int = 3
    retry_backoff: float = 0.2
    max_bytes: int = 64 * 1024 * 1024
    min_documents: int = 1
    min_parse_rate: float = 0.8
    goods_rows: int = 0  # lines in the goods table: makes pages heavier, like large real notices
    entries: list[dict] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)

    def listing_url(self, page: int) -> str:
        return f"{LISTING_HOST}/{self.source_id}/search?searchtype=1&page_index={page}"

    def detail_url(self, index: int) -> str:
        notice = self.notices[index]
        return f"{DETAIL_HOST}/cggg/dfgg/zbgg/{notice.date[:7].replace('-', '')}/t{notice.date.replace('-', '')}_{self.source_id}_{index:06d}.htm"

    @property
    def detail_urls(self) -> list[str]:
        return [self.detail_url(i) for i in range(len(self.notices))]

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.notices) // self.per_page))

    def build(self) -> "Site":
        """Listing pages (newest first, then one empty page that ends the paging) and detail pages."""
        self.entries, self.files = [], {}
        urls = self.detail_urls
        for page in range(1, self.pages + 2):
            chunk = urls[(page - 1) * self.per_page: page * self.per_page]
            name = f"list_{page}.html"
            self.files[name] = listing_page(chunk, len(urls))
            self.entries.append({"method": "GET", "url": self.listing_url(page), "body": None, "status": 200,
                                 "headers": dict(HTML), "file": name})
        for index, url in enumerate(urls):
            name = f"detail_{index:06d}.html"
            self.files[name] = award_page(self.notices[index], self.goods_rows)
            self.entries.append({"method": "GET", "url": url, "body": None, "status": 200, "headers": dict(HTML), "file": name})
        return self

    def entries_for(self, url: str) -> list[dict]:
        return [e for e in self.entries if e["url"] == url]

    def fail_first(self, url: str, *statuses: int) -> None:
        """Answer `url` with these statuses (empty body) before its archived answer."""
        at = next(i for i, e in enumerate(self.entries) if e["url"] == url)
        errors = [{"method": "GET", "url": url, "body": None, "status": s, "headers": {"Content-Type": "text/html"},
                   "file": None} for s in statuses]
        self.entries[at:at] = errors

    def answer(self, url: str, **changes) -> None:
        """Change every archived answer for `url` (status, headers, file, delay)."""
        for entry in self.entries_for(url):
            entry.update(changes)

    def add_file(self, name: str, body: bytes) -> str:
        self.files[name] = body
        return name

    def robots(self, host: str, text: str) -> None:
        name = self.add_file(f"robots_{len(self.files)}.txt", text.encode("utf-8"))
        self.entries.append({"method": "GET", "url": f"{host}/robots.txt", "body": None, "status": 200,
                             "headers": {"Content-Type": "text/plain"}, "file": name})

    def toml(self) -> str:
        return SOURCE_TOML.format(id=self.source_id, kind=self.kind, listing_host=LISTING_HOST, detail_host=DETAIL_HOST,
                                  max_pages=self.pages + 5, concurrency=self.concurrency, budget=len(self.notices) * 3 + 100,
                                  timeout=self.timeout, retries=self.retries, retry_backoff=self.retry_backoff,
                                  max_bytes=self.max_bytes, min_documents=self.min_documents,
                                  min_parse_rate=self.min_parse_rate)

    def write(self, sources_dir: Path, archive_dir: Path) -> "Site":
        """sources_dir/<id>.toml and archive_dir/<id>/responses.jsonl + bodies."""
        if not self.entries:
            self.build()
        sources_dir.mkdir(parents=True, exist_ok=True)
        (sources_dir / f"{self.source_id}.toml").write_text(self.toml(), encoding="utf-8")
        folder = archive_dir / self.source_id
        folder.mkdir(parents=True, exist_ok=True)
        for name, body in self.files.items():
            (folder / name).write_bytes(body)
        with open(folder / "responses.jsonl", "w", encoding="utf-8") as fh:
            for entry in self.entries:
                fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return self


def make_notices(count: int, seed: int = 7, first_day: str = "2025-06-30") -> list[Notice]:
    """`count` award notices, newest first, with varied vendors, buyers, amounts and dates."""
    from datetime import date, timedelta

    rng = random.Random(seed)
    start = date.fromisoformat(first_day)
    notices = []
    for i in range(count):
        day = start - timedelta(days=i // 7)
        amount = round(rng.lognormvariate(13.0, 1.4), 2)
        notices.append(Notice(
            code=f"{PLACES[i % len(PLACES)][:2]}CG{day.year}-{i:05d}",
            project=f"{PLACES[(i * 5) % len(PLACES)]}{day.year}年{PROJECTS[i % len(PROJECTS)]}",
            vendor=chinese_vendor(rng.randrange(max(8, count // 3))),
            buyer=chinese_buyer(rng.randrange(max(4, count // 10))),
            agent=f"{PLACES[(i * 11) % len(PLACES)]}公共资源招标代理有限公司",
            amount=f"{amount:.2f}",
            date=day.isoformat(),
        ))
    return notices


def make_site(source_id: str, documents: int, per_page: int = 50, seed: int = 7, **options) -> Site:
    return Site(source_id, make_notices(documents, seed), per_page=per_page, **options).build()


def listing_page(links: list[str], total: int) -> bytes:
    items = "".join(f'<li><a href="{u}" target="_blank">中标(成交)结果公告</a><span>2025-06-27 | 采购人</span></li>'
                    for u in links)
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>搜索结果</title></head><body>'
            f'<div class="vT_z"><p>共找到 <span style="color:#c00000">{total}</span> 条内容</p>'
            f'<ul class="vT-srch-result-list-bid">{items}</ul></div></body></html>').encode("utf-8")


def goods_table(n: Notice, rows: int) -> str:
    if not rows:
        return "<p>货物类主要标的信息：详见附件</p>"
    lines = "".join(f"<tr><td>{i}</td><td>{n.project}第{i}项</td><td>高清网络摄像机</td><td>型号DS-{1000 + i}</td>"
                    f"<td>{i % 9 + 1}台</td><td>{(i * 37) % 900 + 100}.00</td></tr>" for i in range(1, rows + 1))
    return ("<p>货物类主要标的信息：</p><table class=\"form-panel-input-cls\"><tr><td>序号</td><td>标项名称</td>"
            f"<td>标的名称</td><td>规格型号</td><td>数量</td><td>单价（元）</td></tr>{lines}</table>")


def award_page(n: Notice, goods_rows: int = 0) -> bytes:
    title = f"{n.project}中标(成交)结果公告"
    y, m, d = n.date.split("-")
    return f"""<!doctype html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="SiteName" content="中国政府采购网" />
<meta name="ArticleTitle" content="{title}" />
<meta name="PubDate" content="{n.date} 16:30" />
<title>{title}</title></head>
<body id="detail">
<div class="vF_detail_main">
<div class="vF_detail_header"><h2 class="tc">{title}</h2>
<p class="tc"><span id="pubTime">{y}年{m}月{d}日 16:30</span> 来源：<span id="sourceName">中国政府采购网</span></p></div>
<div class="vF_detail_content_container"><div class="vF_detail_content">
<p><strong>一、项目编号：</strong><span class="code-00004">{n.code}</span></p>
<p><strong>二、项目名称：</strong><span class="code-00003">{n.project}</span></p>
<p><strong>三、中标（成交）信息</strong></p>
<p>1.中标结果：</p>
<table class="template-bookmark"><thead><tr><td>序号</td><td>供应商名称</td><td>供应商地址</td><td>中标（成交）金额</td></tr></thead>
<tbody><tr><td class="code-sectionNo">1</td><td class="code-winningSupplierName">{n.vendor}</td>
<td class="code-winningSupplierAddr">{n.buyer[:3]}经济开发区创业路8号</td>
<td class="code-summaryPrice">报价:{n.amount}(元)</td></tr></tbody></table>
<p><strong>四、主要标的信息</strong></p>
{goods_table(n, goods_rows)}
<p><strong>五、评审专家（单一来源采购人员）名单：</strong>王明、李华、张强</p>
<p><strong>六、代理服务收费标准及金额：</strong>按国家有关规定收取。</p>
<p><strong>七、公告期限</strong></p><p>自本公告发布之日起1个工作日。</p>
<p><strong>八、其他补充事宜</strong></p><p>/</p>
<p><strong>九、凡对本次公告内容提出询问，请按以下方式联系。</strong></p>
<p>1.采购人信息</p><p>名 称：{n.buyer}</p><p>地 址：{n.buyer[:3]}人民路1号</p><p>联系方式：0851-00000000</p>
<p>2.采购代理机构信息</p><p>名 称：{n.agent}</p><p>地 址：{n.agent[:3]}中山路2号</p><p>联系方式：0851-11111111</p>
<p>3.项目联系方式</p><p>项目联系人：陈工</p><p>电 话：0851-11111111</p>
</div></div></div></body></html>
""".encode("utf-8")
