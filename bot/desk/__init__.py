"""督办台, the office's web console: an edge beside the chat adapters, on the same core and database.
`build_desk` makes the aiohttp application that `duban run` and `duban web` mount at /desk/."""

from __future__ import annotations

from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot.desk import actions, address_book, bulletin, docket, pages
from bot.desk.errors import UPLOAD_LIMIT
from bot.desk.guard import CTX, install
from bot.desk.stopping import watch_stopping
from core.context import Context

HERE = Path(__file__).parent


def build_desk(ctx: Context) -> web.Application:
    """The console as an application whose routes all live under /desk/."""
    app = web.Application(client_max_size=UPLOAD_LIMIT)
    app[CTX] = ctx
    app[pages.OVERVIEWS] = pages.Overviews()
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every report text, unit and file name from users is shown as text
        undefined=jinja2.StrictUndefined,
    )
    install(app, ctx)
    watch_stopping(app)
    get, post = app.router.add_get, app.router.add_post
    get("/desk/", pages.home)
    get("/desk", _to_home)
    get("/desk/task/{number}", pages.task_page)
    post("/desk/task/{number:\\d+}/chase", actions.chase)
    post("/desk/task/{number:\\d+}/{what:deadline|event}", actions.correct)
    get("/desk/evidence/{report}", pages.evidence)
    get("/desk/units", pages.units_page)
    post("/desk/units/alias", actions.teach_alias)
    post("/desk/units/alias/remove", actions.forget_alias)
    get("/desk/unit/{unit}", pages.unit_page)
    get("/desk/people", pages.people_page)
    post("/desk/people/{id:\\d+}/{what:approve|reject}", actions.decide)
    post("/desk/invite", actions.invite)
    get("/desk/broadcast", pages.broadcast_page)
    post("/desk/broadcast/preview", actions.broadcast_preview)
    post("/desk/broadcast/send", actions.broadcast_send)
    get("/desk/broadcast/{id}", pages.delivery_page)
    get("/desk/broadcast/{id}/counts", pages.delivery_counts)
    get("/desk/plan", pages.plan_page)
    post("/desk/plan/preview", actions.plan_preview)
    post("/desk/plan/confirm", actions.plan_confirm)
    get("/desk/address-book", address_book.address_page)
    post("/desk/address-book/map", address_book.map_department)
    post("/desk/address-book/sync", address_book.sync_now)
    get("/desk/docket", docket.docket_page)
    post("/desk/docket/review", docket.review_batch)
    post("/desk/docket/assign", docket.assign)
    get("/desk/docket/task/{id}", docket.correction_page)
    post("/desk/docket/task/{id:\\d+}", docket.correct)
    get("/desk/charts", pages.charts_page)
    get("/desk/bulletin", bulletin.bulletin_page)
    post("/desk/bulletin/make", bulletin.make)
    post("/desk/bulletin/{key:[0-9W_-]+}/issue", bulletin.issue_draft)
    get("/desk/bulletin/{key:[0-9W_-]+}.docx", bulletin.draft_file)
    get("/desk/trace", pages.trace_page)
    get("/desk/ledger.xlsx", pages.ledger_file)
    get("/desk/login/{token}", actions.login)
    post("/desk/logout", actions.logout)
    get("/desk/signed-out", actions.signed_out)
    post("/desk/sessions/end", actions.end_session)
    app.router.add_static("/desk/static/", HERE / "static")
    get("/desk/font/sans.otf", pages.font)
    return app


async def _to_home(request: web.Request) -> web.StreamResponse:
    raise web.HTTPSeeOther("/desk/")
