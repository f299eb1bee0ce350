"""Vendor–agency relationships stated in prose.

Sentence level: every vendor × public body named in one sentence that carries a deal word (contract,
supply, worked with, 中标, 承建 …); coordination ("with A on X; with B on Y; and with C on Z") gives one
pair per body. Denials ("does not do business with …") are kept as negated. Public bodies that only fund
(a grant), report data, or sanction a vendor are not its customers; losing bidders, tender agents and
commercial buyers never pair. Chinese award news often names the buyer only through the project
("中标遵义市…项目" -> 遵义市) or a label ("(本项目招标人)"). When a vendor never shares a sentence with a
body, it pairs at lower confidence with the bodies the article names around the deal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import known_org
from ..orgs import name_key
from ..records import Relationship
from .analysis import Analysis, Sentence, agency_name, vendor_name
from . import syntax_en
from .entities import Mention
from .nlp import english
from .places import is_place, simplified, zh_division, zh_most_specific

_RELATIONS = (  # (relation, pattern), strongest first
    ("contract", re.compile(
        r"\b(?:contracts?|contracted|agreements?|deals?|award(?:ed|s)?|won|wins|purchas\w*|bought|buy(?:ing|s)?|procur\w*|"
        r"expenditure|renewal|subscription|tender(?:ed)?|order(?:ed)?|memorandum|MoU|signed|settlement|warrant(?:y|ies))\b|"
        r"中标|中標|成交|竞得|競得|得标|得標|合同|签约|簽約|签订|簽訂|签署|簽署|承建|承办|承辦|承包|总包|總包|大单|大單|采购|採購|协议|協議|订单|訂單|"
        r"拿下|斩获|斬獲|夺得|奪得|标案|標案", re.I)),
    ("supplies", re.compile(r"\b(?:suppl(?:y|ies|ied|ier)|provid(?:e|es|ed|ing)|provision|deliver\w*|install\w*|"
                            r"equip\w*|imported|build(?:s|ing)?|built|construct\w*|operate|maintenance|restore)\b|"
                            r"供应|供應|供货|供貨|提供|交付|安装|安裝|建设|建設|部署", re.I)),
    ("cooperation", re.compile(r"\b(?:worked with|works with|working with|cooperat\w*|partner\w*|collaborat\w*|"
                               r"jointly|teamed)\b|合作|携手|攜手|共建", re.I)),
    ("investment", re.compile(r"\binvest\w*\b|投资|投資", re.I)),
    ("project", re.compile(r"\bprojects?\b|项目|項目|工程", re.I)),
    ("uses", re.compile(r"\b(?:uses|using|used|deploy\w*|adopt\w*)\b|使用|采用|採用", re.I)),
)
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|denied|denies|deny|doesn['’]t|didn['’]t|hasn['’]t|haven['’]t|won['’]t|refused|"
    r"rejected)\b|没有|沒有|未与|未與|并未|並未|从未|從未|否认|否認|不与|不與|不直接|拒绝|拒絕|被取消|取消了|撤销|撤銷|终止|終止|作废|作廢|废标|廢標|"
    r"未能|未签|未簽|未中标|未中標|落标|落標|未获|未獲", re.I)
# A tender's candidates and bidders are no winners: 中标候选人, 参与投标 (unless the sentence gives the result).
_ZH_RESULT = re.compile(r"中标结果|中標結果|成交结果|成交結果|确定为中标|確定為中標|中标单位为|中標單位為|成交供应商|成交供應商")
_ZH_CANDIDATE = re.compile(r"候选人|候選人|候选单位|候選單位|参与投标|參與投標|参与了[^，。]{0,20}投标|參與了[^，。]{0,20}投標|拟中标|擬中標|入围|入圍")
_FUNDER = re.compile(r"\bgrants?\b|\bfunded\b|\bfunding\b|资助|資助|补助|補助", re.I)
_SANCTION = re.compile(r"sanction|banned|blacklist|entity list|placed (?:it|them|the company) on|制裁|实体清单|實體清單", re.I)
_SOURCE_BEFORE = re.compile(r"(?:data|figures|statistics|numbers|report|study|survey)\s+(?:from|by|of)\s+(?:the\s+)?$", re.I)
_ZH_WIN = re.compile(r"中标|中標|成交|承建|承办|承辦|总承包|總承包|获得|獲得|大单|大單|签约|簽約|斩获|斬獲|拿下|竞得|競得|"
                     r"得标|得標|夺得|奪得|中选|中選")
# A division written with its levels: (province) city (district) — 新疆乌鲁木齐市水磨沟区.
_ZH_DIVISION = (r"(?:[\u4e00-\u9fff]{2,4}?(?:省|自治区|自治區))?[\u4e00-\u9fff]{2,4}?(?:市|县|縣|区|區|州|旗|盟)"
                r"(?:[\u4e00-\u9fff]{2,3}?(?:区|區|县|縣))?")
_ZH_PLACE = re.compile(_ZH_DIVISION + r"|[\u4e00-\u9fff]{2,3}?(?:省|自治区|自治區)")
_ZH_FOR_PLACE = re.compile(rf"[为為]({_ZH_DIVISION})(?:的)?(?:提供|建设|建設|打造|部署|搭建|承建|开发|開發|建立|定制)|"
                           rf"在({_ZH_DIVISION}|[\u4e00-\u9fff]{{2,3}}?)(?:承建|中标|中標|建设了|建設了|部署了|落地)|"
                           # a place as the other party of an agreement: 与包头市签署…协议 (its government signs)
                           rf"(?:与|與|同)({_ZH_DIVISION}|[\u4e00-\u9fff]{{2,3}}?(?:省|自治区|自治區))(?:成功|正式)?"
                           rf"(?:签署|簽署|签订|簽訂|签约|簽約|达成|達成|共建|战略合作|戰略合作)|"
                           # or the first party, at the head of its clause: 资兴市与某公司签署…协议
                           rf"(?:^|(?<=[，,。；;：:\s]))({_ZH_DIVISION}|[\u4e00-\u9fff]{{2,3}}?(?:省|自治区|自治區))(?:与|與|同)"
                           rf"[^，,。；;]{{2,40}}?(?:签署|簽署|签订|簽訂|签约|簽約)")
# A development zone a place runs, as the other party of an agreement: 同德州经济技术开发区签约 (its committee signs)
_ZH_ZONE_PARTY = re.compile(r"(?:与|與|同)([\u4e00-\u9fff]{2,4}?)([\u4e00-\u9fff]{0,4}?(?:经济技术开发区|經濟技術開發區|"
                            r"高新技术产业开发区|高新技術產業開發區|高新区|高新區|开发区|開發區|新区|新區))(?:成功|正式)?"
                            r"(?:签署|簽署|签订|簽訂|签约|簽約|达成|達成|共建|战略合作|戰略合作)")
_ZH_ANCHOR = re.compile(r"[,，:：;；“\"《(（]|中标的?|中標的?|承建的?|原")
_ZH_NOT_PLACE = re.compile(r"的|为|為|项目|項目|是|在|将|將|一|这|這|该|該|本|对|對|中标|中標|公司|工程|城市|都市|超市|门市|門市|地区|地區|小区|小區|社区|社區|园区|園區|景区|景區|城区|城區|全区|全區|辖区|轄區|校区|校區|新区|新區")
_ZH_BUYER_LABEL = re.compile(r"[(（]\s*(?:本项目|本項目|项目|項目)?(?:招标人|招標人|采购人|採購人|采购单位|採購單位|业主|業主|建设单位|建設單位)\s*[)）]")
_ZH_BUYER_PREFIX = re.compile(r"(?:招标人|招標人|采购人|採購人|采购单位|採購單位|业主单位|業主單位|建设单位|建設單位)\s*(?:为|為|是|:|：)\s*$")
_DEAL_CONTEXT = re.compile(
    r"\b(?:contracts?|agreements?|deals?|award\w*|purchas\w*|procur\w*|expenditure|renewal|cameras?|surveillance|"
    r"cctv|projects?|systems?|equipment|ordinance|ordained|resolved|motion|approv\w*|authoriz\w*|safe city|"
    r"body[- ]worn|bodycams?)\b|"
    r"建设|建設|项目|項目|工程|采购|採購|招标|招標|中标|中標|拨款|撥款|监控|監控|探头|探頭|系统|系統", re.I)


@dataclass
class _Pair:
    vendor: str
    agency: str
    relation: str
    evidence: str
    confidence: float
    method: str
    negated: bool = False


def _relation_in(text: str) -> str | None:
    for relation, pattern in _RELATIONS:
        if pattern.search(text):
            return relation
    return None


# A body named as an official's affiliation at a ceremony, or as the regulator that approved a project, is
# present but no party: "在市委政法委书记…的见证下", "经国家发改委批复".
_ZH_TITLE_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,3}?(?:书记|書記|副?主任|局长|局長|厅长|廳長|部长|部長|副?市长|副?市長|区长|區長|"
                             r"县长|縣長|委员|委員|领导|領導|负责人|負責人|政委|党委|黨委)")
_ZH_CEREMONY = re.compile(r"见证|見證|出席|参加|參加|陪同|指导|指導|调研|調研|会见|會見|考察|主持|致辞|致辭|讲话|講話|见签|見簽")
_ZH_ALONGSIDE = re.compile(r"(?:联合|聯合|会同|會同|携手|攜手)[^。；;！？]*$")
_ZH_TOGETHER = re.compile(r"^[^。；;！？]{0,60}?(?:等[^。；;，,]{0,6}(?:单位|單位|机构|機構)|共同(?:推进|推進|建设|建設|承担|承擔|参与|參與))")
_ZH_REGULATOR = re.compile(r"发改委|發改委|发展和改革委员会|發展和改革委員會|发改局|發改局")
_ZH_APPROVAL = re.compile(r"批复|批復|批准|审批|審批|立项|立項|核准|备案|備案|评审|評審|指导|指導")


# A court or a regulator that judges a vendor or its deal is no party to the deal: "the Court of Appeal ruled that the
# police's use of NEC's software was unlawful", "the Information Commissioner's Office fined Clearview AI".
_JUDGE = re.compile(r"\b(?:Court|Tribunal|Commissioner['’]s Office|Ombudsman|Regulator|Trade Commission|Data Protection|"
                    r"Privacy Commissioner|Competition and Markets)\b|法院|仲裁委员会|仲裁委員會")
_JUDGING = re.compile(r"\b(?:rul(?:e|ed|es|ing|ings)|judg\w*|verdict|upheld|unlawful|fin(?:e|ed|es|ing)|sued|su(?:e|es|ing)|"
                      r"lawsuit|penal\w*|reprimand\w*|enforcement notice|investigat\w*|probe|challeng\w*|litigat\w*|protest\w*|"
                      r"settle\w*|unsupported claims|misleading)\b|"
                      r"判决|判決|判令|裁定|裁决|裁決|审理|審理|驳回|駁回|起诉|起訴|诉讼|訴訟|纠纷|糾紛|上诉|上訴|一审|一審|二审|二審", re.I)


def _judges(body: str, sentence: str) -> bool:
    return bool(_JUDGE.search(body) and _JUDGING.search(sentence))


def _excluded_agency(sentence: str, mention: Mention) -> bool:
    if _judges(mention.text, sentence):
        return True
    if any("\u4e00" <= ch <= "\u9fff" for ch in mention.text):
        if _ZH_TITLE_AFTER.match(sentence[mention.end:mention.end + 8]) and _ZH_CEREMONY.search(sentence):
            return True
        if _ZH_REGULATOR.search(mention.text) and _ZH_APPROVAL.search(sentence):
            return True
        if _ZH_ALONGSIDE.search(sentence[:mention.start]) and _ZH_TOGETHER.match(sentence[mention.end:]):
            return True  # "联合A、B等单位共同推进": partners in the work, not its buyer
    before = sentence[max(0, mention.start - 40):mention.start]
    if _SOURCE_BEFORE.search(before):
        return True
    if _SANCTION.search(sentence):
        return True
    if _FUNDER.search(sentence) and re.search(r"\b(?:by|from)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}$", before):
        return True
    return False


def _zh_implied_buyers(sentence: Sentence) -> list[Mention]:
    """Places that head a won project's name: 中标遵义市…项目 -> 遵义市; (本项目招标人) labels; the place a
    company builds for: 为北京市海淀区提供城市大脑 -> 海淀区."""
    text = sentence.text
    out = []
    for match in _ZH_FOR_PLACE.finditer(text):  # (group 2: 在新疆承建 — where the company builds)
        group = next(g for g in (1, 2, 3, 4) if match.group(g))
        specific = zh_most_specific(simplified(match.group(group)))
        if zh_division(specific) and not any(m.start <= match.start(group) < m.end for m in sentence.mentions):
            out.append(Mention(match.end(group) - len(specific), match.end(group), specific, "agency", method="zh-project-place"))
    for match in _ZH_ZONE_PARTY.finditer(text):
        if zh_division(simplified(match.group(1))) and not any(m.start < match.end(2) and match.start(1) < m.end
                                                                for m in sentence.mentions):
            out.append(Mention(match.start(1), match.end(2), match.group(1) + match.group(2), "agency",
                               method="zh-zone-party"))
    if _ZH_WIN.search(text):
        # a project's place follows a clause mark, a win word or the deal's value: 中标3.8亿元金华婺城区…项目
        anchors = [0] + [m.end() for m in _ZH_ANCHOR.finditer(text)] + [m.end for m in sentence.money]
        for position in sorted(set(anchors)):
            match = _ZH_PLACE.match(text, position)
            if not match:
                continue
            name = match.group(0)
            specific = zh_most_specific(simplified(name))
            if zh_division(specific) is None:
                continue  # not a real division: "中心城区", a project word
            if _ZH_NOT_PLACE.search(name[: len(name) - len(specific)]) or (
                    _ZH_NOT_PLACE.search(specific) and not zh_division(specific)):
                continue  # words that are no place in front of it ("婺城区" is one, its 城区 no project word)
            name = name[len(name) - len(specific):]
            rest = re.split(r"[,，。;；]", text[match.end():])[0]
            if not re.search(r"项目|項目|工程|系统|系統|平台|建设|建設", rest):
                continue
            if any(m.start <= match.start() < m.end for m in sentence.mentions):
                continue
            out.append(Mention(match.end() - len(name), match.end(), name, "agency", method="zh-project-place"))
    return out


def _zh_labelled_buyers(sentence: Sentence) -> list[Mention]:
    out = []
    for mention in sentence.mentions:
        if mention.role not in ("vendor", "agency") or mention.generic:
            continue
        after = sentence.text[mention.end:mention.end + 16]
        before = sentence.text[max(0, mention.start - 10):mention.start]
        if _ZH_BUYER_LABEL.match(after) or _ZH_BUYER_PREFIX.search(before):
            out.append(Mention(mention.start, mention.end, mention.text, "agency", method="zh-labelled-buyer"))
    return out


# Characters of one article the dependency parser reads (about 50,000 words, some 20 s on these machines);
# a longer document is no article, and its remaining sentences get the pattern rules only.
NLP_CHAR_BUDGET = 300_000


def _main_supplier(sentence_parties: list) -> "syntax_en.Party | None":
    """The article's one supplier: the only company it names, or one named at least twice as often as any
    other (by the rules or the recogniser)."""
    counts: dict[str, int] = {}
    for _, _, parties in sentence_parties:
        for party in parties:
            if party.role in ("vendor", "unknown") and not party.generic:
                counts[party.name] = counts.get(party.name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    return syntax_en.Party(0, 0, ranked[0][0], "vendor", "main-supplier")


def _english_syntax_pairs(analysis: Analysis, nlp) -> tuple[list[_Pair], set[str]]:
    """Pairs linked through a deal word in the dependency parse (see syntax_en)."""
    out: list[_Pair] = []
    sentence_parties = []
    parsed, budget = [], NLP_CHAR_BUDGET
    for sentence in analysis.sentences:
        budget -= len(sentence.text)
        if budget < 0:  # past the budget, sentences are read by the pattern rules alone
            out += _sentence_pairs(analysis, sentence, set(), use_places=False)
        else:
            parsed.append(sentence)
    docs = list(nlp.pipe([s.text for s in parsed], batch_size=64))
    people = syntax_en.person_words(docs)
    for sentence, doc in zip(parsed, docs):
        parties = []
        named_body = any(m.role == "agency" and agency_name(m) for m in sentence.mentions)
        for mention in sentence.mentions:
            if mention.role in ("vendor", "company"):
                name = vendor_name(analysis, mention) if mention.role == "vendor" else mention.text
                if name:
                    parties.append(syntax_en.from_mention(mention, name))
            elif mention.role in ("agency", "official") and not _excluded_agency(sentence.text, mention):
                if mention.role == "official" and named_body:
                    continue  # an official stands in for a body only when the sentence names none
                name = agency_name(mention)
                if name and not syntax_en.is_bare_body(name):
                    parties.append(syntax_en.from_mention(mention, name))
                elif mention.role == "agency":
                    party = syntax_en.from_mention(mention, mention.text)
                    party.generic, party.method = True, mention.method + "+unresolved"
                    parties.append(party)
        parties = syntax_en.merge_recogniser(doc, parties, people)
        parties += syntax_en.quoted_speakers(doc, parties)
        sentence_parties.append((sentence, doc, parties))
    systems = syntax_en.system_acronyms(analysis.article.text)
    sentence_parties = [(sentence, doc, [p for p in parties if p.name not in systems or p.role == "agency"])
                        for sentence, doc, parties in sentence_parties]
    acronyms = syntax_en.resolve_acronyms(analysis.article.text, [p for _, _, ps in sentence_parties for p in ps])
    bodies = tuple({p.name for _, _, ps in sentence_parties for p in ps if p.role == "agency" and not p.generic})
    supplier = _main_supplier(sentence_parties)
    record = _record_body(analysis)
    for sentence, doc, parties in sentence_parties:
        for party in parties:
            full = acronyms.get(party.name) if party.name.isupper() else None
            if full is not None and full is not party:
                party.name, party.role = full.name, full.role
        implied = syntax_en.implied_supplier_pairs(doc, parties, supplier) if supplier else []
        linked = syntax_en.sentence_pairs(doc, parties, bodies, analysis.set_aside)
        if record is not None:  # a motion of the record's own body
            vendors = {id(p.vendor) for p in linked if p.agency.role == "agency" and not p.agency.generic}
            implied += [syntax_en.SyntaxPair(vendor, record, "contract", 0.6, negated, "record-motion")
                        for vendor, negated in syntax_en.approved_vendors(doc, parties) if id(vendor) not in vendors]
        for pair in linked + implied:
            if _judges(pair.agency.name, sentence.text):
                continue  # (a recogniser's body, which no mention rule excluded)
            confidence = pair.confidence
            if pair.agency.method.endswith("+unresolved"):
                confidence = min(confidence, 0.45)  # "the city" of an article that never names it
            elif pair.agency.method.endswith("+resolved-place"):
                confidence = min(confidence, 0.6)  # the one place of its level the article names
            elif pair.agency.method.endswith("+resolved-url-place"):
                confidence = min(confidence, 0.55)  # named only by the address the article was published at
            if pair.negated:
                confidence = max(confidence, 0.6)
            out.append(_Pair(pair.vendor.name, pair.agency.name, pair.relation, sentence.text, confidence,
                             f"parse:{pair.vendor.method}/{pair.agency.method}", pair.negated))
    out += _deal_of_the_body_before(sentence_parties, out)
    withdrawn = {name for _, doc, parties in sentence_parties for name in syntax_en.withdrawn_vendors(doc, parties)}
    for pair in out:
        if pair.vendor in withdrawn:
            pair.negated = True  # the article says the company walked away from the work
    out += _consortium_pairs(sentence_parties, out)
    out += _supplier_of_what_was_bought(sentence_parties)
    out += _customers_listed(sentence_parties)
    out += _users_of_the_vendor_s_thing(sentence_parties, out)
    out += _deal_concluded_by(sentence_parties, out)
    named = {p.name for _, _, parties in sentence_parties for p in parties if not p.generic}
    return _places_behind_their_bodies(out), named


# A sentence that goes on about what the one before named: "It is being deployed under a contract awarded to …",
# "The contract went to …", "Under the deal, …".
_GOES_ON = re.compile(r"^(?:It|They|This|That|The (?:contract|deal|agreement|award|order|system|project|program|programme|"
                      r"platform|scheme|work)s?|Under (?:the|that|this) (?:contract|deal|agreement))\b")
_AWARD_WORDS = re.compile(r"\b(?:awarded|contract(?:ed)?|deal|agreement|won|selected|chosen|hired|went to)\b")


def _deal_of_the_body_before(sentence_parties: list, found: list[_Pair]) -> list[_Pair]:
    """Vendors of a deal in a sentence that names no body and goes on about the sentence before, which names
    one: the deal is that body's ("The Department of Defense's version … It is being deployed under a contract
    awarded to Leidos")."""
    out = []
    paired = {p.vendor for p in found if p.confidence >= 0.5}
    for (before, _, before_parties), (sentence, _, parties) in zip(sentence_parties, sentence_parties[1:]):
        if before.is_title or before.paragraph != sentence.paragraph:
            continue
        if not _GOES_ON.match(sentence.text) or not _AWARD_WORDS.search(sentence.text):
            continue
        if any(p.role == "agency" for p in parties):
            continue
        bodies = {p.name for p in before_parties if p.role == "agency" and not p.generic and not p.place}
        if len(bodies) != 1:
            continue
        body = bodies.pop()
        for party in parties:
            if party.role == "vendor" and not party.generic and party.name not in paired:
                out.append(_Pair(party.name, body, "contract", f"{before.text} … {sentence.text}", 0.55,
                                 f"parse:{party.method}/body-of-the-sentence-before"))
    return out


def _supplier_of_what_was_bought(sentence_parties: list) -> list[_Pair]:
    """A body acquires a thing and the next sentence names who made it: "The Met will begin using facial
    recognition cameras. The cameras, which run software made by NEC, …" (a link the reader draws across
    the two sentences, so it sits just above the reporting cut)."""
    out = []
    for (before, before_doc, before_parties), (after, after_doc, after_parties) in zip(sentence_parties,
                                                                                       sentence_parties[1:]):
        if before.paragraph + 1 < after.paragraph or any(
                p.role == "agency" and not p.generic and not p.place for p in after_parties):
            continue
        acquired = syntax_en.acquired_things(before_doc, before_parties)
        if not acquired:
            continue
        for vendor in syntax_en.suppliers_of(after_doc, after_parties, {thing for _, thing in acquired}):
            for agency in dict.fromkeys(a.name for a, _ in acquired):
                out.append(_Pair(vendor.name, agency, "supplies", f"{before.text} … {after.text}", 0.55,
                                 f"parse-next-sentence:{vendor.method}"))
    return out


def _users_of_the_vendor_s_thing(sentence_parties: list, found: list[_Pair]) -> list[_Pair]:
    """A body that uses "the technology" of the one vendor the sentences just before made a deal with: "The
    City signed a contract with X. The Police Department has used the technology since 2012"."""
    out = []
    for index, (sentence, doc, parties) in enumerate(sentence_parties):
        if any(p.role in ("vendor", "unknown") and not p.generic for p in parties):
            continue
        before = [s for s, _, _ in sentence_parties[max(0, index - 2):index] if s.paragraph + 1 >= sentence.paragraph]
        vendors = {p.vendor for p in found if p.confidence >= 0.5 and not p.negated
                   and any(p.evidence == s.text for s in before)}
        if len(vendors) != 1:
            continue
        for agency in syntax_en.users_of_the_thing(doc, parties):
            out.append(_Pair(next(iter(vendors)), agency.name, "uses", f"{before[-1].text} … {sentence.text}", 0.55,
                             f"parse-uses-the-thing:{agency.method}"))
    return out


_CUSTOMERS = re.compile(r"\b(?:[Ii]ts|[Tt]heir|(?P<owner>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})['’]s?)\s+(?:\w+\s+){0,2}?"
                        r"(?:customers|clients|users)\s+(?:include|included|including|such as|have included|are)\b")


def _customers_listed(sentence_parties: list) -> list[_Pair]:
    """Bodies a sentence lists as a company's customers: "Clearview says its customers include the FBI and the
    Department of Homeland Security", "Axon's law-enforcement customers include …"."""
    out = []
    last_vendor = None
    for sentence, _, parties in sentence_parties:
        vendors = [p for p in parties if p.role == "vendor" and not p.generic]
        match = _CUSTOMERS.search(sentence.text)
        if match:
            owner = match.group("owner")
            named = [p for p in vendors if p.end <= match.start() + len(owner or "") and (not owner or owner in p.name
                                                                                         or p.name in owner)]
            vendor = named[-1].name if named else (None if owner else last_vendor)
            for agency in parties:
                if vendor and agency.role == "agency" and not agency.generic and agency.start >= match.end():
                    out.append(_Pair(vendor, agency.name, "supplies", sentence.text, 0.6, "customers-listed"))
        if vendors:
            last_vendor = vendors[-1].name
    return out


def _deal_concluded_by(sentence_parties: list, found: list[_Pair]) -> list[_Pair]:
    """A deal one sentence makes with a vendor, concluded by a body the next sentence names: "The ministry
    signed a £75m deal with Palantir. The deal was signed by Defence Digital, …"."""
    out = []
    for (before, _, before_parties), (after, after_doc, after_parties) in zip(sentence_parties, sentence_parties[1:]):
        if before.paragraph + 1 < after.paragraph or any(p.role == "vendor" and not p.generic for p in after_parties):
            continue
        dealt = {p.vendor for p in found if p.evidence == before.text and p.confidence >= 0.5 and not p.negated}
        vendors = [p.name for p in before_parties if p.role == "vendor" and not p.generic and p.name in dealt]
        if not dealt and _relation_in(before.text) in ("contract", "supplies", "project"):
            # (a sentence that names only the vendor and its project: "X has completed the … project")
            vendors = [p.name for p in before_parties if p.role in ("vendor", "unknown") and not p.generic]
        if len(set(vendors)) != 1:
            continue
        for agency in syntax_en.bodies_concluding_the_deal(after_doc, after_parties):
            out.append(_Pair(vendors[0], agency.name, "contract", f"{before.text} … {after.text}", 0.6,
                             f"parse-deal-concluded:{agency.method}"))
    return out


_CONSORTIUM = re.compile(r"\b(?:consortium|joint venture)\b", re.I)
# A team that won together, whatever the sentence calls the deal: "…, which together made up the winning bid"
_WINNING_TEAM = re.compile(r"\b(?:(?:made|make|makes) up the winning bid|formed the winning bid|won (?:the contract |it )?together|"
                           r"bid(?:ding)? together|as (?:its|their) subcontractors?)\b", re.I)


def _consortium_pairs(sentence_parties: list, found: list[_Pair]) -> list[_Pair]:
    """Members of a consortium that won a deal share its buyer: "won by a consortium led by Larsen & Toubro
    with MTNL, CMS Computers and Infinova" gives each member the buyer the article pairs any member with."""
    out = []
    for sentence, _, parties in sentence_parties:
        match = _CONSORTIUM.search(sentence.text)
        if match and _relation_in(sentence.text) == "contract":
            opens = match.start()  # the members are named after the word
        elif _WINNING_TEAM.search(sentence.text):
            opens = -1  # every party of the sentence is a member of the team
        else:
            continue
        members = {name_key(p.name): p.name for p in parties
                   if p.role in ("vendor", "unknown") and not p.generic and p.start > opens}
        if len(members) < 2:
            continue
        for pair in [p for p in found if p.confidence >= 0.5 and not p.negated]:
            words = name_key(pair.vendor).split()  # "Toubro" is the member Larsen & Toubro written short
            own = [key for key in members if key.split()[-len(words):] == words]
            if len(own) != 1:
                continue
            for key, member in members.items():
                if key != own[0]:
                    evidence = sentence.text if pair.evidence == sentence.text else f"{sentence.text} … {pair.evidence}"
                    out.append(_Pair(member, pair.agency, pair.relation, evidence, min(pair.confidence, 0.6),
                                     "consortium-member:" + pair.method))
    return out


# Labels of council records that name the body the record belongs to: Legistar's "In control:", ModernGov's
# "Decision maker:".
_RECORD_LABEL = re.compile(r"\b(?:In control|Decision[- ]maker|Meeting body|Legislative body)\s*:\s*$", re.I)


# A record's heading: "MINUTES OF REGULAR MEETING", "Agenda", "Work Session".
_RECORD_HEADING = re.compile(r"\b(?:minutes|agenda|(?:regular|special|adjourned)\s+(?:meeting|session)|work\s+session)\b", re.I)


def _record_body(analysis: Analysis) -> "syntax_en.Party | None":
    """The body a council record belongs to, named by its label ("In control: City Council") or by the
    record's heading ("COBB COUNTY BOARD OF COMMISSIONERS / MINUTES OF REGULAR MEETING"), resolved to its
    place."""
    heading = analysis.sentences[:3]
    for index, sentence in enumerate(analysis.sentences):
        for mention in sentence.mentions:
            if mention.role != "agency":
                continue
            labelled = _RECORD_LABEL.search(sentence.text[: mention.start])
            headed = index < 2 and not sentence.text[: mention.start].strip() and (
                len(mention.text) >= len(sentence.text.strip()) - 2) and any(
                _RECORD_HEADING.search(s.text) for s in heading)
            if labelled or headed:
                name = agency_name(mention)
                if not name or syntax_en.is_bare_body(name):
                    return None
                if name.isupper():
                    name = _title_case(name)
                return syntax_en.Party(0, 0, _council_town(name), "agency", mention.method)
    return None


def _title_case(name: str) -> str:
    return re.sub(r"\b(Of|The|And|For)\b", lambda m: m.group(1).lower(), name.title())


_COUNCIL = re.compile(r"^(?:the\s+)?(.+?)\s+(City|Town|Village|County)\s+(?:Council|Commission|Board(?: of \w+)?)$", re.I)


def _council_town(name: str) -> str:
    """A council's purchase is its town's: 'Stockton City Council' -> 'City of Stockton'."""
    match = _COUNCIL.match(name)
    if not match:
        return name
    place, level = match.group(1), match.group(2).capitalize()
    return f"{place} County" if level == "County" else f"{level} of {place}"


def _without_acronym(name: str) -> str:
    """'Punjab Safe Cities Authority (PSCA)' -> 'Punjab Safe Cities Authority'."""
    return re.sub(r"\s*\([A-Z][A-Za-z&.]{1,9}\)$", "", name)


def _full_names(pairs: list[_Pair], named: set[str]) -> list[_Pair]:
    """A body or vendor named in full somewhere in the article is recorded under that name where a shorter
    form of it is written ("Safe Cities Authority" after "Punjab Safe Cities Authority", "Toubro")."""
    def fuller(name: str, names: set[str], first_words: bool = False) -> str:
        words = _without_acronym(name).split()
        longer = {n for n in names if len(_without_acronym(n).split()) > len(words)
                  and (_without_acronym(n).split()[-len(words):] == words
                       or first_words and _without_acronym(n).split()[:len(words)] == words)}
        return next(iter(longer)) if len(longer) == 1 else name

    agencies = {p.agency for p in pairs} | named

    def named_force(name: str) -> str:
        """"Uganda police" is the article's "Uganda Police Force" where it names one such force."""
        place = re.fullmatch(r"(.+) police", name)
        forces = {n for n in agencies if place and n.casefold().startswith(name.casefold() + " ")}
        return next(iter(forces)) if len(forces) == 1 else name
    vendors = {re.sub(r"['’]s$", "", n) for n in {p.vendor for p in pairs} | named}  # "Lockheed Martin's" division
    for pair in pairs:
        pair.agency = named_force(fuller(pair.agency, agencies))
        # "Lockheed" of a headline is the "Lockheed Martin" of the text, unless it is a company in its own right
        pair.vendor = fuller(pair.vendor, vendors, first_words=known_org(pair.vendor) is None)
    return pairs


def _places_behind_their_bodies(pairs: list[_Pair]) -> list[_Pair]:
    """'Venezuela' beside 'the Venezuelan government' for the same vendor, 宁海县 (the project's place) beside
    宁海县水利局: the named body is the buyer."""
    places = ("/ner-place", "/zh-project-place", "/zh-our-place+resolved-place")
    for pair in pairs:
        if pair.method.endswith(places):
            stem = pair.agency[:5].casefold()
            if any(_same_vendor(other.vendor, pair.vendor) and other is not pair
                   and not other.method.endswith(places)
                   and stem in other.agency.casefold() and other.agency != pair.agency for other in pairs):
                pair.confidence = min(pair.confidence, 0.45)
    return pairs


def _same_vendor(one: str, other: str) -> bool:
    """One company by two spellings: 华为 and 华为技术有限公司 (the gazetteer's), or a known short name and a
    unit's name that opens with it."""
    if one == other:
        return True
    known = known_org(one)
    if known is not None and known is known_org(other):
        return True
    short, long = sorted((one, other), key=len)
    return long.startswith(short) and known_org(short) is not None  # 中国移动 and 中国移动通信集团…分公司


def find_relationships(analysis: Analysis) -> list[Relationship]:
    if analysis.language != "zh":
        nlp = english()
        if nlp is not None:
            pairs, named = _english_syntax_pairs(analysis, nlp)
            # a vendor and a body that never share a linked sentence: kept for analysts, below the reporting cut
            return _dedupe(_units_for_their_groups(_full_names(pairs + _document_pairs(analysis, pairs, set()), named)))
    pairs: list[_Pair] = []
    labelled: list[Mention] = []
    for sentence in analysis.sentences:
        labelled += _zh_labelled_buyers(sentence)
    labelled_keys = {name_key(m.text) for m in labelled}
    for sentence in analysis.sentences:
        pairs += _sentence_pairs(analysis, sentence, labelled_keys, use_places=not labelled)
    pairs += _labelled_pairs(analysis, labelled, labelled_keys)
    pairs += _project_named_before(analysis, labelled_keys)
    pairs += _document_pairs(analysis, pairs, labelled_keys)
    for pair in pairs:
        if _ZH_CANDIDATE.search(pair.evidence) and not _ZH_RESULT.search(pair.evidence) and not pair.negated:
            pair.confidence = min(pair.confidence, 0.4)  # a candidate or a bidder, not (yet) a winner
    _zh_hearsay_denied(analysis, pairs)
    return _dedupe(_units_for_their_groups(_places_behind_their_bodies(pairs)))


def _units_for_their_groups(pairs: list[_Pair]) -> list[_Pair]:
    """A group named short where the article also names its unit in a deal with the same body (中国电子科技集团
    in the headline, 中国电子科技集团公司电子科学研究院 in the text; Amazon and Amazon Web Services): the deal is
    the unit's."""
    units = {(p.vendor, p.agency) for p in pairs if not p.negated}
    return [p for p in pairs if p.negated or not any(
        agency == p.agency and vendor != p.vendor and vendor.startswith(p.vendor) and len(vendor) > len(p.vendor) + 3
        and not (vendor[len(p.vendor)].isalnum() and vendor[len(p.vendor)].isascii())  # (Axon, not Axonius)
        for vendor, agency in units)]


_ZH_THIS_PROJECT = re.compile(r"(?:该|此|本|这一|這一|該)(项目|項目|工程|平台|系统|系統|中心|网络|網絡|網路)")


def _project_named_before(analysis: Analysis, labelled_keys: set[str]) -> list[_Pair]:
    """"该项目最终由X和Y中标": the project won is the one named before, and its buyer the one body named with it
    (in the headline, or else the nearest sentence before that names a project and a body)."""
    out = []
    for index, sentence in enumerate(analysis.sentences):
        this = _ZH_THIS_PROJECT.search(sentence.text)
        if not (this and _ZH_WIN.search(sentence.text)):
            continue
        noun = r"项目|項目|工程" if this.group(1) in ("项目", "項目", "工程") else this.group(1)
        if any(m.role == "agency" and agency_name(m) for m in sentence.mentions):
            continue  # the sentence names its own buyer ("政府购买服务" names none)
        vendors = [vendor_name(analysis, m) for m in sentence.mentions if m.role == "vendor" and vendor_name(analysis, m)]
        vendors = [v for v in vendors if name_key(v) not in labelled_keys]
        if not vendors:
            continue
        earlier = analysis.sentences[:index]
        introducing = [s for s in earlier if s.is_title] + [s for s in reversed(earlier) if re.search(noun, s.text)]
        for before in introducing:
            bodies = {name_key(agency_name(m)): agency_name(m) for m in before.mentions
                      if m.role == "agency" and agency_name(m) and not _excluded_agency(before.text, m)}
            if bodies:
                if len(bodies) == 1:
                    buyer = next(iter(bodies.values()))
                    out += [_Pair(v, buyer, "contract", f"{sentence.text} … {before.text}", 0.6, "zh-this-project")
                            for v in dict.fromkeys(vendors)]
                break
    return out


def _labelled_pairs(analysis: Analysis, labelled: list[Mention], labelled_keys: set[str]) -> list[_Pair]:
    """Winners of the tender pair with the buyer the article labels (招标人/采购人), wherever it is named."""
    out = []
    for sentence in analysis.sentences:
        if not (_ZH_WIN.search(sentence.text) or _relation_in(sentence.text) == "contract"):
            continue
        for mention in sentence.mentions:
            name = vendor_name(analysis, mention) if mention.role == "vendor" else None
            if not name or name_key(name) in labelled_keys:
                continue
            for buyer in labelled:
                buyer_sentence = _sentence_of(analysis, buyer)
                evidence = sentence.text if buyer_sentence is sentence else f"{sentence.text} … {buyer_sentence.text}"
                out.append(_Pair(name, buyer.text, "contract", evidence, 0.75, "labelled-buyer"))
    return out


def _sentence_pairs(analysis: Analysis, sentence: Sentence, labelled_keys: set[str], use_places: bool) -> list[_Pair]:
    text = sentence.text
    vendors = [m for m in sentence.mentions if m.role == "vendor" and vendor_name(analysis, m)
               and name_key(vendor_name(analysis, m)) not in labelled_keys]
    agencies = [m for m in sentence.mentions if m.role in ("agency", "official") and not _excluded_agency(text, m)]
    if analysis.language == "zh" and use_places:
        agencies += _zh_implied_buyers(sentence)
    if not vendors or not agencies:
        return []
    named_agencies = [a for a in agencies if agency_name(a) and a.role == "agency"]
    if named_agencies:  # an official stands in for a body only when the sentence names none
        agencies = [a for a in agencies if a.role == "agency" or a.generic and agency_name(a)]
    out = []
    for vendor in vendors:
        for agency in agencies:
            name = agency_name(agency)
            span_start, span_end = min(vendor.start, agency.start), max(vendor.end, agency.end)
            between = text[span_start:span_end]
            relation = _relation_in(text)
            strong = bool(re.search(r"\bbetween\b", text[max(0, span_start - 40):span_start], re.I)) or (
                len(between) < 90 and _relation_in(between) in ("contract", "supplies", "cooperation"))
            negated = bool(_NEGATION.search(text[max(0, span_start - 40):span_end + 10]))
            if name is None:
                # An unnamed body ("the city") is kept only as a direct party, and only if nothing named is there.
                if named_agencies or not strong:
                    if not negated:
                        continue
                name = agency.text
                confidence = 0.45  # kept for the warehouse, but a bare "the city" names no buyer
            else:
                confidence = 0.78 if relation in ("contract", "supplies", "cooperation", "investment") else (
                    0.6 if relation == "project" else 0.45 if relation == "uses" else 0.35)
                if strong:
                    confidence += 0.07
            if vendor.generic:
                confidence -= 0.1
            if agency.generic or agency.role == "official":
                confidence -= 0.05
            if agency.method == "zh-project-place":
                confidence = min(confidence, 0.65)
            if agency.method.endswith("+resolved-place"):
                confidence = min(confidence, 0.6)
            elif agency.method.endswith("+resolved-branch-place"):
                confidence = min(confidence, 0.55)  # the place only the local branch's name gives
            if text.rstrip().endswith(("?", "？")):
                confidence -= 0.15
            if negated:
                confidence = max(confidence, 0.6)
            out.append(_Pair(vendor_name(analysis, vendor), name, relation or "mention", text,
                             round(min(confidence, 0.95), 2), f"sentence:{vendor.method}/{agency.method}", negated))
    return out


def _document_pairs(analysis: Analysis, found: list[_Pair], labelled_keys: set[str]) -> list[_Pair]:
    """Vendors with no sentence-level partner pair with the bodies the article names around its deal."""
    # a vendor whose deal the article denies or cancels is not lonely: the denial is what it says of it
    paired = {name_key(p.vendor) for p in found if p.confidence >= 0.5 or p.negated}
    paired_ids = set()
    vendor_sentences: dict[str, list[Sentence]] = {}
    for sentence in analysis.sentences:
        for mention in sentence.mentions:
            if mention.role == "vendor" and vendor_name(analysis, mention):
                name = vendor_name(analysis, mention)
                key = mention.org_id or name_key(name)
                vendor_sentences.setdefault(key, []).append(sentence)
                if name_key(name) in paired:
                    paired_ids.add(key)
    lonely = [k for k in analysis.vendor_keys if k not in paired_ids and name_key(analysis.vendor_names[k]) not in labelled_keys
              and any(_relation_in(s.text) in ("contract", "supplies", "cooperation", "project") for s in vendor_sentences.get(k, []))]
    if not lonely or len(analysis.vendor_keys) > 3:
        return []
    bodies: dict[str, tuple[str, Sentence, float]] = {}
    for sentence in analysis.sentences:
        for mention in sentence.mentions:
            common_name = mention.method == "en-agency-common-name" and not agency_name(mention) == mention.head
            resolved = mention.generic and agency_name(mention) is not None  # "我市" -> 运城市, "the city" -> City of X
            if mention.role != "agency" or (mention.generic and not common_name and not resolved) or _excluded_agency(
                    sentence.text, mention):
                continue
            if not _DEAL_CONTEXT.search(sentence.text) and not sentence.is_title:
                continue
            name = agency_name(mention) or mention.text
            # measured on the development corpus: about one in three of these is right, so they stay below
            # the reporting cut (the warehouse keeps them for analysts)
            bodies.setdefault(name_key(name), (name, sentence, 0.4 if mention.generic else 0.45))
    if not bodies or len(bodies) > 4:
        return []
    out = []
    for key in lonely:
        vendor_sentence = max(vendor_sentences[key], key=lambda s: _relation_in(s.text) == "contract")
        relation = _relation_in(vendor_sentence.text) or "mention"
        for name, sentence, confidence in bodies.values():
            evidence = vendor_sentence.text if sentence is vendor_sentence else f"{vendor_sentence.text} … {sentence.text}"
            spellings = {name_key(analysis.vendor_names[key]), key}  # "NSO Group" is also written "NSO"
            if any(name_key(v) in spellings and name_key(a) == name_key(name) for v, a in analysis.set_aside):
                confidence = min(confidence, 0.35)  # the parse read them as funder, regulator or reporter, no deal
            elif len(analysis.vendor_keys) == 1 and len(bodies) == 1 and confidence >= 0.45 and relation == "contract":
                confidence = 0.55  # one vendor's contract, one named body: right four times in five on the corpus
            out.append(_Pair(analysis.vendor_names[key], name, relation, evidence, confidence, "document"))
    return out


def _sentence_of(analysis: Analysis, mention: Mention) -> Sentence:
    for sentence in analysis.sentences:
        if sentence.text[mention.start:mention.end] == mention.text:
            return sentence
    return analysis.sentences[0]


_ZH_HEARSAY = re.compile(r"网传|網傳|传言|傳言|传闻|傳聞|爆料|自媒体|自媒體|有消息称|有消息稱|有文章称|有文章稱|据传|據傳")
_ZH_DENIAL = re.compile(r"不实|不實|未参与|未參與|没有参与|沒有參與|否认|否認|辟谣|闢謠|从未|從未|并未|並未|不存在")


def _zh_hearsay_denied(analysis: Analysis, pairs: list[_Pair]) -> None:
    """A deal only rumoured ("有自媒体文章称X中标…") that the next sentences deny ("公司未参与该项目投标，网传信息
    不实") is a denial, whichever of its names the denial uses."""
    texts = [s.text for s in analysis.sentences]
    for pair in pairs:
        first = pair.evidence.split(" … ")[0]  # (a pair drawn across sentences: the deal's own sentence first)
        if pair.negated or first not in texts or not _ZH_HEARSAY.search(first):
            continue
        index = texts.index(first)
        vendor = simplified(pair.vendor)
        for sentence in analysis.sentences[index + 1:index + 3]:
            names = [simplified(vendor_name(analysis, m) or m.text) for m in sentence.mentions if m.role == "vendor"]
            named = any(n in vendor or vendor in n for n in names) or re.search(r"公司|该公司|該公司", sentence.text)
            if named and _ZH_DENIAL.search(sentence.text):
                pair.negated, pair.confidence = True, max(pair.confidence, 0.6)
                break


# What a recognised span carries that is not part of a name: "US-based FAST Enterprises", "Inland Revenue's",
# "City of Marietta and".
_DESCRIBED_BASE = re.compile(r"^(?:[A-Z][\w.]*(?:[\s-][A-Z][\w.]*)?)-based\s+(?=[A-Z0-9])")
_TRAILING = re.compile(r"(?:['’]s|\s+(?:and|or|&))$")


def _tidy(name: str) -> str:
    return _TRAILING.sub("", _DESCRIBED_BASE.sub("", name.strip())).strip()


def _dedupe(pairs: list[_Pair]) -> list[Relationship]:
    # (a place's possessive is no vendor: "Nova Scotia's" of "Nova Scotia's health department")
    pairs = [p for p in pairs if not (re.search(r"['’]s$", p.vendor) and is_place(_tidy(p.vendor)))]
    for pair in pairs:
        pair.vendor, pair.agency = _tidy(pair.vendor), _tidy(pair.agency)
    pairs = [p for p in pairs if p.vendor and p.agency and not syntax_en.names_a_body(p.vendor)]
    # a sentence that denies a deal denies it however often it names the parties ("X被指为Y建设…，X否认")
    denied = {(name_key(p.vendor), name_key(p.agency), p.evidence) for p in pairs if p.negated}
    for pair in pairs:
        if not pair.negated and (name_key(pair.vendor), name_key(pair.agency), pair.evidence) in denied:
            pair.negated = True
    best: dict[tuple[str, str, bool], _Pair] = {}
    for pair in pairs:
        key = (name_key(pair.vendor), name_key(pair.agency), pair.negated)
        if key not in best or pair.confidence > best[key].confidence:
            best[key] = pair
    return [Relationship(vendor_raw=p.vendor.strip(), agency_raw=p.agency.strip(), relation=p.relation,
                         evidence=p.evidence, confidence=p.confidence, method=p.method, negated=p.negated)
            for p in best.values()]
