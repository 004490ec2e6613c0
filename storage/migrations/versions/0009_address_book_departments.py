"""address-book departments mapped to plan units

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 03:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'departmentunit',
        sa.Column('platform', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('department_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('department_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('set_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id']),
        sa.PrimaryKeyConstraint('platform', 'department_id'),
    )
    op.create_index('ix_departmentunit_unit_id', 'departmentunit', ['unit_id'])


def downgrade() -> None:
    op.drop_table('departmentunit')
