import pytest


@pytest.fixture(autouse=True)
def commit_callbacks_run_at_once(monkeypatch):
    """Tests run inside a transaction that never commits, so Django would drop the
    on-commit callbacks that enqueue indexing; run them at once instead, as they run
    after a real request's commit."""
    monkeypatch.setattr("cms.after_commit.transaction.on_commit", lambda callback, **kw: callback())
