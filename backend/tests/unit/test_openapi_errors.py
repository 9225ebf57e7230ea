"""The OpenAPI schema declares the errors the API really answers (issue step 7, point
6), so the generated client and schema-driven fuzzing know them."""

from __future__ import annotations

import json
from pathlib import Path

OPENAPI = Path(__file__).resolve().parents[3] / "frontend" / "openapi.json"
PUBLIC = {"/api/health", "/api/ready", "/api/config", "/api/protocol.json"}


def test_every_route_declares_its_errors() -> None:
    paths = json.loads(OPENAPI.read_text())["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            if path in PUBLIC:
                continue
            assert {"422", "503"} <= declared, (method, path, declared)
            if not path.startswith(("/api/auth/signup", "/api/auth/login", "/api/auth/refresh")):
                assert "401" in declared, (method, path, declared)
    upload = paths["/api/rooms/{room_id}/uploads"]["post"]["responses"]
    assert {"413", "415", "403"} <= set(upload)
    login = paths["/api/auth/login"]["post"]["responses"]
    assert "429" in login and "ErrorBody" in json.dumps(login["429"])
