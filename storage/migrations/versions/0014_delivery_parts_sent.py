"""a delivery remembers how many pieces of its message arrived, so a retry sends only the rest

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('delivery') as batch:
        batch.add_column(sa.Column('parts_sent', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('delivery') as batch:
        batch.drop_column('parts_sent')
