"""Background work: upload processing, its queue, recovery after a crash, cleanup."""
