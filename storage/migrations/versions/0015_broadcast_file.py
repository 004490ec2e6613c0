"""a message in the outbox may carry a file (the leaders' weekly digest carries its chart)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('broadcast') as batch:
        batch.add_column(sa.Column('file', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('broadcast') as batch:
        batch.drop_column('file')
