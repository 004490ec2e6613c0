"""choices offered to a person (numbered ones, a WeCom card's buttons) kept in the dialog store, so a restart
keeps them and they end by their flow's rules

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'offer',
        sa.Column('platform', _S(), nullable=False),
        sa.Column('chat_id', _S(), nullable=False),
        sa.Column('user_id', _S(), nullable=False),
        sa.Column('card', _S(), nullable=False, server_default=''),
        sa.Column('choices', sa.JSON(), nullable=False),
        sa.Column('text', _S(), nullable=False, server_default=''),
        sa.Column('flow', _S(), nullable=True),
        sa.Column('code', _S(), nullable=True),
        sa.Column('offered_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('until', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('platform', 'chat_id', 'user_id', 'card'),
    )
    op.create_index('ix_offer_until', 'offer', ['until'])


def downgrade() -> None:
    op.drop_index('ix_offer_until', table_name='offer')
    op.drop_table('offer')
