"""Every sentence Duban says, Chinese first, English too. Handlers name a key; nothing else holds text."""

from __future__ import annotations

import re

ZH: dict[str, str] = {
    "help": (
        "我是督办助手，帮您查看和跟进《{plan}》的任务。\n"
        "可以这样问我：\n"
        "· 我的任务是什么\n"
        "· 第15条 / 第15条谁牵头\n"
        "· 统计局有什么任务\n"
        "· 行政复议（按关键词查找任务）\n"
        "· 即将到期的任务\n"
        "绑定单位：/bind 司法局，或直接说“我是司法局的”\n"
        "其他命令：/whoami 我的身份，/unbind 解除绑定，/help 帮助"
    ),
    "help_admin": "管理员命令：/invite 单位 生成邀请码；在群里 /bind 单位 把本群绑定到单位",
    "not_understood": "没太明白“{text}”。可以试试：我的任务是什么、第15条、统计局有什么任务、行政复议。发送 /help 查看全部用法。",
    "no_plan": "还没有导入工作计划，请管理员先导入（duban import 文件）。",
    "unbound": "您还没有绑定单位。请发送 /bind 单位名称，例如：/bind 司法局，或者说“我是司法局的”。",
    "unbound_group": "本群还没有绑定单位，您本人也未绑定。请发送 /bind 单位名称，例如：/bind 司法局。",
    "bind_usage": "请告诉我您的单位，例如：/bind 司法局",
    "unit_not_found": "“{name}”不是本计划中的单位。请检查名称，或发送 /units 查看计划中的单位。",
    "unit_ambiguous": "“{name}”可能是以下单位，请选择：",
    "bind_confirm": "您是指“{unit}”吗？",
    "bind_collective": "“{unit}”是多个部门的统称，请绑定您所在的具体部门。",
    "bind_requested": "已提交绑定“{unit}”的申请，管理员确认后生效。",
    "bind_done": "已绑定到“{unit}”。发送“我的任务”查看本单位任务。",
    "bind_same": "您已经绑定在“{unit}”。",
    "bind_cancelled": "好的，已取消。请重新发送 /bind 单位名称。",
    "bind_admin_request": "{person} 申请绑定到“{unit}”。",
    "approved_user": "管理员已确认：您已绑定到“{unit}”。发送“我的任务”查看本单位任务。",
    "rejected_user": "管理员未通过您绑定“{unit}”的申请。如有疑问请联系督办办公室。",
    "approved_admin": "已通过：{person} → {unit}",
    "rejected_admin": "已拒绝：{person} → {unit}",
    "request_gone": "这条申请已经处理过了。",
    "no_admins": "目前没有管理员可以审批，请联系督办办公室获取邀请码。",
    "unbind_done": "已解除与“{unit}”的绑定。",
    "unbind_none": "您当前没有绑定单位。",
    "unbind_group": "本群已解除与单位的绑定。",
    "whoami_bound": "您是“{unit}”的成员。",
    "whoami_pending": "您申请绑定“{unit}”，正在等待管理员确认。",
    "whoami_none": "您还没有绑定单位。",
    "whoami_admin": "您是管理员。",
    "whoami_group": "本群绑定在“{unit}”。",
    "admin_only": "只有管理员可以这样做。",
    "invite_usage": "请写明单位，例如：/invite 司法局",
    "invite_made": "“{unit}”的一次性邀请码：{code}\n新成员发送 /start {code} 即可直接绑定。{link}",
    "invite_link": "\n或点击链接：{url}",
    "invite_bad": "邀请码无效或已被使用。请向管理员索取新的邀请码。",
    "group_bound": "本群已绑定到“{unit}”。",
    "welcome": "您好！我是督办助手。",
    "my_tasks_header": "“{unit}”的任务，共{count}条：",
    "unit_tasks_header": "“{unit}”的任务，共{count}条：",
    "unit_no_tasks": "“{unit}”在本计划中没有任务。",
    "role_lead": "牵头",
    "role_responsible": "责任",
    "role_cooperating": "配合",
    "via": "（通过“{collective}”）",
    "due_on": "截止{date}",
    "task_title": "第{number}条 {title}",
    "task_section": "所属部分：{section}",
    "task_lead": "牵头单位：{units}",
    "task_responsible": "责任单位：{units}",
    "task_cooperating": "配合单位：{units}",
    "task_deadlines": "完成时限：{items}",
    "task_default_due": "完成时限：{date}前（计划默认）",
    "task_targets": "量化目标：{items}",
    "task_none": "无",
    "task_not_found": "本计划没有第{number}条。本计划共{count}条任务。",
    "who_leads": "第{number}条由 {units} 牵头。",
    "who_responsible": "第{number}条的责任单位：{units}。",
    "nobody": "（未写明）",
    "search_header": "包含“{keyword}”的任务，共{count}条：",
    "search_none": "没有找到包含“{keyword}”的任务。",
    "due_header": "{days}天内到期的任务，共{count}条：",
    "due_header_unit": "“{unit}”{days}天内到期的任务，共{count}条：",
    "due_none": "{days}天内没有到期的任务。",
    "page": "第{page}/{pages}页",
    "prev": "◀ 上一页",
    "next": "下一页 ▶",
    "yes": "是",
    "no": "不是",
    "approve": "通过",
    "reject": "拒绝",
    "expired": "这个按钮已失效，请重新查询。",
    "units_header": "本计划中的单位：",
}

EN: dict[str, str] = {
    "help": (
        "I am Duban, the follow-up assistant for the plan “{plan}”.\n"
        "Ask me:\n"
        "· what is my task\n"
        "· task 15 / who leads task 15\n"
        "· tasks of Statistics Bureau\n"
        "· search training (tasks by keyword)\n"
        "· due soon\n"
        "Join your unit: /bind Justice Bureau, or say “I am from the Justice Bureau”.\n"
        "Also: /whoami, /unbind, /help"
    ),
    "help_admin": "Admins: /invite UNIT makes an invite code; /bind UNIT in a group binds the group",
    "not_understood": "I did not understand “{text}”. Try: what is my task, task 15, tasks of Statistics Bureau. /help lists all.",
    "no_plan": "No work plan is imported yet; an admin must import one (duban import FILE).",
    "unbound": "You are not bound to a unit yet. Send /bind UNIT, for example: /bind Justice Bureau.",
    "unbound_group": "This group is not bound to a unit, and neither are you. Send /bind UNIT, e.g. /bind Justice Bureau.",
    "bind_usage": "Tell me your unit, for example: /bind Justice Bureau",
    "unit_not_found": "“{name}” is not a unit of this plan. Check the name, or send /units for the plan's units.",
    "unit_ambiguous": "“{name}” could be one of these units; please choose:",
    "bind_confirm": "Do you mean “{unit}”?",
    "bind_collective": "“{unit}” names many departments at once; bind to your own department.",
    "bind_requested": "Your request to join “{unit}” is sent; it takes effect when an admin approves it.",
    "bind_done": "You are now bound to “{unit}”. Send “my tasks” to see its tasks.",
    "bind_same": "You are already bound to “{unit}”.",
    "bind_cancelled": "Cancelled. Send /bind UNIT again.",
    "bind_admin_request": "{person} asks to join “{unit}”.",
    "approved_user": "An admin approved: you are bound to “{unit}”. Send “my tasks” to see its tasks.",
    "rejected_user": "An admin did not approve your request to join “{unit}”.",
    "approved_admin": "Approved: {person} → {unit}",
    "rejected_admin": "Rejected: {person} → {unit}",
    "request_gone": "This request was already handled.",
    "no_admins": "No admin can approve requests yet; ask the office for an invite code.",
    "unbind_done": "You are no longer bound to “{unit}”.",
    "unbind_none": "You are not bound to a unit.",
    "unbind_group": "This group is no longer bound to a unit.",
    "whoami_bound": "You belong to “{unit}”.",
    "whoami_pending": "You asked to join “{unit}”; an admin has not approved it yet.",
    "whoami_none": "You are not bound to a unit yet.",
    "whoami_admin": "You are an admin.",
    "whoami_group": "This group is bound to “{unit}”.",
    "admin_only": "Only admins can do that.",
    "invite_usage": "Name the unit, for example: /invite Justice Bureau",
    "invite_made": "One-time invite code for “{unit}”: {code}\nA new member sends /start {code} to join at once.{link}",
    "invite_link": "\nOr open: {url}",
    "invite_bad": "That invite code is not valid or was used already. Ask an admin for a new one.",
    "group_bound": "This group is now bound to “{unit}”.",
    "welcome": "Hello! I am Duban.",
    "my_tasks_header": "Tasks of “{unit}”: {count}",
    "unit_tasks_header": "Tasks of “{unit}”: {count}",
    "unit_no_tasks": "“{unit}” has no tasks in this plan.",
    "role_lead": "Lead",
    "role_responsible": "Responsible",
    "role_cooperating": "Cooperating",
    "via": " (through “{collective}”)",
    "due_on": "due {date}",
    "task_title": "Task {number}: {title}",
    "task_section": "Section: {section}",
    "task_lead": "Lead: {units}",
    "task_responsible": "Responsible: {units}",
    "task_cooperating": "Cooperating: {units}",
    "task_deadlines": "Deadlines: {items}",
    "task_default_due": "Deadline: by {date} (the plan's default)",
    "task_targets": "Targets: {items}",
    "task_none": "none",
    "task_not_found": "The plan has no task {number}. It has {count} tasks.",
    "who_leads": "Task {number} is led by {units}.",
    "who_responsible": "Responsible for task {number}: {units}.",
    "nobody": "(not named)",
    "search_header": "Tasks mentioning “{keyword}”: {count}",
    "search_none": "No task mentions “{keyword}”.",
    "due_header": "Tasks due within {days} days: {count}",
    "due_header_unit": "Tasks of “{unit}” due within {days} days: {count}",
    "due_none": "Nothing is due within {days} days.",
    "page": "page {page}/{pages}",
    "prev": "◀ Previous",
    "next": "Next ▶",
    "yes": "Yes",
    "no": "No",
    "approve": "Approve",
    "reject": "Reject",
    "expired": "This button has expired; please ask again.",
    "units_header": "Units of this plan:",
}

LANGUAGES = {"zh": ZH, "en": EN}
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]{2,}")


def language(text: str) -> str:
    """zh unless the message is written in Latin letters only (a bare /command counts as zh)."""
    text = re.sub(r"^/\w+(@\w+)?", "", text)
    return "en" if _LATIN.search(text) and not _CJK.search(text) else "zh"


def say(lang: str, key: str, **values: object) -> str:
    """The sentence `key` in a language, filled in."""
    return LANGUAGES.get(lang, ZH)[key].format(**values)
