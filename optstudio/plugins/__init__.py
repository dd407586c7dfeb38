"""Plugin system: hook specs, manager, built-in optimizers and schedules."""
