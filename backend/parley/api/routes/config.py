"""Limits published up front, so the SPA can refuse a file before sending it."""

from __future__ import annotations

from fastapi import APIRouter
from limits import parse

from parley.api.deps import SettingsDep, StateDep
from parley.models import ClientConfig
from parley.models.message import BODY_MAX
from parley.services.filetypes import ALLOWED_TYPES

router = APIRouter(prefix="/api", tags=["config"])


@router.get("/config")
async def read_config(settings: SettingsDep, state: StateDep) -> ClientConfig:
    send_rate = parse(settings.send_rate_limit)
    return ClientConfig(
        max_upload_bytes=settings.max_upload_bytes,
        allowed_upload_types=sorted(ALLOWED_TYPES),
        max_message_length=BODY_MAX,
        send_rate_count=send_rate.amount,
        send_rate_period_seconds=float(send_rate.get_expiry()),
        push_public_key=state.push_public_key,
        password_reset_email=state.mailer is not None,
    )
