"""Dataset panel: which data, its parameters, a live preview scatter and inline errors.

Emits ``dataChanged(DataSpec)`` when the described data set changes (valid fields only) and
``errorsChanged(list)``. "Open file…" always opens the file dialog (in the folder of the last
file), also when a file is already open; the open file has its own entry.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from optstudio.core.datasets import BUNDLED, GENERATED, DataSpec, dataset_names, dataset_parameters
from optstudio.gui.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.gui.plots import ScatterPreview
from optstudio.gui.widgets import FieldRow, IntSpinBox, SciSpinBox, compact_combo, hint_label

__all__ = ["DatasetPanel", "OPEN_FILE"]

OPEN_FILE = "__open_file__"
FILE_ENTRY = "__file__"
FILE_FILTER = QT_TRANSLATE_NOOP("DatasetPanel",
                                "Data files (*.csv *.npz *.idx *.gz *-ubyte *.idx1-ubyte *.idx3-ubyte);;All files (*)")

#: the descriptions of the built-in data sets (:data:`GENERATED`, :data:`BUNDLED` of the core),
#: for the translation: shown with ``translate("DatasetPanel", text)`` (English if they change)
_DESCRIPTIONS = (
    QT_TRANSLATE_NOOP("DatasetPanel", "two interleaving half circles (the course's data set; sklearn make_moons)"),
    QT_TRANSLATE_NOOP("DatasetPanel", "a small circle inside a larger one (sklearn make_circles)"),
    QT_TRANSLATE_NOOP("DatasetPanel", "Gaussian clusters, one per class (sklearn make_blobs; noise = cluster spread)"),
    QT_TRANSLATE_NOOP("DatasetPanel", "four quadrant clusters; opposite quadrants share a class"),
    QT_TRANSLATE_NOOP("DatasetPanel", "two interleaved spirals"),
    QT_TRANSLATE_NOOP("DatasetPanel", "two classes separated by a straight line"),
    QT_TRANSLATE_NOOP("DatasetPanel", "8x8 handwritten digits, 10 classes, 1797 images (bundled with scikit-learn)"),
    QT_TRANSLATE_NOOP("DatasetPanel",
                      "iris flowers: 4 measurements, 3 species, 150 examples (bundled with scikit-learn)"),
    QT_TRANSLATE_NOOP("DatasetPanel", "Wisconsin breast cancer: 30 features, malignant/benign, 569 examples "
                                      "(bundled with scikit-learn)"),
)

#: the built-in data sets' names as the list shows them (the name stays: it is what lab files and
#: the command line say; a translation adds a hint in brackets)
DATASET_LABELS = {
    "moons": QT_TRANSLATE_NOOP("DatasetPanel", "moons"),
    "circles": QT_TRANSLATE_NOOP("DatasetPanel", "circles"),
    "blobs": QT_TRANSLATE_NOOP("DatasetPanel", "blobs"),
    "xor": QT_TRANSLATE_NOOP("DatasetPanel", "xor"),
    "spirals": QT_TRANSLATE_NOOP("DatasetPanel", "spirals"),
    "linear": QT_TRANSLATE_NOOP("DatasetPanel", "linear"),
    "digits": QT_TRANSLATE_NOOP("DatasetPanel", "digits"),
    "iris": QT_TRANSLATE_NOOP("DatasetPanel", "iris"),
    "breast_cancer": QT_TRANSLATE_NOOP("DatasetPanel", "breast_cancer"),
}

#: the fields' names in the error lines
FIELD_NAMES = {
    "samples": QT_TRANSLATE_NOOP("DatasetPanel", "samples"),
    "noise": QT_TRANSLATE_NOOP("DatasetPanel", "noise"),
    "factor": QT_TRANSLATE_NOOP("DatasetPanel", "factor"),
    "centers": QT_TRANSLATE_NOOP("DatasetPanel", "centers"),
    "data_seed": QT_TRANSLATE_NOOP("DatasetPanel", "data_seed"),
    "test_fraction": QT_TRANSLATE_NOOP("DatasetPanel", "test_fraction"),
}


def describe(name: str) -> str:
    """A built-in data set's description in the window's language ("" for other names)."""
    text = GENERATED.get(name) or BUNDLED.get(name) or ""
    return translate("DatasetPanel", text) if text else ""

TIPS = {
    "dataset": QT_TRANSLATE_NOOP(
        "DatasetPanel",
        "Which examples the network learns from. The first six are generated 2-D toy problems "
        "(you can watch the decision boundary); digits, iris and breast_cancer are real data sets "
        "with more features, shown as a 2-D PCA projection. “Open file…” loads your own CSV "
        "(features, then the label in the last column), NPZ (arrays X and y) or MNIST IDX files."),
    "samples": QT_TRANSLATE_NOOP("DatasetPanel", "Number of examples to generate (training + test)."),
    "noise": QT_TRANSLATE_NOOP(
        "DatasetPanel",
        "How much random jitter is added to each point: more noise makes the classes overlap, so "
        "no boundary can be perfect. For blobs it is the spread of each cluster."),
    "factor": QT_TRANSLATE_NOOP(
        "DatasetPanel",
        "circles: radius of the inner circle divided by the outer one (0 … 1)."),
    "centers": QT_TRANSLATE_NOOP(
        "DatasetPanel",
        "blobs: number of clusters, i.e. number of classes (more than 2 needs the softmax loss)."),
    "data_seed": QT_TRANSLATE_NOOP(
        "DatasetPanel",
        "Seed of the random numbers that generate the data and split off the test set. "
        "The same seed always gives the same data."),
    "regenerate": QT_TRANSLATE_NOOP(
        "DatasetPanel",
        "Draw a new sample of the same problem (adds 1 to the data seed)."),
    "classes": QT_TRANSLATE_NOOP(
        "DatasetPanel",
        "Keep only these classes, separated by commas (e.g. 0, 1 for digits 0 and 1). "
        "Leave empty to keep every class."),
    "test_fraction": QT_TRANSLATE_NOOP(
        "DatasetPanel",
        "Part of the examples held back as a test set (0 = none). The network never trains on "
        "them, so the test cost and accuracy show how well it generalises."),
    "standardize": QT_TRANSLATE_NOOP(
        "DatasetPanel",
        "Shift and scale every feature to mean 0 and standard deviation 1 (computed on the "
        "training set). Usually makes training faster and more stable."),
    "preset": QT_TRANSLATE_NOOP(
        "DatasetPanel",
        "moons only: generate the data exactly like the course notebook "
        "(np.random.seed(3); make_moons(300, noise=0.2)), so you can reproduce its numbers."),
}


class DatasetPanel(QWidget):
    """Emits ``dataChanged(spec)`` whenever the described data set changes (the window reloads it)."""

    dataChanged = Signal(object)    # DataSpec
    errorsChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("dataset_combo")
        previous_generated = True
        for name in dataset_names():                 # generated ones first, then the bundled ones
            generated = name in GENERATED
            if previous_generated and not generated and self.combo.count():
                self.combo.insertSeparator(self.combo.count())
            previous_generated = generated
            self.combo.addItem(translate("DatasetPanel", DATASET_LABELS[name]) if name in DATASET_LABELS else name,
                               name)
            self.combo.setItemData(self.combo.count() - 1, describe(name) or name, Qt.ItemDataRole.ToolTipRole)
        self.combo.insertSeparator(self.combo.count())
        self.combo.addItem(translate("DatasetPanel", "Open file…"), OPEN_FILE)
        self.combo.setItemData(self.combo.count() - 1, translate("DatasetPanel", "Choose a CSV, NPZ or MNIST IDX file."),
                               Qt.ItemDataRole.ToolTipRole)
        #: the folder the file dialog opens in (the last file's; the window remembers it)
        self.folder = ""
        self.combo.setToolTip(_tip("dataset"))
        compact_combo(self.combo)
        self.description = hint_label()

        self.samples = IntSpinBox(2, 1_000_000)
        self.samples.setValue(300)
        self.samples.setSingleStep(50)
        self.noise = SciSpinBox(0.0, 100.0, step=0.05)
        self.noise.setValue(0.2)
        self.factor = SciSpinBox(0.0, 0.99, step=0.05)
        self.factor.setValue(0.5)
        self.centers = IntSpinBox(2, 100)
        self.centers.setValue(3)
        self.data_seed = IntSpinBox(0, 2**31 - 1)
        self.regenerate = QPushButton(translate("DatasetPanel", "Regenerate"))
        self.regenerate.setToolTip(_tip("regenerate"))
        self.classes = QLineEdit()
        self.classes.setPlaceholderText(translate("DatasetPanel", "all classes (or e.g. 0, 1)"))
        self.classes.setClearButtonEnabled(True)
        self.test_fraction = SciSpinBox(0.0, 0.99, step=0.05)
        self.test_fraction.setValue(0.0)
        self.standardize = QCheckBox(translate("DatasetPanel", "Standardise features (mean 0, std 1)"))
        self.notebook = QCheckBox(translate("DatasetPanel", "Generate like the course notebook"))

        for key in ("samples", "noise", "factor", "centers", "data_seed", "classes", "test_fraction",
                    "standardize"):
            getattr(self, key).setToolTip(_tip(key))
        self.notebook.setToolTip(_tip("preset"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label(translate("DatasetPanel", "Data set:"), "dataset"), self.combo)
        form.addRow(self.description)
        self.rows: dict[str, FieldRow] = {}
        for key, text in (("samples", translate("DatasetPanel", "Samples:")),
                          ("noise", translate("DatasetPanel", "Noise:")),
                          ("factor", translate("DatasetPanel", "Factor:")),
                          ("centers", translate("DatasetPanel", "Centers:"))):
            self.rows[key] = FieldRow(getattr(self, key))
            form.addRow(self._label(text, key), self.rows[key])
        seed_row = QHBoxLayout()
        self.rows["data_seed"] = FieldRow(self.data_seed)
        seed_row.addWidget(self.rows["data_seed"], 1)
        seed_row.addWidget(self.regenerate, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self._label(translate("DatasetPanel", "Data seed:"), "data_seed"), seed_row)
        form.addRow(self._label(translate("DatasetPanel", "Classes:"), "classes"), self.classes)
        self.rows["test_fraction"] = FieldRow(self.test_fraction)
        form.addRow(self._label(translate("DatasetPanel", "Test fraction:"), "test_fraction"), self.rows["test_fraction"])
        form.addRow(self.standardize)
        form.addRow(self.notebook)
        self._labels_form = form

        self.info = QLabel()
        self.info.setWordWrap(True)
        self.error = hint_label(error=True)
        self.error.setObjectName("dataset_error")
        self.error.hide()
        self.preview = ScatterPreview()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.info)
        layout.addWidget(self.preview)

        self._file_path: str | None = None
        self._shown = self.combo.currentIndex()
        self._last_choice = "moons"
        self.combo.currentIndexChanged.connect(self._on_combo)
        for spin in (self.samples, self.noise, self.factor, self.centers, self.data_seed, self.test_fraction):
            spin.valueChanged.connect(self._on_field)
            spin.validityChanged.connect(self._on_validity)
        self.classes.textChanged.connect(self._on_field)
        self.standardize.toggled.connect(self._on_field)
        self.notebook.toggled.connect(self._on_field)
        self.regenerate.clicked.connect(self._on_regenerate)
        self._update_enabled()

    def _label(self, text: str, key: str) -> QLabel:
        label = QLabel(text)
        label.setToolTip(_tip(key))
        return label

    # ------------------------------------------------------------------ spec <-> widgets
    def name(self) -> str:
        data = self.combo.currentData()
        if data in (OPEN_FILE, FILE_ENTRY):
            return self._file_path or self._last_choice
        return str(data)

    def spec(self) -> DataSpec:
        classes_text = self.classes.text().strip()
        classes = [c.strip() for c in classes_text.split(",") if c.strip()] or None
        return DataSpec(
            name=self.name(), samples=int(self.samples.value()), noise=float(self.noise.value()),
            factor=float(self.factor.value()), centers=int(self.centers.value()),
            data_seed=int(self.data_seed.value()), classes=classes,
            test_fraction=float(self.test_fraction.value()), standardize=self.standardize.isChecked(),
            preset="notebook" if self.notebook.isChecked() else "default",
        )

    def set_spec(self, spec: DataSpec) -> None:
        """Show ``spec`` (no ``dataChanged``: the caller reloads)."""
        self.blockSignals(True)
        try:
            name = os.fspath(spec.name)
            index = self.combo.findData(name.strip().lower())
            if index < 0 and name.strip().lower().replace("-", "_") in BUNDLED:
                index = self.combo.findData(name.strip().lower().replace("-", "_"))
            if index >= 0:
                self._set_combo(index)
            else:
                self._set_file(name)
            for key in ("samples", "centers", "data_seed"):
                getattr(self, key).setValue(int(min(getattr(spec, key), 2**31 - 1)))
            for key in ("noise", "factor", "test_fraction"):
                getattr(self, key).setValue(float(getattr(spec, key)))
            self.classes.setText(", ".join(str(c) for c in spec.classes) if spec.classes else "")
            self.standardize.setChecked(bool(spec.standardize))
            self.notebook.setChecked(str(spec.preset).lower() == "notebook")
        finally:
            self.blockSignals(False)
        self._update_enabled()
        self.errorsChanged.emit(self.errors())

    def _set_combo(self, index: int) -> None:
        self._shown = index
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        data = self.combo.itemData(index)
        if data not in (OPEN_FILE, FILE_ENTRY):
            self._last_choice = str(data)

    def _set_file(self, path: str) -> None:
        """The file's own entry (before "Open file…"), selected."""
        self._file_path = path
        self.folder = os.path.dirname(os.path.abspath(path)) if path else self.folder
        index = self.combo.findData(FILE_ENTRY)
        if index < 0:
            index = self.combo.findData(OPEN_FILE)
            self.combo.blockSignals(True)        # (the current index moves: not a choice)
            self.combo.insertItem(index, "", FILE_ENTRY)
            self.combo.blockSignals(False)
        self.combo.setItemText(index, translate("DatasetPanel", "File: {name}").format(
            name=os.path.basename(os.path.normpath(path)) or path))
        self.combo.setItemData(index, path, Qt.ItemDataRole.ToolTipRole)
        self._set_combo(index)

    # ------------------------------------------------------------------ state
    def errors(self) -> list[str]:
        out = []
        for key, row in self.rows.items():
            field = row.field
            if field.isEnabled() and not field.is_valid():
                out.append(translate("DatasetPanel", "{field}: {problem}").format(
                    field=translate("DatasetPanel", FIELD_NAMES.get(key, key)), problem=field.error_message()))
        return out

    def is_valid(self) -> bool:
        return not self.errors()

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def _update_enabled(self) -> None:
        name = self.name()
        params = set(dataset_parameters(name))
        for key in ("samples", "noise", "factor", "centers"):
            self.rows[key].setEnabled(key in params)
        seed_matters = "data_seed" in params or self.test_fraction.value() > 0
        self.rows["data_seed"].setEnabled(seed_matters)
        self.regenerate.setEnabled(seed_matters)
        self.notebook.setEnabled(name == "moons")
        key = name.strip().lower()
        if key in GENERATED or key in BUNDLED:
            text = describe(key)
        else:
            text = translate("DatasetPanel", "Your file: {name}").format(name=name)
        self.description.setText(text)

    # ------------------------------------------------------------------ slots
    def _emit(self) -> None:
        self.errorsChanged.emit(self.errors())
        if self.is_valid():
            self.dataChanged.emit(self.spec())

    @Slot(int)
    def _on_combo(self, index: int) -> None:
        data = self.combo.itemData(index)
        if data == OPEN_FILE:
            path, _ = QFileDialog.getOpenFileName(self, translate("DatasetPanel", "Open a data file"), self.folder,
                                                  translate("DatasetPanel", FILE_FILTER))
            if not path:              # cancelled: back to what was shown
                self._set_combo(self._shown)
                return
            self._set_file(path)
        else:
            self._set_combo(index)
        self._update_enabled()
        self._emit()

    def open_file(self, path: str) -> None:
        """Use a data file (what “Open file…” does after its dialog)."""
        self._set_file(path)
        self._update_enabled()
        self._emit()

    def choose(self, name: str) -> None:
        index = self.combo.findData(name)
        if index < 0:
            raise ValueError(f"unknown data set {name!r}")
        self.combo.setCurrentIndex(index)

    @Slot()
    def _on_field(self) -> None:
        self._update_enabled()
        self._emit()

    @Slot(bool, str)
    def _on_validity(self, _valid: bool, _message: str) -> None:
        self.errorsChanged.emit(self.errors())

    @Slot()
    def _on_regenerate(self) -> None:
        self.data_seed.setValue(self.data_seed.value() + 1)


def _tip(key: str) -> str:
    return translate("DatasetPanel", TIPS[key])
