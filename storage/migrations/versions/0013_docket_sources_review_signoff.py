"""the docket: a plan row is one source among many (kind, short name, archived), and the office's
review (办结/退回), units' 签收, 延期申请, task corrections and leaders (分管领导) of units

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

_S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table('plan') as batch:
        batch.add_column(sa.Column('kind', sa.Text(), nullable=False, server_default='年度计划'))
        batch.add_column(sa.Column('short_name', _S(), nullable=True))
        batch.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))
    # Until now only the plan imported last was answered from: it becomes the docket's first source,
    # and any older plan rows (superseded documents) are kept as archived sources, still searchable.
    plans = sa.table('plan', sa.column('id'), sa.column('imported_at'), sa.column('archived_at'))
    bind = op.get_bind()
    rows = bind.execute(sa.select(plans.c.id, plans.c.imported_at)).all()
    if rows:
        current = max(rows, key=lambda r: (str(r.imported_at), r.id)).id
        bind.execute(
            plans.update().where(plans.c.id != current).values(archived_at=sa.func.current_timestamp())
        )
    op.create_table(
        'review',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('task_id', sa.Integer(), sa.ForeignKey('task.id'), nullable=False),
        sa.Column('unit_id', sa.Integer(), sa.ForeignKey('unit.id'), nullable=False),
        sa.Column('report_id', sa.Integer(), sa.ForeignKey('report.id'), nullable=True),
        sa.Column('decision', _S(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False, server_default=''),
        sa.Column('decided_by', _S(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_review_task_id', 'review', ['task_id'])
    op.create_index('ix_review_unit_id', 'review', ['unit_id'])
    op.create_index('ix_review_at', 'review', ['at'])
    op.create_table(
        'signoff',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('task_id', sa.Integer(), sa.ForeignKey('task.id'), nullable=False),
        sa.Column('unit_id', sa.Integer(), sa.ForeignKey('unit.id'), nullable=False),
        sa.Column('status', _S(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False, server_default=''),
        sa.Column('member_id', sa.Integer(), sa.ForeignKey('member.id'), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_signoff_task_id', 'signoff', ['task_id'])
    op.create_index('ix_signoff_unit_id', 'signoff', ['unit_id'])
    op.create_index('ix_signoff_at', 'signoff', ['at'])
    op.create_table(
        'extension',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('task_id', sa.Integer(), sa.ForeignKey('task.id'), nullable=False),
        sa.Column('unit_id', sa.Integer(), sa.ForeignKey('unit.id'), nullable=False),
        sa.Column('old_due', sa.Date(), nullable=True),
        sa.Column('new_due', sa.Date(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False, server_default=''),
        sa.Column('status', _S(), nullable=False),
        sa.Column('member_id', sa.Integer(), sa.ForeignKey('member.id'), nullable=True),
        sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('decided_by', _S(), nullable=False),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('note', sa.Text(), nullable=False, server_default=''),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_extension_task_id', 'extension', ['task_id'])
    op.create_index('ix_extension_unit_id', 'extension', ['unit_id'])
    op.create_index('ix_extension_status', 'extension', ['status'])
    op.create_table(
        'taskcorrection',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('task_id', sa.Integer(), sa.ForeignKey('task.id'), nullable=False),
        sa.Column('field', _S(), nullable=False),
        sa.Column('value', sa.JSON(), nullable=False),
        sa.Column('set_by', _S(), nullable=False),
        sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('task_id', 'field'),
    )
    op.create_index('ix_taskcorrection_task_id', 'taskcorrection', ['task_id'])
    op.create_table(
        'unitrole',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), sa.ForeignKey('unit.id'), nullable=False),
        sa.Column('platform', _S(), nullable=False),
        sa.Column('user_id', _S(), nullable=False),
        sa.Column('role', _S(), nullable=False),
        sa.Column('name', _S(), nullable=False),
        sa.Column('set_by', _S(), nullable=False),
        sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('unit_id', 'platform', 'user_id', 'role'),
    )
    op.create_index('ix_unitrole_unit_id', 'unitrole', ['unit_id'])


def downgrade() -> None:
    for table in ('unitrole', 'taskcorrection', 'extension', 'signoff', 'review'):
        op.drop_table(table)
    with op.batch_alter_table('plan') as batch:
        batch.drop_column('archived_at')
        batch.drop_column('short_name')
        batch.drop_column('kind')
