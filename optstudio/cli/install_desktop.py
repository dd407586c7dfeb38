"""``optstudio install-desktop``: add OptStudio to the Linux application menu (or remove it).

Registered by :mod:`optstudio.cli` through :func:`register`; the work is done by
:mod:`optstudio.desktop`. Examples::

    optstudio install-desktop              # writes ~/.local/share/applications/optstudio.desktop
    optstudio install-desktop --print      # show the entry, write nothing
    optstudio install-desktop --uninstall

``$XDG_DATA_HOME`` is respected.
"""

from __future__ import annotations

import sys

from optstudio.cli.errors import CLIError

from optstudio.core.i18n import translate

__all__ = ["register", "cmd_install_desktop"]


def register(subparsers) -> None:
    """Add the ``install-desktop`` subcommand to the main CLI's subparsers."""
    p = subparsers.add_parser(
        "install-desktop",
        help="add OptStudio to the Linux application menu (a .desktop file)",
        description="Write optstudio.desktop into $XDG_DATA_HOME/applications "
                    "(default ~/.local/share/applications), or remove it with --uninstall.")
    p.add_argument("--uninstall", action="store_true", help="remove the menu entry")
    p.add_argument("--print", dest="print_only", action="store_true",
                   help="print the entry that would be written and change nothing")
    p.set_defaults(handler=cmd_install_desktop)


def cmd_install_desktop(args, manager) -> int:
    from optstudio import desktop

    if sys.platform in ("win32", "cygwin", "darwin"):
        raise CLIError(translate("cli_install_desktop", "install-desktop is for Linux desktops (freedesktop.org menus); on Windows and macOS use the standalone build (see packaging/README.md)"))
    if args.uninstall and args.print_only:
        raise CLIError(translate("cli_install_desktop", "give either --uninstall or --print, not both"))
    try:
        if args.print_only:
            command, working_dir = desktop.launcher_command()
            icon = desktop.icon_path()
            print(desktop.desktop_entry(command, icon if icon.is_file() else desktop.FALLBACK_ICON,
                                        working_dir), end="")
            return 0
        if args.uninstall:
            path = desktop.uninstall_desktop_file()
            if path is None:
                print(translate("cli_install_desktop", "No menu entry to remove ({path} does not exist).")
                      .format(path=desktop.desktop_file_path()))
            else:
                print(translate("cli_install_desktop", "Removed {path}").format(path=path))
            return 0
        path = desktop.install_desktop_file()
    except desktop.DesktopError as exc:
        raise CLIError(str(exc)) from None
    print(translate("cli_install_desktop", "Wrote {path}").format(path=path))
    if not desktop.icon_path().is_file():
        print(translate("cli_install_desktop", "note: the packaged icon is missing; the menu shows the theme's {icon} icon")
              .format(icon=repr(desktop.FALLBACK_ICON)))
    print(translate("cli_install_desktop", "OptStudio is in the application menu under Education and Science (some desktops show it after logging in again)."))
    return 0
