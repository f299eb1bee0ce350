"""English vendor–agency relations from the dependency parse.

A vendor and a public body in one sentence are a pair when the shortest path between them in the
parse runs through a deal word (supply, install, contract, award, buy, work with, agreement …) and no
reporting verb joins them from outside ("X said Y bought …" pairs nobody with X). The parse brings the
usual constructions for free: relative clauses ("Acme, which has supplied the county …"), passives
("were installed by Acme for the police"), coordination ("with Karamay, Aksu and Urumqi"), appositions
("the regional capital, Urumqi") and possessives ("Huawei's Czech unit").

Mentions come from the pattern rules (gazetteer, public-body names, legal-suffix company names) and
from the statistical recogniser: an ORG it finds that no rule knows is a vendor when its partner is a
public body; a GPE that is a real place (pycountry, GeoNames) stands for its government.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import Mention, place_owner_length, unnamed_before
from .nlp import is_dictionary_word, is_dictionary_word_or_plural
from .places import has_admin_word, is_place

# Deal words by lemma (verbs and nouns), with the confidence their link gives.
_STRONG = {
    "supply", "supplier", "provide", "provider", "install", "installation", "deliver", "delivery", "build", "sell",
    "contract", "contractor", "subcontract", "award", "win", "buy", "purchase", "procure", "procurement", "order",
    "acquire", "agreement", "deal", "sign", "winner", "awardee", "hire", "select", "choose", "pick", "pay", "equip",
    "deploy", "deployment", "renew", "renewal", "extend", "extension", "warranty", "lease", "retain", "engage",
    "subscription", "license", "licence", "vendor", "memorandum", "mou", "settlement", "approve", "authorize", "spend",
    "authorise", "enlist", "appoint", "manufacture", "develop", "design", "implement", "roll", "operate", "maintain",
    "tap", "carry out",
}
_WEAK = {"work", "partner", "partnership", "cooperate", "cooperation", "collaborate", "collaboration", "team",
         "use", "rely", "adopt", "test", "trial", "pilot", "project", "customer", "client", "help", "serve", "offer",
         "sale", "system", "programme", "program", "launch", "support", "user", "business", "tender"}
_REPORTING = {"say", "tell", "report", "write", "claim", "allege", "accuse", "note", "add", "explain", "argue",
              "believe", "think", "suggest", "reveal", "show", "warn", "according", "state", "ask", "urge", "criticize",
              "criticise", "question", "investigate", "sue", "condemn", "complain"}
_DENIAL = {"deny", "refuse", "reject", "dismiss", "cancel", "terminate", "table", "postpone", "defer", "delay", "stop",
           "cease", "discontinue", "quit",
           "suspend", "halt", "ban", "scrap", "withdraw", "end", "drop", "block"}
_DECIDING = {"decide", "opt", "vote", "rule", "choose", "recommend", "advise", "elect", "argue", "warn", "caution",
             "lobby", "campaign", "come", "go", "turn", "settle"}
_WEIGHING = {"consider", "weigh", "explore", "mull", "debate", "discuss", "propose", "evaluate", "contemplate"}
_LOSING = {"lose", "bid", "compete", "vie", "pitch", "lobby", "court", "tender", "apply", "submit", "chase", "seek"}
_WON_WORDS = re.compile(r"\b(?:won|wins|winning|awarded|selected|chosen|secured|signed)\b", re.I)
_RIVAL_WORDS = {"competitor", "rival", "challenger", "peer"}
_BEATING = {"beat", "defeat", "outbid", "best", "edge", "overcome", "outscore", "outcompete", "oust", "replace"}
_CONSENT = {"agreement", "approval", "consent", "permission", "authorization", "authorisation", "blessing",
            "knowledge", "support", "backing", "approve"}
_FUNDING = {"grant", "fund", "funding", "donate", "donation", "finance", "loan", "subsidy", "sponsor"}
_SANCTIONING = {"sanction", "blacklist", "list", "penalize", "penalise", "fine", "restrict", "prohibit", "add"}
# Heads of organisations that are not suppliers: media, universities, campaigners, parties.
_NOT_VENDOR = re.compile(
    r"\b(?:University|College|Institute|School|Foundation|Association|Union|Society|Council|Committee|Party|"
    r"News|Times|Post|Journal|Herald|Tribune|Gazette|Review|Magazine|Press|Media|Radio|Television|TV|Daily|Weekly|"
    r"Reuters|Bloomberg|Associated|Agence|Watch|Amnesty|Lab|Laboratory|Center|Centre|Congress|Senate|Parliament|"
    r"Court|Commission|Bank|Fund|Exchange|Twitter|Facebook|YouTube|Wikipedia|EU|European Union|United Nations|UN|NATO|"
    r"ASEAN|African Union)\b")
# Things rather than suppliers, which the recogniser often labels ORG: projects, products, documents, headings.
_NOT_A_COMPANY = re.compile(
    r"\b(?:Project|Programme|Program|System|Systems Project|Code|Agreement|Renewal|Contract|Ordinance|Resolution|"
    r"Act|Plan|Scheme|Initiative|Mission|Forces?|Background|Summary|Attachment|Exhibit|Item|Account)\b|"
    r"^(?:CCTV|AI|ALPR|LPR|UAV|GPS|IT|ICT|IoT|CEO|CFO|CTO|UID|ID|DNA|RFID|FRT|FR|5G|4G|LTE|VPN|SIM|API|SaaS|"
    r"ANPR|PPP|EPC|BOT|MoU|MOU|RFP|RFQ|IFB|NTE)$")
_PUBLIC_HEAD = re.compile(
    r"\b(?:Department|Ministry|Authority|Agency|Bureau|Administration|Commission|Office|Directorate|Council|"
    r"Municipality|Government|Police|Constabulary|Sheriff|Force|Service|Army|Navy|Customs|Border|Railways?|"
    r"Prison|Court|Legislature|Parliament|Cabinet|Secretariat|Commissionerate|Corps|Guard|Military|Battalion|Brigade|"
    r"Regiment|Gendarmerie|Registry|Patrol)\b")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")
# Words that mark a public body inside a name the rules do not know ("Immigration and Customs Enforcement"),
# or an acronym, which a buyer is often written as ("the FBI awarded …").
_PUBLIC_WORD = re.compile(r"\b(?:Enforcement|Investigation|Intelligence|Defen[cs]e|Homeland|Immigration|Justice|"
                          r"Revenue|Customs|Prosecutor|Attorney|Corrections?|Penitentiary|Sheriff|Constabulary)\b|"
                          r"^[A-Z][A-Z&]{1,6}$")
# Verbs whose subject is the buyer: "the FBI awarded …", "the ministry bought …".
_BUYING = {"award", "buy", "purchase", "procure", "hire", "select", "choose", "pick", "contract", "sign", "order",
           "pay", "approve", "acquire", "lease", "license", "commission", "enlist", "retain", "engage", "renew",
           "tap"}


def _buyer_slot(root) -> bool:
    token = _climb(root)
    return token.dep_ == "nsubj" and _lemma(token.head) in _BUYING
_SKIP_DEPS = {"conj", "appos", "compound", "flat", "cc", "punct", "det", "amod", "poss", "case", "nmod"}
MAX_HOPS = 7


@dataclass
class Party:
    start: int
    end: int
    name: str
    role: str  # vendor | agency | unknown
    method: str
    generic: bool = False
    place: bool = False


@dataclass
class SyntaxPair:
    vendor: Party
    agency: Party
    relation: str
    confidence: float
    negated: bool
    path: str


def _span_root(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def clean_name(text: str) -> str:
    """A recogniser span without what is not part of the name: an unclosed bracket, a heading after a colon."""
    text = re.split(r"\s*[:;|]\s+", text)[0]
    if text.count("(") > text.count(")"):
        text = text[: text.rfind("(")]
    return text.strip(" ,.'’\"(")


_BODY_END = re.compile(r"\b(?:Department|Ministry|Authority|Agency|Bureau|Administration|Commission|Office|Council|"
                       r"Government|Police|Service|Force|Directorate)$")


_PLACE_OF = re.compile(r"^(?:the\s+)?(?:City|County|Town|Village|Borough|State|Province|Municipality|Government|Republic) of\b")


def names_a_body(name: str) -> bool:
    """A public body's name, never a vendor's: "City of Marietta", "Hartford City Council"."""
    return bool(_PLACE_OF.match(name) or _BODY_END.search(name))


def _two_bodies(text: str) -> bool:
    """"the Ministry of Defence and Cabinet Office": a body on each side of the "and", not one name
    ("Immigration and Customs Enforcement", "Department of Housing and Urban Development")."""
    parts = text.split(" and ")
    return len(parts) == 2 and bool(_PUBLIC_HEAD.search(parts[0])) and bool(_BODY_END.search(parts[1]))


def _wider_entity(ent, inside: list[Party]) -> Party | None:
    """An ORG the recogniser reads wider than the pattern rules did ("the Identity and Passport Service"
    over "Identity"): the recogniser's boundaries win over pattern fragments, never over the gazetteer."""
    if ent.label_ != "ORG" or not inside or any(p.method == "gazetteer" for p in inside):
        return None
    text = re.sub(r"^(?:the|The)\s+", "", clean_name(ent.text))
    start = ent.start_char + ent.text.find(text)
    owner = re.match(r"(.+?)['’]s\s", text)  # "the UK Border Agency’s Immigration and Asylum system": the owner
    if owner and all(p.end <= start + len(owner.group(1)) for p in inside):
        text = owner.group(1)
    if not text or not all(start <= p.start and p.end <= start + len(text) for p in inside) or len(text.split()) <= max(
            len(p.name.split()) for p in inside):
        return None
    if is_bare_body(text) or _two_bodies(text):
        return None
    role = "agency" if _PUBLIC_HEAD.search(text) else ("vendor" if any(p.role == "vendor" for p in inside) else "unknown")
    return Party(start, start + len(text), text, role, "ner-wider")


def merge_recogniser(doc, parties: list[Party], person_words: frozenset[str] = frozenset()) -> list[Party]:
    """The pattern parties, with the recogniser's ORG and GPE entities added where no rule found them.
    person_words: the words of the people the article names in full (see person_words)."""
    parties = list(parties)
    for ent in doc.ents:
        inside = [p for p in parties if p.start < ent.end_char and ent.start_char < p.end]
        wider = _wider_entity(ent, inside)
        if wider:
            parties = [p for p in parties if p not in inside] + [wider]
    parties = parties + recogniser_parties(doc, [(p.start, p.end) for p in parties])
    parties = parties + unrecognised_subjects(doc, [(p.start, p.end) for p in parties], person_words)
    return parties + _coordinated_places(doc, parties)


# Verbs whose proper-noun subject is a supplier even when the recogniser labels it nothing: "Safaricom
# signed a deal with the National Police Service".
_SUPPLIER_VERBS = {"sign", "win", "secure", "land", "supply", "provide", "install", "deliver", "deploy", "build", "sell",
                   "operate", "maintain", "carry out"}


_THING_HEAD = re.compile(r"\b(?:Network|Platform|Service|Services|App|Software|Cloud|Database|Camera|Cameras|Device|"
                         r"Technology|Tool|Portal|Radio|Grid)$")


# Last words of a company's name, never of a person's: "Scale AI", "Anduril Industries"
_COMPANY_LAST_WORD = re.compile(r"\s(?:AI|Labs?|Technologies|Robotics|Analytics|Networks|Systems|Solutions|Industries|"
                                r"Dynamics|Aerospace|Electronics|Semiconductors?|Microsystems|Telecom|Communications)$")


def person_words(docs) -> frozenset[str]:
    """The words of every person an article names with more than one word ("Jane Smith" gives Jane and
    Smith): news names a person in full before it uses one of the names alone."""
    return frozenset(t.text for doc in docs for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                     for t in ent)


def _person_misread(ent, people: frozenset[str]) -> bool:
    """A "person" the small recogniser makes of a company: one coined word the article gives no one as a
    name ("awarded Capgemini a contract"), or a name ending in a company's word."""
    if ent.label_ != "PERSON":
        return False
    if _COMPANY_LAST_WORD.search(ent.text):
        return True
    return len(ent) == 1 and ent.text not in people and not is_dictionary_word(ent.text)


def unrecognised_subjects(doc, taken: list[tuple[int, int]], people: frozenset[str] = frozenset()) -> list[Party]:
    """Proper nouns that are the subject of a supplying verb (or the one chosen by a choosing verb) and that
    neither the rules nor the recogniser found, as parties of unknown kind (the deal rules decide whether
    they sell)."""
    out = []
    # (a "place" the recogniser made of a name no gazetteer knows is free: "awarded Meditech a contract")
    # (nor is a "nationality" no dictionary holds: "Vodacom signed a deal")
    # (nor a "person" who is a company: see _person_misread)
    entity_tokens = {t.i for ent in doc.ents for t in ent
                     if not (ent.label_ in ("GPE", "LOC") and not is_place(ent.text) or ent.label_ == "NORP" and not (
                         is_place(ent.text) or is_dictionary_word_or_plural(ent.text))
                         or _person_misread(ent, people))}
    for token in doc:
        subject = token.dep_ == "nsubj" and _lemma(token.head) in _SUPPLIER_VERBS
        chosen = token.dep_ in ("dative", "dobj") and _lemma(token.head) in _CHOOSING  # "awarded Cerner a contract"
        if token.pos_ != "PROPN" or not (subject or chosen):
            continue
        first = token
        while first.i > 0 and doc[first.i - 1].dep_ == "compound" and doc[first.i - 1].head.i == token.i and (
                doc[first.i - 1].pos_ == "PROPN"):
            first = doc[first.i - 1]
        span = doc[first.i: token.i + 1]
        start, end = span.start_char, span.end_char
        if any(t.i in entity_tokens for t in span) or any(s < end and start < e for s, e in taken):
            continue
        if span.text in people:
            continue  # "hired Dines" of an article that named Sarah Dines: the person, by her surname
        text = span.text
        if not text[:1].isupper() or is_place(text) or _PUBLIC_HEAD.search(text) or _NOT_VENDOR.search(text) or (
                _NOT_A_COMPANY.search(text) or _THING_HEAD.search(text)):
            continue
        out.append(Party(start, end, text, "unknown", "parse-subject"))
    return out


def _coordinated_places(doc, parties: list[Party]) -> list[Party]:
    """Places coordinated with a place party that the recogniser labelled otherwise ("the states of
    Uttarakhand, Punjab and Rajasthan", where Rajasthan reads as a person)."""
    taken = [(p.start, p.end) for p in parties]
    out = []
    for party in [p for p in parties if p.place]:
        root = _span_root(doc, party.start, party.end)
        if root is None:
            continue
        for token in root.conjuncts:
            span = doc[token.left_edge.i if token.left_edge.dep_ == "compound" else token.i: token.i + 1]
            start, end = span.start_char, span.end_char
            if span.text[:1].isupper() and is_place(span.text) and not any(s < end and start < e for s, e in taken):
                out.append(Party(start, end, span.text, "agency", "ner-place", place=True))
                taken.append((start, end))
    return out


_PROJECT_AFTER = re.compile(r"\)?\s+(?:project|programme|program|initiative|scheme|system|network|platform)s?\b", re.I)
_DATELINE = re.compile(r"^\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*,?\s*){1,3}"
                       r"(?:(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}),?\s+\d{4}\s*)?"  # CANBERRA, 25 November 2016 —
                       r"(?:\(\w+\)\s*)?(?:[–—-]{1,2}|(?<=\d{4}):|/[A-Za-z ]+/\s*[–—-]?)\s")  # MUMBAI, May 22, 2023:
_BARE_BODY = re.compile(r"^(?:the\s+)?(?:(?:Police|City|County|Town|Fire|Public|Safety|Local|Regional|Federal|Municipal|"
                        r"State|Provincial|District|Village|Parish)\s+)*(?:Police|Force|Council|Department|Ministry|"
                        r"Authority|Agency|Bureau|Government|Office|Commission|Board|City|County|State|Service|"
                        r"Administration|Legislature)$", re.I)


_SYSTEM_WORDS = r"(?:System|Project|Programme|Program|Platform|Database|Network|Initiative|Identification|Scheme)s?"
_SYSTEM_ACRONYM = re.compile(rf"\b[A-Z][\w-]*(?:\s+(?:of|and|for|[A-Z][\w-]*))*\s+{_SYSTEM_WORDS}\s*\(([A-Z][A-Za-z]{{1,7}})\)|"
                             rf"\(([A-Z][A-Za-z]{{1,7}})\)\s+{_SYSTEM_WORDS.lower()}\b")


def system_acronyms(text: str) -> set[str]:
    """Acronyms the article defines for a system or project, not for an organisation: "the Next Generation
    Identification (NGI) system", "the National Public Security Communication System (NPSCS)"."""
    return {m.group(1) or m.group(2) for m in _SYSTEM_ACRONYM.finditer(text)}


def is_bare_body(name: str) -> bool:
    """'Force', 'the Council': a head noun left alone, which names no one body."""
    return bool(_BARE_BODY.match(name.strip()))


_TICKER = re.compile(r"\(\s*(?:NASDAQ|Nasdaq|NYSE|LSE|TSX|ASX|HKEX|SEHK|SSE|SZSE|SGX|TSE|KRX|NSE|BSE|OTC\w*)\s*:\s*[A-Z0-9.]+\s*\)")
_DESCRIBES_NEXT = re.compile(r"\s+(?:company|firm|startup|start-up|giant|maker|major|vendor|supplier|provider|"
                             r"contractor|developer|integrator|specialist)\s+[A-Z]")


_DESCRIBED_AS_COMPANY = re.compile(r"\b(?:company|firm|startup|start-up|maker|vendor|supplier|provider|contractor|"
                                   r"developer|integrator|manufacturer)\s*,?\s*$")


_COMPANY_APPOSITION = re.compile(r"\s*,\s*(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:company|firm|startup|start-up|maker|vendor|"
                                 r"supplier|provider|contractor|developer|integrator|manufacturer)\b")


def _body_it_modifies(doc, ent) -> str | None:
    """An ORG the recogniser cut short inside a public body's name: "U.S. Immigration" of "U.S. Immigration
    and Customs Enforcement", where the parse hangs it on the body's head noun."""
    if ent.label_ != "ORG":
        return None
    head = ent.root.head
    if ent.root.dep_ not in ("nmod", "compound") or head.i < ent.end or head.i > ent.end + 3 or head.pos_ != "PROPN":
        return None
    if not (_PUBLIC_WORD.search(head.text) or _PUBLIC_HEAD.search(head.text)):
        return None
    return doc.text[ent.start_char:head.idx + len(head.text)]


def recogniser_parties(doc, taken: list[tuple[int, int]]) -> list[Party]:
    """ORG and GPE entities that no pattern rule found."""
    out = []
    dateline = _DATELINE.match(doc.text)
    for ent in doc.ents:
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        if dateline and ent.end_char <= dateline.end():
            continue  # "Shenzhen, China – ZTE signed …": where the release was written
        if _PROJECT_AFTER.match(doc.text, ent.end_char):
            continue  # "the Punjab Safe Cities project": the name of a project, not of a party
        if _TICKER.search(doc.text[max(0, ent.start_char - 12):ent.end_char + 12]):
            continue  # "(NASDAQ: VRNT)": a listing, not a party
        if ent.label_ == "ORG" and _DESCRIBES_NEXT.match(doc.text, ent.end_char):
            continue  # "Gurugram AI company Staqu Technologies": words that describe the company named next
        written = _body_it_modifies(doc, ent) or ent.text
        text = re.sub(r"^(?:the|The)\s+", "", clean_name(written))
        if ent.label_ == "ORG":
            text = text[place_owner_length(text):]  # "China's CEIEC": the company, not its country
        if ent.label_ in ("GPE", "LOC") and not is_place(text):
            words = text.split()  # "Pegasus to Saudi Arabia": the place the recogniser read too widely
            text = next((" ".join(words[i:]) for i in range(1, len(words)) if is_place(" ".join(words[i:]))), text)
        if len(text) < 2:
            continue
        start = ent.start_char + written.find(text)
        if ent.label_ == "GPE" or (ent.label_ in ("LOC", "ORG") and has_admin_word(text) and is_place(text)):
            if is_place(text) or has_admin_word(text):
                out.append(Party(start, start + len(text), text, "agency", "ner-place", place=True))
        elif ent.label_ == "ORG":
            if is_bare_body(text) or _NOT_A_COMPANY.search(text):
                continue  # a head noun alone, or a project, product or document ("… Intelligence System")
            if is_place(text, major=True):  # the recogniser often reads a large city alone as an organisation
                out.append(Party(start, start + len(text), text, "agency", "ner-place", place=True))
            elif _PUBLIC_HEAD.search(text) or (_PUBLIC_WORD.search(text) and not _ACRONYM.match(text)):
                out.append(Party(start, start + len(text), text, "agency", "ner-public-body"))
            elif not _NOT_VENDOR.search(text) and not _NOT_A_COMPANY.search(text) and not text.isdigit() and not (
                    text.isupper() and len(text) > 6):
                described = _DESCRIBED_AS_COMPANY.search(doc.text[max(0, start - 40):start]) or _COMPANY_APPOSITION.match(
                    doc.text, start + len(text))
                # "AI company Staqu Technologies", "a UK-based firm, Gamma Group": the text says it is a company
                out.append(Party(start, start + len(text), text, "vendor" if described else "unknown",
                                 "ner-described-company" if described else "ner-org"))
        elif ent.label_ == "NORP":
            # "the Kenyan government", "Serbian police": a nation's body named by its adjective
            tail = doc.text[ent.end_char:ent.end_char + 40]
            # (with up to two words of its field between: "the Serbian interior ministry", "Mexican federal police")
            body = re.match(r"\s+(?:[a-z]+\s+){0,2}?(government|police|authorities|army|military|ministry|customs|"
                            r"prosecutors?|navy|intelligence services?|(?i:border (?:security|force|police|guards?)|"
                            r"coast ?guard))\b", tail)
            if body and not unnamed_before(doc.text, ent.start_char):  # "a large Latin American government agency": no one
                end = ent.end_char + body.end()
                out.append(Party(ent.start_char, end, doc.text[ent.start_char:end], "agency", "ner-national-body"))
    return out


def _path(a, b) -> list | None:
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    in_b = {t.i: k for k, t in enumerate(up_b)}
    for k, token in enumerate(up_a):
        if token.i in in_b:
            return up_a[: k + 1] + list(reversed(up_b[: in_b[token.i]]))
    return None


def _hops(path: list) -> int:
    """Links on the path, not counting steps along a coordination ("of Uttarakhand, Punjab and Rajasthan")."""
    if not path:
        return 99
    return sum(1 for t, after in zip(path, path[1:]) if t.dep_ not in _SKIP_DEPS
               and not (after.dep_ == "conj" and after.head.i == t.i))


# The model's lemmatiser writes some verbs in British spelling ("installed" -> "instal").
_SPELLING = {"instal": "install", "enrol": "enroll", "fulfil": "fulfill"}


# Phrasal verbs whose particle makes a deal word of a light verb: "Maximus will carry out the assessments".
_PHRASAL = {("carry", "out"): "carry out"}
_PHRASAL_VERBS = {verb for verb, _ in _PHRASAL}


def _lemma(token) -> str:
    lemma = (token.lemma_ or token.text).lower()
    if token.pos_ == "VERB" and lemma in _PHRASAL_VERBS:
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        lemma = _PHRASAL.get((lemma, particle), lemma)
    return _SPELLING.get(lemma, lemma)


def _top(path: list):
    return min(path, key=lambda t: len(list(t.ancestors)))


def _trigger(path: list, doc) -> tuple[str | None, object | None]:
    """The strongest deal word on the path, attached to its top as the object of a light verb ("signed an
    agreement"), or the verb both parties are the subject or object of ("A's chief and B's chief signed …")."""
    best, where = None, None
    top = _top(path)
    governing = []
    if top.pos_ in ("NOUN", "PROPN") and top.dep_ in ("nsubj", "nsubjpass", "dobj"):
        governing = [top.head]
    elif top.dep_ == "pobj" and top.head.lower_ in ("between", "with", "among"):
        governing = [top.head.head]  # "the deal between A and B": coordinated parties of the deal word above
    elif top.dep_ == "pobj" and top.head.lower_ in ("from", "by") and any(t.lower_ == "for" for t in path):
        # "a purchase of radios from Motorola for the Sheriff's Office", the beneficiary hung on the seller
        governing = [top.head.head]
        if governing[0].dep_ == "pobj" and governing[0].head.lower_ == "of":
            governing.append(governing[0].head.head)  # (the seller hung on what was bought: "radios from Motorola")
    candidates = list(path) + governing + [c for t in [*path, *governing] if t.pos_ in ("VERB", "AUX")
                                           for c in t.children if c.dep_ in ("dobj", "attr", "xcomp", "acomp")]
    # a participle on a noun of the path ("Dahua and Uniview supplied cameras to …", parsed as "supplied cameras")
    candidates += [c for t in path if t.pos_ == "NOUN" for c in t.children if c.dep_ in ("amod", "acl") and c.pos_ == "VERB"]
    ends = {path[0].i, path[-1].i}
    for token in candidates:
        if token.i in ends:
            continue  # a party's own name is no deal word ("security services")
        lemma = _lemma(token)
        if lemma in _STRONG and (best != "strong"):
            best, where = "strong", token
        elif lemma in _WEAK and best is None:
            best, where = "weak", token
    return best, where


_DENIAL_WORD = re.compile(r"^(?:tabl|postpon|defer|delay|reject|cancel|suspend|terminat|refus|den(?:y|ie)|scrap|"
                          r"withdr|halt|block|ban(?:s|ned|ning)?$|end(?:s|ed|ing)?$|drop)")


# A settlement of a violation is the enforcer's, no purchase: "the terms of a settlement agreement it struck
# with the US government" over sanctions.
_LEGAL_MATTER = re.compile(r"\b(?:violat\w*|breach\w*|penalt\w*|fined|plea|indict\w*|prosecut\w*|sanctions?|"
                           r"export controls?|lawsuit|sued|charges)\b", re.I)


def _legal_settlement(trigger, doc) -> bool:
    if trigger is None:
        return False
    settled = _lemma(trigger) == "settlement" or any(_lemma(c) == "settlement" for c in trigger.children
                                                       if c.dep_ in ("compound", "amod", "nmod"))
    return settled and bool(_LEGAL_MATTER.search(doc.text))


def _denial(token) -> bool:
    """A denying, cancelling or ending word, unless what it ends is something other than a deal
    ("Ending years-long differences, the authority and the company signed a settlement")."""
    voted_down = _lemma(token) in ("vote", "turn", "shoot") and any(
        c.dep_ == "prt" and c.lower_ == "down" for c in token.children)  # "voted down the extension"
    if not (_DENIAL_WORD.match(token.lower_) or _lemma(token) in _DENIAL or voted_down):
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return not objects or any(_lemma(o) in _STRONG | _WEAK for o in objects)


def _negated(path: list, sentence_doc) -> bool:
    """A negation on the link, or a denying, cancelling or postponing word governing it or qualifying it
    ("denied having a contract", "approved tabling the agreement", "cancelled the deal")."""
    for token in path:
        if any(child.dep_ == "neg" for child in token.children) and token.pos_ in ("VERB", "AUX", "NOUN"):
            return True
        if token.pos_ == "NOUN" and _lemma(token) in _STRONG | _WEAK and any(
                c.dep_ == "det" and c.lower_ == "no" for c in token.children):
            return True  # "has no contract with the Government of Kenya"
        if token.lower_ == "against" and token.dep_ == "prep" and _lemma(token.head) in _DECIDING:
            return True  # "decided against using Palantir", "voted against the contract"
        if any(_denial(c) for c in token.children if c.dep_ in ("amod", "compound", "xcomp", "acomp", "advcl")):
            return True
        if any(_denial(a) and a.pos_ in ("VERB", "NOUN") for a in [token, *token.ancestors][:4]):
            return True
    return False


def _reported_from_outside(path: list) -> bool:
    """The two parties meet only at a reporting verb: one is its subject, the other inside what it says."""
    top = _top(path)
    if _lemma(top) not in _REPORTING:
        return False
    if _lemma(top) in _CHARGING and _accused_of(path, top):
        return False  # "accused the Jordanian government of … using Cellebrite's tools": the accused is the doer
    # "Huawei says it does not do business with …": the speaker is the pronoun subject of what it says
    said = [t for t in path if t.head.i == top.i and t.i != top.i and t.dep_ in ("ccomp", "xcomp", "advcl")]
    # ("Axon said the city has selected its cameras": what it says the other chose is its own)
    return not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and (c.lower_ in _SELF and c.dep_ != "dobj" or any(
        g.lower_ in _SELF for g in c.children if g.dep_ == "poss")) for t in said for c in t.children)


_CHARGING = {"accuse", "suspect", "charge", "criticize", "criticise", "condemn"}


def _accused_of(path: list, top) -> bool:
    """One party is the object of an accusing verb and the other inside its "of" + gerund: the accused did it."""
    objects = [t for t in path if t.head.i == top.i and t.dep_ == "dobj"]
    through_of = [t for t in path if t.head.i == top.i and t.dep_ == "prep" and t.lower_ == "of"]
    return bool(objects and through_of and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in through_of[0].children))


_SELF = {"it", "they", "we", "its", "their", "our"}  # the speaker as the subject of what it says, or its owner


def _excluded(path: list, agency_root) -> bool:
    lemmas = {_lemma(t) for t in path}
    if lemmas & _SANCTIONING and lemmas & {"entity", "sanction", "blacklist", "list"}:
        return True
    head = agency_root.head
    if agency_root.dep_ == "pobj" and head.lower_ in ("by", "from") and _lemma(head.head) in _FUNDING:
        return True  # funded by / a grant from the body: a funder, not a buyer
    if agency_root.dep_ == "pobj" and head.lower_ == "of" and _lemma(head.head) in _CONSENT:
        return True  # "with the agreement of the government": its consent, not its deal
    if (agency_root.dep_ == "pobj" and head.lower_ == "by" and head.dep_ == "agent" and head.head.pos_ == "VERB"
            and _lemma(head.head) not in _STRONG | _WEAK):
        return True  # "… provided by Acme, with resumes verified by the police": the body does something else
    return bool(lemmas & _FUNDING and not lemmas & (_STRONG - {"award"}))


def _relation(trigger) -> str:
    lemma = _lemma(trigger) if trigger is not None else ""
    if lemma in ("work", "partner", "partnership", "cooperate", "cooperation", "collaborate", "collaboration", "team"):
        return "cooperation"
    if lemma in ("supply", "supplier", "provide", "provider", "install", "installation", "deliver", "delivery", "build",
                 "sell", "equip", "deploy", "deployment", "manufacture", "develop", "design", "implement", "operate",
                 "maintain", "service", "offer", "sale", "carry out"):
        return "supplies"
    if lemma in ("use", "rely", "adopt", "customer", "client", "user"):
        return "uses"
    # a pilot or trial is run by the vendor with the body, not just a product in its hands
    if lemma in ("project", "system", "programme", "program", "launch", "support", "help", "serve", "test", "trial",
                 "pilot"):
        return "project"
    return "contract"


# Verbs whose direct object is the supplier chosen ("hired Acme", "awarded Acme a contract").
_CHOOSING = {"award", "hire", "enlist", "appoint", "select", "choose", "pick", "contract", "retain", "engage", "pay", "commission",
             "tap"}
_VENDOR_PREPOSITIONS = {"by", "from", "with", "to", "between"}


_PLACE_NOUNS = {"city", "town", "county", "state", "government", "municipality", "province", "region", "capital",
                "village", "district", "prefecture"}


def _climb(token):
    """Up through coordination, apposition and "the city of" to the token that carries the grammatical role."""
    while token.head.i != token.i:
        if token.dep_ in ("conj", "appos", "compound", "flat"):
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and _lemma(token.head.head) in _PLACE_NOUNS:
            token = token.head.head
        else:
            break
    return token


def _vendor_slot(root, trigger) -> bool:
    """Where a supplier stands: subject of the deal, agent of a passive, object of from/with/to/by, owner
    of the deal ("Acme's contract"), or the object of a choosing verb."""
    token = _climb(root)
    if token.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    if token.dep_ == "pobj" and token.head.lower_ in _VENDOR_PREPOSITIONS:
        return True
    if token.dep_ in ("dobj", "dative") and trigger is not None and _lemma(token.head) in _CHOOSING:
        return True
    if (token.dep_ == "pobj" and token.head.lower_ == "of" and _lemma(token.head.head) in _OFFERINGS
            and token.head.head.dep_ in ("dobj", "nsubjpass")):
        return True  # "procured the services of a UK-based firm, Gamma Group"
    return False


_OFFERINGS = {"service", "product", "technology", "system", "equipment", "solution", "expertise", "software"}
_PRODUCTS = _OFFERINGS - {"expertise"} | {"camera", "tool", "platform", "device", "drone", "app", "database", "hardware",
                                         "kit", "scanner", "reader", "licence", "license"}


def _product_from(token) -> bool:
    """Is the party the one a product in use came from: "using facial recognition software from X" (never
    "used assistance from X")?"""
    if token.dep_ != "pobj" or token.head.lower_ != "from":
        return False
    owner = token.head.head
    products = [owner] if owner.pos_ == "NOUN" else [c for c in owner.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(_lemma(p) in _PRODUCTS for p in products)


_TRAVEL = {"visit", "trip", "travel", "tour", "journey", "delegation", "mission", "return", "move", "come", "go", "fly",
           "relocate", "expand", "expansion"}


def _buyer_place_slot(root, vendor_root) -> bool:
    """A place is a buyer as a party to the deal (with/for/to it, its own verb), or where a system was
    deployed ("installed in Urumqi"); never as where the vendor is based or comes from."""
    token = _climb(root)
    if token.i != vendor_root.i and token.dep_ in ("compound", "amod", "poss") and any(
            t.i == vendor_root.i for t in token.head.subtree):
        return False
    if token.dep_ in ("compound", "amod", "poss", "nmod") and token.head.i == _climb(vendor_root).i:
        return False  # "China's Huawei", "Shenzhen-based Huawei"
    if root.dep_ == "poss" and root.head.pos_ == "PROPN" and root.head.i != _climb(vendor_root).i:
        return False  # "a partnership with India's Best Group": the country of another company named
    if root.dep_ in ("compound", "amod", "nmod") and any(c.dep_ == "poss" and c.lower_ in ("its", "their")
                                                       for c in root.head.children):
        return False  # "at its Noida office": the company's own site
    if token.dep_ == "poss" and _governing_verb(token.head) in _DEPLOYING | {"maintain", "run", "manage", "upgrade"}:
        return True  # "contracted to operate some of Xinjiang's police stations": the owner of what the deal runs
    if (token.dep_ == "poss" and token.head.dep_ == "nsubjpass" and token.head.head.pos_ == "VERB"
            and _lemma(token.head.head) in _DEPLOYING | {"maintain", "upgrade", "design"}):
        return True  # "Ecuador's ECU 911 system was built by CEIEC": the owner of what was built
    if token.dep_ == "pobj":
        head = token.head
        if head.lower_ == "to" and _lemma(head.head) in _TRAVEL:
            return False  # "during the prime minister's visit to India": where someone went
        if head.lower_ in ("with", "for", "to", "between"):
            return True
        if head.lower_ in ("in", "across", "throughout", "at") and _lemma(head.head) in _DEPLOYING:
            return True
        if head.lower_ == "in" and _lemma(head.head) in _PLACE_BODIES and head.head.i != _climb(vendor_root).i:
            return True  # "built safe city projects for governments in Kenya, Zambia and Pakistan"
        return False
    return token.dep_ in ("nsubj", "nsubjpass", "dobj", "dative")


def _governing_verb(token) -> str | None:
    """The lemma of the verb a noun is the object of, through "some of" and prepositions."""
    for _ in range(4):
        if token.dep_ not in ("dobj", "pobj", "prep") or token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "VERB":
            return _lemma(token)
    return None


# (the place's officials are its government: "officials in Mesa approved a contract")
_PLACE_BODIES = {"government", "police", "authority", "ministry", "municipality", "administration", "agency", "force",
                 "official", "leader", "administrator", "councillor", "councilor", "lawmaker", "legislator"}
_DEPLOYING = {"install", "deploy", "roll", "build", "implement", "equip", "launch", "set", "operate", "use", "test",
              "pilot", "introduce", "supply", "provide"}


# Verbs of handing a product over: in the passive without an agent, who hands it over is the article's supplier
# ("The inspection system will soon be delivered to Mexico").
_HANDING = {"deliver", "supply", "sell", "ship", "install", "provide", "deploy", "export", "hand", "donate", "equip"}


def implied_supplier_pairs(doc, parties: list[Party], supplier: Party) -> list[SyntaxPair]:
    """A body that receives what a sentence hands over without naming who hands it over, paired with the
    article's one supplier (`supplier`), where the sentence names no company itself."""
    if any(p.role in ("vendor", "unknown") for p in parties):
        return []
    out = []
    for agency in parties:
        if agency.role != "agency" or agency.generic:
            continue
        root = _span_root(doc, agency.start, agency.end)
        if root is None:
            continue
        top = _climb(root)
        verb = top.head.head if top.dep_ == "pobj" and top.head.lower_ in ("to", "for") else None
        if verb is None or verb.pos_ != "VERB" or _lemma(verb) not in _HANDING:
            continue
        if not any(c.dep_ == "auxpass" for c in verb.children) or any(c.dep_ == "agent" for c in verb.children):
            continue
        ancestors = list(root.ancestors)
        path = [root, *ancestors[: ancestors.index(verb) + 1]] if verb in ancestors else [root]
        out.append(SyntaxPair(supplier, agency, "supplies", 0.52 if not agency.place else 0.5, _negated(path, doc),
                              "implied:" + " ".join(f"{t.text}/{t.dep_}" for t in path)))
    return out


# A council record's motions approve deals with no subject, or with the record's own body as subject: "By
# motion, approve expenditure of up to $270,000 from Axon", "That Cabinet approves the award of the
# contract to BT", "Authorize the City Manager to execute an agreement with Motorola".
_APPROVING = {"approve", "authorize", "award", "ratify", "accept", "execute", "enter", "renew", "extend", "purchase"}
_OWN_BODY = re.compile(r"^(?:the\s+)?(?:(?:city|town|county|village|district)\s+)?(?:council|cabinet|board|commission|"
                       r"committee|legislature|council members?|commissioners|supervisors)$", re.I)


def approved_vendors(doc, parties: list[Party]) -> list[tuple[Party, bool]]:
    """(vendor, negated) for each company a motion approves a deal with: after "from", "to" or "with"
    that follows an approving verb whose subject is none or the record's own body."""
    out = []
    for vendor in parties:
        if vendor.role != "vendor" or vendor.generic:
            continue
        span = doc.char_span(vendor.start, vendor.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        before = [t for t in doc[max(0, span.start - 3):span.start] if t.pos_ != "DET"]
        if not before or before[-1].lower_ not in ("from", "to", "with"):
            continue
        for verb in doc[: span.start]:
            if _lemma(verb) not in _APPROVING or verb.tag_ not in ("VB", "VBP", "VBZ"):
                continue
            clause = [verb]  # "Authorize the City Manager to execute …": the subject is the governing verb's
            while clause[-1].dep_ in ("xcomp", "ccomp", "conj") and clause[-1].head.i != clause[-1].i:
                clause.append(clause[-1].head)
            subjects = [c for v in clause for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
            if all(_OWN_BODY.match(" ".join(t.text for t in c.subtree)) for c in subjects):
                out.append((vendor, _negated([verb, *before[-1:]], doc)))
                break
    return out


def sentence_pairs(doc, parties: list[Party], known_bodies: tuple[str, ...] = (),
                   excluded: set[tuple[str, str]] | None = None) -> list[SyntaxPair]:
    """Every vendor–agency pair the parse links through a deal word in one sentence (`known_bodies`: the
    public bodies the article names elsewhere)."""
    out: list[SyntaxPair] = []
    roots = {id(p): _span_root(doc, p.start, p.end) for p in parties}
    bodies = [p.name for p in parties if p.role == "agency" and not p.generic]
    vendor_names = {roots[id(p)].i: p.name for p in parties if p.role == "vendor" and not p.generic and roots[id(p)] is not None}
    vendor_roots = set(vendor_names)
    agency_roots = {roots[id(p)].i for p in parties if p.role == "agency" and roots[id(p)] is not None}
    for vendor in parties:
        if vendor.role not in ("vendor", "unknown"):
            continue
        if vendor.role == "unknown" and any(b != vendor.name and b.startswith(vendor.name) for b in [*bodies, *known_bodies]):
            continue  # "Punjab Safe Cities" of the Punjab Safe Cities Authority
        for agency in parties:
            if agency is vendor or agency.role not in ("agency", "unknown") or (vendor.role == agency.role == "unknown"):
                continue
            if agency.role == "unknown" and not (vendor.role == "vendor" and _PUBLIC_WORD.search(agency.name)
                                                 and _buyer_slot(roots[id(agency)])):
                continue  # an organisation no rule knows is a buyer only as the buyer of a deal, named as public
            v_root, a_root = roots[id(vendor)], roots[id(agency)]
            if v_root is None or a_root is None or v_root.i == a_root.i:
                continue
            if a_root.dep_ == "appos" and a_root.head.i in agency_roots:
                continue  # "eu-LISA, the European Union Agency for …": the body named before, described
            if _climb(v_root).dep_ == "dobj" and _lemma(_climb(v_root).head) in _BEATING:
                continue  # "Motorola beat Axon to win the contract": Axon lost
            if (_climb(v_root).dep_ in ("nsubj", "nsubjpass") and _lemma(_climb(v_root).head) in _LOSING
                    and not _WON_WORDS.search(doc.text)):
                continue  # "Motorola lost the bid for …", "Hikvision is expected to bid for …": no deal won
            if _made_by_another(v_root, vendor_roots):
                continue  # "Horizon was developed by ICL": the thing made, not a maker
            if _passed_over(v_root):
                if excluded is not None:
                    excluded.add((vendor.name, agency.name))
                continue  # "chose Axon over Motorola", "instead of Motorola": Motorola was not chosen
            if v_root.dep_ in ("compound", "nmod", "poss") and _lemma(v_root.head) in _RIVAL_WORDS:
                continue  # "Axon competitor Motorola": Axon only describes the company named
            if any(c.dep_ in ("amod", "compound") and _lemma(c) in _RIVAL_WORDS for c in v_root.children):
                continue  # "rejecting rival IBM's effort": the rival of the company that won
            path = _path(v_root, a_root)
            if not path:
                continue
            between = [k for k, t in enumerate(path[1:-1], 1)
                       if t.i in vendor_roots - _conjuncts(v_root) and vendor_names[t.i] != vendor.name]
            # (unless the vendor took the company between over: "ICL, which was later absorbed by Fujitsu")
            if between and not any(_lemma(t) in _TAKING_OVER for t in path[1:between[0]]):
                if excluded is not None:
                    excluded.add((vendor.name, agency.name))
                continue  # "a subcontractor to IBM, which inked a contract with …": the company between holds the deal
            if _hops(path) > MAX_HOPS:
                continue
            if _other_clause(path):
                continue  # "…, which Cubic operates, began …, and Transport for London has accepted them": two clauses
            if (any(_lemma(t) == "bid" and t.pos_ == "NOUN" for t in path)
                    and not _WON_WORDS.search(doc.text) and not re.search(r"\baccept", doc.text)):
                continue  # "Fujitsu pauses bids for government work": bidding, no deal
            if _reported_from_outside(path) or _excluded(path, a_root):
                if excluded is not None:
                    excluded.add((vendor.name, agency.name))  # the parse says what they are to each other: no deal
                continue
            strength, trigger = _trigger(path, doc)
            if strength is None or _legal_settlement(trigger, doc):
                continue
            if vendor.role == "unknown" and not _vendor_slot(v_root, trigger):
                continue
            if vendor.role == "unknown" and agency.place and not _coordinated_with(v_root, vendor_roots) and not (
                    strength == "strong" and _climb(v_root).dep_ == "nsubj"
                    and (_climb(a_root).lower_ in _PLACE_NOUNS or has_admin_word(agency.name))):
                continue  # a name no rule knows and a bare place: a deal only as "X signed … with the city of Y"
            if agency.place and not _buyer_place_slot(a_root, v_root):
                continue
            relation = _relation(trigger)
            if relation == "uses" and _product_from(_climb(v_root)):
                relation = "supplies"  # "using facial recognition software from Innefu Labs": bought from it
            confidence = 0.82 if strength == "strong" else 0.66
            confidence -= 0.03 * max(0, _hops(path) - 3)
            if agency.role == "unknown" or vendor.role == "unknown" and not _coordinated_with(v_root, vendor_roots):
                confidence -= 0.08 if vendor.role == "unknown" else 0.1
            if agency.place:
                confidence -= 0.06
            if relation == "uses":
                confidence -= 0.1  # using a product says little about who bought it from whom
            elif relation == "project":
                confidence -= 0.05
            if vendor.generic:
                confidence -= 0.08  # "the company": the company the paragraph named last, now and then another
            if agency.generic:
                confidence -= 0.06
            if doc.text.rstrip().endswith("?"):
                confidence -= 0.15
            if any(_lemma(t) in _WEIGHING for t in [trigger, *trigger.ancestors][:4]) and not _WON_WORDS.search(doc.text):
                confidence = min(confidence, 0.45)  # "is considering a pilot with …": no deal yet
            if any(c.lower_ in ("whether", "if") and c.dep_ == "mark" for t in path for c in t.children):
                confidence = min(confidence, 0.45)  # "will vote on whether to bring in Evolv": an open question
            out.append(SyntaxPair(vendor, agency, relation, round(max(0.05, min(confidence, 0.95)), 2),
                                  _negated(path, doc), " ".join(f"{t.text}/{t.dep_}" for t in path)))
    return _prefer_named_bodies(out)


_PREFERRING = _CHOOSING | {"prefer", "favour", "favor", "buy", "purchase", "opt"}


def _passed_over(token) -> bool:
    """Is the party the one set aside for another: "chose Axon over Motorola", "Axon rather than Motorola",
    "from Axon instead of Motorola", "in place of Motorola"?"""
    token = _climb(token)
    if token.dep_ != "pobj":
        return False
    preposition = token.head
    if preposition.lower_ in ("from", "by", "of") and preposition.head.dep_ == "pobj" and preposition.head.head.lower_ == "over":
        preposition = preposition.head.head  # "chose X over a competing system from Hart InterCivic"
    words = {c.lower_ for c in preposition.children}
    if preposition.lower_ == "over":  # ("Amazon's win over IBM", "prevailed over IBM": IBM lost)
        return _lemma(preposition.head) in _PREFERRING | {"win", "victory", "prevail", "triumph"}
    if preposition.lower_ == "than":
        return "rather" in words
    if preposition.lower_ == "of":
        return "instead" in words or preposition.head.lower_ == "instead" or (
            preposition.head.lower_ == "place" and preposition.head.head.lower_ == "in")
    return False


# The speaker of a quote named as an officer of a company: '…," says Jane Doe, CEO and co-founder, FaceTagr',
# 'said a spokesperson for Axon'.
_COMPANY_SPEAKER = re.compile(r"\b(?:says|said|added|explained)\s+(?:[^,.;]{2,60}?,\s+)?(?:the\s+|a\s+|its\s+)?"
                              r"(?:[\w-]+\s+){0,4}?(?:CEO|chief executive|founder|co-founder|president|spokes\w+|"
                              r"managing director|director|head|chairman)\b[^.;]{0,40}?(?:\s+of|\s+at|\s+for|,)\s+$")


def quoted_speakers(doc, parties: list[Party]) -> list[Party]:
    """The first-person subject ("we work with …") of a quote whose speaker is one of the sentence's
    companies' officers: that company, as a party of the sentence."""
    vendors = [p for p in parties if p.role == "vendor" and not p.generic]
    speaker = next((p for p in vendors if _COMPANY_SPEAKER.search(doc.text, 0, p.start)), None)
    if speaker is None:  # a coined name no rule knows, closing the sentence: "…, CEO and co-founder, FaceTagr."
        named = _SPEAKER_COMPANY_AT_END.search(doc.text)
        if not named or not _COMPANY_SPEAKER.search(doc.text, 0, named.start(1)) or is_dictionary_word(
                named.group(1)) or is_place(named.group(1)) or _PUBLIC_HEAD.search(named.group(1)):
            return []
        speaker = Party(named.start(1), named.end(1), named.group(1), "vendor", "quote-speaker")
    return [Party(t.idx, t.idx + len(t.text), speaker.name, "vendor", speaker.method + "+speaker", generic=True)
            for t in doc if t.lower_ == "we" and t.dep_ in ("nsubj", "nsubjpass") and t.idx < speaker.start]


_SPEAKER_COMPANY_AT_END = re.compile(r"([A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,3})\.?\s*$")


def _conjuncts(token) -> set[int]:
    """Every token of the coordination the token stands in ("AWS, Google, Microsoft and Oracle")."""
    top = token
    while top.dep_ == "conj":
        top = top.head
    group, todo = {top.i}, [top]
    while todo:
        for child in todo.pop().children:
            if child.dep_ == "conj" and child.i not in group:
                group.add(child.i)
                todo.append(child)
    return group


_TAKING_OVER = {"absorb", "acquire", "buy", "merge", "purchase", "take"}


def _made_by_another(root, vendor_roots: set[int]) -> bool:
    """Is the party the subject of a passive making verb whose agent is another company ("Horizon was
    developed by ICL", "the cameras, made by Hikvision")?"""
    if root.dep_ != "nsubjpass" or _lemma(root.head) not in _MAKING:
        return False
    agents = [g for c in root.head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(a.i in vendor_roots and a.i != root.i for a in agents)


def _other_clause(path: list) -> bool:
    """The agency is the subject of a clause joined to the vendor's by "and", whose verb is no deal word of its
    own: two statements side by side, not one deal."""
    if len(path) < 3:
        return False
    before, verb = path[-3], path[-2]  # the agency is the subject of the verb before it on the path
    return (verb.dep_ == "conj" and verb.head.i == before.i and verb.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and _lemma(verb) not in _STRONG | _WEAK)


def _coordinated_with(token, indices: set[int]) -> bool:
    """Is the token coordinated with one of these tokens ("IBM and Atos Origin will work on …")?"""
    return bool((_conjuncts(token) - {token.i}) & indices)


def _prefer_named_bodies(pairs: list[SyntaxPair]) -> list[SyntaxPair]:
    """A vendor paired in one sentence with a named body and with a place keeps the place at lower confidence:
    "installed cameras for the Nairobi police in Kenya" is a deal with the police."""
    named = {id(p.vendor) for p in pairs if not p.agency.place and not p.agency.generic and not p.negated}
    for pair in pairs:
        if pair.agency.place and id(pair.vendor) in named:
            pair.confidence = min(pair.confidence, 0.45)
    return pairs


_MINOR_WORDS = {"of", "and", "the", "for", "&", "on", "in", "de", "du", "des", "la", "le"}


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'-]*", name) if w.lower() not in _MINOR_WORDS).upper()


def resolve_acronyms(text: str, parties: list[Party]) -> dict[str, Party]:
    """Acronyms the article defines or that spell a named party's initials: "Uganda Police Force (UPF)"."""
    known: dict[str, Party] = {}
    for party in parties:
        if party.role in ("agency", "vendor") and len(party.name.split()) >= 2:
            known.setdefault(initials(party.name), party)
            field = re.match(r"(?:the\s+)?(?:U\.?S\.?\s+)?(?:Department|Ministry|Office)\s+(?:of|for)\s+(.+)", party.name)
            if party.role == "agency" and field and len(initials(field.group(1))) >= 2:
                known.setdefault(initials(field.group(1)), party)  # "the VA" of the Department of Veterans Affairs
    for match in re.finditer(r"([A-Z][\w’'-]*(?:\s+(?:of|and|the|for|&|[A-Z][\w’'-]*))+)\s+\(([A-Z][A-Z&]{1,7})\)", text):
        full, acronym = match.group(1), match.group(2)
        owner = next((p for p in parties if p.name.endswith(full) or full.endswith(p.name)), None)
        if owner and owner.role in ("agency", "vendor"):
            known[acronym] = owner
    return known


def from_mention(mention: Mention, name: str) -> Party:
    role = "vendor" if mention.role in ("vendor", "company") else "agency" if mention.role in ("agency", "official") else "other"
    return Party(mention.start, mention.end, name, role, mention.method, generic=mention.generic)


# What a body does with a thing it bought: "the Met will begin using live facial recognition cameras".
_ACQUIRING = {"use", "deploy", "buy", "purchase", "procure", "acquire", "install", "adopt", "order", "lease", "introduce",
              "roll", "test", "trial"}
_MAKING = {"make", "supply", "provide", "build", "develop", "manufacture", "produce", "sell", "design", "power", "run"}


def _named_parties(doc, parties: list[Party], role: str):
    """(party, the token that carries its grammatical role) for each named party of a role that is no place."""
    for party in parties:
        if party.role != role or party.generic or party.place:
            continue
        root = _span_root(doc, party.start, party.end)
        if root is not None:
            yield party, _climb(root)


def acquired_things(doc, parties: list[Party]) -> list[tuple[Party, str]]:
    """(body, lemma of the thing) for each named body that is the subject of an acquiring verb with an object."""
    out = []
    for agency, token in _named_parties(doc, parties, "agency"):
        if token.dep_ != "nsubj":
            continue
        verbs = [token.head]
        while len(verbs) < 4:  # "will begin using …": down the chain of open complements
            following = [c for c in verbs[-1].children if c.dep_ == "xcomp"]
            if not following:
                break
            verbs.append(following[0])
        if not any(_lemma(v) in _ACQUIRING for v in verbs):
            continue
        for v in verbs:
            for obj in v.children:
                if obj.dep_ == "dobj" and obj.pos_ == "NOUN":
                    out.append((agency, _lemma(obj)))
    return out


_OFFERED_THINGS = {"technology", "system", "software", "platform", "tool", "product", "service", "camera", "device", "app",
                   "equipment", "solution", "sensor", "network", "it", "them"}


def users_of_the_thing(doc, parties: list[Party]) -> list[Party]:
    """Named bodies that use or buy a thing the sentence refers back to ("the technology", "its software",
    "it"): "The Chicago Police Department has used the technology since 2012"."""
    out = []
    for agency, token in _named_parties(doc, parties, "agency"):
        if token.dep_ != "nsubj" or _lemma(token.head) not in _ACQUIRING:
            continue
        for obj in token.head.children:
            referring = obj.pos_ == "PRON" or any(d.lower_ in ("the", "this", "its", "their", "that")
                                                  for d in obj.children if d.dep_ in ("det", "poss"))
            if obj.dep_ == "dobj" and _lemma(obj) in _OFFERED_THINGS and referring and not any(
                    c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" for c in obj.children):
                out.append(agency)
    return out


def suppliers_of(doc, parties: list[Party], things: set[str]) -> list[Party]:
    """Companies a sentence that opens with one of these things names as their maker or supplier: "The cameras,
    which run software made by NEC, …", "The scanners were supplied by Smiths Detection"."""
    subject = next((t for t in doc if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or _lemma(subject) not in things or not any(
            t.lower_ in ("the", "these", "those") for t in subject.children if t.dep_ == "det"):
        return []
    out = []
    for vendor, token in _named_parties(doc, parties, "vendor"):
        if token.dep_ != "pobj" or token.head.lower_ not in ("by", "from"):
            continue
        if _lemma(token.head.head) in _MAKING or token.head.dep_ == "agent":
            out.append(vendor)
    return out


_DEAL_NOUNS = {"deal", "contract", "agreement", "award", "order", "purchase", "procurement", "tender"}
# A company that walks away from the work: "Google ditched the project", "pulled out of the contract".
_WITHDRAWING = {"ditch", "abandon", "quit", "exit", "withdraw", "drop", "leave", "pull", "back", "walk"}
_WORK_NOUNS = _DEAL_NOUNS | {"project", "programme", "program", "work", "partnership", "effort", "initiative"}


def withdrawn_vendors(doc, parties: list[Party]) -> set[str]:
    """The vendors a sentence says walked away from a deal or a project ("X ditched the project", "pulled
    out of the contract", "withdrew from the deal")."""
    out = set()
    for party in parties:
        root = _span_root(doc, party.start, party.end)
        if party.role not in ("vendor", "unknown") or root is None or root.dep_ != "nsubj":
            continue
        verb = root.head
        if _lemma(verb) not in _WITHDRAWING or any(c.dep_ == "neg" for c in verb.children):
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [g for c in verb.children if c.dep_ == "prep" for g in c.subtree if g.dep_ == "pobj"]
        if any(_lemma(o) in _WORK_NOUNS for o in objects):
            out.add(party.name)
    return out
_CONCLUDING = {"sign", "award", "negotiate", "approve", "let", "issue", "place", "conclude", "finalize", "finalise", "execute"}


def bodies_concluding_the_deal(doc, parties: list[Party]) -> list[Party]:
    """Bodies a sentence names as the ones that concluded a deal it refers back to: "The deal was signed by
    Defence Digital", "The contract was awarded in 2014 by the Ministry of Interior"."""
    out = []
    for agency, token in _named_parties(doc, parties, "agency"):
        if token.dep_ != "pobj" or token.head.dep_ != "agent":
            continue
        verb = token.head.head
        while verb.dep_ == "conj" and _lemma(verb) not in _CONCLUDING:
            verb = verb.head
        verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]
        if not any(_lemma(v) in _CONCLUDING for v in verbs):
            continue
        subjects = [c for v in verbs for c in v.children if c.dep_ == "nsubjpass"]
        if any(_lemma(s) in _DEAL_NOUNS and any(d.lower_ in ("the", "this", "that") for d in s.children if d.dep_ == "det")
               for s in subjects):
            out.append(agency)
    return out
