"""Alembic migrations of the store, run by `douyin_team.store.upgrade`."""
