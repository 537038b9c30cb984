"""Demo data: the reference programme and the figures around it (not real)."""
