"""`procwatch bench [--quick]`: each stage's speed beside its limit, measured in one run.

Prints a table, then, as the last line, one JSON object:
  parse_docs_per_s, parse_vs_lxml      parse + extract, and its time over a bare lxml/json parse
  prose_ms_per_1k_words, nlp_ms_per_1k_words, prose_vs_nlp   English prose extraction per 1,000 words, the
                                       spaCy pipeline's own time on the same sentences, and their ratio
  load_rows_per_s, load_vs_native      load_batch, and its time over DuckDB reading the rows from Parquet
  crawl_pages_per_s, crawl_vs_bare     Scrapy from 127.0.0.1 at concurrency 16, and its time per page
                                       over a bare asyncio HTTP/1.0 loop
  incremental_fraction                 requests of the second crawl of an unchanged source / the first's
  query_max_s                          slowest of the example analyst queries on the synthetic warehouse
  peak_rss_mb                          peak resident memory of this process or any child it ran
"""
from __future__ import annotations

import json
import resource
import sys
import time
from dataclasses import dataclass

from . import crawl_bench, load_bench, parse_bench, scale_bench


@dataclass(frozen=True)
class Sizes:
    parse_seconds: float
    load_rows: int
    crawl_pages: int
    scale_awards: int


QUICK = Sizes(parse_seconds=1.5, load_rows=20_000, crawl_pages=500, scale_awards=100_000)
FULL = Sizes(parse_seconds=5.0, load_rows=200_000, crawl_pages=2_000, scale_awards=1_000_000)


def peak_rss_mb() -> float:
    """ru_maxrss is in KiB on Linux; children: the largest child that has ended."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024
    return round(max(own, children) * scale / 1e6, 1)


def _row(label: str, figure: str, target: str, ok: bool | None) -> str:
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    return f"{label:<46} {figure:>16}  {target:<22} {verdict}"


def main(quick: bool = False) -> int:
    sizes = QUICK if quick else FULL
    started = time.perf_counter()
    print(f"procwatch bench{' --quick' if quick else ''}: parse, load, crawl, incremental, scale", flush=True)

    parse = parse_bench.run(sizes.parse_seconds)
    prose = parse_bench.prose_run(repeat=1 if quick else 2)
    load = load_bench.run(sizes.load_rows)
    crawl = crawl_bench.run(sizes.crawl_pages)
    scale = scale_bench.run(sizes.scale_awards)
    rss = peak_rss_mb()

    lines = [
        _row("measure", "figure", "limit / target", None),
        "-" * 92,
        _row(f"parse+extract, {parse.documents} {parse.where} docs ({parse.parsed} parsed)", f"{parse.docs_per_s:,.0f} docs/s", "", None),
        _row("  time over bare lxml/json parse", f"{parse.vs_bare:.2f}x", "<= 3x", parse.vs_bare <= 3),
        *(_row(f"    {kind} ({n} docs): ms/doc ours / bare", f"{ms:.2f} / {bare_ms:.2f}", f"{ms / bare_ms:.1f}x" if bare_ms else "", None)
          for kind, (n, ms, bare_ms) in parse.by_kind.items()),
        _row(f"prose, {prose.documents} English articles ({prose.words:,} words)", f"{prose.ms_per_1k_words:,.0f} ms/1k words", "", None),
        _row(f"  NLP pipeline alone ({prose.model or 'no model: degraded'})", f"{prose.nlp_ms_per_1k_words:,.0f} ms/1k words", "", None),
        _row("  extraction over the NLP pipeline's own time", f"{prose.vs_nlp:.2f}x", "<= 1.5x", prose.vs_nlp <= 1.5),
        _row(f"load_batch, {load.rows:,} award rows", f"{load.rows_per_s:,.0f} rows/s", "", None),
        _row("  time over DuckDB read_parquet of the same rows", f"{load.vs_native:.2f}x", "<= 2x", load.vs_native <= 2),
        _row(f"crawl, {crawl.pages:,} pages, concurrency {crawl_bench.CONCURRENCY}", f"{crawl.pages_per_s:,.0f} pages/s", ">= 300 pages/s",
             crawl.pages_per_s >= 300),
        _row("  with process start-up", f"{crawl.pages / crawl.wall_seconds:,.0f} pages/s", "", None),
        _row("  bare asyncio HTTP/1.0 loop, same pages", f"{crawl.bare_pages / crawl.bare_seconds:,.0f} pages/s", "", None),
        _row("  time per page over the bare loop", f"{crawl.vs_bare:.2f}x", "", None),
        _row("incremental: 2nd crawl requests / 1st", f"{crawl.second_requests}/{crawl.first_requests} = {crawl.incremental_fraction:.3f}",
             "<= 0.1", crawl.incremental_fraction <= 0.1),
        _row("  2nd crawl time / 1st (start-up included)", f"{crawl.incremental_time_fraction:.2f}", "", None),
        _row(f"scale: built {scale.awards:,} awards", f"{scale.build_seconds:.1f} s", f"{scale.size_mb:,.0f} MB file", None),
    ]
    for title, seconds, rows in scale.queries:
        lines.append(_row(f"  q{title[:42]}", f"{seconds:.3f} s", f"< 1 s ({rows} rows)", seconds < 1))
    lines.append(_row("peak RSS (this process or any child)", f"{rss:,.0f} MB", "", None))
    lines.append(_row("bench wall time", f"{time.perf_counter() - started:.1f} s", "< 60 s" if quick else "", None))
    print("\n".join(lines))
    print(json.dumps({
        "parse_docs_per_s": round(parse.docs_per_s, 1),
        "parse_vs_lxml": round(parse.vs_bare, 2),
        "prose_ms_per_1k_words": round(prose.ms_per_1k_words, 1),
        "nlp_ms_per_1k_words": round(prose.nlp_ms_per_1k_words, 1),
        "prose_vs_nlp": round(prose.vs_nlp, 2),
        "load_rows_per_s": round(load.rows_per_s, 1),
        "load_vs_native": round(load.vs_native, 2),
        "crawl_pages_per_s": round(crawl.pages_per_s, 1),
        "crawl_vs_bare": round(crawl.vs_bare, 2),
        "incremental_fraction": round(crawl.incremental_fraction, 4),
        "query_max_s": round(scale.query_max_s, 3),
        "peak_rss_mb": rss,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(quick="--quick" in sys.argv[1:]))
