"""The REST edge: routers, dependencies, and the one domain-error → HTTP mapping."""
