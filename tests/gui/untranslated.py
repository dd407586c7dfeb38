"""Find English left in the Chinese window: ``python tests/gui/untranslated.py [PAGE ...]``.

Opens the real window in zh_CN (offscreen), shows every page (and the Training page's tabs), and
walks every widget: labels, buttons, group boxes, tab titles, combo box items, placeholders, tool
tips, menus and actions, table headers, plot titles and axis labels. A text is "English" when it
has no Chinese character and an English word of three letters or more that is not a name or a
symbol (:data:`ALLOWED`). ``tests/gui/test_chinese.py`` asserts the list is empty.
"""

from __future__ import annotations

import os
import re
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: words that stay as they are in the Chinese window: names, units, formula symbols, file types
ALLOWED = {
    "adam", "adamw", "amsgrad", "rmsprop", "adagrad", "adadelta", "nadam", "sgd", "lion", "radam", "lamb",
    "adabelief", "yogi", "adamax", "nesterov", "polyak", "mnist", "optstudio", "relu", "leaky", "leaky_relu",
    "tanh", "sigmoid", "softmax", "elu", "gelu", "selu", "swish", "xavier", "glorot", "kaiming", "json",
    "toml", "csv", "png", "svg", "npz", "ini", "epoch", "epochs",
    "pca", "ewa", "dask", "cpu", "gpu", "blas", "max", "min", "log", "exp", "sqrt", "lr", "ctrl", "shift",
    "alt", "esc", "del", "tab", "pytorch", "torch", "optax", "numpy", "python", "pip", "qt", "pyside6",
    "rosenbrock", "himmelblau", "beale", "booth", "rastrigin", "moons", "circles", "blobs", "spiral",
    "xor", "digits", "iris", "gaussian", "hessian", "lanczos", "cifar", "reddi", "kingma", "goodfellow",
    "hinton", "ng", "smith", "cohen", "loshchilov", "hutter", "he", "zh_cn", "utf", "api", "cli", "gui",
    "url", "http", "https", "www", "pdf", "html", "macos", "linux", "windows",
    "sgdr", "onecycle", "inf", "nan", "sign", "tcp", "ms", "mib", "gib", "kib",
    "std", "id", "english", "cos", "sin", "tan", "corrected", "base", "dw", "db", "vdw", "sdw", "beta", "alpha", "eps", "epsilon", "lambda", "theta", "fps",
}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")


def is_english(text: str) -> bool:
    """Untranslated English: no Chinese, and a word of ≥ 3 letters that is not allowed."""
    text = re.sub(r"<[^>]+>", " ", text or "")           # rich text tags
    text = re.sub(r"&(\w+);", " ", text).replace("&", "")  # entities, mnemonics
    if not text.strip() or _CJK.search(text):
        return False
    text = re.sub(r"\b\w*_\w*\b", " ", text)               # identifiers (decay_rate, epoch_num)
    words = [w.lower().strip("'-") for w in _WORD.findall(text)]
    return any(w not in ALLOWED and not w.isupper() for w in words if len(w) >= 3)


def widget_texts(widget) -> list[tuple[str, str]]:
    """(where, text) of one widget's user-visible texts."""
    from PySide6.QtWidgets import (QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QMenu,  # noqa: PLC0415
                                   QPlainTextEdit, QTabBar, QTableWidget, QTextBrowser, QTextEdit,
                                   QTreeWidget, QAbstractSpinBox)

    name = f"{type(widget).__name__}({widget.objectName() or ''})"
    out = []
    if not widget.isVisibleTo(widget.window()) and not isinstance(widget, QMenu):
        return out
    if widget.toolTip():
        out.append((name + ".toolTip", widget.toolTip()))
    if isinstance(widget, QLabel):
        out.append((name, widget.text()))
    elif isinstance(widget, QAbstractButton):
        out.append((name, widget.text()))
    elif isinstance(widget, QGroupBox):
        out.append((name, widget.title()))
    elif isinstance(widget, QComboBox):
        out += [(f"{name}[{i}]", widget.itemText(i)) for i in range(widget.count())]
        out += [(f"{name}[{i}].toolTip", widget.itemData(i, 3) or "") for i in range(widget.count())]
    elif isinstance(widget, QLineEdit):
        out.append((name + ".placeholder", widget.placeholderText()))
    elif isinstance(widget, QAbstractSpinBox):
        out.append((name + ".suffix", getattr(widget, "suffix", lambda: "")()))
        out.append((name + ".specialValueText", widget.specialValueText()))
    elif isinstance(widget, QTabBar):
        out += [(f"{name}.tab[{i}]", widget.tabText(i)) for i in range(widget.count())]
        out += [(f"{name}.tab[{i}].toolTip", widget.tabToolTip(i)) for i in range(widget.count())]
    elif isinstance(widget, (QTextBrowser, QTextEdit, QPlainTextEdit)):
        if isinstance(widget, QTextBrowser) or widget.isReadOnly():
            out.append((name, widget.toPlainText()))
        out.append((name + ".placeholder", widget.placeholderText()))
    elif isinstance(widget, QMenu):
        out.append((name + ".title", widget.title()))
    if isinstance(widget, QTableWidget):
        for i in range(widget.columnCount()):
            item = widget.horizontalHeaderItem(i)
            if item is not None:
                out.append((f"{name}.header[{i}]", item.text()))
    if isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        out += [(f"{name}.header[{i}]", header.text(i)) for i in range(header.columnCount())]
    for action in widget.actions():
        out.append((f"{name}.action", action.text()))
        if action.toolTip() != action.text().replace("&", ""):
            out.append((f"{name}.action.toolTip", action.toolTip()))
        if action.statusTip():
            out.append((f"{name}.action.statusTip", action.statusTip()))
        if action.menu() is not None:
            for sub in action.menu().actions():
                out.append((f"{name}.menu.action", sub.text()))
    out += _plot_texts(widget, name)
    return [(where, text) for where, text in out if text]


def _plot_texts(widget, name: str) -> list[tuple[str, str]]:
    """Titles, axis labels and legend entries of a pyqtgraph plot."""
    try:
        import pyqtgraph as pg  # noqa: PLC0415
    except ImportError:
        return []
    if not isinstance(widget, pg.GraphicsView):
        return []
    out = []
    for item in widget.scene().items():
        if isinstance(item, pg.AxisItem) and item.isVisible() and item.labelText:
            out.append((f"{name}.axis", item.labelText))
        elif isinstance(item, pg.LabelItem) and item.isVisible() and item.text:
            out.append((f"{name}.label", item.text))
        elif isinstance(item, pg.TextItem) and item.isVisible():
            out.append((f"{name}.text", item.toPlainText()))
    return out


def english_in_window(window, pages=None) -> list[str]:
    """Every English text of ``window`` on each of its pages (``pages``: keys of ``PAGES``)."""
    from PySide6.QtWidgets import QApplication, QWidget  # noqa: PLC0415

    from optstudio.gui.pages import PAGES, VIEW_KEYS  # noqa: PLC0415

    found: dict[str, str] = {}

    def walk(label: str) -> None:
        QApplication.processEvents()
        for widget in [window, *window.findChildren(QWidget)]:
            for where, text in widget_texts(widget):
                if is_english(text) and text not in found:
                    found[text] = f"[{label}] {where}: {text!r}"

    walk("window")
    for action in window.menuBar().actions():
        if is_english(action.text()):
            found.setdefault(action.text(), f"[menu] {action.text()!r}")
        for sub in action.menu().actions() if action.menu() else []:
            for text in (sub.text(), sub.toolTip(), sub.statusTip()):
                if is_english(text):
                    found.setdefault(text, f"[menu {action.text()}] {text!r}")
            for subsub in sub.menu().actions() if sub.menu() else []:
                if is_english(subsub.text()):
                    found.setdefault(subsub.text(), f"[menu {sub.text()}] {subsub.text()!r}")
    keys = [key for key, _text, _page, tab in VIEW_KEYS if tab is not None] + list(PAGES)
    for key in keys if pages is None else pages:
        window.show_view(key)
        walk(key)
    return sorted(found.values())


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from optstudio.gui.i18n import install_language  # noqa: PLC0415
    from optstudio.gui.main_window import MainWindow  # noqa: PLC0415

    install_language("zh_CN", app)
    window = MainWindow(None, restore=False, remember=False, confirm=False)
    window.resize(1366, 768)
    window.show()
    for _ in range(50):
        app.processEvents()
    found = english_in_window(window, argv or None)
    print("\n".join(found))
    print(f"{len(found)} untranslated texts", file=sys.stderr)
    window.close()
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
