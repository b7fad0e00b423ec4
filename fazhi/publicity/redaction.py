"""Redaction of enforcement decisions before they go public (DOMAIN.md §12). A pure module: no database, no Django.

The profile is data: which kinds of personal information are masked, each with the reason shown to the reviewer and
its citation. Detection uses what the case record knows (the party's ID, phone and address; witnesses', agents' and
family members' names) as well as patterns in free text. Masks replace each character by ``*`` so a span has the same
offsets in the original and in the redacted text, which lets the reviewer page highlight both sides from one list.

Citations:
- 《中华人民共和国行政处罚法》第四十八条、第五十条 (publish; keep 个人隐私 confidential);
- 《中华人民共和国个人信息保护法》第二十五条、第二十八条 (no 公开 without a statutory duty; 金融账户, minors' data);
- 国办发〔2018〕118号 二 (publish "作适当处理后");
- 《浙江省行政处罚结果信息网上公开暂行办法》第五条、第七条 (SECONDARY: the concrete masking and blocking list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

PIPL = "《中华人民共和国个人信息保护法》"
PENALTY_LAW = "《中华人民共和国行政处罚法》"
ZJ_RULE = "《浙江省行政处罚结果信息网上公开暂行办法》"

MASK = "*"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    reason: str


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("id_number", "身份证号码", f"自然人身份证号码不予公开（{ZJ_RULE}第五条，{PENALTY_LAW}第五十条）"),
        Kind("mobile", "手机号码", f"自然人通信方式不予公开（{ZJ_RULE}第五条）"),
        Kind("landline", "固定电话", f"通信方式不予公开（{ZJ_RULE}第五条）"),
        Kind("bank_account", "银行账号", f"银行账号属金融账户敏感个人信息（{PIPL}第二十八条，{ZJ_RULE}第五条）"),
        Kind("plate", "车牌号码", "车牌号码可识别特定自然人，予以屏蔽（参照最高人民法院关于互联网公布裁判文书的规定）"),
        Kind("address", "住址", f"自然人家庭住址的门牌号等不予公开，村、社区等地名保留（{ZJ_RULE}第五条）"),
        Kind("third_party_name", "第三人姓名", f"当事人以外的自然人姓名不予公开（{ZJ_RULE}第五条）"),
        Kind("manual", "审核人员补充屏蔽", f"审核人员认定的不宜公开的内容（{ZJ_RULE}第五条第（三）项）"),
    )
}


@dataclass(frozen=True)
class Profile:
    """What a published decision may show. The default follows DOMAIN.md §12 ("Recommended default profile")."""

    key: str = "default"
    name: str = "默认脱敏方案（DOMAIN.md 第12节）"
    masked_kinds: frozenset[str] = frozenset(KINDS)
    # ID numbers: digits kept at the start and end (0, 0 = masked fully; a policy may choose 6, 4).
    id_keep_head: int = 0
    id_keep_tail: int = 0
    keep_person_party_name: bool = True
    # Natural persons' addresses are kept only down to this level (镇/乡/街道); organisations' 住所 stay public.
    block_minors: bool = True
    block_privacy_centred: bool = True
    publish_warning_only: bool = False


DEFAULT_PROFILE = Profile()


@dataclass(frozen=True)
class Span:
    """A masked (or suspect) stretch of the original text: [start, end)."""

    start: int
    end: int
    kind: str
    reason: str
    text: str = ""

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind, "reason": self.reason, "text": self.text}


@dataclass(frozen=True)
class Known:
    """Facts from the case record. ``third_party_names``: witnesses, agents, reporters, family members."""

    party_name: str = ""
    party_is_person: bool = True
    id_numbers: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()  # a person's are masked below town level; an organisation's stay public
    third_party_names: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()  # (text, reason) added by the reviewer ("mask more")


@dataclass
class Redaction:
    original: str
    text: str
    spans: list[Span] = field(default_factory=list)
    suspects: list[Span] = field(default_factory=list)


# --- ID numbers ---------------------------------------------------------------------------------------------------

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id18_check_digit(first17: str) -> str:
    """GB 11643-1999 check digit (ISO 7064 MOD 11-2)."""
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def _valid_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def birth_date(id_number: str) -> date | None:
    """Birth date from an 18-digit (with a valid check digit) or 15-digit ID number; None if it is not one."""
    s = (id_number or "").strip().upper()
    if re.fullmatch(r"\d{17}[\dX]", s):
        if id18_check_digit(s[:17]) != s[17]:
            return None
        return _valid_date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    if re.fullmatch(r"\d{15}", s):
        return _valid_date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))
    return None


def is_valid_id(id_number: str) -> bool:
    s = (id_number or "").strip().upper()
    return birth_date(s) is not None and s[0] in "12345678"


def is_minor(id_number: str, on: date) -> bool:
    """Under 18 on ``on`` (民法典 第十七条), judged from the ID number's birth date."""
    born = birth_date(id_number)
    if born is None:
        return False
    return (on.year - born.year - ((on.month, on.day) < (born.month, born.day))) < 18


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


# --- patterns -----------------------------------------------------------------------------------------------------

_ID18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9])")
_LANDLINE = re.compile(r"(?<![0-9])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}-)\s?\d{7,8}(?:-\d{1,5})?(?![0-9])")
_DIGIT_RUN = re.compile(r"(?<![0-9])\d(?:[ -]?\d){9,24}(?![0-9])")
_BANK_CONTEXT = re.compile(r"(?:账号|帐号|账户|帐户|卡号|开户行?|银行)[^0-9，。；]{0,12}$")
_PLATE = re.compile(
    r"(?<![A-Za-z0-9])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"
    r"[A-HJ-NP-Z][·•]?(?:[A-HJ-NP-Z0-9]{5}|[DF][A-HJ-NP-Z0-9]{5}|[A-HJ-NP-Z0-9]{4}[挂学警])(?![A-Za-z0-9])"
)
# An address after a keyword; the part below the town (镇/乡/街道) is masked. The place of a violation is not a home
# address and stays (it is what the public must know), unless the record says it is the party's address.
_ADDRESS = re.compile(
    r"(?:住址|住所|家住|现住|居住地|住在|户籍地|地址)[:：为在于]?\s*"
    r"(?P<addr>[\u4e00-\u9fa5A-Za-z0-9\-－#（）()]{2,60}?)(?=[，。；,;）)\s]|$)"
)
_TOWN_LEVEL = re.compile(r"^.*?(?:镇|乡|街道|街道办事处)")
_DISTRICT_LEVEL = re.compile(r"^.*?(?:区|县|市)")
_BELOW_TOWN_HINT = re.compile(r"[村庄屯组号室楼院里弄巷家排]|小区|社区|单元|栋|路|道")


# Place names stay readable (docs/decisions/0056): a village, a 社区 or a 小区 is a place the public knows; what
# identifies a home is what follows it (the house number, the family's name, the building and room).
_PLACE_LEVEL = re.compile(r"^[\u4e00-\u9fa5]{1,12}?(?:村委会|居委会|社区|小区|村|庄|屯)(?![村庄屯])")


def _below_town(address: str) -> tuple[int, int] | None:
    """The stretch of ``address`` that identifies a home: below the town (or, failing that, the district) level, and
    below the village or 社区 when the address names one; None if there is none."""
    m = _TOWN_LEVEL.match(address) or _DISTRICT_LEVEL.match(address)
    start = m.end() if m else 0
    place = _PLACE_LEVEL.match(address[start:])
    if place:
        start += place.end()
    rest = address[start:]
    if not rest or not _BELOW_TOWN_HINT.search(rest):
        return None
    return start, len(address)


def _norm_digits(s: str) -> str:
    return re.sub(r"[\s\-－]", "", s or "").upper()


def _find_all(text: str, needle: str):
    if not needle:
        return
    start = text.find(needle)
    while start != -1:
        yield start, start + len(needle)
        start = text.find(needle, start + 1)


_SEP_RUN = re.compile(r"(?<![0-9A-Za-z])\d(?:[ \-－]?[\dXx])*(?![0-9A-Za-z])")


def _digit_index(text: str) -> dict[str, list[tuple[int, int]]]:
    """Every digit run of ``text`` (spaces or dashes allowed between digits), keyed by its bare digits: one pass
    serves every value the record knows, instead of one compiled pattern per value."""
    index: dict[str, list[tuple[int, int]]] = {}
    for m in _SEP_RUN.finditer(text):
        index.setdefault(_norm_digits(m.group()), []).append((m.start(), m.end()))
    return index


def _digit_spans(text: str, value: str, index: dict[str, list[tuple[int, int]]]):
    """Occurrences of ``value`` in ``text``: as a whole digit run (with or without separators) or verbatim."""
    digits = _norm_digits(value)
    if len(digits) < 5:
        return
    yield from index.get(digits, ())
    for raw in {value.strip(), digits}:
        yield from _find_all(text, raw)


def find_spans(text: str, known: Known = Known(), profile: Profile = DEFAULT_PROFILE) -> tuple[list[Span], list[Span]]:
    """Every stretch to mask, and every suspect (a pattern that may be personal data but is not certain).

    Returns ``(spans, suspects)``; both on the original text, spans merged so none overlap.
    """
    found: list[Span] = []
    suspects: list[Span] = []

    def add(start: int, end: int, kind: str, reason: str | None = None) -> None:
        if kind in profile.masked_kinds and end > start:
            found.append(Span(start, end, kind, reason or KINDS[kind].reason, text[start:end]))

    # 1. What the record knows.
    index = _digit_index(text) if (known.id_numbers or known.phones) else {}
    for value in known.id_numbers:
        for s, e in _digit_spans(text, value, index):
            add(s, e, "id_number", KINDS["id_number"].reason + "；案卷记载的身份证号码")
    for value in known.phones:
        for s, e in _digit_spans(text, value, index):
            kind = "mobile" if _norm_digits(value).lstrip("+").removeprefix("86").startswith("1") else "landline"
            add(s, e, kind, KINDS[kind].reason + "；案卷记载的联系电话")
    if known.party_is_person:
        for value in known.addresses:
            below = _below_town(value)
            if below is None:
                continue
            detail = value[below[0] : below[1]]
            for s, e in _find_all(text, value):
                add(s + below[0], e, "address", KINDS["address"].reason + "；案卷记载的住址")
            # The detail alone (张三家12号) elsewhere in the text; a bare number (12号) would also hit 文号 and dates.
            if len(detail) >= 4 and not re.fullmatch(r"[\d\-－号#]+", detail):
                for s, e in _find_all(text, detail):
                    add(s, e, "address", KINDS["address"].reason + "；案卷记载的住址")
    protected = list(_find_all(text, known.party_name)) if known.party_name and profile.keep_person_party_name else []
    for name in sorted({n.strip() for n in known.third_party_names if n and n.strip()}, key=len, reverse=True):
        if name == known.party_name or len(name) < 2:
            continue
        for s, e in _find_all(text, name):
            # A shorter name inside the party's own (孙某 in 孙某某) is the party, who stays named.
            if any(ps <= s and e <= pe and (pe - ps) > (e - s) for ps, pe in protected):
                continue
            add(s, e, "third_party_name", KINDS["third_party_name"].reason + "；案卷记载的第三人")
    for value, reason in known.extra:
        for s, e in _find_all(text, value):
            add(s, e, "manual", reason or KINDS["manual"].reason)

    # 2. Patterns in free text.
    for m in _ID18.finditer(text):
        s = m.group().upper()
        if is_valid_id(s):
            add(m.start(), m.end(), "id_number", KINDS["id_number"].reason + "；18位号码校验位正确")
        else:
            suspects.append(
                Span(m.start(), m.end(), "id_number", "18位数字，校验位不符，请确认是否为身份证号码", m.group())
            )
    for m in _ID15.finditer(text):
        if is_valid_id(m.group()):
            add(m.start(), m.end(), "id_number", KINDS["id_number"].reason + "；15位号码（出生日期有效）")
    for m in _MOBILE.finditer(text):
        add(m.start(), m.end(), "mobile")
    for m in _LANDLINE.finditer(text):
        add(m.start(), m.end(), "landline")
    for m in _DIGIT_RUN.finditer(text):
        digits = _norm_digits(m.group())
        if not 12 <= len(digits) <= 19:
            continue
        context = _BANK_CONTEXT.search(text[max(0, m.start() - 16) : m.start()])
        if context or (len(digits) >= 16 and luhn_ok(digits) and not _ID18.fullmatch(digits)):
            add(m.start(), m.end(), "bank_account", KINDS["bank_account"].reason)
    for m in _PLATE.finditer(text):
        add(m.start(), m.end(), "plate")
    for m in _ADDRESS.finditer(text):
        addr = m.group("addr")
        if not known.party_is_person and any(a and (addr.startswith(a) or a.startswith(addr)) for a in known.addresses):
            continue  # an organisation's 住所 is public (营业执照登记事项)
        below = _below_town(addr)
        if below is not None:
            add(m.start("addr") + below[0], m.start("addr") + below[1], "address")

    spans = merge(found)
    # Anything still looking like a long number and not masked is a suspect the reviewer must clear or mask.
    for m in _DIGIT_RUN.finditer(text):
        if len(_norm_digits(m.group())) >= 11 and not _covered(spans, m.start(), m.end()):
            suspects.append(Span(m.start(), m.end(), "number", "较长的数字串，请确认是否含个人信息", m.group()))
    unique = {}
    for sp in suspects:
        if not _covered(spans, sp.start, sp.end):
            unique.setdefault((sp.start, sp.end), sp)
    return spans, sorted(unique.values(), key=lambda sp: sp.start)


def _covered(spans: list[Span], start: int, end: int) -> bool:
    return any(sp.start <= start and end <= sp.end for sp in spans)


def merge(spans: list[Span]) -> list[Span]:
    """Union overlapping or touching spans; a merged span keeps the first kind and lists every distinct reason."""
    result: list[Span] = []
    for sp in sorted(spans, key=lambda x: (x.start, -x.end)):
        if result and sp.start <= result[-1].end:
            last = result[-1]
            parts = last.reason.split("；")
            parts += [r for r in sp.reason.split("；") if r not in parts]
            result[-1] = Span(last.start, max(last.end, sp.end), last.kind, "；".join(parts))
        else:
            result.append(sp)
    return result


def apply(text: str, spans: list[Span], profile: Profile = DEFAULT_PROFILE) -> str:
    """The redacted text: each character of each span replaced by ``*`` (ID numbers may keep head and tail)."""
    chars = list(text)
    for sp in spans:
        head = tail = 0
        if sp.kind == "id_number":
            head, tail = profile.id_keep_head, profile.id_keep_tail
        for i in range(sp.start + head, sp.end - tail):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)


def redact(text: str, known: Known = Known(), profile: Profile = DEFAULT_PROFILE) -> Redaction:
    spans, suspects = find_spans(text, known, profile)
    spans = [Span(sp.start, sp.end, sp.kind, sp.reason, text[sp.start : sp.end]) for sp in spans]
    return Redaction(original=text, text=apply(text, spans, profile), spans=spans, suspects=suspects)


def mask_everywhere(text: str, full: Redaction, known: Known = Known(), profile: Profile = DEFAULT_PROFILE) -> str:
    """``text`` (a summary field: 当事人, 违法行为, 处罚内容) under the record's one set of masks: what the full text's
    redaction masked, the reviewer's masks and the record's known private details (docs/decisions/0056)."""
    masks = tuple((sp.text, sp.reason) for sp in full.spans if len(sp.text.strip()) >= 2)
    every = Known(**{**known.__dict__, "extra": (*known.extra, *masks)})
    return redact(text, every, profile).text


def block_reasons(
    *,
    party_is_person: bool,
    party_id_number: str,
    decided_on: date,
    minor_flag: bool = False,
    privacy_centred: bool = False,
    warning_only: bool = False,
    profile: Profile = DEFAULT_PROFILE,
) -> list[str]:
    """Why a decision must not be published at all (empty list: it may be)."""
    reasons = []
    if profile.block_minors and (minor_flag or (party_is_person and is_minor(party_id_number, decided_on))):
        reasons.append(f"当事人为未成年人，不予公开（{ZJ_RULE}第七条，{PIPL}第二十八条）")
    if profile.block_privacy_centred and privacy_centred:
        reasons.append(f"案件主要事实涉及个人隐私，不予公开（{ZJ_RULE}第七条，{PENALTY_LAW}第五十条）")
    if warning_only and not profile.publish_warning_only:
        reasons.append(
            "仅给予警告的决定按本机关设置不予公开（参照《市场监督管理行政处罚信息公示规定》第二条第二款：仅受到警告行政处罚的不予公示）"
        )
    return reasons
