"""Organisations named in one sentence: vendors (gazetteer, company-name forms) and public bodies (patterns).

A Mention is either named ("Punjab Safe Cities Authority", "江夏区公安分局") or generic ("the city",
"the Chinese firm") with a head noun that the document-level pass may resolve to a named one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..gazetteer import find_orgs, load_gazetteer
from .nlp import is_dictionary_word_or_plural
from .places import (is_country, is_country_code, is_place, is_taiwan_division, simplified, taiwan_bodies, zh_country_at,
                     zh_division, zh_division_chain, zh_division_names)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    role: str  # vendor | agency | company (commercial, never a buyer) | agent | official
    org_id: str | None = None
    generic: bool = False
    head: str | None = None  # generic mentions: city, council, government, company, ...
    method: str = "pattern"

    def with_text(self, text: str) -> "Mention":
        return replace(self, text=text)


# ---------------------------------------------------------------- English public bodies
_HEADS = {"Department", "Ministry", "Authority", "Agency", "Bureau", "Administration", "Commission", "Office",
          "Directorate", "Council", "Municipality", "Government", "Police", "Constabulary", "Board", "Prefecture",
          "Service", "Force", "Court", "Parliament", "Assembly", "Legislature", "Corporation", "Sheriff", "District",
          "Cabinet", "Secretariat", "Inspectorate", "Commissionerate", "Patrol", "Committee", "Trust"}
_OF_HEADS = {"City", "County", "Town", "Borough", "State", "Province", "Republic", "Government", "Village", "Township",
             "Commonwealth", "Region", "Department", "Ministry", "Bureau", "Office", "Council", "Board", "Municipality"}
# Heads that need a modifier of their own kind to be a public body.
_NEEDS_PUBLIC_MODIFIER = {"Service": {"Police", "Security", "Intelligence", "Fire", "Prison", "Border", "Customs", "Revenue",
                                      "Ambulance", "Health", "Postal", "Civil", "Forest", "Marshals", "Secret"},
                          "Force": {"Police", "Border", "Air", "Defence", "Defense", "Security"},
                          "Corporation": {"Municipal", "Metropolitan", "City", "Development", "Broadcasting"},
                          "District": {"School", "Water", "Fire", "Transit", "Sanitation", "Utility", "Park", "Hospital"},
                          "Patrol": {"Highway", "Border", "Marine", "Coastal"},
                          "Committee": {"Investigative", "Investigation", "Security", "Planning", "Procurement"},
                          "Trust": {"NHS"},  # a hospital trust of the NHS, not a bank or a charity
                          "Board": None, "Office": None, "Court": None, "Cabinet": None}
_TITLES = {"Chief", "Officer", "Director", "Executive", "Commissioner", "Minister", "Secretary", "Manager", "Mayor",
           "President", "Chairman", "Chairperson", "Chair", "Spokesperson", "Spokesman", "Spokeswoman", "Head", "Deputy",
           "Captain", "Lt", "Sergeant", "Inspector", "General", "Councilman", "Councilwoman", "Councillor",
           "Councilor", "Member", "Adviser", "Advisor", "Governor", "Senator", "Acting", "Former", "Mr", "Mrs", "Ms",
           "Dr", "Operating", "Managing", "Representative", "Staff", "Sheriff’s", "Clerk", "Treasurer", "Attorney"}
# Holders whose office is a body in its own right: "the Sheriff's Office", "the Attorney General's Office"
_OFFICE_HOLDERS = {"Sheriff", "Mayor", "Governor", "Comptroller", "Prosecutor", "Coroner", "Treasurer", "Controller",
                   "Auditor", "Assessor", "Clerk", "Ombudsman", "Registrar", "General"}
_GENERAL_TITLES = {"Attorney", "Auditor", "Inspector", "Solicitor", "Surveyor", "Accountant", "Postmaster", "Registrar"}
_STOP = {"The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "By", "For", "From", "With", "To", "And",
         "Or", "But", "As", "If", "When", "While", "According", "Under", "Since", "After", "Before", "Its", "Their",
         "Our", "His", "Her", "Between", "Of", "Both", "Each", "Every", "Which", "Where", "Also", "Only", "Now", "Then",
         "Title", "Type", "Name", "Status", "Whereas", "Resolved", "That", "Section", "Approve", "Authorize",
         "Authorizing", "Request", "Response", "Decision", "Purpose", "Background", "Recommendation", "Attachments"}
_NOT_PUBLIC = {"News", "Press", "Inc", "Inc.", "Ltd", "Ltd.", "Co.", "LLC", "Company", "Directors", "Trade"}
_GENERIC_MODIFIERS = {"Police", "City", "County", "Town", "Fire", "Public", "Safety", "Local", "Regional", "Federal",
                      "Municipal", "State", "Provincial", "District", "Health", "Finance", "Planning", "Education",
                      "Transportation", "Works", "Security", "Village", "Borough", "Parish", "Sheriff's", "Sheriff’s",
                      "NHS", "Foundation"}
# A possessive "’s" is not part of the word: "the UK Border Agency’s system" names the UK Border Agency.
# A letter of any script: "Baden-Württemberg", "Île-de-France" are one word each.
_LETTER = r"[^\W\d_]"
_LOWER = r"[^\W\d_A-Z]"
_TOKEN = re.compile(rf"{_LETTER}(?:{_LETTER}|[.&-])*(?:['’](?!s\b){_LETTER}+)*(?:['’]s(?=\s+(?:Office|Department|Bureau)\b))?")

_GOV = re.compile(
    r"((?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+)\s+((?:regional|provincial|state|municipal|city|county|federal|local|"
    r"central|district|national|prefectural|autonomous\s+region(?:al)?|city\s+and\s+county)\s+)?government\b")
_UNNAMED = re.compile(r"\b(?:a|an|one|another|some)\s+(?:[a-z]+\s+)?$")
_OWNER_BEFORE = re.compile(r"\b((?:[A-Z][\w.-]+\s){0,2}[A-Z][\w.-]+)['’]s\s+$")
_PLACE_OWNER = re.compile(r"((?:[A-Z][\w.-]+\s){0,2}[A-Z][\w.-]+)['’]s\s+(?=[A-Z])")


def unnamed_before(text: str, start: int) -> bool:
    """Is what starts at `start` introduced as unnamed ("a large …", "another …")?"""
    return bool(_UNNAMED.search(text[max(0, start - 16):start]))


def place_owner_length(name: str) -> int:
    """How many characters of a name are its place's possessive ("China's CEIEC" -> 8), else 0."""
    owner = _PLACE_OWNER.match(name)
    return owner.end() if owner and is_place(owner.group(1)) else 0
_PLACE_WORD = rf"[A-Z]{_LOWER}+(?:-[A-Z]{_LOWER}+)*"
_POLICE_OF_PLACE = re.compile(rf"\b[Pp]olice\s+(?:in|of)\s+((?:the\s+)?{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})")
_PLACE_POLICE = re.compile(rf"\b({_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})(?:['’]s)?"
                           r"(\s+(?:state|provincial|regional|federal|national|municipal|city|county))?\s+police\b"
                           r"(?!\s+(?:officers?|stations?|chief|said|say|car|vehicle))")
# (a head joined by a hyphen modifies what follows: "its body-worn cameras", "the city-wide network")
_GENERIC = re.compile(
    r"\b(?:the|this|that|its|our)\s+((?:regional|provincial|state|municipal|city|county|federal|local|central|district|"
    r"national)\s+government|city\s+council|county\s+council|town\s+council|city\s+commission|city|council|county|"
    r"municipality|authority|police\s+department|police|department|ministry|government|province|agency|bureau|commission|"
    r"board(?!\s+(?:of\s+directors|members?|seats?|room))|"
    r"(?:honou?rable\s+)?body(?!\s*(?:-|worn|cams?\b|cameras?|armou?r|scanners?))|legislature|"
    r"security\s+services|public\s+security\s+bureaus?)\b(?![-‐–])(?!\s*(?:'s|’s)?\s*(?:officials?\s+said))",
    re.I,
)
# A council's members act as the council: "councillors voted to award …", "supervisors approved …"
_MEMBERS = re.compile(r"\b(councill?ors|council\s?members|aldermen|alderpersons|selectmen|(?:city|county)\s+commissioners|"
                      r"(?:county\s+)?supervisors)\b(?!\s+(?:of|from)\b)", re.I)
# A named county or city written before its members: "Cobb County commissioners", "Kern County supervisors".
_NAMED_BEFORE_MEMBERS = re.compile(r"\b((?:[A-Z][a-z]+\s+){1,3}(?:County|City))\s+(?:[Cc]ommissioners|[Ss]upervisors)\b")
# The European Union's agencies write their short names with a lower-case "eu" (eu-LISA) or "EU" (EU-OSHA).
_EU_AGENCY = re.compile(r"(?<![\w-])(?:eu|EU)-[A-Z]{3,6}(?![\w-])")
_GENERIC_OFFICIALS = re.compile(r"\b(city|county|council|government|police|state)\s+officials\b", re.I)
_ROLE = re.compile(r"\bthe\s+((?:Mayor|City Manager|County Manager|City Administrator|Town Manager)|"
                   r"(?:Public Safety|Public Works|Police|Finance|Procurement|Purchasing|Safety|Security|Transportation|"
                   r"Information Technology|Technology|Budget|Emergency Management)\s+Director|"
                   r"Director\s+of\s+(?:Public Safety|Public Works|Finance|Procurement|Purchasing|Police|Transportation))\b")
_SECURITY_SERVICES = re.compile(r"\b(?<!the\s)(security services|public security bureaus|police forces|law enforcement agencies)\b", re.I)


# Nouns a body's name opens with before "of" and its place: "Port of Tyne Authority".
_OF_PLACE_NOUNS = {"Port", "City", "County", "Town", "Borough", "District", "Village", "Province", "Commonwealth",
                   "Municipality", "State"}


def _smart_case(sentence: str) -> str:
    """An all-capitals sentence in title case (same length) so name patterns can read it."""
    letters = [ch for ch in sentence if ch.isalpha() and ch.isascii()]
    if len(letters) < 12 or sum(ch.isupper() for ch in letters) / len(letters) < 0.8:
        return sentence
    titled = sentence.title()
    return re.sub(r"\b(Of|The|And|For|In|To|A|An|On|At|By|With|From)\b", lambda m: m.group(1).lower(), titled)


def _is_cap(token: str) -> bool:
    return token[0].isupper()


def _field_word(token: str) -> bool:
    """A capitalised ordinary word that can name a body's field ("Technology", "Welfare"), not a coined
    name, an acronym or a body's own head noun."""
    return (_is_cap(token) and not token.isupper() and token not in _HEADS | _OF_HEADS | _STOP | _TITLES
            and is_dictionary_word_or_plural(token))


def _field_continues(text: str, tokens: list[tuple[int, int, str]], k: int) -> bool:
    """Does "and" after token k join a second field to the body's name ("Department of Health and Social
    Care", "Ministry of Interior and Coordination of National Government") rather than a second party
    ("… and Customs and Border Protection", "… and Oracle")?"""
    conjunction, following = tokens[k + 1], tokens[k + 2]
    if conjunction[2] != "and" or text[tokens[k][1]:conjunction[0]].strip() or text[conjunction[1]:following[0]].strip():
        return False
    return _field_word_opens_no_org(text, following)


def _field_word_opens_no_org(text: str, token: tuple[int, int, str]) -> bool:
    """Is this token an ordinary word of a field that no known organisation's name opens?"""
    if not _field_word(token[2]):
        return False
    return not any(hit.start == 0 for hit in find_orgs(text[token[0]:token[0] + 80]))


# Heads whose field may follow "for" or "on" as well as "of": "Department for Work and Pensions", "Office for
# National Statistics", "Commission on Elections", "Committee on Foreign Affairs"
_FIELD_PREPOSITION_HEADS = {"Department", "Ministry", "Office", "Agency", "Commission", "Committee", "Council", "Board",
                            "Authority", "Directorate", "Secretariat", "Inspectorate", "Administration"}


def _names_field_after(text: str, tokens: list[tuple[int, int, str]], k: int, head: str) -> bool:
    """Does the preposition after token k carry on the body's name? "of" always may; "for" and "on" only after
    a body's head and before an ordinary word of a field that no known organisation's name opens ("the Home
    Office for Border Force" names two bodies)."""
    preposition = tokens[k + 1][2]
    if preposition == "of":
        return True
    if preposition not in ("for", "on") or head not in _FIELD_PREPOSITION_HEADS or k + 2 >= len(tokens):
        return False
    return _field_word_opens_no_org(text, tokens[k + 2])


def _english_agencies(sentence: str) -> list[Mention]:
    text = _smart_case(sentence)
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    found: list[Mention] = []

    def adjacent(a: int, b: int) -> bool:  # only spaces between token a and token b
        return text[tokens[a][1]:tokens[b][0]].strip() == ""

    i = 0
    while i < len(tokens):
        word = tokens[i][2].rstrip(".")
        is_head = word in _HEADS or (word in _OF_HEADS and i + 2 < len(tokens) and tokens[i + 1][2] == "of")
        if not is_head or not _is_cap(word):
            i += 1
            continue
        left = i
        while (left - 1 >= 0 and adjacent(left - 1, left) and _is_cap(tokens[left - 1][2])
               and tokens[left - 1][2].rstrip(".,") not in _STOP | _TITLES and i - left < 5
               and not (tokens[left - 1][2].endswith(("'s", "’s")) and tokens[left - 1][2][:-2] not in _OFFICE_HOLDERS)):
            left -= 1
        if (left >= 1 and left < i and tokens[left][2][:-2] == "General" and adjacent(left - 1, left)
                and tokens[left - 1][2] in _GENERAL_TITLES):
            left -= 1  # "the Attorney General's Office": the office-holder's title is two words
        if (left >= 2 and left < i and tokens[left - 1][2] == "of" and tokens[left - 2][2] in _OF_PLACE_NOUNS
                and adjacent(left - 2, left - 1) and adjacent(left - 1, left)):
            left -= 2  # "the Port of Tyne Authority", "the City of Sanford Police Department"
        right = i
        while right + 2 < len(tokens) and _names_field_after(text, tokens, right, word) and adjacent(right, right + 1):
            k = right + 2
            if tokens[k][2] == "the" and k + 1 < len(tokens):
                k += 1
            if not (_is_cap(tokens[k][2]) and adjacent(k - 1, k)):
                break
            while (k + 1 < len(tokens) and adjacent(k, k + 1) and _is_cap(tokens[k + 1][2])
                   and tokens[k + 1][2] not in _TITLES and k + 1 - i < 10):
                k += 1
            while k + 2 < len(tokens) and _field_continues(text, tokens, k) and k + 2 - i < 12:
                k += 2  # "Ministry of Science and Technology": a second field of the same body
                while (k + 1 < len(tokens) and adjacent(k, k + 1) and _field_word(tokens[k + 1][2])
                       and k + 1 - i < 12):
                    k += 1
            right = k
        words = [t[2].rstrip(".,") for t in tokens[left:right + 1]]
        modifiers = set(words[: i - left])
        named = left < i or right > i
        needs = _NEEDS_PUBLIC_MODIFIER.get(word, set())
        if modifiers & _NOT_PUBLIC or (needs and not (modifiers & needs) and right == i) or (word in _OF_HEADS - _HEADS and right == i):
            i = right + 1
            continue
        following = tokens[i + 1][2] if i + 1 < len(tokens) and adjacent(i, i + 1) else ""
        if word == "Police" and right == i and following in ("Department", "Service", "Force", "Bureau", "Station", "Stations", "Officer",
                                         "Officers", "Chief", "Car", "Cars", "Headquarters", "Building", "Vehicles"):
            i += 1
            continue  # the head of a longer name, or a thing rather than a body ("Police Stations")
        start, end = tokens[left][0], tokens[right][1]
        owner = _OWNER_BEFORE.search(text[:start])
        owner = owner if owner and is_country(owner.group(1)) else None
        if owner:  # "Serbia's Ministry of Interior", "Kenya's Interior Ministry": the country's own body
            # (a city's is named without it: "London's Metropolitan Police Service")
            start, named = owner.start(), True
        raw = sentence[start:end].rstrip(".,")
        end = start + len(raw)
        if left < i and right == i and modifiers <= _GENERIC_MODIFIERS and not owner:
            # "Police Department", "City Council": a body's common name, not yet which one
            found.append(Mention(start, end, raw, "agency", generic=True, head=raw.lower(), method="en-agency-common-name"))
        elif named:
            found.append(Mention(start, end, raw, "agency", method="en-agency-name"))
        else:
            found.append(Mention(start, end, raw, "agency", generic=True, head=word.lower(), method="en-agency-defined-term"))
        i = right + 1
    for match in _EU_AGENCY.finditer(text):
        found.append(Mention(match.start(), match.end(), match.group(0), "agency", method="en-eu-agency"))
    for match in _GOV.finditer(text):
        words = match.group(1).split()
        while words and (words[0] in _STOP or words[0] in _TITLES):
            words.pop(0)
        if not words:
            continue
        if unnamed_before(text, match.start()) and text[match.end():match.end() + 12].lstrip().startswith(
                ("agency", "agencies", "department", "body", "customer", "client", "entity", "organization", "organisation")):
            continue  # "an order from a large Latin American government agency": no body named
        start = match.start(1) + match.group(1).find(words[0])
        found.append(Mention(start, match.end(), sentence[start:match.end()], "agency", method="en-government"))
    for match in _POLICE_OF_PLACE.finditer(text):  # "Police in Lagos State" -> the Lagos State police
        if is_place(match.group(1)):
            found.append(Mention(match.start(), match.end(), sentence[match.start():match.end()], "agency", generic=True,
                                 head=f"{match.group(1)} police", method="en-police-of-place+resolved"))
    for match in _PLACE_POLICE.finditer(text):
        words = match.group(1).split()
        while words and words[0] in _STOP:  # "The Berlin police": the sentence's opening word is no part of the place
            words.pop(0)
        place = " ".join(words)
        if place and (not re.search(r"['’]s\s", match.group(0)) or is_place(place)):
            # ("Uganda's police": the country's own force, written as "Uganda police")
            start = match.start(1) + match.group(1).find(place)
            level = match.group(2) or ""  # "the Hesse state police"
            found.append(Mention(start, match.end(), f"{place}{level} police", "agency", method="en-police"))
    for match in _GENERIC.finditer(text):
        head = re.sub(r"\s+", " ", match.group(1).lower())
        if head == "board" and match.group(0).lower().startswith(("its", "our")):
            continue  # "its board approved the acquisition": a company's own directors
        found.append(Mention(match.start(1), match.end(1), sentence[match.start(1):match.end(1)], "agency", generic=True,
                             head=head, method="en-generic"))
    for match in _SECURITY_SERVICES.finditer(text):
        found.append(Mention(match.start(1), match.end(1), sentence[match.start(1):match.end(1)], "agency", generic=True,
                             head=match.group(1).lower(), method="en-security-services"))
    for match in _GENERIC_OFFICIALS.finditer(text):
        found.append(Mention(match.start(), match.end(), sentence[match.start():match.end()], "agency", generic=True,
                             head=match.group(1).lower(), method="en-officials"))
    named_members = []
    for match in _NAMED_BEFORE_MEMBERS.finditer(text):
        words = match.group(1).split()
        while words and words[0] in _STOP:
            words.pop(0)
        if len(words) > 1 and is_place(" ".join(words)):
            named_members.append((match.end(1) - len(" ".join(words)), match.end(1)))
    for start, end in named_members:  # "Cobb County commissioners approved …": the members speak for their county
        found.append(Mention(start, end, sentence[start:end], "agency", method="en-members-of-place"))
    for match in _MEMBERS.finditer(text):
        if any(start <= match.start(1) <= end + 1 for start, end in named_members):
            continue
        word = match.group(1).lower()
        head = "body" if "commissioner" in word or "supervisor" in word else "council"
        found.append(Mention(match.start(1), match.end(1), sentence[match.start(1):match.end(1)], "agency", generic=True,
                             head=head, method="en-members"))
    for match in _ROLE.finditer(text):
        role = match.group(1)
        head = "city" if re.match(r"Mayor|City|Town", role) else ("county" if role.startswith("County") else None)
        found.append(Mention(match.start(1), match.end(1), sentence[match.start(1):match.end(1)], "official",
                             generic=head is not None, head=head, method="en-official"))
    return found


# ---------------------------------------------------------------- Chinese public bodies and companies
# 署, an administration (内政部警政署), except in 签署 (sign), 部署 (deploy), 署名 and 署理 (acting)
_ZH_ADMINISTRATION = r"(?<![签簽部])署(?![名理])"
_ZH_AGENCY_SUFFIX = re.compile(
    r"公安分局|公安局|公安厅|公安廳|公安处|公安處|人民政府|政府|教育局|教育厅|教育廳|财政局|財政局|发改局|發改局|发改委|發改委|"
    r"发展和改革委员会|發展和改革委員會|政法委员会|政法委員會|政法委|管委会|管委會|委员会|委員會|当局|當局|法院|检察院|檢察院|派出所|支队|支隊|大队|大隊|"
    r"监狱管理局|監獄管理局|管理局|监狱|監獄|办公室|辦公室|"
    # a city's operations or service centre (杭州市城市运行管理中心), an administration under a ministry
    rf"运行管理中心|運行管理中心|信息中心|資訊中心|管理服务中心|管理服務中心|政务服务中心|政務服務中心|指挥中心|指揮中心|总署|總署|{_ZH_ADMINISTRATION}|"
    r"局|厅|廳")
# A unit of a bureau written after it: 东莞市公安局交警支队, 某县公安局某派出所.
_ZH_SUB_UNIT = re.compile(r"(?:交警|交通警察|刑警|刑事侦查|特警|网警|治安|巡警|[\u4e00-\u9fff]{0,4}?)(?:支队|支隊|大队|大隊|分局|派出所|看守所)")
_ZH_COMPANY_SUFFIX = re.compile(r"(?:集团|集團|控股)?(?:股份有限公司|有限责任公司|有限責任公司|有限公司|公司)|集团|集團")
_ZH_PLACE_MARK = re.compile(r"省|市|县|縣|区|區|州|旗|盟|镇|鎮|乡|鄉|自治区|自治區")
_ZH_BOUNDARY = re.compile(
    r"[^\u4e00-\u9fff]|的|了|在|由|从|從|向|与|與|和|及|为|為|是|对|對|将|將|被|经(?!济|濟)|經(?!濟)|据|據|于|於|给|給|称|稱|确定|確定|通知|确认|確認|成为|成為|"
    r"日|月|年|中标人|中標人|中标|中標|收到|宣布|表示|介绍|介紹|负责人|負責人|当地|當地|并|並|以|今天|记者|記者|获悉|獲悉|"
    r"联合|聯合|子公司|旗下|下属|下屬|承办商|承辦商|成立|项目公司|項目公司|作为|作為|其中|包括|等|原|即|前往|同|至|把|让|讓|"
    r"推动|推動|市场|市場|今年|此外|目前|随着|隨著|近日|日前|予|占|佔|"
    r"承建商|承包商|供应商|供應商|服务商|服務商|合约|合約|吸引|委托|委託|代表|归|歸"  # a role or a deal written before the name
)
_ZH_GENERIC_COMPANY = {"公司", "子公司", "该公司", "該公司", "本公司", "项目公司", "項目公司", "上市公司", "母公司", "集团", "集團",
                       "分公司", "控股公司", "全资子公司", "全資子公司"}


def _zh_left_trim(text: str, start: int, end: int, limit: int = 22) -> int:
    """Where a Chinese name ending at `end` (suffix from `start`) begins: after the last boundary word before it.
    A boundary character inside a longer word is none: the 为 of 华为 (words from jieba, with the gazetteer's
    names in its dictionary)."""
    left = max(0, start - limit)
    words = _zh_word_edges(text)
    cut = left
    for match in _ZH_BOUNDARY.finditer(text, left, start):
        if match.group(0).isascii() or not words or (match.start() in words and match.end() in words):
            cut = match.end()
    return cut


@lru_cache(maxsize=4096)
def _zh_word_edges(text: str) -> frozenset[int]:
    """Offsets where jieba's dictionary words begin or end in a sentence (empty without jieba). Without its
    guesses at unknown words: those join a boundary character to a name ("由佳" of 由佳都科技)."""
    segmenter = _jieba()
    if segmenter is None:
        return frozenset()
    edges = {0, len(text)}
    plain = simplified(text)  # jieba's dictionary is in simplified script; opencc maps character for character
    for _, begin, finish in segmenter.tokenize(plain if len(plain) == len(text) else text, HMM=False):
        edges.update((begin, finish))
    return frozenset(edges)


@lru_cache(maxsize=1)
def _jieba():
    try:
        import logging

        import jieba
    except ImportError:
        return None
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for place in zh_division_names():  # 于都县 is one word, whose 于 opens no name
        if len(place) > 2:
            tokenizer.add_word(place, freq=1000, tag="ns")
    for org in load_gazetteer():
        for spelling in org.spellings():
            if any("\u4e00" <= ch <= "\u9fff" for ch in spelling):
                tokenizer.add_word(spelling, freq=2000, tag="nt")
    return tokenizer


def _zh_first_division(sentence: str, start: int, head: int) -> int | None:
    """Where the first real division (national division codes) written between start and head begins."""
    for i in range(start, head):
        for length in (6, 5, 4, 3, 2):
            if i + length <= head and zh_division(simplified(sentence[i:i + length])):
                return i
    return None


def _zh_division_start(sentence: str, start: int, head: int) -> int:
    """A public body's name begins with its place: where the words before a bureau hold a real division,
    the name starts there ("以价格竞得盐城市公安局" -> "盐城市公安局")."""
    first = _zh_first_division(sentence, start, head)
    return start if first is None else first


# A bureau named after its place and its field: 宁海县 + 水利 + 局, 深圳市 + 交通运输 + 局.
_ZH_PLACE_FIELD = re.compile(r"^(.{2,14}?(?:省|市|县|縣|区|區|州|旗|盟|地区|地區))([\u4e00-\u9fff]{2,10})$")
# A field of two halves: 住房和城乡建设局, 人力资源和社会保障局, 工业和信息化局.
_ZH_FIELD_AND = re.compile(r"[和与與及]")


def _zh_place_and_field(prefix: str) -> bool:
    match = _ZH_PLACE_FIELD.match(prefix)
    if not match or not zh_division_chain(simplified(match.group(1))):
        return False
    edges = _zh_word_edges(prefix)
    for boundary in _ZH_BOUNDARY.finditer(match.group(2)):
        start, end = match.start(2) + boundary.start(), match.start(2) + boundary.end()
        if _ZH_FIELD_AND.fullmatch(boundary.group(0)) and start > match.start(2) + 1:
            continue
        if not edges or (start in edges and end in edges):
            return False  # a sentence word, not part of the field: 建设政府(和社会资本合作)
    return True


def _zh_field_conjunction_start(text: str, cut: int, start: int) -> int | None:
    """Where a bureau whose field has two halves begins when the cut fell on its 和: 成都市住房和城乡建设局
    from a cut after 和 (the place and the first half before it, nothing but the second half after)."""
    if cut < 1 or not _ZH_FIELD_AND.fullmatch(text[cut - 1]) or not 2 <= start - cut <= 6:
        return None
    for field in range(2, 7):
        for place in range(2, 9):
            begin = cut - 1 - field - place
            if begin < 0:
                break
            first_half = text[begin + place:cut - 1]
            if _ZH_BOUNDARY.search(first_half) or _ZH_AGENCY_SUFFIX.search(first_half):
                continue
            if zh_division_chain(simplified(text[begin:begin + place])):
                return begin
    return None


# "我市/本市": the city (county, district, province) the article is written in.
_ZH_OUR_PLACE = re.compile(r"(?:我|本)([省市县縣区區])(?![\u4e00-\u9fff]{0,2}(?:民|委|属|屬|内|內|范围|範圍|境内|境內))")


_ZH_PROCUREMENT_CENTRE = re.compile(r"(?:集中)?(?:采购|採購)(?:中心|办|辦|站|网|網|平台|处|處)|公共资源交易|公共資源交易|招标中心|招標中心|"
                                    r"网站|網站|门户网|門戶網|官网|官網")
# A bureau of a government, written after it: 宜蘭縣政府警察局, 桃園市政府交通局.
_ZH_GOVERNMENT_BUREAU = re.compile(rf"([\u4e00-\u9fff]{{1,6}}?)(?:警察局|局|處|处|廳|厅|{_ZH_ADMINISTRATION}|委員會|委员会|"
                                   r"辦公室|办公室)")
# The party a committee belongs to, written in front of its name: 中共北京市朝阳区委政法委员会.
_ZH_PARTY_PREFIX = re.compile(r"(?:中共|中国共产党|中國共產黨)$")


def _chinese_agencies(sentence: str, taken: list[tuple[int, int]]) -> list[Mention]:
    found = []
    for start, end in taiwan_bodies(sentence):  # 北市府, 北市警局: Taiwan's bodies by their division's short name
        if not any(s < end and start < e for s, e in taken):
            found.append(Mention(start, end, sentence[start:end], "agency", method="zh-tw-agency"))
            # (not taken: a longer name the suffix rules read around it wins, 新竹縣政府 over its 竹縣政府)
    for match in _ZH_OUR_PLACE.finditer(sentence):
        if not any(s < match.end() and match.start() < e for s, e in taken):
            found.append(Mention(match.start(), match.end(), match.group(0), "agency", generic=True, head=match.group(1),
                                 method="zh-our-place"))
    for match in _ZH_AGENCY_SUFFIX.finditer(sentence):
        if any(s <= match.start() < e for s, e in taken):
            continue
        if _ZH_PROCUREMENT_CENTRE.match(sentence, match.end()):
            continue  # 深圳市政府采购中心: the centre that runs the tender for the buyer, not the buyer
        cut = _zh_left_trim(sentence, match.start(), match.end())
        joined = _zh_field_conjunction_start(sentence, cut, match.start())
        cut = cut if joined is None else joined
        start = _zh_division_start(sentence, cut, match.start())
        prefix = sentence[start:match.start()]
        end = match.end()
        unit = _ZH_SUB_UNIT.match(sentence, end) if match.group(0) in ("公安局", "公安分局", "公安廳", "公安厅") else None
        if match.group(0) in ("政府", "人民政府") and not unit:
            unit = _zh_government_bureau(sentence, end)
        if unit:
            end = unit.end()
            taken.append((match.end(), end))
        name = sentence[start:end]
        place = _ZH_PLACE_MARK.search(prefix)
        # (市委政法委: the city's party committee's commission, named after the city all the same)
        if place and not re.search(r"(?:省|市|县|縣|区|區|州|旗|盟|镇|鎮|乡|鄉)(?:人民|委)?$", prefix) and not (
                match.group(0) not in ("政府", "人民政府") and _zh_place_and_field(prefix)):
            place = None  # a body is named after its place: 江夏区公安分局, not 建设政府(和社会资本合作)
        national = re.match(r"国家|國家|中央|国务院|國務院|中华人民共和国|中華人民共和國", prefix) or (
            len(prefix) >= 3 and re.search(r"部[\u4e00-\u9fff]{0,4}$", prefix) and match.group(0) in ("署", "局")) or (
            len(prefix) >= 2 and match.group(0) in ("总署", "總署")) or (  # 内政部警政署, 海关总署: a ministry's own
            len(prefix) >= 2 and _known_agency(prefix))  # a body's own bureau: 兵团监狱管理局
        if match.group(0) in ("当局", "當局") and len(prefix) >= 2:
            found.append(Mention(start, end, name, "agency", method="zh-agency"))
        elif (place and (place.start() >= 2 or _zh_first_division(sentence, start, match.start()) == start)) or national or (
                match.group(0) not in ("局", "厅", "廳") and len(prefix) >= 2 and zh_division(simplified(prefix))):
            # (a province or city written short: 新疆公安局, 深圳交警支队)
            found.append(Mention(start, end, name, "agency", method="zh-agency"))
        elif prefix in ("", "市", "县", "縣", "区", "區", "省", "镇", "鎮", "乡", "鄉") and match.group(0) not in ("局", "厅", "廳"):
            found.append(Mention(start, match.end(), name, "agency", generic=True, head=name, method="zh-agency-bare"))
    found = [m for m in found if not (m.text.endswith("中心") and _ZH_FACILITY_BUILT.match(sentence, m.end))]
    found += _zh_foreign_bodies(sentence, taken + [(m.start, m.end) for m in found])
    found = _with_institutions(sentence, found, taken)
    return [_with_party_prefix(sentence, m) for m in found]


# A foreign country's body written in Chinese: 巴基斯坦内政部, 马来西亚数字经济机构, 肯尼亚国家警察局, 乌干达政府.
_ZH_FOREIGN_BODY = re.compile(r"([\u4e00-\u9fff]{0,8}?)(?:部(?![门門分长長署队隊])|局|署(?![名理])|委员会|委員會|机构|機構|"
                              r"政府|当局|當局|警方|警察部队|警察部隊|市政厅|市政廳|议会|議會)")


def _zh_foreign_bodies(sentence: str, taken: list[tuple[int, int]]) -> list[Mention]:
    found = []
    for start in range(len(sentence) - 2):
        if any(s <= start < e for s, e in taken) or (start and "\u4e00" <= sentence[start - 1] <= "\u9fff"
                                                    and start not in _zh_word_edges(sentence)):
            continue
        country = zh_country_at(sentence[start:start + 8])
        if not country:
            continue
        body = _ZH_FOREIGN_BODY.match(sentence, start + len(country))
        if not body or _ZH_BOUNDARY.search(body.group(1)) or _ZH_COMPANY_SUFFIX.search(body.group(1)):
            continue
        end, field = body.end(), body.group(1)
        suffix = body.group(0)[len(field):]
        if (len(field) < (3 if suffix in ("机构", "機構") else 2) and suffix not in ("政府", "当局", "當局", "警方")
                or re.match(r"[多几幾数數两兩一二三四五六七八九十百千万萬]", field) or any(s < end and start < e for s, e in taken)):
            continue  # (a ministry has a field: 内政部; 美国多部法案 counts laws; a bare 电信机构 names no body)
        found.append(Mention(start, end, sentence[start:end], "agency", method="zh-foreign-body"))
        taken = taken + [(start, end)]
    for hall in re.finditer(r"市政厅|市政廳", sentence):  # a city hall, of a city no gazetteer of China holds: 吉隆坡市政厅
        start = _zh_left_trim(sentence, hall.start(), hall.end(), limit=5)
        if hall.start() - start >= 2 and not any(s < hall.end() and start < e for s, e in taken):
            found.append(Mention(start, hall.end(), sentence[start:hall.end()], "agency", method="zh-foreign-body"))
    return found


# A centre named as what a project builds, not a body that buys: 无锡市城市运行管理中心（一期）建设项目.
_ZH_FACILITY_BUILT = re.compile(r"\s*(?:[(（][^()（）]{1,8}[)）])?\s*(?:建设|建設|升级|升級|改造|扩容|擴容)?(?:项目|項目|工程)")


# A public school, hospital or university, named after its place or the body it belongs to: 射阳县第三中学,
# 某市管理局中心医院. (Not a pupil, 中学生, nor a street, 学院路, nor a company, 医院有限公司.)
_ZH_INSTITUTION = re.compile(r"(?:中学|中學|小学|小學|学校|學校|医院|醫院|卫生院|衛生院|幼儿园|幼兒園|大学|大學|学院|學院)"
                             r"(?!生|路|街|站|有限|股份|公司|集团|集團)")


# A university's affiliated hospital or school: 郑州大学第一附属医院, 华南师范大学附属中学.
_ZH_AFFILIATED = re.compile(r"(?:第[一二三四五六七八九十]{1,3})?附[属屬](?:第[一二三四五六七八九十]{1,3})?")
# (not 云 or 平安, which open real places' names: 云南省, 平安区)
_ZH_PROJECT_ADJECTIVE = re.compile(r"智慧|智能|数字|數字|数智|數智|未来|未來|互联网|互聯網|掌上")


def _with_institutions(sentence: str, found: list[Mention], taken: list[tuple[int, int]]) -> list[Mention]:
    for match in _ZH_INSTITUTION.finditer(sentence):
        cut = _zh_left_trim(sentence, match.start(), match.end())
        parents = [m for m in found if cut <= m.start and m.end <= match.start() and not m.generic]
        division = _zh_first_division(sentence, cut, match.start())
        starts = [m.start for m in parents] + ([division] if division is not None else [])
        if not starts:
            continue  # a school or hospital of no named place or body may be private
        start = min(starts)
        if match.start() - start < 2 or any(s < match.end() and start < e for s, e in taken) or any(
                m.method == "zh-institution" and start < m.end <= match.start()
                and not _ZH_AFFILIATED.fullmatch(sentence, m.end, match.start()) for m in found):
            continue  # (nor a hospital's app or unit named after it: …中心医院掌上医院)
        if _ZH_PROJECT_ADJECTIVE.search(sentence, start, match.start()):
            continue  # a project, not a body: 蚌埠市智慧学校, 智慧医院
        found = [m for m in found if not (start <= m.start and m.end <= match.end())]
        found.append(Mention(start, match.end(), sentence[start:match.end()], "agency", method="zh-institution"))
    return found


def _zh_government_bureau(sentence: str, end: int) -> re.Match | None:
    """A government's own bureau written after it: 桃園市政府交通局, 台北市政府資訊局."""
    unit = _ZH_GOVERNMENT_BUREAU.match(sentence, end)
    return unit if unit and not _ZH_BOUNDARY.search(unit.group(1)) else None


def _with_party_prefix(sentence: str, mention: Mention) -> Mention:
    """A party committee's body with the party written in front: 中共北京市朝阳区委政法委员会."""
    party = _ZH_PARTY_PREFIX.search(sentence, 0, mention.start) if "委" in mention.text and not mention.generic else None
    if not party:
        return mention
    return replace(mention, start=party.start(), text=sentence[party.start():mention.end])


def _known_agency(name: str) -> bool:
    hits = find_orgs(name, kinds=("agency",))
    return len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(name)


_ZH_SOME_COMPANY = re.compile(r"^(?:另一家|另一|一家|这家|這家|那家|该家|該家|某|多家|其他|其它|其餘|其余|两家|兩家|几家|幾家)|"
                              r"(?:多|几|幾|数|數|各|该|該|这|這|那|其|[一二两兩三四五六七八九十]+)家公司$")


_ZH_NAME_TAIL = re.compile(r"[\u4e00-\u9fff]{0,12}?(?:[(（][\u4e00-\u9fff]{2,6}[)）])?(?:股份有限公司|有限责任公司|有限責任公司|有限公司)(?:[\u4e00-\u9fff]{2,8}?分公司)?|"
                           r"[\u4e00-\u9fff]{0,10}?(?:集团|集團)|"
                           r"(?:[\u4e00-\u9fff]{2,4}?(?:省|自治区|自治區)?公司)?[\u4e00-\u9fff]{2,5}?分公司")  # 中国移动云南公司玉溪分公司
_ZH_NOT_IN_NAME = re.compile(r"[和与與及、的为為是在由从從向对對将將被予]")


def _zh_companies_around_known_names(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """A known short name inside a longer registered name is that longer company ("东莞华为服务有限公司",
    "华为海洋网络有限公司"): the registered name, with the place it opens with, replaces the short one."""
    out = []
    for mention in mentions:
        branch = _ZH_BRANCH.match(sentence, mention.end) if mention.method == "gazetteer" and re.search(
            r"(?:公司|集团|集團)$", mention.text) else None
        if branch and _is_branch_place(branch.group(1)):  # 中国电信股份有限公司喀什分公司
            out.append(replace(mention, end=branch.end(), text=sentence[mention.start:branch.end()], method="zh-company"))
            continue
        institute = _ZH_INSTITUTE.match(sentence, mention.end) if mention.method == "gazetteer" and mention.role == "vendor" else None
        if institute and not _ZH_NOT_IN_NAME.search(institute.group(1)):  # 中国电子科技集团公司电子科学研究院
            out.append(replace(mention, end=institute.end(), text=sentence[mention.start:institute.end()], method="zh-company"))
            continue
        tail = _ZH_NAME_TAIL.match(sentence, mention.end) if mention.method == "gazetteer" and mention.role in (
            "vendor", "company") and not _ZH_COMPANY_SUFFIX.search(mention.text) else None
        close = tail and re.search(r"[)）]", tail.group(0))  # a bracketed part must be a group or a place
        if not tail or _ZH_NOT_IN_NAME.search(sentence[mention.end:tail.end()]) or close and _zh_bracketed_part(
                sentence, mention.end + close.end()) is None:
            out.append(mention)
            continue
        start = mention.start
        for length in (4, 3, 2):  # a place the name opens with: 东莞华为…
            if start - length >= 0 and zh_division(simplified(sentence[start - length:start])):
                start -= length
                break
        out.append(Mention(start, tail.end(), sentence[start:tail.end()], "vendor", method="zh-company"))
    return out


# A company written by its short name as the subject of a win: "信义科技中标茂名市公安局…项目".
# (中标 as a verb: "中标公司/中标单位/中标人" is the winner's title, "X与中标公司负责人" names no winner X)
# A word that tells how or when a tender was won, written before the winner and never its name: 最终中标的…
_ZH_WIN_ADVERBS = r"最终|最終|最后|最後|顺利|順利|成功|再次|此前|先后|先後|相继|相繼|分别|分別|同时|同時"
_ZH_WIN_ADVERB = re.compile(_ZH_WIN_ADVERBS)
_ZH_SHORT_WINNER = re.compile(rf"(?:^|(?<=[，,。；;：:\s“”\"由]))(?:{_ZH_WIN_ADVERBS}|并|並|又)?([\u4e00-\u9fff]{{2,6}}?)"
                              r"(?=(?:成功|联合体|聯合體|以[^，,。；;]{1,24}?)?(?:中标|中標|成交|得标|得標|竞得|競得)"
                              r"(?!公司|单位|單位|人|方|企业|企業|候选|候選|结果|結果|通知|金额|金額|额|額|量|价|價))")
_ZH_NOT_SHORT_NAME = re.compile(r"(?:项目|項目|工程|本次|此次|其中|该|該|本|我司|公司|单位|單位|企业|企業|共|已|均|被|的|将|將|日|年|月|联合体|聯合體|[与與和及]$|"
                                r"未|没|沒|不|但|却|卻|无|無|能|再|曾|"
                                r"拟|擬|预|預|候选|候選|结果|結果|公告|通知|关于|關於)")


def _zh_short_winners(sentence: str, taken: list[tuple[int, int]]) -> list[Mention]:
    found = []
    for match in _ZH_SHORT_WINNER.finditer(sentence):
        name = match.group(1)
        if _ZH_NOT_SHORT_NAME.search(name) or _ZH_WIN_ADVERB.fullmatch(name) or zh_division(simplified(name)) or any(
                s < match.end(1) and match.start(1) < e for s, e in taken):
            continue
        found.append(Mention(match.start(1), match.end(1), name, "vendor", method="zh-short-winner"))
    return found


_ZH_BRANCH = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:分公司|分行|子公司|营运处|營運處|营业处|營業處)")


def _is_branch_place(name: str) -> bool:
    """A branch is named for its place: 喀什 of …喀什分公司, 新竹 of …新竹營運處 (Taiwan's divisions too)."""
    return bool(zh_division(simplified(name)) or is_taiwan_division(name))
# A research institute of a company group, written after the group's name.
_ZH_INSTITUTE = re.compile(r"(?:公司)?([\u4e00-\u9fff]{2,8}?(?:研究院|研究所|设计院|設計院))")


# A company a notice labels as the tender's agent: "采购代理机构：X", "本项目招标代理机构为X".
_ZH_AGENT_LABEL = re.compile(r"代理(?:机构|機構|单位|單位|公司|人)?(?:名称|名稱)?\s*(?:[:：]|为|為|是)\s*$")


# A company's group or seat, bracketed inside its registered name: 上海延华智能科技(集团)股份有限公司,
# 腾讯云计算（北京）有限责任公司
_ZH_BRACKETED_PART = re.compile(r"[(（]([\u4e00-\u9fff]{2,6})[)）]$")


def _zh_bracketed_part(sentence: str, suffix_start: int) -> int | None:
    """Where a bracketed group or place written straight before a company suffix opens, if one is."""
    part = _ZH_BRACKETED_PART.search(sentence, max(0, suffix_start - 10), suffix_start)
    if part and (part.group(1) in ("集团", "集團", "控股", "中国", "中國") or _is_branch_place(part.group(1))):
        return part.start()
    return None


_VERB_OR_FUNCTION_WORD = ("v", "d", "c", "p", "u", "r")  # jieba's tags: verbs, adverbs, conjunctions, prepositions, …


def _zh_bare_name_start(sentence: str, start: int, suffix: int) -> int | None:
    """Where a name written with a bare 公司 or 集团 begins: after the last verb or function word before it
    (jieba's tags), if a noun is left ("城市建设投资发展公司" keeps its nouns; "影响公司" has none)."""
    tagger = _jieba_tagger()
    if tagger is None:
        return start
    flags, offset, cut = [], start, start
    for word in tagger.cut(simplified(sentence[start:suffix]), HMM=False):
        offset += len(word.word)
        flags.append(word.flag)
        if word.flag.startswith(_VERB_OR_FUNCTION_WORD) and word.flag != "vn":
            cut, flags = offset, []  # the name begins after it
    return cut if any(flag.startswith(("n", "j", "eng")) and flag != "vn" for flag in flags) else None


@lru_cache(maxsize=1)
def _jieba_tagger():
    tokenizer = _jieba()
    if tokenizer is None:
        return None
    import jieba.posseg

    return jieba.posseg.POSTokenizer(tokenizer)


def _chinese_companies(sentence: str, taken: list[tuple[int, int]]) -> list[Mention]:
    found = []
    for match in _ZH_COMPANY_SUFFIX.finditer(sentence):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        bracket = _zh_bracketed_part(sentence, match.start())
        start = _zh_left_trim(sentence, bracket if bracket is not None else match.start(), match.end(), limit=26)
        if bracket is not None and start == bracket:
            continue  # nothing before the brackets: no name
        name = sentence[start:match.end()]
        if (name in _ZH_GENERIC_COMPANY or len(name) < 5 or _ZH_SOME_COMPANY.search(name)
                or re.search(r"(?:子|母|项目|項目|上市|控股|本|该|該|我|的)公司$", name)
                or (name.endswith("分公司") and ("公司" in name[:-3] or len(name) < 6))) or len(name) < 5 or any(s < match.end() and start < e for s, e in taken):
            continue
        if match.group(0) in ("公司", "集团", "集團"):
            start = _zh_bare_name_start(sentence, start, match.start() - name.endswith("分公司"))
            name = sentence[start:match.end()]
            if start is None or len(name) < 4:
                continue  # "但不影响公司经营", "投资者了解公司": the company in a verb's object, no name
        if name.endswith("分公司") and not _is_branch_place(name[:-3]) and re.search(r"(?:旗下|下属|下屬)的?$", sentence[:start]):
            continue  # 遠傳電信旗下的系統整合分公司: a unit of the company named before it, which stands for it
        end = match.end()
        branch = _ZH_BRANCH.match(sentence, end) if not name.endswith("分公司") else None
        if branch and _is_branch_place(branch.group(1)):
            end = branch.end()  # 中国电信股份有限公司喀什分公司: the branch of its place
        role = "agent" if re.search(r"招标|招標|代理", name) or _ZH_AGENT_LABEL.search(sentence, max(0, start - 14), start) else "vendor"
        found.append(Mention(start, end, sentence[start:end], role, method="zh-company"))
        taken.append((start, end))
    return found


# ---------------------------------------------------------------- English companies not in the gazetteer
# A company name may join capitalised words with "and", "&", "of", "for" ("Xinjiang Broadcast and Television
# Network Co. Ltd."), never start with one.
_EN_COMPANY = re.compile(
    r"\b((?:[A-Z][A-Za-z0-9&'’.-]*\s+(?:(?:and|&|of|for)\s+(?=[A-Z]))?){0,5}[A-Z][A-Za-z0-9&'’.-]*),?\s+(Inc\.?|Incorporated|LLC|L\.L\.C\.|Corp\.?|"
    r"Corporation|Co\.|PLC|plc|Ltd\.?|Limited|GmbH|AG|S\.A\.|N\.V\.|B\.V\.|Pty Ltd|LLP|LP)(?![A-Za-z])")
_COMPANY_NOUN = r"(?:company|firm|startup|start-up|maker|vendor|supplier|contractor|manufacturer)"
_NAME = r"[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,2}"
# A name the sentence itself calls a company: "AI company Staqu", "of Staqu, the Gurgaon AI startup,".
_DESCRIBED = re.compile(rf"\b{_COMPANY_NOUN}\s+({_NAME})|(?:^|(?<=[\s(“]))({_NAME}),\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?"
                        rf"{_COMPANY_NOUN}\s*[,)]")


# "the contractor Chinese company": the capitalised word is an adjective of the noun after it
_DESCRIBES_A_NOUN = re.compile(rf"\s+(?:[a-z-]+\s+){{0,2}}{_COMPANY_NOUN}")


def _described_companies(sentence: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for match in _DESCRIBED.finditer(sentence):
        group = 1 if match.group(1) else 2
        start, end = match.start(group), match.end(group)
        name = sentence[start:end]
        words = name.split()
        if (words[0] in _STOP or set(words) & (_HEADS | _OF_HEADS) or is_place(name) or is_country_code(name)
                or _DESCRIBES_A_NOUN.match(sentence, end) or any(s < end and start < e for s, e in taken)
                or any(sentence[e:start].strip() == "" and e <= start for s, e in taken)):
            continue  # (the last words of a name already found: "CloudWalk Technology, a … startup")
        out.append((start, end))
    return out


_LEGAL_WORDS = {"co", "corp", "inc", "ltd", "llc", "plc", "company", "limited", "group", "holdings", "the"}
_GENERIC_COMPANY_EN = re.compile(
    r"\b(?:the|a|an|this|that)\s+((?:[A-Z][a-z]+\s+|(?:chinese|foreign|local|private|state-owned|technology|tech|"
    r"telecommunications?|telecom|surveillance|security|contractor|american|israeli|us|u\.s\.)\s+){0,3}"
    r"(?:company|firm|contractor|vendor|supplier|manufacturer|tech giant|telecoms? giant|giant))\b(?!['’]s\s+(?:rivals?|competitors?))",
    re.I,
)
# The counterparty of a deal verb, named but not in the gazetteer: "a contract with Acme Vision Systems".
_CAPS = r"((?:[A-Z][\w&'’.-]*\s+){0,4}[A-Z][\w&'’-]*(?:\.(?=\s|$))?)"
_DEAL_PARTY = re.compile(
    rf"\b(?:contracts?|agreements?|deals?|subscriptions?|award(?:ed)?(?:\s+the\s+contract)?)\s+(?:[\w-]+\s+){{0,3}}?(?:to|with)\s+(?:the\s+)?{_CAPS}|"
    rf"\b(?:purchas(?:e|ed|ing)|buy|bought|procur(?:e|ed|ing))\s+(?:[\w-]+\s+){{0,6}}?from\s+(?:the\s+)?{_CAPS}|"
    rf"\b(?:supplied|provided|manufactured|installed|made|built|developed|sold)\s+by\s+(?:the\s+)?{_CAPS}")
# The next name of a list that goes on after a deal's party: "contracts with Maximus, Atos and Capita"
_NEXT_IN_LIST = re.compile(rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?{_CAPS}")
_PUBLIC_NAME_WORD = re.compile(r"\b(?:Enforcement|Investigations?|Intelligence|Defen[cs]e|Homeland|Immigration|Justice|"
                               r"Revenue|Customs|Prosecutors?|Attorney|Corrections|Penitentiary|Sheriff|Constabulary)\b")
_LONGER_BODY = re.compile(r"\s+(?:and|&|of|for)\s+(?:[A-Z][\w’'-]*\s+){0,4}(?:" + "|".join(sorted(_HEADS)) + r")\b")
_ZH_GENERIC_VENDOR = re.compile(r"该公司|該公司|该企业|該企業|该集团|該集團")


def _deal_party(sentence: str, match: re.Match, group: int, taken: list[tuple[int, int]]) -> Mention | None:
    """The company a deal pattern's group names, or None where it names no company (a place, a body, an
    adjective) or a name already found."""
    words = match.group(group).split()
    while words and words[0] in _STOP:
        words.pop(0)
    if not words or words[0] in _TITLES or set(w.rstrip(".,") for w in words) & (_HEADS | _OF_HEADS):
        return None
    start = match.start(group) + match.group(group).find(words[0])
    end = match.end(group)
    start += place_owner_length(sentence[start:end])  # "from China's CEIEC": the company, not its country
    if any(s < end and start < e for s, e in taken) or is_place(sentence[start:end]) or is_country_code(
            sentence[start:end]):
        return None  # "sold components to ZTE in China": a place is no counterparty name
    if _LONGER_BODY.match(sentence[end:]) or _PUBLIC_NAME_WORD.search(sentence[start:end]):
        return None  # "with the Identity and Passport Service", "with Homeland Security Investigations": a body
    if re.match(r"\s+(?:[a-z-]+\s+){0,2}(?:firm|company|vendor|supplier|contractor|manufacturer|giant|group|maker)\b",
                sentence[end:]):
        return None  # "supplied by the Chinese firm Hikvision": an adjective, the name follows
    return Mention(start, end, sentence[start:end].rstrip(".,"), "vendor", method="en-deal-party")


def _after_known_names(sentence: str, start: int, end: int, taken: list[tuple[int, int]]) -> int | None:
    """Where a legal-suffix name begins once names already found in front of it are set aside: in "Huawei and
    Hikvision Digital Technology Co. Ltd." the second company starts after "Huawei and"."""
    for s, e in sorted(taken):
        if s < end and start < e:
            if e >= end:
                return None
            rest = re.match(r"(?:\s|,|and\b|&)*", sentence[e:end])
            if s >= start and not rest.group(0).strip() and any(
                    w[:1].isupper() and w.rstrip(".,").lower() not in _LEGAL_WORDS for w in sentence[e:end].split()):
                continue  # "Axon Public Safety Canada Inc.": the known name opens the registered one
            start = e + rest.end()
    return start if start < end and sentence[start:start + 1].isupper() else None


def _merge_same_org(mentions: list[Mention], sentence: str) -> list[Mention]:
    """'SST, Inc., dba ShotSpotter' and 'Shot Spotter (SST, Inc.)' are one mention of one vendor."""
    out: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if out and out[-1].org_id and out[-1].org_id == mention.org_id:
            gap = sentence[out[-1].end:mention.start]
            if re.fullmatch(r",?\s*(?:,?\s*(?:dba|d/b/a|doing business as|trading as|t/a)\s+|\(\s*)", gap, re.I):
                end = mention.end + (1 if sentence[mention.end:mention.end + 1] == ")" and "(" in gap else 0)
                prev = out.pop()
                # a bracketed short name is no part of the name: "Department of Defense (DoD)" names the department
                text = prev.text if "(" in gap else sentence[prev.start:end]
                out.append(replace(prev, end=end, text=text))
                continue
        out.append(mention)
    return out


# A company written with its stock code is a listed company: 围海股份(002586), 海康威视（股票代码：002415）,
# Axon Enterprise (NASDAQ: AXON).
_ZH_LISTED = re.compile(r"[（(]\s*(?:(?:股票代码|股票代碼|证券代码|證券代碼|SZ|SH|sz|sh)\s*[:：]?\s*)?\d{6}(?:\.(?:SZ|SH|sz|sh))?\s*[)）]")
_EN_LISTED = re.compile(r"\b([A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|&))*?)\s*,?\s*\(\s*(?:NASDAQ|Nasdaq|NYSE|LSE|TSX|ASX|"
                        r"HKEX|SEHK|SSE|SZSE|SGX|TSE|KRX|NSE|BSE|OTC\w*)\s*:\s*[A-Z0-9.]+\s*\)")


def _name_start(match: re.Match) -> int | None:
    """Where the name a pattern's first group holds begins, past the sentence words in front of it."""
    words = match.group(1).split()
    while words and words[0] in _STOP:
        words.pop(0)
    return match.start(1) + match.group(1).find(words[0]) if words else None


# The members of a consortium, listed before it is formed: "联合中交投资、三航局、中交基金(北京)组成联合体中标…".
_ZH_CONSORTIUM = re.compile(r"(?:联合|聯合|由|与|與|和)\s*((?:[\u4e00-\u9fffA-Za-z0-9()（）]{2,20}\s*[、，,和与與及]+\s*)+"
                            r"[\u4e00-\u9fffA-Za-z0-9()（）]{2,20}?)\s*(?:等(?:单位|單位|企业|企業|公司)?)?\s*(?:共同)?(?:组成|組成)(?:的)?(?:联合体|聯合體)")
_ZH_LIST_SEPARATOR = re.compile(r"\s*[、，,和与與及]+\s*")


def _zh_consortium_members(sentence: str, taken: list[tuple[int, int]]) -> list[Mention]:
    found = []
    for match in _ZH_CONSORTIUM.finditer(sentence):
        position = match.start(1)
        for item in _ZH_LIST_SEPARATOR.split(match.group(1)):
            start = sentence.find(item, position)
            end = start + len(item)
            position = end
            if not item or item in _ZH_GENERIC_COMPANY or len(item) < 2 or _ZH_BOUNDARY.search(item.replace("(", "").replace(")", "")):
                continue
            if not any(s < end and start < e for s, e in taken):
                found.append(Mention(start, end, item, "vendor", method="zh-consortium-member"))
    return found


def _listed_companies(sentence: str, taken: list[tuple[int, int]]) -> list[Mention]:
    found = []
    if any("\u4e00" <= ch <= "\u9fff" for ch in sentence):
        for match in _ZH_LISTED.finditer(sentence):
            end = match.start()
            start = _zh_left_trim(sentence, end, end, limit=10)
            name = sentence[start:end]
            if 2 <= len(name) <= 10 and all("\u4e00" <= ch <= "\u9fff" for ch in name) and not any(
                    s < end and start < e for s, e in taken):
                found.append(Mention(start, end, name, "vendor", method="zh-listed"))
    for match in _EN_LISTED.finditer(sentence):
        start = _name_start(match)
        if start is not None and not any(s < match.end(1) and start < e for s, e in taken):
            found.append(Mention(start, match.end(1), sentence[start:match.end(1)], "vendor", method="en-listed"))
    return found


# A capitalised word written straight before a name, which no sentence opens with: "Kampala" of "Kampala
# Metropolitan Police"
_LONGER_NAME_BEFORE = re.compile(rf"(?<![\w.’'-])(?!(?:{'|'.join(sorted(_STOP))})\s)[A-Z][\w-]*[ ]$")
_LAST_WORD_SPAN = 40  # enough for the one word before a name


_COUNTRY_UNIT = re.compile(r" ((?:[A-Z][a-z]+)(?: [A-Z][a-z]+)?)(?![\w-])(?! (?:[A-Z]|Ltd|Inc|Co|government|police|ministry))")


def find_mentions(sentence: str) -> list[Mention]:
    """Every organisation mention in one sentence, in text order, without overlaps."""
    mentions: list[Mention] = []
    taiwan = taiwan_bodies(sentence) if any("\u4e00" <= ch <= "\u9fff" for ch in sentence) else []
    for hit in find_orgs(sentence):
        if (hit.org.kind == "agency" and any("\u4e00" <= ch <= "\u9fff" for ch in hit.text) and hit.end < len(sentence)
                and "\u4e00" <= sentence[hit.end] <= "\u9fff" and hit.end not in _zh_word_edges(sentence)):
            continue  # a known name inside a longer word: the 公安部 of 公安部门 (police departments)
        if hit.org.kind == "agency" and any(s <= hit.start and hit.end <= e and e - s > hit.end - hit.start for s, e in taiwan):
            continue  # or the tail of a longer one: the 北市府 of 新北市府
        if hit.org.case_exact and _LONGER_NAME_BEFORE.search(sentence, max(0, hit.start - _LAST_WORD_SPAN), hit.start):
            continue  # a government's name that is the tail of another body's: "Kampala Metropolitan Police"
        role = {"vendor": "vendor", "agency": "agency", "company": "company"}.get(hit.org.kind, "other")
        bureau = _zh_government_bureau(sentence, hit.end) if role == "agency" and hit.text.endswith("政府") else None
        if bureau:  # the known government's own bureau is the body named
            mentions.append(Mention(hit.start, bureau.end(), sentence[hit.start:bureau.end()], role, method="zh-agency"))
            continue
        unit = _COUNTRY_UNIT.match(sentence, hit.end) if role in ("vendor", "company") and hit.text.isascii() else None
        if unit and is_country(unit.group(1)):  # "NEC Australia", "Huawei Kenya": the company's unit in that country
            mentions.append(Mention(hit.start, unit.end(), sentence[hit.start:unit.end()], role, org_id=hit.org.id,
                                    method="gazetteer"))
            continue
        mentions.append(Mention(hit.start, hit.end, hit.text, role, org_id=hit.org.id, method="gazetteer"))
    mentions = _merge_same_org(mentions, sentence)
    taken = [(m.start, m.end) for m in mentions]
    for listed in _listed_companies(sentence, taken):
        mentions.append(listed)
        taken.append((listed.start, listed.end))
    for match in _EN_COMPANY.finditer(sentence):
        start = _name_start(match)
        if start is None:
            continue
        start = _after_known_names(sentence, start, match.end(), taken)
        if start is None or start >= match.end(1) or all(
                w.rstrip(".,").lower() in _LEGAL_WORDS for w in sentence[start:match.end(1)].split()):
            continue  # nothing but a legal form is left of it
        words = sentence[start:match.end()].split()
        if set(w.rstrip(".,") for w in words) & (_HEADS - {"Corporation"}):
            continue
        mentions.append(Mention(start, match.end(), sentence[start:match.end()], "vendor", method="en-company"))
        taken.append((start, match.end()))
    for start, end in _described_companies(sentence, taken):
        mentions.append(Mention(start, end, sentence[start:end], "vendor", method="en-described-company"))
        taken.append((start, end))
    if any("\u4e00" <= ch <= "\u9fff" for ch in sentence):
        mentions = _zh_companies_around_known_names(sentence, mentions)
        taken = [(m.start, m.end) for m in mentions]
        mentions += _chinese_companies(sentence, taken)
        mentions += _zh_short_winners(sentence, [(m.start, m.end) for m in mentions])
        mentions += _zh_consortium_members(sentence, [(m.start, m.end) for m in mentions])
        taken = [(m.start, m.end) for m in mentions]
        mentions += _chinese_agencies(sentence, taken)
        for match in _ZH_GENERIC_VENDOR.finditer(sentence):
            mentions.append(Mention(match.start(), match.end(), match.group(0), "vendor", generic=True, head="company",
                                    method="zh-generic-company"))
    else:
        for agency in sorted(_english_agencies(sentence), key=lambda m: m.start - m.end):  # the longest reading first
            if not any(s < agency.end and agency.start < e for s, e in taken):
                mentions.append(agency)
                taken.append((agency.start, agency.end))
        cased = _smart_case(sentence)
        for match in _DEAL_PARTY.finditer(cased):
            group = next(g for g in (1, 2, 3) if match.group(g))
            party = _deal_party(sentence, match, group, taken)
            if party is not None:
                mentions.append(party)
                taken.append((party.start, party.end))
            if group != 1:
                continue
            after = match.end(group)
            while (following := _NEXT_IN_LIST.match(cased, after)) is not None:  # the rest of a list of parties
                listed = _deal_party(sentence, following, 1, taken)
                if listed is not None:
                    mentions.append(listed)
                    taken.append((listed.start, listed.end))
                after = following.end(1)
        for match in _GENERIC_COMPANY_EN.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            before = sentence[:match.start()].rstrip()
            if before.endswith(",") and any(m.end >= len(before) - 2 and m.end <= len(before) for m in mentions):
                continue  # an apposition describes the name before it ("Amazon, the wealthiest company")
            mentions.append(Mention(match.start(1), match.end(1), match.group(1), "vendor", generic=True, head="company",
                                    method="en-generic-company"))
    mentions = _drop_overlaps(mentions)
    return sorted(mentions, key=lambda m: m.start)


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(k.start < mention.end and mention.start < k.end for k in kept):
            kept.append(mention)
    return kept
