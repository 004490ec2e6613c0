"""admin rights are the configuration's and recorded grants only

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 02:10:00

Earlier versions saved is_admin=True on a member whenever a configured admin wrote, so an id taken
out of DUBAN_ADMINS stayed an admin. From now on the column holds only grants made with /addadmin;
configured admins are computed from the settings at each message. The saved flags cannot tell the
two apart, so all are cleared: grants made in the chat before this version are to be made again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("UPDATE member SET is_admin = :no").bindparams(no=False))


def downgrade() -> None:
    pass
