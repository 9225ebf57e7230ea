"""Opaque page cursors: the sort key of a page's last row, for keyset pagination.

A cursor is base64url JSON so that clients treat it as a token, not as an offset they
could compute; decoding checks the shape, so a forged cursor is a 422, not a 500.
"""

from __future__ import annotations

import base64
import binascii
import json

from parley.errors import Invalid
from parley.models.base import MAX_ID

_MAX_CURSOR = 512


def encode_cursor(name: str, row_id: int) -> str:
    raw = json.dumps([name, row_id], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[str, int]:
    """The (name, id) an `encode_cursor` token holds; Invalid for anything else."""
    try:
        if len(token) > _MAX_CURSOR:
            raise ValueError(token)
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        name, row_id = json.loads(raw.decode())
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise Invalid("Invalid cursor") from exc
    if not isinstance(name, str) or "\x00" in name:
        raise Invalid("Invalid cursor")
    # bool is an int to Python; an id past the column's range would fail in the database.
    if type(row_id) is not int or not 0 <= row_id <= MAX_ID:
        raise Invalid("Invalid cursor")
    return name, row_id
