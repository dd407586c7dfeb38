"""Start the OptStudio window: ``python main.py [--config FILE|LAB] [--epochs N] [--screenshot OUT.png]``.

``--config`` takes an experiment or lab file, or the name of a bundled lab (``01``,
``notebook_optimizers``, ``01_notebook_optimizers``: see ``optstudio lab --list``), which opens
like File ▸ Open lab….

``--screenshot OUT.png`` trains through the real window (worker thread, signals, views), waits
until the run ends, saves a picture of the whole window and exits; it works without a display
with ``QT_QPA_PLATFORM=offscreen``. Without ``--config`` it uses the default experiment.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

__all__ = ["main", "build_parser"]

SCREENSHOT_TIMEOUT_S = 900


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit status 2
        self.exit(2, f"{self.prog}: error: {message}\n")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1366x768, got {text!r}") from None
    if width < 200 or height < 200:
        raise argparse.ArgumentTypeError(f"at least 200x200, got {text!r}")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="optstudio-gui", description="OptStudio: watch a neural network being optimised.")
    parser.add_argument("--config", metavar="FILE",
                        help="open this experiment or lab file (JSON or TOML), or a bundled lab by name "
                             "(e.g. 01 or notebook_optimizers)")
    parser.add_argument("--epochs", metavar="N", type=_positive_int, help="number of epochs to train")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="train, save a picture of the window to OUT.png and exit")
    parser.add_argument("--size", metavar="WxH", type=_size, default=(1280, 800),
                        help="window size of --screenshot (default 1280x800)")
    parser.add_argument("--language", choices=["system", "en", "zh_CN"],
                        help="language of the window this time (default: the Language menu's choice, "
                             "else the system's)")
    return parser


class _Interrupt:
    """Ctrl-C in the terminal quits cleanly: the window closes as by File ▸ Quit (training stopped,
    threads ended, settings saved), without a question and without a traceback.

    Qt's event loop runs in C++, where Python cannot act on a signal: the handler only notes it,
    and a timer lets Python look every :attr:`EVERY_MS` milliseconds."""

    EVERY_MS = 200

    def __init__(self) -> None:
        self.hit = False
        self._previous = signal.signal(signal.SIGINT, self._note)

    def _note(self, *_args) -> None:
        self.hit = True

    def watch(self, app, window):
        from PySide6.QtCore import QTimer  # noqa: PLC0415

        def check() -> None:
            if self.hit:
                timer.stop()
                window.confirm = False          # the terminal said so: no question
                window.close()
                app.quit()

        timer = QTimer(app)
        timer.timeout.connect(check)
        timer.start(self.EVERY_MS)
        return timer

    def restore(self) -> None:
        signal.signal(signal.SIGINT, self._previous)


def _owns_the_process() -> bool:
    """No Qt application yet (not embedded in tests or another program), main thread."""
    if threading.current_thread() is not threading.main_thread():
        return False
    core = sys.modules.get("PySide6.QtCore")
    return core is None or core.QCoreApplication.instance() is None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    except SystemExit as exc:       # bad arguments (one line on stderr) or --help
        return exc.code if isinstance(exc.code, int) else 2
    interrupt = _Interrupt() if _owns_the_process() and not args.screenshot else None
    try:
        return _run(parser, args, interrupt)
    finally:
        if interrupt is not None:
            interrupt.restore()


def _run(parser, args, interrupt) -> int:

    # heavy imports after the arguments are known to be fine
    from optstudio.core.experiment import Experiment, ExperimentError  # noqa: PLC0415

    experiment = None
    if args.config:
        try:
            if Path(args.config).expanduser().exists():
                experiment = Experiment.load(Path(args.config).expanduser())
            else:
                from optstudio.labs import load_lab  # noqa: PLC0415 - a bundled lab's name
                experiment = load_lab(args.config)
        except ExperimentError as exc:
            print(f"{parser.prog}: error: {exc}", file=sys.stderr)
            return 2
    if args.epochs is not None:
        experiment = experiment or Experiment()
        experiment.training.epochs = args.epochs
    if args.screenshot and experiment is None:
        experiment = Experiment()
    if args.screenshot:
        out = Path(args.screenshot)
        if out.suffix.lower() not in (".png", ".jpg", ".jpeg", ".bmp"):
            print(f"{parser.prog}: error: --screenshot needs a .png file name, got {str(out)!r}", file=sys.stderr)
            return 2

    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from optstudio.gui.icon import app_icon  # noqa: PLC0415
    from optstudio.gui.main_window import MainWindow  # noqa: PLC0415
    from optstudio.gui.plots import configure_pyqtgraph  # noqa: PLC0415

    app = QApplication.instance()
    owns_app = app is None
    if owns_app:
        from optstudio.gui import qt_check  # noqa: PLC0415
        problem = qt_check.xcb_problem()    # one line instead of Qt's abort (Linux without xcb libraries)
        if problem:
            print(f"{parser.prog}: error: {problem}", file=sys.stderr)
            return 1
        app = QApplication(sys.argv[:1])
        app.setStyle("Fusion")
    app.setApplicationName("OptStudio")
    app.setOrganizationName("OptStudio")
    app.setApplicationDisplayName("OptStudio")
    QGuiApplication.setDesktopFileName("optstudio")   # matches optstudio.desktop (taskbar icon, Wayland)
    app.setWindowIcon(app_icon())
    configure_pyqtgraph()
    if owns_app or args.language:
        from optstudio.gui.i18n import install_language, language_setting, resolve_language  # noqa: PLC0415
        install_language(resolve_language(args.language or language_setting()), app)

    if args.screenshot:
        return _screenshot(app, experiment, Path(args.screenshot), args.size)

    try:
        window = MainWindow(experiment)
    except ExperimentError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 2
    window.show()
    if not owns_app:      # embedded (e.g. tests): the caller runs the event loop
        return 0
    if interrupt is not None:
        if interrupt.hit:                # Ctrl-C while starting
            window.confirm = False
            window.close()
            return 0
        interrupt.watch(app, window)
    return app.exec()


def _screenshot(app, experiment, out: Path, size: tuple[int, int] = (1280, 800)) -> int:
    """Train through the real window, then save ``window.grab()``."""
    from PySide6.QtCore import QEventLoop, QObject, QTimer, Slot  # noqa: PLC0415

    from optstudio.gui.main_window import MainWindow  # noqa: PLC0415

    window = MainWindow(experiment, restore=False, remember=False, confirm=False)
    window.resize(*size)
    window.speed_control.set_pace(None)   # the picture shows the end of the run: no need to watch it
    window.show_view("training")      # the picture is of the window's own training
    window.show()
    loop = QEventLoop()

    class Driver(QObject):
        result = 1
        message = ""

        @Slot()
        def on_ready(self) -> None:
            if not window.start_training():
                self.message = "cannot start training: " + ("; ".join(window.settings.errors) or
                                                            window.notice.text() or "unknown reason")
                self.finish()

        @Slot(str)
        def on_finished(self, status: str) -> None:
            if status in ("diverged", "failed"):
                self.message = f"training {status}: {window.notice.text()}"
            self.finish()

        @Slot()
        def on_timeout(self) -> None:
            self.message = f"timed out after {SCREENSHOT_TIMEOUT_S} s"
            window.shutdown()
            loop.quit()

        @Slot()
        def on_data_error(self) -> None:
            if window.dataset_panel.error.isVisible():
                self.message = "data: " + window.dataset_panel.error.text()
                self.finish()

        def finish(self) -> None:
            app.processEvents()
            picture = window.grab()
            out.parent.mkdir(parents=True, exist_ok=True)
            if picture.save(str(out)):
                self.result = 0
            else:
                self.message = (self.message + "; " if self.message else "") + f"could not write {out}"
            loop.quit()

    driver = Driver()
    window.dataReady.connect(driver.on_ready)
    window.trainingFinished.connect(driver.on_finished)
    window.loader.loader.loaded.connect(driver.on_data_error)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(driver.on_timeout)
    timer.start(SCREENSHOT_TIMEOUT_S * 1000)
    loop.exec()
    timer.stop()
    window.shutdown()
    window.close()
    window.deleteLater()
    if driver.message:
        print(f"optstudio-gui: {driver.message}", file=sys.stderr)
    if driver.result == 0:
        print(f"saved {out}")
    return driver.result


if __name__ == "__main__":
    sys.exit(main())
