"""an index on the outbox by chat: a sender skips a chat another sender is writing to

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 06:00:00
"""

from __future__ import annotations

from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_delivery_chat', 'delivery', ['platform', 'chat_id'])


def downgrade() -> None:
    op.drop_index('ix_delivery_chat', table_name='delivery')
