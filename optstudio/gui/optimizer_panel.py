"""Optimizer panel: optimizer and schedule (from the plugin manager, forms generated from their
ParamSpecs), learning rate α, mini-batch size, epochs and seed.

Nothing here names a particular optimizer: the lists and forms come from the plugins. The panel
emits what it shows, with the values (``learningRateChanged(float)``, ``optimizerChanged(spec)``,
…), only for valid values; ``errorsChanged(list)`` says what is wrong. Choosing another optimizer
sets its suggested α and emits ONE ``optimizerChanged`` whose spec carries that α (no separate
``learningRateChanged``). The fields check with the rules of :mod:`optstudio.core.settings`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from optstudio.core.settings import EPOCHS, LEARNING_RATE, MINI_BATCH_SIZE, SEED, field_check
from optstudio.core.experiment import OptimizerSpec, ScheduleSpec, TrainingSpec
from optstudio.gui.formatting import format_number
from optstudio.gui.i18n import QT_TRANSLATE_NOOP, localized, translate
from optstudio.gui.param_form import ParamForm
from optstudio.gui.widgets import CollapsibleSection, FieldRow, FloatEdit, FormulaLabel, IntSpinBox, compact_combo, hint_label

__all__ = ["OptimizerPanel"]

TIPS = {
    "optimizer": QT_TRANSLATE_NOOP(
        "OptimizerPanel",
        "The rule that turns the gradient dW into a change of the weights W. The list comes from "
        "the plugins (built-in and your own in the plugins folder)."),
    "learning_rate": QT_TRANSLATE_NOOP(
        "OptimizerPanel",
        "Learning rate α: the size of each step. Too small: slow progress. Too large: the cost "
        "jumps around or blows up. Type 0.0007 or 7e-4. Must be > 0."),
    "schedule": QT_TRANSLATE_NOOP(
        "OptimizerPanel",
        "How α changes during training (learning-rate decay). “Constant” keeps α fixed."),
    "batch": QT_TRANSLATE_NOOP(
        "OptimizerPanel",
        "Mini-batch size: examples per gradient step. 1 = stochastic gradient descent; the whole "
        "training set = batch gradient descent; 64 is a typical mini-batch."),
    "epochs": QT_TRANSLATE_NOOP(
        "OptimizerPanel",
        "Epochs: how many times the training goes through all the training examples. You can raise "
        "it while paused or after the end and continue."),
    "seed": QT_TRANSLATE_NOOP(
        "OptimizerPanel",
        "Seed of the random numbers for the initial weights and the shuffling of mini-batches. "
        "The same seed gives the same run."),
    "notebook": QT_TRANSLATE_NOOP(
        "OptimizerPanel",
        "Shuffle the mini-batches with the course notebook's seeds (10, 11, 12, …) and initialise "
        "with np.random.seed(seed), to reproduce the notebook's numbers exactly."),
    "formula": QT_TRANSLATE_NOOP(
        "OptimizerPanel",
        "The update rule of this optimizer, as the plugin describes it (α learning rate, dW gradient, "
        "t step number)."),
    "schedule_formula": QT_TRANSLATE_NOOP(
        "OptimizerPanel",
        "How this schedule computes α from the initial rate α0."),
}


class OptimizerPanel(QWidget):
    optimizerChanged = Signal(object)      # OptimizerSpec: another optimizer (with its α) or hyperparameters
    learningRateChanged = Signal(float)
    scheduleChanged = Signal(object)       # ScheduleSpec
    epochsChanged = Signal(int)
    miniBatchSizeChanged = Signal(int)
    seedChanged = Signal(int)
    presetChanged = Signal(str)            # "notebook" (the course's shuffling) or "default"
    errorsChanged = Signal(list)           # one line per problem; [] when every field is fine

    def __init__(self, manager, parent: QWidget | None = None):
        super().__init__(parent)
        self.manager = manager
        self._setting_default = False
        self.optimizer = QComboBox()
        self.optimizer.setObjectName("optimizer_combo")
        self.optimizer.setToolTip(_tip("optimizer"))
        self.description = hint_label()
        self.formula = FormulaLabel()
        self.formula.setObjectName("optimizer_formula")
        self.formula.setToolTip(_tip("formula"))
        self.learning_rate = FloatEdit(0.001, check=_positive)
        self.learning_rate.setObjectName("learning_rate")
        self.learning_rate.setToolTip(_tip("learning_rate"))
        self.lr_row = FieldRow(self.learning_rate)
        self.lr_hint = hint_label()
        self.lr_hint.hide()
        self.form = ParamForm()
        self.form.setObjectName("optimizer_form")
        # weight decay and clipping, offered to every optimizer by the host (core.optim's shared
        # pieces); folded away: most lessons leave them at 0 (off)
        self.shared_form = ParamForm()
        self.shared_form.setObjectName("shared_form")
        self.shared_section = CollapsibleSection(translate("OptimizerPanel", "Weight decay and clipping"),
                                                 self.shared_form, expanded=False)
        self.shared_section.setToolTip(translate("OptimizerPanel",
                                                 "Shared by every optimizer: L2 weight decay (coupled, dW + λ·W, "
                                                 "or decoupled, W·(1 − α·λ)) and gradient clipping. 0 = off."))
        self.optimizer_error = hint_label(error=True)
        self.optimizer_error.hide()

        self.schedule = QComboBox()
        self.schedule.setObjectName("schedule_combo")
        self.schedule.setToolTip(_tip("schedule"))
        self.schedule_description = hint_label()
        self.schedule_formula = FormulaLabel()
        self.schedule_formula.setToolTip(_tip("schedule_formula"))
        self.schedule_form = ParamForm()
        self.schedule_error = hint_label(error=True)
        self.schedule_error.hide()

        self.batch = IntSpinBox(int(MINI_BATCH_SIZE.min), 10_000_000, check=field_check(MINI_BATCH_SIZE))
        self.batch.setObjectName("mini_batch_size")
        self.batch.setValue(64)
        self.batch.setToolTip(_tip("batch"))
        self.epochs = IntSpinBox(int(EPOCHS.min), 100_000_000, check=field_check(EPOCHS))
        self.epochs.setObjectName("epochs")
        self.epochs.setValue(1000)
        self.epochs.setSingleStep(100)
        self.epochs.setToolTip(_tip("epochs"))
        self.seed = IntSpinBox(int(SEED.min), 2**31 - 1, check=field_check(SEED))
        self.seed.setObjectName("seed")
        self.seed.setValue(1)
        self.seed.setToolTip(_tip("seed"))
        self.notebook = QCheckBox(translate("OptimizerPanel", "Shuffle with the notebook's seeds"))
        self.notebook.setToolTip(_tip("notebook"))
        self.training_rows = {key: FieldRow(getattr(self, key)) for key in ("batch", "epochs", "seed")}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        top = QFormLayout()
        top.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        top.addRow(self._label(translate("OptimizerPanel", "Optimizer:"), "optimizer"), self.optimizer)
        layout.addLayout(top)
        layout.addWidget(self.description)
        update_title = QLabel(translate("OptimizerPanel", "Update rule:"))
        update_title.setToolTip(_tip("formula"))
        layout.addWidget(update_title)
        layout.addWidget(self.formula)
        lr_form = QFormLayout()
        lr_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        lr_form.addRow(self._label(translate("OptimizerPanel", "Learning rate α:"), "learning_rate"), self.lr_row)
        layout.addLayout(lr_form)
        layout.addWidget(self.lr_hint)
        layout.addWidget(self.form)
        layout.addWidget(self.shared_section)
        layout.addWidget(self.optimizer_error)

        sched_form = QFormLayout()
        sched_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        sched_form.addRow(self._label(translate("OptimizerPanel", "α schedule:"), "schedule"), self.schedule)
        layout.addSpacing(6)
        layout.addLayout(sched_form)
        layout.addWidget(self.schedule_description)
        layout.addWidget(self.schedule_formula)
        layout.addWidget(self.schedule_form)
        layout.addWidget(self.schedule_error)

        train_form = QFormLayout()
        train_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        train_form.addRow(self._label(translate("OptimizerPanel", "Mini-batch size:"), "batch"), self.training_rows["batch"])
        train_form.addRow(self._label(translate("OptimizerPanel", "Epochs:"), "epochs"), self.training_rows["epochs"])
        train_form.addRow(self._label(translate("OptimizerPanel", "Seed:"), "seed"), self.training_rows["seed"])
        train_form.addRow(self.notebook)
        layout.addSpacing(6)
        layout.addLayout(train_form)

        self._fill_combos()
        self.optimizer.currentIndexChanged.connect(self._on_optimizer)
        self.schedule.currentIndexChanged.connect(self._on_schedule)
        for form in (self.form, self.shared_form):
            form.changed.connect(self._on_optimizer_params)
            form.validityChanged.connect(self._on_optimizer_params)    # (a value made valid again)
        self.schedule_form.changed.connect(self._on_schedule_params)
        self.schedule_form.validityChanged.connect(self._on_schedule_params)
        self.learning_rate.valueChanged.connect(self._on_learning_rate)
        self.learning_rate.validityChanged.connect(self._on_validity2)
        self.batch.valueChanged.connect(self.miniBatchSizeChanged)
        self.seed.valueChanged.connect(self.seedChanged)
        self.notebook.toggled.connect(lambda on: self.presetChanged.emit("notebook" if on else "default"))
        self.epochs.valueChanged.connect(self.epochsChanged)
        for spin in (self.batch, self.epochs, self.seed):
            spin.validityChanged.connect(self._on_validity2)
        self.set_specs(OptimizerSpec(), ScheduleSpec(), TrainingSpec())

    def _label(self, text: str, key: str) -> QLabel:
        label = QLabel(text)
        label.setToolTip(_tip(key))
        return label

    # ------------------------------------------------------------------ lists and forms
    def _fill_combos(self) -> None:
        for combo, table in ((self.optimizer, self.manager.optimizers), (self.schedule, self.manager.schedules)):
            combo.blockSignals(True)
            combo.clear()
            for name, info in table.items():
                label = _info_label(info)
                text = label if info.label.lower() == name.lower() else f"{label}  ({name})"
                combo.addItem(text, name)
                tip = _info_description(info) or label
                try:
                    source = self.manager.source("optimizer" if combo is self.optimizer else "schedule", name)
                except Exception:  # noqa: BLE001
                    source = ""
                if source and source != "built-in":
                    tip += "\n\n" + translate("OptimizerPanel", "Plugin: {source}").format(source=source)
                combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
            compact_combo(combo)
            combo.blockSignals(False)

    def _show_optimizer(self, name: str) -> None:
        info = self.manager.optimizers[name]
        description = _info_description(info)
        self.description.setText(description)
        self.formula.setText(_info_formula(info) or translate("OptimizerPanel", "(the plugin gives no formula)"))
        self.form.set_specs(info.params, getattr(info, "translations", None))
        shared = tuple(p for p in info.all_params if p not in info.params)
        self.shared_form.set_specs(shared)
        self.shared_section.setVisible(bool(shared))
        self.optimizer.setToolTip(f"{_tip('optimizer')}\n\n{_info_label(info)}: {description}")

    def _show_schedule(self, name: str) -> None:
        info = self.manager.schedules[name]
        description = _info_description(info)
        if info.per == "epoch":
            recomputed = translate("OptimizerPanel", "α is recomputed once per epoch.")
        else:
            recomputed = translate("OptimizerPanel", "α is recomputed before every mini-batch step.")
        self.schedule_description.setText(
            translate("OptimizerPanel", "{description} ({recomputed})").format(description=description,
                                                                               recomputed=recomputed)
            if description else recomputed)
        self.schedule_formula.setText(_info_formula(info) or translate("OptimizerPanel",
                                                                       "(the plugin gives no formula)"))
        self.schedule_form.set_specs(info.params, getattr(info, "translations", None))
        self.schedule.setToolTip(f"{_tip('schedule')}\n\n{_info_label(info)}: {description}")

    # ------------------------------------------------------------------ values
    def optimizer_name(self) -> str:
        return str(self.optimizer.currentData())

    def schedule_name(self) -> str:
        return str(self.schedule.currentData())

    def optimizer_spec(self) -> OptimizerSpec:
        params = self.form.values()
        defaults = {spec.name: spec.default for spec in self.shared_form.specs}
        params.update((name, value) for name, value in self.shared_form.values().items()
                      if value != defaults[name])       # only the shared pieces that are on
        return OptimizerSpec(name=self.optimizer_name(), learning_rate=float(self.learning_rate.value()),
                             params=params)

    def schedule_spec(self) -> ScheduleSpec:
        return ScheduleSpec(name=self.schedule_name(), params=self.schedule_form.values())

    def training_spec(self, base: TrainingSpec | None = None) -> TrainingSpec:
        preset = "notebook" if self.notebook.isChecked() else "default"
        return TrainingSpec(mini_batch_size=int(self.batch.value()), epochs=int(self.epochs.value()),
                            seed=int(self.seed.value()), preset=preset)

    def set_specs(self, optimizer: OptimizerSpec, schedule: ScheduleSpec, training: TrainingSpec) -> None:
        """Show these settings (names and params must be valid for the manager). Emits only
        ``errorsChanged``."""
        self.blockSignals(True)
        try:
            for combo in (self.optimizer, self.schedule):
                combo.blockSignals(True)
            index = self.optimizer.findData(optimizer.name)
            self.optimizer.setCurrentIndex(max(index, 0))
            self._show_optimizer(self.optimizer_name())
            self.form.set_values(optimizer.params)
            self.shared_form.set_values(optimizer.params)
            self.learning_rate.setValue(optimizer.learning_rate)
            self.lr_hint.hide()
            index = self.schedule.findData(schedule.name)
            self.schedule.setCurrentIndex(max(index, 0))
            self._show_schedule(self.schedule_name())
            self.schedule_form.set_values(schedule.params)
            self.batch.setValue(int(min(training.mini_batch_size, 10_000_000)))
            self.epochs.setValue(int(max(min(training.epochs, 100_000_000), 1)))
            self.seed.setValue(int(min(training.seed, 2**31 - 1)))
            self.notebook.setChecked(training.preset == "notebook")
        finally:
            for combo in (self.optimizer, self.schedule):
                combo.blockSignals(False)
            self.blockSignals(False)
        self._check_objects()
        self.errorsChanged.emit(self.errors())

    def set_manager(self, manager) -> None:
        """Another plugin manager (Plugins ▸ Reload plugins): the lists are filled again; the
        caller shows its settings again with :meth:`set_specs`."""
        self.manager = manager
        self._fill_combos()

    def select_optimizer(self, name: str) -> None:
        """Choose an optimizer as the user would (its form and default α)."""
        index = self.optimizer.findData(name)
        if index < 0:
            raise ValueError(f"unknown optimizer {name!r}")
        self.optimizer.setCurrentIndex(index)

    # ------------------------------------------------------------------ validation
    def errors(self) -> list[str]:
        out = []
        if not self.learning_rate.is_valid():
            out.append(translate("OptimizerPanel", "learning rate α: {problem}").format(
                problem=self.learning_rate.error_message()))
        out += [translate("OptimizerPanel", "optimizer {problem}").format(problem=e)
                for e in self.form.errors() + self.shared_form.errors()]
        out += [translate("OptimizerPanel", "schedule {problem}").format(problem=e)
                for e in self.schedule_form.errors()]
        for row in self.training_rows.values():
            if not row.field.is_valid():
                out.append(row.field.error_message())
        if self.optimizer_error.text():
            out.append(self.optimizer_error.text())
        if self.schedule_error.text():
            out.append(self.schedule_error.text())
        return out

    def is_valid(self) -> bool:
        return not self.errors()

    def _check_objects(self) -> None:
        """Let the plugin's factory judge the combination of values (it may refuse some)."""
        for form, error, create, name in (
                (self.form, self.optimizer_error, self.manager.create_optimizer, self.optimizer_name()),
                (self.schedule_form, self.schedule_error, self.manager.create_schedule, self.schedule_name())):
            message = ""
            if form.is_valid():
                try:
                    create(name, form.values())
                except Exception as exc:  # noqa: BLE001 - ValueError or a plugin's crash
                    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            error.setText(message)
            error.setVisible(bool(message))

    # ------------------------------------------------------------------ slots
    def _optimizer_valid(self) -> bool:
        return not (self.form.errors() or self.shared_form.errors() or self.optimizer_error.text())

    def _schedule_valid(self) -> bool:
        return not (self.schedule_form.errors() or self.schedule_error.text())

    def _emit_optimizer(self) -> None:
        self._check_objects()
        self.errorsChanged.emit(self.errors())
        if self._optimizer_valid() and self.learning_rate.is_valid():
            self.optimizerChanged.emit(self.optimizer_spec())

    def _emit_schedule(self) -> None:
        self._check_objects()
        self.errorsChanged.emit(self.errors())
        if self._schedule_valid():
            self.scheduleChanged.emit(self.schedule_spec())

    @Slot(int)
    def _on_optimizer(self, _index: int) -> None:
        name = self.optimizer_name()
        self._show_optimizer(name)
        info = self.manager.optimizers[name]
        default = float(info.default_learning_rate)
        self._setting_default = True        # the new α goes with the optimizer, once
        try:
            self.learning_rate.setValue(default)
        finally:
            self._setting_default = False
        self.lr_hint.setText(translate("OptimizerPanel", "α set to {optimizer}'s suggested value {value}.").format(
            optimizer=_info_label(info), value=format_number(default)))
        self.lr_hint.show()
        self._emit_optimizer()

    @Slot(int)
    def _on_schedule(self, _index: int) -> None:
        self._show_schedule(self.schedule_name())
        self._emit_schedule()

    @Slot()
    def _on_optimizer_params(self) -> None:
        self._emit_optimizer()

    @Slot()
    def _on_schedule_params(self) -> None:
        self._emit_schedule()

    @Slot(float)
    def _on_learning_rate(self, value: float) -> None:
        if self._setting_default:
            return
        self.lr_hint.hide()
        self.learningRateChanged.emit(value)

    @Slot(bool, str)
    def _on_validity2(self, _valid: bool, _message: str) -> None:
        self.errorsChanged.emit(self.errors())


_learning_rate_problem = field_check(LEARNING_RATE, "α")


def _positive(value: float) -> str | None:
    problem = _learning_rate_problem(value)
    return translate("OptimizerPanel", "{problem} (e.g. 0.001)").format(problem=problem) if problem else None


def _tip(key: str) -> str:
    return translate("OptimizerPanel", TIPS[key])


def _info_label(info) -> str:
    """An optimizer's or schedule's label in the window's language (the plugin's translation)."""
    return localized(getattr(info, "translations", None), "label", info.label)


def _info_formula(info) -> str:
    """The formula as the plugin wrote it (a translation only if the plugin gives one: the
    notation is the course's, its words may be translated)."""
    return str(localized(getattr(info, "translations", None), "formula", info.formula)).strip()


def _info_description(info) -> str:
    translations = getattr(info, "translations", None)
    text = localized(translations, "description", None) or localized(translations, "help", None)
    return text or info.description
