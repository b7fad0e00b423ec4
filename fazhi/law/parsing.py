"""Parse a law text in the shipped Markdown form into its structure. Pure: no database, no Django.

Format (see data/laws/MANIFEST.md): ``# 标题``; header lines (history, effective date) up to ``<!-- INFO END -->``;
headings whose level comes from their own word (编 > 分编 > 章 > 节), never from the number of ``#``; articles start
a line with ``第…条`` (or ``第…条之一``) and a space; following lines are further paragraphs (款); lines starting with
（一）（二）… are items (项) of the paragraph before them; lines starting ``1.`` are sub-points kept inside their item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUM = "零〇○一二两三四五六七八九十百千"

NATIONAL_PREFIX = "中华人民共和国"
DIVISION_RANK = {"编": 1, "分编": 2, "章": 3, "节": 4}

ARTICLE_RE = re.compile(rf"^第([{CN_NUM}]+)条(?:之([{CN_NUM}]+))?(?:[ \u3000]+|$)(.*)$")
HEADING_RE = re.compile(rf"^(#+)\s*(第([{CN_NUM}]+)(分编|编|章|节))\s*(.*)$")
OTHER_HEADING_RE = re.compile(r"^(#+)\s*(.+)$")
ITEM_RE = re.compile(rf"^[（(]([{CN_NUM}]+)[）)]")
SUBPOINT_RE = re.compile(r"^\d+[.．、]")
DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
TEXT_EFFECTIVE_RE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
INFO_END = "<!-- INFO END -->"


class LawFormatError(Exception):
    """The file is not in the expected form. ``line`` is 1-based (0 when the whole file is at fault)."""

    def __init__(self, message: str, *, line: int = 0, source: str = ""):
        self.line = line
        self.source = source
        where = f"{source} " if source else ""
        where += f"第{line}行：" if line else ""
        self.message = f"{where}{message}"
        super().__init__(self.message)


def cn_to_int(text: str) -> int:
    """Chinese numeral to int: 一百零一 → 101, 十五 → 15, 二千零二十 → 2020. Arabic digits pass through."""
    if not text:
        raise ValueError("空的数字")
    if text.isdigit():
        return int(text)
    total = 0
    current = 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (current or 1) * CN_UNITS[ch]
            current = 0
        else:
            raise ValueError(f"不是中文数字：{text}")
    return total + current


def int_to_cn(number: int) -> str:
    """int to the Chinese numeral used in article numbers: 101 → 一百零一, 15 → 十五, 110 → 一百一十."""
    if number <= 0 or number >= 10000:
        raise ValueError("条文序号应在 1 至 9999 之间")
    digits = "零一二三四五六七八九"
    parts = []
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    zero_pending = False
    started = False
    for value, unit in units:
        d = number // value % 10
        if d == 0:
            if started:
                zero_pending = True
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        if not (value == 10 and d == 1 and not started):
            parts.append(digits[d])
        parts.append(unit)
        started = True
    return "".join(parts)


def article_label(number: int, suffix: int = 0) -> str:
    return f"第{int_to_cn(number)}条" + (f"之{int_to_cn(suffix)}" if suffix else "")


def short_name(title: str) -> str:
    """The name people cite: 中华人民共和国行政处罚法 → 行政处罚法."""
    if title.startswith(NATIONAL_PREFIX) and len(title) > len(NATIONAL_PREFIX):
        return title[len(NATIONAL_PREFIX) :]
    return title


@dataclass
class ParsedItem:
    number: int
    text: str


@dataclass
class ParsedParagraph:
    number: int
    text: str
    items: list[ParsedItem] = field(default_factory=list)


@dataclass
class ParsedDivision:
    index: int
    kind: str  # 编 / 分编 / 章 / 节 / "" for unnumbered headings such as 序言
    number: int | None
    label: str
    title: str
    parent: int | None
    line: int
    text_lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.text_lines)


@dataclass
class ParsedArticle:
    number: int
    suffix: int
    division: int | None
    line: int
    paragraphs: list[ParsedParagraph] = field(default_factory=list)

    @property
    def label(self) -> str:
        return article_label(self.number, self.suffix)

    @property
    def text(self) -> str:
        lines = []
        for p in self.paragraphs:
            lines.append(p.text)
            lines.extend(i.text for i in p.items)
        return "\n".join(lines)


@dataclass
class ParsedLaw:
    title: str
    header_lines: list[str]
    version_date: date
    effective_date: date
    effective_basis: str
    divisions: list[ParsedDivision]
    articles: list[ParsedArticle]
    preamble: str = ""

    @property
    def short_name(self) -> str:
        return short_name(self.title)


def _date(match: re.Match) -> date:
    return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def _effective(header: list[str], articles: list[ParsedArticle], version_date: date) -> tuple[date, str]:
    """The version's effective date: the earliest stated start on or after the version date.

    A consolidated text keeps its original "自…起施行" article after later amendments (城乡规划法 2019 still says
    2008-01-01); an amendment takes effect on its own date unless stated otherwise, so earlier dates are ignored.
    """
    candidates: list[tuple[date, str]] = []
    for line in header:
        if "施行" in line:
            for m in DATE_RE.finditer(line):
                candidates.append((_date(m), f"题注：{line.strip()}"))
    for art in articles[-5:]:
        for m in TEXT_EFFECTIVE_RE.finditer(art.text):
            candidates.append((_date(m), f"{art.label}：{m.group(0)}"))
    later = sorted(c for c in candidates if c[0] >= version_date)
    if later:
        return later[0]
    return version_date, "未载明另行施行日期，按本版本通过/公布日期"


def parse_law(text: str, *, version_date: date | None = None, source: str = "") -> ParsedLaw:
    """Parse one law version. Raises LawFormatError naming the line for anything it cannot place."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    n = 0
    while n < len(lines) and not lines[n].strip():
        n += 1
    if n >= len(lines) or not lines[n].startswith("# ") or not lines[n][2:].strip():
        raise LawFormatError("文件应以“# 法律名称”开头", line=n + 1 if n < len(lines) else 1, source=source)
    title = lines[n][2:].strip()
    n += 1
    has_marker = any(line.strip() == INFO_END for line in lines)
    header: list[str] = []
    if has_marker:
        while lines[n].strip() != INFO_END:
            if lines[n].strip():
                header.append(lines[n].strip())
            n += 1
        n += 1
    else:
        while n < len(lines) and not (ARTICLE_RE.match(lines[n].strip()) or lines[n].startswith("#")):
            if lines[n].strip():
                header.append(lines[n].strip())
            n += 1

    divisions: list[ParsedDivision] = []
    articles: list[ParsedArticle] = []
    stack: list[ParsedDivision] = []  # open headings, outermost first
    preamble: list[str] = []  # text before any heading or article (e.g. a judicial interpretation's recital)
    for lineno in range(n + 1, len(lines) + 1):
        raw = lines[lineno - 1]
        line = raw.strip().replace("\u3000", " ").strip() if raw.strip() else ""
        if not line:
            continue
        if line.startswith("#"):
            m = HEADING_RE.match(line)
            if m:
                kind = m.group(4)
                try:
                    number = cn_to_int(m.group(3))
                except ValueError as exc:
                    raise LawFormatError(f"标题序号无法识别：{m.group(2)}", line=lineno, source=source) from exc
                rank = DIVISION_RANK[kind]
                while stack and (DIVISION_RANK.get(stack[-1].kind, 0) >= rank or not stack[-1].kind):
                    stack.pop()
                title_text = re.sub(r"\s+", "", m.group(5))
                label = m.group(2)
            else:
                om = OTHER_HEADING_RE.match(line)
                kind, number, label, title_text = "", None, "", re.sub(r"\s+", "", om.group(2))
                if ARTICLE_RE.match(title_text):
                    raise LawFormatError("条文不应写成标题（去掉行首的 #）", line=lineno, source=source)
                stack.clear()
            div = ParsedDivision(
                index=len(divisions),
                kind=kind,
                number=number,
                label=label,
                title=title_text,
                parent=stack[-1].index if stack else None,
                line=lineno,
            )
            divisions.append(div)
            stack.append(div)
            continue
        m = ARTICLE_RE.match(line)
        if m:
            try:
                number = cn_to_int(m.group(1))
                suffix = cn_to_int(m.group(2)) if m.group(2) else 0
            except ValueError as exc:
                raise LawFormatError(f"条文序号无法识别：{line[:12]}", line=lineno, source=source) from exc
            if articles:
                prev = articles[-1]
                expected = {(prev.number + 1, 0), (prev.number, prev.suffix + 1)}
                if (number, suffix) not in expected:
                    raise LawFormatError(
                        f"条文序号不连续：{prev.label}（第{prev.line}行）之后是{article_label(number, suffix)}",
                        line=lineno,
                        source=source,
                    )
            elif (number, suffix) != (1, 0):
                raise LawFormatError(
                    f"第一条应为第一条，却是{article_label(number, suffix)}", line=lineno, source=source
                )
            body = m.group(3).strip()
            if not body:
                raise LawFormatError(f"{article_label(number, suffix)}没有正文", line=lineno, source=source)
            art = ParsedArticle(number=number, suffix=suffix, division=stack[-1].index if stack else None, line=lineno)
            art.paragraphs.append(ParsedParagraph(number=1, text=body))
            articles.append(art)
            continue
        if not articles or (stack and articles[-1].line < stack[-1].line):
            # Text under a heading but before its first article (e.g. the Constitution's preamble).
            if stack:
                stack[-1].text_lines.append(line)
            else:
                preamble.append(line)
            continue
        art = articles[-1]
        im = ITEM_RE.match(line)
        if im:
            para = art.paragraphs[-1]
            try:
                item_no = cn_to_int(im.group(1))
            except ValueError as exc:
                raise LawFormatError(f"项的序号无法识别：{line[:8]}", line=lineno, source=source) from exc
            para.items.append(ParsedItem(number=item_no, text=line))
            continue
        if SUBPOINT_RE.match(line) and art.paragraphs[-1].items:
            item = art.paragraphs[-1].items[-1]
            item.text += "\n" + line
            continue
        if SUBPOINT_RE.match(line):
            para = art.paragraphs[-1]
            para.text += "\n" + line
            continue
        art.paragraphs.append(ParsedParagraph(number=len(art.paragraphs) + 1, text=line))

    if not articles:
        raise LawFormatError("没有找到任何条文（每条应以“第…条”加空格开头）", source=source)
    if version_date is None:
        # The version is the latest adoption/amendment/publication; a bare "…日 施行" line is its start, not its date.
        dates = [
            _date(m)
            for line in header
            if not re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日\s*施行", line)
            for m in DATE_RE.finditer(line)
        ]
        if not dates:
            raise LawFormatError("无法确定版本日期：文件名未注明日期，题注中也没有日期", source=source)
        version_date = max(dates)
    effective, basis = _effective(header, articles, version_date)
    return ParsedLaw(
        title=title,
        header_lines=header,
        version_date=version_date,
        effective_date=effective,
        effective_basis=basis,
        divisions=divisions,
        articles=articles,
        preamble="\n".join(preamble),
    )


FILENAME_DATE_RE = re.compile(r"[（(](\d{4})-(\d{2})-(\d{2})[）)]")


def date_from_filename(name: str) -> date | None:
    m = FILENAME_DATE_RE.search(name)
    if not m:
        return None
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
