"""a task of a traditional-character plan keeps its text as written

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 03:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('task') as batch:
        batch.add_column(sa.Column('original', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('task') as batch:
        batch.drop_column('original')
