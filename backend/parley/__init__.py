"""Parley: a self-hostable real-time chat server."""
