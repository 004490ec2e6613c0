"""Time phrases of a task (2021年底前, 6月底前, 第三季度, 公布之日起30日内, 月通报) and their dates."""

from __future__ import annotations

import calendar
import re
from datetime import date

from plan.model import Deadline

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(?:\d{1,3}|[一二两三四五六七八九十]{1,3})"


def number(text: str) -> int:
    """An Arabic or Chinese numeral up to 99 (`12`, `十二`, `三十一`)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS[text]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_BEFORE = r"(?:前|之前|以前)?"
_PATTERNS: list[tuple[str, str]] = [
    # Recurring duties and quotas first, so 每季度 is not read as a quarter's end.
    ("quota", rf"(?:全年|每年|年度)(?:累计)?(?:不少于|至少|不低于){_NUM}(?:次|期|场|轮)"),
    # 定期 ("regularly") names no period: a way of working, not a deadline.
    ("recurring", r"每(?:年|半年|季度|季|月|周|旬|日|天)|(?<![\d年])[月季周](?:通报|调度|报送|报告|例会|分析)"),
    ("relative", rf"[\u4e00-\u9fff]{{2}}之日起{_NUM}(?:个)?(?:工作日|日|天|月)内"),
    ("relative", rf"[\u4e00-\u9fff]{{0,3}}(?:届满|到期|期满)前{_NUM}(?:个)?(?:月|日|天|工作日)"),
    ("date", rf"(?:(?P<dy>\d{{4}})年)?(?P<dm>{_NUM})月(?P<dd>{_NUM})日{_BEFORE}"),
    ("month", rf"(?:(?P<my>\d{{4}})年)?(?P<mm>{_NUM})月(?:底|末|份|中旬|上旬|下旬){_BEFORE}"),
    ("month_before", rf"(?:(?P<by>\d{{4}})年)?(?P<bm>{_NUM})月(?:前|之前|以前)"),
    ("year", rf"(?P<yy>\d{{4}})年(?:底|末|内){_BEFORE}"),
    ("quarter", r"(?:(?P<qy>\d{4})年)?(?P<qp>前)?(?:第)?(?P<qq>[一二三四1-4])季度(?:末|底)?(?:前|之前)?"),
    ("half", r"(?:(?P<hy>\d{4})年)?(?P<half>上半年|下半年)(?:末|底)?(?:前)?"),
    ("plan_year", r"(?<![\d一二两三四五六七八九十])(?:年底前|年底|年末|年内|本年度内|今年内|今年底前|今年底)"),
]
_FIND = re.compile("|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_PATTERNS)))


def _resolve(kind: str, m: re.Match[str], year: int | None) -> tuple[str, date | None]:
    """Kind of a matched phrase and the date it stands for."""

    def year_of(group: str) -> int | None:
        return int(m.group(group)) if m.group(group) else year

    if kind in ("quota", "recurring", "relative"):
        return kind, None
    if kind == "date":
        y = year_of("dy")
        try:
            return "fixed", date(y, number(m.group("dm")), number(m.group("dd"))) if y else None
        except ValueError:
            return "fixed", None
    if kind == "month":
        y, month = year_of("my"), number(m.group("mm"))
        if not y or not 1 <= month <= 12:
            return "fixed", None
        if m.group(0).find("上旬") >= 0:
            return "fixed", date(y, month, 10)
        if m.group(0).find("中旬") >= 0:
            return "fixed", date(y, month, 20)
        return "fixed", _month_end(y, month)
    if kind == "month_before":
        y, month = year_of("by"), number(m.group("bm"))
        if not y or not 1 <= month <= 12:
            return "fixed", None
        return "fixed", _month_end(y, month - 1) if month > 1 else date(y - 1, 12, 31)
    if kind == "year":
        return "fixed", date(int(m.group("yy")), 12, 31)
    if kind == "quarter":
        q, y = number(m.group("qq")), year_of("qy")
        return "fixed", _month_end(y, q * 3) if y else None
    if kind == "half":
        y = year_of("hy")
        if not y:
            return "fixed", None
        return "fixed", date(y, 6, 30) if m.group("half") == "上半年" else date(y, 12, 31)
    return "fixed", date(year, 12, 31) if year else None


def find_deadlines(text: str, year: int | None) -> list[Deadline]:
    """Every time phrase in a task's text, in order, each once."""
    found: list[Deadline] = []
    for match in _FIND.finditer(text):
        index = int(next(k for k, v in match.groupdict().items() if v is not None and k[0] == "k")[1:])
        kind, due = _resolve(_PATTERNS[index][0], match, year)
        phrase = match.group(0)
        if kind == "fixed" and due is None and not year:
            continue
        if all(d.text != phrase for d in found):
            found.append(Deadline(text=phrase, due=due, kind=kind))
    return found


# What a 完成时限 label may say with nothing more: a month (2025年9月, 9月) or a year (2025年, 2025年度)
# is a deadline at its end. In running text the same words are a date of something else, so only here.
_LABEL_MONTH = re.compile(rf"^(?:(?P<y>\d{{4}})年)?(?P<m>{_NUM})月(?:份)?(?:完成)?$")
_LABEL_YEAR = re.compile(r"^(?P<y>\d{4})年(?:度)?(?:完成)?$")


def deadline_from_label(value: str, year: int | None) -> list[Deadline]:
    """The deadline a 完成时限 cell or line gives; kept as text when no date can be read."""
    found = find_deadlines(value, year)
    if found:
        return found
    value = value.strip(" 。;；")
    month, whole = _LABEL_MONTH.match(value), _LABEL_YEAR.match(value)
    if month:
        y, m = int(month.group("y")) if month.group("y") else year, number(month.group("m"))
        if y and 1 <= m <= 12:
            return [Deadline(text=value, due=_month_end(y, m), kind="fixed")]
    if whole:
        return [Deadline(text=value, due=date(int(whole.group("y")), 12, 31), kind="fixed")]
    return [Deadline(text=value, due=None, kind="other")] if value else []


_DEFAULT = re.compile(r"确保(?:如期|按时|按期)?(?:全面)?完成(?P<year>\d{4})年[^。]{0,30}(?:任务|工作)")


def plan_default(text: str) -> Deadline | None:
    """The plan's own deadline for every task without an earlier one (`确保如期完成2021年…各项工作任务`)."""
    match = _DEFAULT.search(text)
    if not match:
        return None
    return Deadline(text=match.group(0), due=date(int(match.group("year")), 12, 31), kind="default")
