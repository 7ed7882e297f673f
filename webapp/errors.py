"""Why a query was not answered, with the HTTP status to give (and when to try again, for 503)."""
from __future__ import annotations


class QueryError(Exception):
    """A query the store will not or cannot answer."""

    status = 400
    retry_after: int | None = None

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        if status is not None:
            self.status = status


class QueryRefused(QueryError):
    status = 403


class QueryTooLong(QueryError):
    status = 413


class QueryFailed(QueryError):
    status = 500


class QueryTimeout(QueryError):
    status, retry_after = 503, 5


class StoreBusy(QueryError):
    status, retry_after = 503, 2
