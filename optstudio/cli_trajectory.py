"""Old name of :mod:`optstudio.cli.trajectory` (``optstudio trajectory``), kept so code that
imports ``optstudio.cli_trajectory`` keeps working; new code imports ``optstudio.cli.trajectory``."""

from optstudio.cli.trajectory import cmd_trajectory, format_table, register

__all__ = ["register", "cmd_trajectory", "format_table"]
