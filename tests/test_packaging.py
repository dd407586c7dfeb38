"""Packaging: the Linux menu entry (optstudio.desktop, `optstudio install-desktop`), the
PyInstaller spec and the standalone build script. PyInstaller itself is never run here."""

from __future__ import annotations

import configparser
import importlib.util
import subprocess
import sys
import types
from pathlib import Path

import pytest

from optstudio import cli, desktop

if sys.version_info >= (3, 11):
    import tomllib
else:                                   # Python 3.10: the tomli backport (a dependency there)
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "optstudio.spec"


def parse_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str          # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh home folder, no XDG_DATA_HOME, no update-desktop-database side effects."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr(desktop, "_refresh_menu_cache", lambda folder: None)
    return home


# ============================================================================ the .desktop file

def test_install_into_xdg_data_home(home, tmp_path, monkeypatch):
    data = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    path = desktop.install_desktop_file()
    assert path == data / "applications" / "optstudio.desktop" and path.is_file()
    entry = parse_entry(path)
    assert entry["Type"] == "Application" and entry["Name"] == "OptStudio"
    assert entry["Categories"] == "Education;ArtificialIntelligence;"
    assert entry["Terminal"] == "false"
    assert entry["Exec"] and entry["TryExec"]
    icon = desktop.icon_path()
    assert entry["Icon"] == (str(icon) if icon.is_file() else desktop.FALLBACK_ICON)
    assert not (home / ".local").exists()


def test_default_and_relative_xdg_data_home(home, monkeypatch):
    assert desktop.desktop_file_path() == home / ".local" / "share" / "applications" / "optstudio.desktop"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")        # ignored, as the XDG spec says
    assert desktop.applications_dir() == home / ".local" / "share" / "applications"
    path = desktop.install_desktop_file()
    assert path.parent == home / ".local" / "share" / "applications"


def test_exec_uses_the_installed_launcher(home, tmp_path, monkeypatch):
    launcher = tmp_path / "bin" / "optstudio-gui"
    launcher.parent.mkdir()
    launcher.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setattr(desktop.shutil, "which",
                        lambda name: str(launcher) if name == "optstudio-gui" else None)
    entry = parse_entry(desktop.install_desktop_file())
    assert entry["Exec"] == str(launcher.resolve())
    assert "Path" not in entry


def test_exec_falls_back_to_python_module(home, monkeypatch):
    monkeypatch.setattr(desktop.shutil, "which", lambda name: None)
    command, working_dir = desktop.launcher_command()
    assert command == [str(Path(sys.executable).resolve()), "-m", "optstudio.gui.app"]
    assert working_dir == ROOT          # a source checkout: `-m` must find the package
    entry = parse_entry(desktop.install_desktop_file())
    assert entry["Exec"].endswith(" -m optstudio.gui.app")
    assert entry["Path"] == str(ROOT)


def test_frozen_build_points_at_itself(monkeypatch, tmp_path):
    exe = tmp_path / "optstudio"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert desktop.launcher_command() == ([str(exe.resolve())], None)


def test_icon_missing_or_given(home, tmp_path, monkeypatch):
    monkeypatch.setattr(desktop, "icon_path", lambda: tmp_path / "missing.png")
    assert parse_entry(desktop.install_desktop_file())["Icon"] == desktop.FALLBACK_ICON
    icon = tmp_path / "icon.png"
    icon.write_bytes(b"\x89PNG\r\n\x1a\n")
    monkeypatch.setattr(desktop, "icon_path", lambda: icon)
    assert parse_entry(desktop.install_desktop_file())["Icon"] == str(icon)


def test_packaged_icon_path():
    assert desktop.icon_path() == ROOT / "optstudio" / "gui" / "resources" / "icon.png"


def test_uninstall(home):
    path = desktop.install_desktop_file()
    assert desktop.uninstall_desktop_file() == path and not path.exists()
    assert desktop.uninstall_desktop_file() is None


@pytest.mark.parametrize("arg, expected", [
    ("/usr/bin/optstudio-gui", "/usr/bin/optstudio-gui"),
    ("/opt/Opt Studio/run", '"/opt/Opt Studio/run"'),
    ("/tmp/a$b", '"/tmp/a\\\\$b"'),
    ("/tmp/50%", "/tmp/50%%"),
    ("C:\\x", '"C:\\\\\\\\x"'),
])
def test_exec_quoting(arg, expected):
    assert desktop.exec_line([arg]) == expected


def test_exec_quoting_round_trips_through_the_rules():
    """Undo the string escapes, then the Exec quoting: the arguments come back."""
    import shlex
    args = ["/opt/My Apps/python3", "-m", "optstudio.gui.app"]
    line = desktop.exec_line(args)
    unescaped = line.replace("\\\\", "\\")
    assert shlex.split(unescaped) == args


def test_write_error_is_one_line(home, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(desktop.DesktopError) as info:
        desktop.install_desktop_file(blocker)
    assert "\n" not in str(info.value) and "cannot write" in str(info.value)


def test_template_has_the_same_keys_as_the_installer():
    template = PACKAGING / "optstudio.desktop.in"
    entry_keys = set(parse_entry_text(desktop.desktop_entry(["/x"], "/icon.png")))
    template_entry = parse_entry_text(template.read_text(encoding="utf-8"))
    assert set(template_entry) == entry_keys - {"X-OptStudio-Version"}
    assert template_entry["Exec"] == "@EXEC@" and template_entry["Icon"] == "@ICON@"
    assert template_entry["Categories"] == "Education;ArtificialIntelligence;"


def parse_entry_text(text: str) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(text)
    return dict(parser["Desktop Entry"])


def test_desktop_file_validate_if_available(home, tmp_path):
    import shutil
    tool = shutil.which("desktop-file-validate")
    if not tool:
        pytest.skip("desktop-file-validate is not installed")
    path = desktop.install_desktop_file(tmp_path / "data")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (result.stdout + result.stderr).strip() == ""          # no error, warning or hint either


def test_desktop_entry_names_one_main_category_and_the_windows_class(home, tmp_path):
    entry = parse_entry_text(desktop.desktop_entry(["optstudio-gui"], tmp_path / "icon.png"))
    main_categories = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
                       "Office", "Science", "Settings", "System", "Utility"}
    assert len([c for c in entry["Categories"].split(";") if c in main_categories]) == 1
    app_source = (Path(desktop.__file__).parent / "gui" / "app.py").read_text(encoding="utf-8")
    assert f'setApplicationName("{entry["StartupWMClass"]}")' in app_source   # Qt's WM_CLASS class


# ============================================================================ the command

@pytest.fixture
def desktop_cli():
    """`optstudio install-desktop` through cli.main (optstudio/cli/install_desktop.py)."""
    return cli.main


def test_cli_install_print_uninstall(home, desktop_cli, capsys, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert desktop_cli(["install-desktop", "--print"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[Desktop Entry]\n") and not desktop.desktop_file_path().exists()
    assert desktop_cli(["install-desktop"]) == 0
    out = capsys.readouterr().out
    assert str(desktop.desktop_file_path()) in out and desktop.desktop_file_path().is_file()
    assert desktop_cli(["install-desktop", "--uninstall"]) == 0
    assert "Removed" in capsys.readouterr().out and not desktop.desktop_file_path().exists()
    assert desktop_cli(["install-desktop", "--uninstall"]) == 0
    assert "No menu entry" in capsys.readouterr().out


@pytest.mark.parametrize("argv, platform", [
    (["install-desktop"], "win32"),
    (["install-desktop"], "darwin"),
    (["install-desktop", "--uninstall", "--print"], "linux"),
    (["install-desktop", "--bogus"], "linux"),
])
def test_cli_bad_input_is_one_line(home, desktop_cli, capsys, monkeypatch, argv, platform):
    monkeypatch.setattr(sys, "platform", platform)
    assert desktop_cli(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("optstudio: error: ")


def test_cli_write_error_is_one_line(home, desktop_cli, capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert desktop_cli(["install-desktop"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot write" in err[0]


def test_modules_do_not_import_qt():
    code = ("import sys, optstudio.desktop, optstudio.cli.install_desktop, optstudio.labs, optstudio.cli.lab; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]; "
            "assert not bad, bad")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


# ============================================================================ the PyInstaller spec

class _Recorder:
    def __init__(self):
        self.calls: dict[str, list[tuple[tuple, dict]]] = {}

    def make(self, name):
        def stub(*args, **kwargs):
            self.calls.setdefault(name, []).append((args, kwargs))
            return types.SimpleNamespace(pure=[], scripts=[], binaries=[], datas=[], zipped_data=[],
                                         args=args, kwargs=kwargs)
        return stub


def run_spec(monkeypatch, platform: str = "linux") -> _Recorder:
    """Execute the spec as PyInstaller would, with stub build steps."""
    rec = _Recorder()
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = rec.make("collect_submodules")
    hooks.collect_data_files = lambda package, **kw: rec.calls.setdefault(
        "collect_data_files", []).append(((package,), kw)) or []
    pkg = types.ModuleType("PyInstaller")
    utils = types.ModuleType("PyInstaller.utils")
    pkg.utils, utils.hooks = utils, hooks
    for name, module in (("PyInstaller", pkg), ("PyInstaller.utils", utils), ("PyInstaller.utils.hooks", hooks)):
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "platform", platform)
    namespace = {"__name__": "__main__", "__file__": str(SPEC), "SPECPATH": str(PACKAGING),
                 "specnm": "optstudio", "DISTPATH": str(ROOT / "dist"), "workpath": str(ROOT / "build")}
    for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[name] = rec.make(name)
    code = compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")
    exec(code, namespace)
    return rec


def test_spec_builds_one_windowed_folder(monkeypatch):
    rec = run_spec(monkeypatch)
    (scripts,), analysis = rec.calls["Analysis"][0]
    assert [Path(s) for s in scripts] == [ROOT / "main.py"] and (ROOT / "main.py").is_file()
    assert Path(analysis["pathex"][0]) == ROOT
    _, exe = rec.calls["EXE"][0]
    assert exe["console"] is False and exe["name"] == "optstudio" and exe["exclude_binaries"] is True
    assert exe["upx"] is False
    _, coll = rec.calls["COLLECT"][0]
    assert coll["name"] == "optstudio"
    assert "BUNDLE" not in rec.calls


def test_spec_adds_the_command_line_to_the_same_folder(monkeypatch):
    rec = run_spec(monkeypatch)
    (scripts,), analysis = rec.calls["Analysis"][1]
    assert [Path(s) for s in scripts] == [ROOT / "optstudio" / "__main__.py"]
    assert not any(m.startswith(("optstudio.gui", "PySide6")) for m in analysis["hiddenimports"])
    assert "optstudio.cli.run" in analysis["hiddenimports"] and "PySide6" in analysis["excludes"]
    _, cli_exe = rec.calls["EXE"][1]
    assert cli_exe["console"] is True and cli_exe["name"] == "optstudio-cli" and cli_exe["exclude_binaries"] is True
    (gui_exe, cli_exe_obj, *_), coll = rec.calls["COLLECT"][0]
    assert cli_exe_obj.kwargs["name"] == "optstudio-cli" and gui_exe.kwargs["name"] == "optstudio"


def test_spec_data_files_exist_and_cover_labs_resources_plugins(monkeypatch):
    rec = run_spec(monkeypatch)
    datas = rec.calls["Analysis"][0][1]["datas"]
    assert datas
    for source, dest in datas:
        assert Path(source).is_file(), source
        assert not Path(dest).is_absolute()
        assert (ROOT / dest / Path(source).name).resolve() == Path(source).resolve()
    by_dest: dict[str, set[str]] = {}
    for source, dest in datas:
        by_dest.setdefault(dest, set()).add(Path(source).name)
    labs = {p.name for p in (ROOT / "optstudio" / "labs").glob("*.json")}
    assert labs and labs <= by_dest["optstudio/labs"]
    resources = {p.name for p in (ROOT / "optstudio" / "gui" / "resources").iterdir() if p.is_file()}
    assert resources <= by_dest.get("optstudio/gui/resources", set())
    plugins = {p.name for p in (ROOT / "plugins").glob("*.py")}
    assert plugins and plugins <= by_dest["plugins"]
    assert ("sklearn.datasets",) in [args for args, _ in rec.calls["collect_data_files"]]


def test_spec_hidden_imports_name_real_modules(monkeypatch):
    rec = run_spec(monkeypatch)
    hidden = rec.calls["Analysis"][0][1]["hiddenimports"]
    for needed in ("optstudio.plugins.builtin_optimizers", "optstudio.plugins.builtin_schedules",
                   "optstudio.cli", "optstudio.cli.lab", "optstudio.cli.trajectory",
                   "optstudio.cli.install_desktop",
                   "optstudio.labs", "optstudio.gui.app", "optstudio.desktop", "PySide6.QtOpenGL"):
        assert needed in hidden
    for name in hidden:
        if name.startswith("optstudio"):
            base = ROOT.joinpath(*name.split("."))
            assert base.with_suffix(".py").is_file() or (base / "__init__.py").is_file(), name
        else:
            assert importlib.util.find_spec(name) is not None, name


def test_spec_excludes_only_unused_modules(monkeypatch):
    rec = run_spec(monkeypatch)
    excludes = set(rec.calls["Analysis"][0][1]["excludes"])
    assert {"tkinter", "matplotlib"} <= excludes
    needed = {"numpy", "scipy", "scipy.special", "sklearn", "sklearn.datasets", "pluggy", "pyqtgraph",
              "PySide6", "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtOpenGL",
              "PySide6.QtOpenGLWidgets", "PySide6.QtSvg", "optstudio", "json", "csv"}
    assert not excludes & needed
    hidden = set(rec.calls["Analysis"][0][1]["hiddenimports"])
    assert not excludes & hidden


def test_spec_on_macos_makes_an_app_bundle(monkeypatch):
    rec = run_spec(monkeypatch, "darwin")
    (coll,), bundle = rec.calls["BUNDLE"][0]
    assert bundle["name"] == "OptStudio.app" and bundle["bundle_identifier"]


def test_spec_on_windows_builds_the_same_folder(monkeypatch):
    rec = run_spec(monkeypatch, "win32")
    _, exe = rec.calls["EXE"][0]
    assert exe["console"] is False and exe["name"] == "optstudio"
    icon = exe["icon"]
    assert icon is None or Path(icon).is_file()
    assert "BUNDLE" not in rec.calls


# ============================================================================ the build script

@pytest.fixture
def build_script(monkeypatch):
    spec = importlib.util.spec_from_file_location("optstudio_build_standalone", PACKAGING / "build_standalone.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_script_help_and_bad_arguments(build_script, capsys):
    with pytest.raises(SystemExit) as info:
        build_script.main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "--no-check" in out and "--epochs" in out
    with pytest.raises(SystemExit) as info:
        build_script.main(["--no-check", "--check-only"])
    assert info.value.code == 2


def test_build_script_paths_and_helpers(build_script, tmp_path, monkeypatch):
    assert build_script.SPEC == SPEC and build_script.ROOT == ROOT
    monkeypatch.setattr(sys, "platform", "linux")
    assert build_script.executable(tmp_path) == tmp_path / "optstudio" / "optstudio"
    monkeypatch.setattr(sys, "platform", "win32")
    assert build_script.executable(tmp_path) == tmp_path / "optstudio" / "optstudio.exe"
    png = tmp_path / "x.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big")
                    + (480).to_bytes(4, "big") + b"\x08\x06\x00\x00\x00")
    ok, detail = build_script.is_png(png)
    assert ok and "640×480" in detail
    assert build_script.is_png(tmp_path / "nope.png")[0] is False
    assert build_script.folder_size(tmp_path) == png.stat().st_size


def test_build_script_check_only_without_a_build_fails_cleanly(build_script, tmp_path):
    with pytest.raises(SystemExit) as info:
        build_script.main(["--check-only", "--dist", str(tmp_path)])
    assert "does not exist" in str(info.value)


def test_build_script_writes_a_menu_entry_for_the_build(build_script, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    folder = tmp_path / "optstudio"
    (folder / "_internal" / "optstudio" / "gui" / "resources").mkdir(parents=True)
    (folder / "optstudio").write_text("", encoding="utf-8")
    (folder / "_internal" / "optstudio" / "gui" / "resources" / "icon.png").write_bytes(b"\x89PNG")
    path = build_script.write_desktop_file(tmp_path)
    entry = parse_entry(path)
    assert entry["Exec"] == str((folder / "optstudio").resolve())
    assert entry["Icon"].endswith("icon.png") and entry["Categories"] == "Education;ArtificialIntelligence;"
    assert "@" not in path.read_text(encoding="utf-8")


def test_pyproject_ships_the_labs_and_resources():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = data["tool"]["setuptools"]["package-data"]["optstudio"]
    assert "labs/*.json" in package_data and "gui/resources/*" in package_data
