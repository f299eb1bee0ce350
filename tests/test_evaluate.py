"""The strict name matcher and manifest reading behind `procwatch eval`."""
from __future__ import annotations

import pytest

from pipeline.evaluate import is_bare_head, names_match, notes_list


@pytest.mark.parametrize("predicted, gold", [
    ("Axon", "Axon Enterprise"),  # the name, then its legal or trade form
    ("Shenzhen Sunwin Intelligent Co., Ltd.", "Shenzhen Sunwin Intelligent"),
    ("the Aksu Police Department", "Aksu Police Department"),
    ("Urumqi", "Urumqi government"),  # a place stands for its government
    ("City of Hayward", "Hayward"),
    ("Government of Kenya", "Kenya"),
    ("喀什市", "喀什市人民政府"),
    ("喀什", "喀什市"),
    ("疏勒縣公安局", "疏勒县公安局"),  # traditional and simplified script
    ("讯飞智元信息科技有限公司", "讯飞智元"),
    ("岳普湖县公安局", "县公安局"),  # the gold names the body by its kind only: its place may be added
    ("Lockhart City Council", "City Council"),  # in English too, a real place
    ("City of Lockhart", "City Council"),  # and a council's town
    ("Motorola Solutions Incorporated", "Motorola Solutions, Inc."),
    ("Leidos Holdngs Inc", "Leidos Holdings"),  # one typo in a long name
    ("Ghana's National Identification Authority", "National Identification Authority"),  # its country in front
    ("U.S. Customs and Border Protection", "Customs and Border Protection"),
])
def test_same_body(predicted, gold):
    assert names_match(predicted, gold)


@pytest.mark.parametrize("predicted, gold", [
    ("Police", "Hayward Police Department"),  # a bare head noun is not the body
    ("公安局", "喀什市公安局"),
    ("City Council", "Hayward City Council"),
    ("the county", "Maricopa County"),
    ("Network Co. Ltd.", "Kashgar Cable and Network Co. Ltd."),  # a trailing fragment of a name
    ("喀什市公安局", "喀什"),  # a place's police is not the place's government
    ("喀什", "喀什市公安局"),
    ("Hayward Police Department", "Hayward"),
    ("县公安局", "岳普湖县公安局"),  # predicted by kind only
    ("Motorola City Council", "City Council"),  # what stands before the kind must be a place
    ("City of Motorola", "City Council"),
    ("City of Lockhart", "Police Department"),  # a town is not its police
    ("Motorola", "Axon"),
    ("Serbia's Ministry of Interior", "Croatia's Ministry of Interior"),  # two countries' ministries
    ("Kenya's police", "Police"),
])
def test_different_bodies(predicted, gold):
    assert not names_match(predicted, gold)


def test_bare_heads():
    assert is_bare_head("the Police Department") and is_bare_head("市政府") and is_bare_head("Council")
    assert not is_bare_head("Hayward Police Department") and not is_bare_head("喀什市公安局")


def test_notes_lists():
    notes = 'trimmed excerpt. gold_pairs=[["Axon", "City of Hayward"]] not_amounts=[[108000000, "USD"]] more text'
    assert notes_list(notes, "gold_pairs") == [["Axon", "City of Hayward"]]
    assert notes_list(notes, "not_amounts") == [[108000000, "USD"]]
    assert notes_list("NEGATIVE: nothing here. gold_pairs=[]", "gold_pairs") == []
    assert notes_list("no lists", "gold_pairs") is None


def test_rows_annotating_one_text_differently_are_listed_as_contested(tmp_path):
    from pipeline.evaluate import contested, evaluate, format_report

    article = ("Border scanners\n\nRapiscan Systems won a $12 million contract from the Kenya Revenue Authority "
               "to install scanners at the port of Mombasa.\n")
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    (tmp_path / "b.txt").write_text(article.replace("\n\n", "\n"), encoding="utf-8")  # the same text, re-wrapped
    header = ["file", "kind", "language", "source_url_or_repo_path", "gold_vendors", "gold_buyers",
              "gold_amount_as_written", "gold_currency", "gold_iso_date", "notes"]
    rows = [["a.txt", "news", "en", "https://news.invalid/a", "Rapiscan Systems", "Kenya Revenue Authority", "", "", "",
             "gold_pairs=[]"],
            ["b.txt", "news", "en", "https://news.invalid/b", "Rapiscan Systems", "Kenya Revenue Authority",
             "12000000", "USD", "", 'gold_pairs=[["Rapiscan Systems", "Kenya Revenue Authority"]]']]
    (tmp_path / "MANIFEST.tsv").write_text("\n".join("\t".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    report = evaluate(tmp_path / "MANIFEST.tsv")
    assert contested(report, "amount") == [("a.txt", 12000000.0, "b.txt")]
    assert contested(report, "pair") == [("a.txt", ("Rapiscan Systems", "Kenya Revenue Authority"), "b.txt")]
    assert "amount values wrong in one row but gold in another row of the same text: 1" in format_report(report)


def test_gold_and_forbidden_figures_read_as_written():
    from pipeline.evaluate import _forbidden_amounts, gold_amounts
    assert gold_amounts("壹佰贰拾万元整|3.8亿元") == [[1200000.0], [380000000.0]]
    assert gold_amounts("₹4,242 crore|Rs 15 lakh|$1.2 trillion") == [[42420000000.0], [1500000.0], [1.2e12]]
    assert _forbidden_amounts(["5亿元", [40000000, "USD"], "$2.5 billion"]) == [500000000.0, 40000000.0, 2500000000.0]
