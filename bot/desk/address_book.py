"""The console's address-book page: which WeCom department is which plan unit, chosen by the office
(each unit picked from the plan's own list, never guessed), and a sync on demand."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.desk.guard import CTX
from bot.desk.render import back, leave_trace, page, who
from core.context import Context
from storage import address_book, members


def _wecom(ctx: Context) -> Any | None:
    """The running WeCom messenger (its client), when WeCom is configured."""
    messenger = ctx.delivery.messengers.get("wecom")
    return messenger if messenger is not None and hasattr(messenger, "client") else None


async def address_page(request: web.Request) -> web.Response:
    """Every department the app sees, its unit, and what its name reads as."""
    ctx = request.app[CTX]
    messenger = _wecom(ctx)
    view = ctx.store.view()
    if messenger is None or view is None:
        return page(request, "address_book.html", configured=False, rows=[], units=[])
    try:
        with ctx.lanes.waiting():  # WeCom's API over the network: no Python runs meanwhile
            departments = messenger.client.department.get()
    except Exception as exc:  # the address book is out of reach: say so, show nothing stale
        return page(request, "address_book.html", configured=True, rows=[], units=[], error=str(exc)[:200])
    with ctx.store.session() as session:
        mapped = {row.department_id: row.unit_id for row in address_book.mappings(session, "wecom")}
    names = {i: n for n, i in view.unit_ids.items()}
    rows = []
    for department in departments:
        key = str(department["id"])
        found = view.resolver.resolve(department["name"])
        rows.append(
            {
                "id": key,
                "name": department["name"],
                "unit": names.get(view.unit_id_of(mapped.get(key, 0)), ""),  # mapped to 农委: 市农委
                "reads_as": found.unit or "",
            }
        )
    units = [u for u in view.units if view.kind(u) != "collective"]
    return page(request, "address_book.html", configured=True, rows=rows, units=units, error=None)


async def map_department(request: web.Request) -> web.StreamResponse:
    """Map a department to a unit of the plan, or clear it."""
    ctx = request.app[CTX]
    form = await request.post()
    department, unit_name, label = str(form.get("department", "")), str(form.get("unit", "")), str(form.get("name", ""))
    view = ctx.store.view()
    if view is None or not department or (unit_name and unit_name not in view.unit_ids):
        raise back(request, "/desk/address-book", "请从计划的单位中选择。")
    with ctx.store.session() as session:
        unit = members.unit_by_name(session, unit_name) if unit_name else None
        address_book.set_mapping(session, "wecom", department, label, unit, who(request))
        leave_trace(request, session, "department", f"{label}（{department}） → {unit_name or '清除'}")
    raise back(request, "/desk/address-book", f"{label} → {unit_name or '未对应'}")


async def sync_now(request: web.Request) -> web.StreamResponse:
    """Bring bindings in line with the address book now."""
    from bot.adapters.wecom import AddressBook

    ctx = request.app[CTX]
    messenger = _wecom(ctx)
    if messenger is None:
        raise back(request, "/desk/address-book", "未配置企业微信。")
    moved, left = AddressBook(ctx, messenger).sync()
    raise back(request, "/desk/address-book", f"已同步：{moved} 人按部门绑定，{left} 位已离开通讯录的人员已解绑。")
