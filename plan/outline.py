"""Numbered paragraphs into a tree: 第一章 > 一、 > （一） > 1. > （1） > ①, whatever subset a plan uses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plan.numbering import marker
from plan.reader import Paragraph
from plan.roles import LABEL, Roles, bare_units, extract_roles, field_line, role_sentence_ends, starts_with_label
from plan.text import TITLE_END, UNIT_END

_TRAILER = re.compile(
    r"^(各(?:部门|单位|地区|镇|街道|有关部门|相关部门)[^,。]{0,10}要|附件|附表|解读|下载|抄送|联系人|联系电话|主题词|印发|\d{4}年\d{1,2}月\d{1,2}日$)"
)
_METADATA = re.compile(r"索引号|发布机构|发文机关|发文日期|成文日期|发布日期|文\s*号|主题分类|信息分类|有\s*效\s*性")
_DATED = re.compile(
    r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日\s*$"
)
_SENTENCE_END = '。;!?)”"》'


@dataclass
class Node:
    """A numbered paragraph with what follows it up to the next number of its level or above."""

    rank: int
    label: str
    lines: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    roles: Roles = field(default_factory=Roles)
    parent: Node | None = field(default=None, repr=False)
    # Unnumbered paragraphs under it that end in a role list of their own: tasks numbered by order, when two or more
    items: list[tuple[str, Roles]] = field(default_factory=list, repr=False)
    # Whether its numbered paragraph itself ends in a role list (一、…（责任单位：…）), not only lines below it
    own_roles: bool = False

    @property
    def head(self) -> str:
        """The node's own first line, without its number."""
        return self.lines[0] if self.lines else ""

    def walk(self) -> list[Node]:
        """This node and all below it, in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def ancestors(self) -> list[Node]:
        """Outer nodes, outermost first (the root excluded)."""
        chain: list[Node] = []
        node = self.parent
        while node is not None and node.rank >= 0:
            chain.append(node)
            node = node.parent
        return chain[::-1]


def _opens_with_roles(text: str) -> bool:
    """Whether a line opens with a parenthesis that is a role list ((市国土房管局牵头)主要污染物…)."""
    if not text.startswith("("):
        return False
    close = text.find(")")
    return close > 0 and bool(extract_roles(text[: close + 1])[1])


def join_wrapped(paragraphs: list[Paragraph]) -> list[str]:
    """Plain-text lines hard-wrapped mid-sentence are glued back into paragraphs."""
    out: list[str] = []
    for index, para in enumerate(paragraphs):
        text = para.text
        following = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
        glue = (
            out
            and not para.gap
            and out[-1][-1:] not in _SENTENCE_END
            and marker(text) is None
            and not starts_with_label(text)
            and len(out[-1]) >= 20
            and not TITLE_END.search(out[-1])  # a title or a notice's line ends where it ends
            and not out[-1].endswith("通知")
            and not (TITLE_END.search(text) and len(text) <= 40)  # …and a title stands on its own line
            and not _METADATA.search(out[-1])  # a portal's 索引号 / 发布机构 / 发文日期 line
            and not (LABEL.match(out[-1]) and UNIT_END.search(out[-1]))  # a role's line ended with a whole name
        )
        # A line ending in a list's separator goes on in the next (配合单位：县发改局、 / 县财政局、县统计局).
        listed = out and marker(text) is None and not starts_with_label(text)
        # …or in a role's line whose last name is cut (配合单位：县发展和 / 改革局、县财政局)
        cut = (
            out
            and LABEL.match(out[-1])
            and not UNIT_END.search(out[-1])
            and not re.search(r"[。;)\d]$", out[-1])
            and UNIT_END.search(re.split(r"[、,;]", text)[0])
        )
        listed = listed and (out[-1].endswith(("、", ",")) or cut)
        # …or a role's list broken where a separator stood (责任单位：区财政局、区住建局 / 区自然资源局、各街道):
        # a line of unit names alone goes on the list above it.
        broken = (
            out
            and marker(text) is None
            and not _DATED.match(following)  # not the signing office, with its date below
            and LABEL.match(out[-1])
            and re.search(r"[、,]", out[-1])
            and not re.search(r"[。;)]$", out[-1])
            and UNIT_END.search(out[-1])
            and bare_units(text)
        )
        # …or a line opening with the role list of the sentence above it (…耕地保有量面积。 / （市国土房管局牵头）主要…).
        trailing = out and marker(text) is None and not out[-1].endswith(")") and _opens_with_roles(text)
        if broken:
            out[-1] += "、" + text
        elif trailing:
            out[-1] += text
        elif glue or listed:
            out[-1] += text
        else:
            out.append(text)
    return out


# A numbered sub-item inside a paragraph, after the sentence before it: 改革。(1)全面落实… (牵头单位：…)
_INLINE_ITEM = re.compile(
    r"(?<=[。；;)])\s*(?=\(\s*\d{1,2}\s*\)|[\u2460-\u2473]|\d{1,2}[.、](?![\d%])|[一二三四五六七八九十]{1,2}是(?=[\u4e00-\u9fff]))"
)


def _inline_items(text: str) -> list[str]:
    """A paragraph cut before each numbered sub-item it holds ((1)…, ①…, 1.…, 一是…), when the sub-items name
    their own units, and after each sentence that ends in a role list of its own (推进项目建设（区发改局牵头）。
    加强统计监测（区统计局牵头）。), when two or more do: each is then read as the item it is."""
    pieces = _INLINE_ITEM.split(text)
    if len(pieces) < 2 or sum(1 for p in pieces[1:] if LABEL.search(p) or extract_roles(p)[1]) < 2:
        pieces = [text]
    out = []
    for piece in pieces:
        ends = role_sentence_ends(piece)
        if len(ends) >= 2 or (ends and extract_roles(piece[ends[-1] :])[1]):
            bounds = [0, *ends, len(piece)]
            out.extend(piece[a:b] for a, b in zip(bounds, bounds[1:], strict=False))
        else:
            out.append(piece)
    return [p.strip() for p in out if p.strip()]


def build_outline(paragraphs: list[Paragraph]) -> tuple[Node, list[str]]:
    """The outline tree and the paragraphs standing before the first number (the front matter)."""
    root = Node(rank=-1, label="")
    stack: list[Node] = [root]
    front: list[str] = []
    pieces = [piece for line in join_wrapped(paragraphs) for piece in _inline_items(line)]
    for index, text in enumerate(pieces):
        found = marker(text)
        if found:
            rank, label, rest = found
            while stack[-1].rank >= rank:
                stack.pop()
            rest, roles = extract_roles(rest)
            node = Node(rank=rank, label=label, lines=[rest], roles=roles, parent=stack[-1], own_roles=bool(roles))
            stack[-1].children.append(node)
            stack.append(node)
            continue
        current = stack[-1]
        if current is root:
            front.append(text)
            continue
        rest, roles = extract_roles(text)
        following = pieces[index + 1] if index + 1 < len(pieces) else ""
        if not roles and not current.roles and not _TRAILER.match(following) and (names := bare_units(text)):
            roles.add("responsible", names)  # a line of unit names alone under a task: the units that carry it out
            rest = ""
        if roles or roles.deadline_text:
            current.roles.merge(roles)
            if rest:
                current.lines.append(rest)
            if roles and len(rest) >= _ITEM_TEXT:
                current.items.append((rest, roles))
        elif (not current.roles and not _TRAILER.match(text)) or field_line(text):
            current.lines.append(text)  # the task's text, or another field of it (任务目标：…)
        else:
            # Free text after a finished task (a closing paragraph): it belongs to no task.
            while len(stack) > 1 and (stack[-1].roles or _TRAILER.match(text)):
                stack.pop()
            stack[-1].lines.append(text)
    _lift_shared_roles(root)
    _unnumbered_items(root)
    return root, front


_ITEM_TEXT = 4  # characters of text a paragraph has besides its role list to be a task of its own
ITEM_RANK = 6  # below every printed number: tasks a section holds as unnumbered paragraphs


def _items_only(node: Node) -> bool:
    """Whether all the units under a numbered heading come from its unnumbered paragraphs' own role lists."""
    if node.rank < 0 or not node.items or any(c.roles for c in node.walk()[1:]):
        return False
    from_items = Roles()
    for _, roles in node.items:
        from_items.merge(roles)
    return all(
        set(getattr(node.roles, r)) == set(getattr(from_items, r)) for r in ("lead", "responsible", "cooperating")
    )


def _unnumbered_items(root: Node) -> None:
    """A numbered heading whose unnumbered paragraphs each end in a role list of their own (一、加快转型升级 /
    突出工业主体地位。…（责任单位：…） / 加快发展服务业。…（市商务局牵头）): each such paragraph is a task, numbered
    by order; the heading's other text stays its own. One such paragraph is the heading's own role list, unless
    other headings of the plan hold two or more (then the plan writes its tasks so, one or many a heading)."""
    least = 2 if not any(len(n.items) >= 2 and _items_only(n) for n in root.walk()) else 1
    for node in root.walk():
        if len(node.items) < least or not _items_only(node):
            continue
        texts = {text for text, _ in node.items}
        node.lines = [line for line in node.lines if line not in texts]
        node.roles = Roles(deadline_text=node.roles.deadline_text)
        for text, roles in node.items:
            node.children.append(Node(rank=ITEM_RANK, label="", lines=[text], roles=roles, parent=node))


SUB_ITEM_RANK = 4  # （1）, 1), ①: the items inside a task


def _lift_shared_roles(root: Node) -> None:
    """A task's units written after its last sub-item (1.… / （1）… / （2）…（牵头单位：…；责任单位：各镇街）, or on
    role lines below it) are the task's, not that sub-item's: where no other sub-item names units, they
    move up to the task, so that every sub-item stays in the task's body and the task keeps its units."""
    for node in root.walk():
        items = node.children
        if node.rank < 0 or node.roles or len(items) < 2 or node.rank >= SUB_ITEM_RANK:
            continue
        if any(item.rank < SUB_ITEM_RANK or item.children for item in items):
            continue
        named = [item for item in items if item.roles]
        if len(named) == 1 and named[0] is items[-1]:
            node.roles, items[-1].roles = items[-1].roles, Roles()
