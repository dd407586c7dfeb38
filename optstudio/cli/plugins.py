"""``optstudio plugins``: list the optimizers and schedules (built-in and plugins) and plugin errors.

Examples::

    optstudio plugins
    optstudio plugins --json
"""

from __future__ import annotations

import json

__all__ = ["register", "cmd_plugins"]


def register(subparsers) -> None:
    """Add the ``plugins`` subcommand to the main CLI's subparsers."""
    p = subparsers.add_parser("plugins", help="list optimizers, schedules and plugin errors")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_plugins)


def cmd_plugins(args, manager) -> int:
    from optstudio.plugins.report import format_plugins_report, plugins_report
    if args.json:
        print(json.dumps(plugins_report(manager), indent=2, default=str))
    else:
        print(format_plugins_report(manager))
    return 0
