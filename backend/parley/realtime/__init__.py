"""The WebSocket edge: protocol, gateway, hub and broker. Never imports parley.api."""
