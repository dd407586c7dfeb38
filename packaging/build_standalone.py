#!/usr/bin/env python3
"""Build the standalone OptStudio folder with PyInstaller, then check that it starts.

Usage (from the repository, with OptStudio's dependencies installed in this Python)::

    python packaging/build_standalone.py                 # build into dist/optstudio, then check
    python packaging/build_standalone.py --no-check      # build only
    python packaging/build_standalone.py --check-only    # check an existing build
    python packaging/build_standalone.py --dist OUT --work TMP --epochs 5

Steps:
1. PyInstaller: imported if present, else installed with ``python -m pip install pyinstaller``
   (the only step that needs the network; the built app never uses it).
2. ``python -m PyInstaller --noconfirm packaging/optstudio.spec`` (one folder, windowed).
3. Check: runs the built executable with ``--epochs 5 --screenshot OUT.png`` under
   ``QT_QPA_PLATFORM=offscreen`` (no display needed): the window trains for 5 epochs, saves a
   picture and exits. The check fails unless the exit status is 0 and OUT.png is a PNG image.
4. Prints the folder size and the measured time of that check run (start-up + 5 epochs +
   screenshot), and on Linux writes ``optstudio.desktop`` into the folder (from
   ``packaging/optstudio.desktop.in``) for copying to ``~/.local/share/applications``.

The same script works on Windows and macOS (build on each system; PyInstaller does not
cross-compile). On macOS the executable is checked inside ``dist/OptStudio.app``; on Windows
``optstudio.exe`` is windowed, so its messages go nowhere: the exit status and the picture are
what the check looks at. Exit status: 0 success, 1 build or check failed, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import struct
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "optstudio.spec"
TEMPLATE = HERE / "optstudio.desktop.in"
APP_NAME = "optstudio"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is not None:
        return
    say("PyInstaller is not installed; installing it with pip …")
    result = subprocess.run([sys.executable, "-m", "pip", "install", "pyinstaller"])
    if result.returncode != 0 or importlib.util.find_spec("PyInstaller") is None:
        raise SystemExit("[build] error: could not install PyInstaller (pip install pyinstaller)")


def run_pyinstaller(dist: Path, work: Path, clean: bool) -> float:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work)]
    if clean:
        cmd.append("--clean")
    cmd.append(str(SPEC))
    say("running " + " ".join(cmd))
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=str(ROOT))
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"[build] error: PyInstaller failed with status {result.returncode}")
    say(f"PyInstaller finished in {elapsed:.0f} s")
    return elapsed


def app_folder(dist: Path) -> Path:
    return dist / APP_NAME


def executable(dist: Path) -> Path:
    if sys.platform == "win32":
        return app_folder(dist) / f"{APP_NAME}.exe"
    if sys.platform == "darwin":
        bundled = dist / "OptStudio.app" / "Contents" / "MacOS" / APP_NAME
        if bundled.exists():
            return bundled
    return app_folder(dist) / APP_NAME


def cli_executable(dist: Path) -> Path:
    suffix = ".exe" if sys.platform == "win32" else ""
    return app_folder(dist) / f"optstudio-cli{suffix}"


def check_cli(dist: Path, timeout: float) -> None:
    """The command line runs with no Python on the machine: a short headless run and the plugin
    list, from the build folder alone."""
    exe = cli_executable(dist)
    if not exe.exists():
        raise SystemExit(f"[build] error: no command-line executable at {exe}; build first")
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    for args in (["run", "--preset", "notebook", "--optimizer", "adam", "--epochs", "3", "--json"],
                 ["plugins", "--json"], ["lab", "--list"]):
        cmd = [str(exe), *args]
        say("checking: " + " ".join(cmd))
        try:
            result = subprocess.run(cmd, env=env, cwd=str(dist), capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise SystemExit(f"[build] error: {' '.join(args)} did not finish within {timeout:.0f} s") from None
        if result.returncode != 0:
            print(result.stdout[-2000:] + result.stderr[-2000:])
            raise SystemExit(f"[build] error: optstudio-cli {args[0]} exited with status {result.returncode}")


def folder_size(folder: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def is_png(path: Path) -> tuple[bool, str]:
    try:
        head = path.read_bytes()[:24]
    except OSError as exc:
        return False, f"cannot read {path}: {exc.strerror or exc}"
    if not head.startswith(PNG_SIGNATURE):
        return False, f"{path} is not a PNG image"
    width, height = struct.unpack(">II", head[16:24])
    return True, f"{width}×{height} pixels"


def check(dist: Path, epochs: int, screenshot: Path, timeout: float) -> float:
    exe = executable(dist)
    if not exe.exists():
        raise SystemExit(f"[build] error: no executable at {exe}; build first")
    if screenshot.exists():
        screenshot.unlink()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)      # the build must not borrow this checkout's modules
    cmd = [str(exe), "--epochs", str(epochs), "--screenshot", str(screenshot)]
    say("checking: QT_QPA_PLATFORM=offscreen " + " ".join(cmd))
    start = time.perf_counter()
    try:
        result = subprocess.run(cmd, env=env, cwd=str(dist), capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"[build] error: the built app did not finish within {timeout:.0f} s") from None
    elapsed = time.perf_counter() - start
    output = (result.stdout + result.stderr).strip()
    if output:
        print("\n".join("    " + line for line in output.splitlines()[-15:]))
    if result.returncode != 0:
        raise SystemExit(f"[build] error: the built app exited with status {result.returncode}")
    ok, detail = is_png(screenshot)
    if not ok:
        raise SystemExit(f"[build] error: {detail}")
    say(f"screenshot {screenshot} ({detail})")
    return elapsed


def write_desktop_file(dist: Path) -> Path | None:
    """Linux: a filled-in menu entry next to the executable (from optstudio.desktop.in)."""
    if not sys.platform.startswith("linux") or not TEMPLATE.is_file():
        return None
    sys.path.insert(0, str(ROOT))
    from optstudio.desktop import FALLBACK_ICON, exec_line  # same quoting as install-desktop

    folder = app_folder(dist)
    icon = folder / "_internal" / "optstudio" / "gui" / "resources" / "icon.png"
    exe = executable(dist).resolve()
    text = TEMPLATE.read_text(encoding="utf-8")
    text = (text.replace("@EXEC@", exec_line([str(exe)]))
                .replace("@TRYEXEC@", str(exe).replace("\\", "\\\\"))
                .replace("@ICON@", str(icon.resolve()) if icon.is_file() else FALLBACK_ICON))
    out = folder / "optstudio.desktop"
    out.write_text(text, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build and check the standalone OptStudio folder.")
    p.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default dist/)")
    p.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (default build/)")
    p.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    p.add_argument("--no-check", action="store_true", help="build only")
    p.add_argument("--check-only", action="store_true", help="only check an existing build")
    p.add_argument("--epochs", type=int, default=5, help="epochs for the check run (default 5)")
    p.add_argument("--screenshot", type=Path, help="picture written by the check (default DIST/check.png)")
    p.add_argument("--timeout", type=float, default=600, help="seconds allowed for the check run")
    args = p.parse_args(argv)
    if args.no_check and args.check_only:
        p.error("give either --no-check or --check-only")
    if args.epochs < 1:
        p.error("--epochs must be at least 1")
    dist = args.dist.resolve()

    if not args.check_only:
        ensure_pyinstaller()
        run_pyinstaller(dist, args.work.resolve(), args.clean)
        desktop = write_desktop_file(dist)
        if desktop:
            say(f"menu entry {desktop} (copy it to ~/.local/share/applications/)")
    folder = app_folder(dist)
    if not folder.is_dir():
        raise SystemExit(f"[build] error: {folder} does not exist; build first")
    size = folder_size(folder)
    startup = None
    if not args.no_check:
        shot = (args.screenshot or dist / "check.png").resolve()
        startup = check(dist, args.epochs, shot, args.timeout)
        check_cli(dist, args.timeout)
    say(f"folder: {folder}")
    say(f"size: {size / 2**20:.0f} MiB ({size:,} bytes)")
    if startup is not None:
        say(f"start-up + {args.epochs} epochs + screenshot: {startup:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
