"""Every rule of Parley, once: keyword-only async functions over a database session."""
