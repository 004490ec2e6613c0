"""a person's row says when it last changed, so a process can tell in one query whether what it
remembers of people still holds

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('member') as batch:
        batch.add_column(sa.Column('changed_at', sa.DateTime(timezone=True), nullable=True))
    op.execute('UPDATE member SET changed_at = created_at')


def downgrade() -> None:
    with op.batch_alter_table('member') as batch:
        batch.drop_column('changed_at')
