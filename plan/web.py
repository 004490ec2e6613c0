"""Web pages as saved from a browser (.html, .htm, .mhtml): the article's paragraphs and its tables as
tables, without the site's chrome (menus, bread crumbs, footers, link lists), read with lxml."""

from __future__ import annotations

import email
import email.policy
import re
from typing import Any

from plan.reader import Block, Paragraph, PlanError, Table
from plan.text import clean_line

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select", "button")
# Class and id words that mark a site's chrome, not its article.
_CHROME = {
    "nav",
    "navbar",
    "menu",
    "footer",
    "foot",
    "breadcrumb",
    "crumb",
    "crumbs",
    "position",
    "location",
    "share",
    "sidebar",
    "copyright",
    "related",
    "toolbar",
    "login",
    "search",
}
# Class and id words of the element that holds the article on government sites and CMSs.
_ARTICLE = re.compile(r"trs_editor|article|content|zoom|main-?text|pages?_content|view|detail|zw|text", re.I)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "center",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "title",
    "body",
}
LINK_SHARE = 0.5  # of an element's text inside links: a list of links, not part of the article


def html_blocks(data: bytes, name: str) -> list[Block]:
    """The blocks of a saved web page (HTML, or MHTML with the page inside)."""
    from lxml import etree
    from lxml import html as lxml_html

    text = _page_text(data, name)
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise PlanError(f"{name} is not a readable web page: {exc}") from None
    for comment in root.xpath("//comment()"):
        if comment.getparent() is not None:
            comment.drop_tree()
    for element in list(root.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    title = clean_line(root.findtext(".//title") or "")
    body = root.find("body")
    if body is None:
        body = root
    for element in list(body.iter()):
        if element is body or not isinstance(element.tag, str) or element.getparent() is None:
            continue
        words = set(re.split(r"[\s_-]+", f"{element.get('class', '')} {element.get('id', '')}".lower()))
        if words & _CHROME or _mostly_links(element):
            element.drop_tree()
    article = _article(body)
    blocks: list[Block] = []
    _walk(article, blocks, [])
    heading = [b for b in blocks[:3] if isinstance(b, Paragraph)]
    if title and not any(title in b.text or b.text in title for b in heading):
        blocks.insert(0, Paragraph(title))  # the page's <title> where the article repeats no heading
    return blocks


def _page_text(data: bytes, name: str) -> str:
    if data[:4096].lstrip().lower().startswith((b"mime-version", b"from:", b"content-type")) or (
        b"multipart/related" in data[:4096].lower()
    ):
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        for part in message.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes):
                    charset = part.get_content_charset() or _declared(payload) or "utf-8"
                    return _decode(payload, charset)
        raise PlanError(f"{name}: the saved page (MHTML) holds no HTML")
    return _decode(data, _declared(data) or "utf-8")


def _declared(data: bytes) -> str | None:
    found = _CHARSET.search(data[:4096])
    return found.group(1).decode("ascii").lower() if found else None


def _decode(data: bytes, charset: str) -> str:
    charset = "gb18030" if charset in ("gb2312", "gbk", "gb_2312-80") else charset
    for encoding in (charset, "utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def _text_length(element: Any) -> int:
    return len(re.sub(r"\s+", "", element.text_content()))


def _mostly_links(element: Any) -> bool:
    if element.tag in ("a", "td", "th", "tr", "p") or element.find(".//a") is None:
        return False
    total = _text_length(element)
    linked = sum(_text_length(a) for a in element.iter("a"))
    return total > 0 and linked / total > LINK_SHARE and total < 2000


def _article(body: Any) -> Any:
    """The element that holds the article: a named content element with the most text, else the body."""
    named = [
        e for e in body.iter() if isinstance(e.tag, str) and _ARTICLE.search(f"{e.get('class', '')} {e.get('id', '')}")
    ]
    total = _text_length(body) or 1
    best = max(named, key=_text_length, default=None)
    if best is not None and _text_length(best) >= 0.3 * total:
        # Its parent, where the title stands beside it (div.title + div.content).
        parent = best.getparent()
        if parent is not None and _text_length(parent) <= 1.3 * _text_length(best):
            return parent
        return best
    return body


def _walk(element: Any, blocks: list[Block], line: list[str]) -> None:
    """Inline text gathers into a line; a block element or <br> ends it; a data table becomes a Table."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "table" and element.find(".//table") is None:
        _flush(blocks, line)
        rows = _table_rows(element)
        if rows:
            blocks.append(Table(rows))
        _tail(element, blocks, line)
        return
    if tag in _BLOCK_TAGS:
        _flush(blocks, line)
    if tag == "br":
        _flush(blocks, line)
    if element.text and tag:
        line.append(element.text)
    for child in element:
        _walk(child, blocks, line)
    if tag in _BLOCK_TAGS:
        _flush(blocks, line)
    _tail(element, blocks, line)


def _tail(element: Any, blocks: list[Block], line: list[str]) -> None:
    if element.tail:
        line.append(element.tail)


def _flush(blocks: list[Block], line: list[str]) -> None:
    text = clean_line(re.sub(r"\s+", " ", "".join(line)))  # white space in HTML source is one space
    line.clear()
    if text:
        blocks.append(Paragraph(text))


def _table_rows(table: Any) -> list[list[str]]:
    """Rows of cell texts; a cell spanning rows or columns stands in each place it covers."""
    grid: dict[tuple[int, int], str] = {}
    rows = [tr for tr in table.iter("tr")]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            text = _cell_text(cell)
            span_r = _span(cell.get("rowspan"))
            span_c = _span(cell.get("colspan"))
            for dr in range(span_r):
                for dc in range(span_c):
                    grid[(r + dr, c + dc)] = text
            c += span_c
    if not grid:
        return []
    width = max(c for _, c in grid) + 1
    out = [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]
    return [row for row in out if any(row)]


def _cell_text(cell: Any) -> str:
    parts: list[Block] = []
    _walk(cell, parts, line := [])
    _flush(parts, line)
    return "\n".join(p.text for p in parts if isinstance(p, Paragraph))


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 200))
    except ValueError:
        return 1
