"""`procwatch browse`: a real server on 127.0.0.1 over a real offline night, read in headless Chromium."""
from __future__ import annotations

import csv
import io
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import lxml.html
import pytest

from reporting import ROOT, demo_night, headless, png_colours


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    night = demo_night(tmp_path_factory)
    port = _free_port()
    before = night["warehouse"].stat().st_mtime_ns
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "browse", "--warehouse", str(night["warehouse"]), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read()[-2000:])
            time.sleep(0.2)
    yield {"base": base, "night": night}
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=20)
    assert night["warehouse"].stat().st_mtime_ns == before  # read-only: the warehouse file is untouched


def _get(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.headers.get("Content-Type"), answer.read()


def test_search_finds_one_organisation_under_its_spellings(server, tmp_path):
    for query in ("huawei", "华为", "Huawei Technologies"):
        dom = headless(f"{server['base']}/?q={quote(query)}", tmp_path / "profile")
        rows = lxml.html.fromstring(dom).get_element_by_id("results").findall(".//tr")[1:]
        names = [r.findall("td")[0].text_content() for r in rows]
        assert any("Huawei Technologies" in n for n in names), (query, names)
    dom = headless(f"{server['base']}/?q=axon&kind=vendor&country=US", tmp_path / "profile")
    rows = lxml.html.fromstring(dom).get_element_by_id("results").findall(".//tr")[1:]
    assert rows and all(r.findall("td")[1].text_content() == "vendor" and r.findall("td")[2].text_content() == "US" for r in rows)


def test_organisation_page_lists_awards_relationships_evidence_and_sources(server, tmp_path):
    dom = headless(f"{server['base']}/?q=huawei", tmp_path / "profile")
    link = next(a.get("href") for a in lxml.html.fromstring(dom).get_element_by_id("results").iter("a") if a.get("href").startswith("/org/"))
    shot = tmp_path / "org.png"
    page = lxml.html.fromstring(headless(server["base"] + link, tmp_path / "profile", screenshot=shot))
    assert "Huawei Technologies" in page.findtext(".//h1")
    for section in ("awards", "relationships", "amounts", "sources"):
        assert page.get_element_by_id(section) is not None
    awards = page.get_element_by_id("awards").getnext().getnext().text_content()
    assert "东莞市政务服务数据管理局" in awards and "2,741,280,000 CNY" in awards
    relationships = page.get_element_by_id("relationships").getnext().getnext()
    assert "Punjab Safe Cities Authority" in relationships.text_content()
    assert all(a.get("href").startswith("http") for a in relationships.iter("a"))
    assert png_colours(shot)[2] > 50


def test_filters_narrow_the_award_list_and_every_view_downloads_as_csv(server, tmp_path):
    dom = headless(f"{server['base']}/awards?country=CN&year=2025", tmp_path / "profile")
    page = lxml.html.fromstring(dom)
    rows = page.get_element_by_id("results").findall(".//tr")[1:]
    assert rows and all(r.findall("td")[0].text_content().startswith("2025") and r.findall("td")[5].text_content() == "CN" for r in rows)
    csv_link = page.get_element_by_id("csv").get("href")
    kind, body = _get(server["base"] + csv_link)
    assert kind.startswith("text/csv") and body.startswith("\ufeff".encode())
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(table) == len(rows) and all(r["country"] == "CN" and r["date"].startswith("2025") and r["source_url"] for r in table)
    kind, body = _get(f"{server['base']}/?q={quote('华为')}&format=csv")
    assert "华为技术有限公司" in body.decode("utf-8-sig")


def test_unknown_pages_and_odd_input_are_answered_cleanly(server):
    with pytest.raises(urllib.error.HTTPError) as missing:
        _get(server["base"] + "/org/no-such-organisation")
    assert missing.value.code == 404
    kind, body = _get(server["base"] + "/?q=" + quote("'; DROP TABLE awards; --"))
    assert kind.startswith("text/html") and "No organisation matches" in body.decode()
