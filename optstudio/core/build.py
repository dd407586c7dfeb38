"""Where experiment descriptions meet the engine: the one place that builds engines.

Settings → :class:`~optstudio.core.experiment.Experiment` → :func:`build_engine` (one run) or
:func:`build_plan` (several) → :class:`~optstudio.core.engine.Engine` → events → views.
Optimizers and schedules come from a :class:`~optstudio.core.optim.Registry` the caller passes
(the plugin manager), never from a hard-coded list.

A plan trains several variants of an experiment on the same data from the same initial weights.
Variants that share the data, the network, the initialisation, the mini-batch size, the number of
epochs and the shuffling preset are stacked into one engine (one stacked forward/backward pass
per mini-batch, one optimizer call per run): comparing k optimizers then costs much less than k
runs and gives the same numbers. Other variants (a lab comparing mini-batch sizes or
initialisers) get an engine each, trained one after the other.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Iterator, Sequence

import numpy as np

from optstudio.core.datasets import Dataset, load_dataset
from optstudio.core.engine import Engine, EpochEvent, Run, Shuffler, StepEvent
from optstudio.core.experiment import Experiment, ExperimentError, output_units
from optstudio.core.network import Network
from optstudio.core.history import TrainResult
from optstudio.core.i18n import translate
from optstudio.core.memory import memory_problem
from optstudio.core.optim import OptimizerFailure, Registry
from optstudio.core.stack import same_architecture

__all__ = ["build_network", "build_engine", "build_plan", "Plan", "stack_key", "make_shuffler"]


def build_network(experiment: Experiment, dataset: Dataset) -> tuple[Network, Any]:
    """The initialised network and the random generator that continues after initialisation.

    Notebook preset: ``np.random.seed(seed)`` then one ``randn`` per layer (the notebook calls
    ``initialize_parameters`` with seed 3). Default: ``numpy.random.default_rng(seed)``.
    """
    spec = experiment.network
    spec.validate()
    dims = spec.layer_dims(dataset.n_features, output_units(spec, dataset.n_classes))
    _check_network_size(dims, spec.batch_norm, experiment.training.mini_batch_size, dataset)
    try:
        # batch norm: every hidden layer normalised, γ = 1, ν = 0
        net = Network(dims, spec.activations, loss=spec.loss, output_activation=spec.output_activation,
                      l2=spec.l2, leaky_alpha=spec.leaky_alpha,
                      batch_norm_layers=range(1, len(dims) - 1) if spec.batch_norm else None)
    except ValueError as exc:
        raise ExperimentError(str(exc)) from None
    seed = experiment.training.seed
    if experiment.training.preset == "notebook":
        rng = np.random.RandomState(seed)
    else:
        rng = np.random.default_rng(seed)
    net.initialize(spec.init, rng)
    return net, rng


#: float64 arrays of one parameter per parameter: θ and dθ, the initialisation's draw and up to
#: three optimizer state arrays (AMSGrad keeps v, s and ŝ)
PARAMETER_ARRAYS = 6
#: float64 arrays per unit and example in a forward/backward pass: Z, A (or the mask), dZ, dA and
#: the loss's scratch array
ACTIVATION_ARRAYS = 5


def network_bytes(layer_dims: Sequence[int], batch_norm: bool, mini_batch_size: int, m_train: int,
                  m_test: int) -> int:
    """About how much memory training a network of ``layer_dims`` takes: every parameter in
    :data:`PARAMETER_ARRAYS` arrays, and the activations of every unit in
    :data:`ACTIVATION_ARRAYS` arrays for a mini-batch (and a shorter last one), the training set
    and the test set (the engine evaluates both every epoch)."""
    dims = [int(n) for n in layer_dims]
    params = sum(dims[l] * (dims[l - 1] + 1) for l in range(1, len(dims)))
    if batch_norm:
        params += 2 * sum(dims[1:-1])                   # γ and ν of every hidden layer
    batch = min(int(mini_batch_size), m_train)
    examples = 2 * batch + m_train + m_test
    units = sum(dims[1:]) + len(dims) - 1                # with the bias rows
    inputs = dims[0] + 1                                 # the input layer: dA of the first layer only
    return 8 * (params * PARAMETER_ARRAYS + (units * ACTIVATION_ARRAYS + inputs) * examples)


def _check_network_size(dims: list[int], batch_norm: bool, mini_batch_size: int, dataset: Dataset) -> None:
    """ExperimentError, before anything is allocated, for a network that cannot fit in memory."""
    need = network_bytes(dims, batch_norm, mini_batch_size, dataset.m_train, dataset.m_test)
    problem = memory_problem(need, translate("build", "a network of layers {layers} trained on {count} examples")
                             .format(layers="-".join(map(str, dims)), count=dataset.m_train))
    if problem:
        raise ExperimentError(translate("build", "{problem}; use fewer or narrower hidden layers").format(problem=problem))


def make_shuffler(experiment: Experiment, rng) -> Shuffler:
    """Notebook preset: the course's seeds 11, 12, …; default: the generator that initialised the
    network, continued."""
    if experiment.training.preset == "notebook":
        return Shuffler("notebook", start_seed=10)
    return Shuffler("default", rng=rng)


def _optimizer_and_schedule(experiment: Experiment, registry: Registry):
    """(optimizer, schedule, schedule_per) from the registry; ExperimentError for unknown names
    and bad hyperparameters (the plugin's own failure stays an OptimizerFailure)."""
    try:
        optimizer = registry.create_optimizer(experiment.optimizer.name, experiment.optimizer.params)
        schedule = registry.create_schedule(experiment.schedule.name, experiment.schedule.params)
        per = registry.schedule_info(experiment.schedule.name).per
    except KeyError as exc:
        raise ExperimentError(str(exc.args[0]) if exc.args else translate("build", "unknown name")) from None
    except OptimizerFailure:
        raise
    except ValueError as exc:
        raise ExperimentError(str(exc)) from None
    return optimizer, schedule, per


def build_engine(experiment: Experiment, registry: Registry, *, dataset: Dataset | None = None,
                 label: str | None = None) -> Engine:
    """An engine of one run for ``experiment``, not yet started.

    Raises :class:`ExperimentError` (or the data module's ``DataError``) with a one-line message,
    or :class:`OptimizerFailure` when a plugin's factory raises."""
    return build_plan([experiment], registry, [label or experiment.optimizer.name], dataset=dataset).engines[0]


def stack_key(experiment: Experiment) -> str:
    """Experiments with equal keys can share one engine: same data, network (architecture, loss,
    L2, initialiser), seed, mini-batch size, epochs and preset (shuffling)."""
    t = experiment.training
    return json.dumps({"data": experiment.data.to_dict(), "network": asdict(experiment.network), "seed": t.seed,
                       "mini_batch_size": t.mini_batch_size, "epochs": t.epochs, "preset": t.preset},
                      sort_keys=True, default=repr)


def _data_key(experiment: Experiment) -> str:
    return json.dumps(experiment.data.to_dict(), sort_keys=True, default=repr)


class Plan:
    """Several runs in one or more engines, trained one engine after the other.

    ``runs``: one :class:`~optstudio.core.engine.Run` per experiment, in input order (send a run
    commands through its engine: ``run.engine.stop_run(run)``); ``engines``; ``labels``;
    ``experiments``. :meth:`steps` chains the engines' events; closing it stops the plan (runs of
    engines not reached yet are "stopped" before they started; a later :meth:`steps` goes on).
    """

    def __init__(self, engines: list[Engine], runs: list[Run], experiments: list[Experiment], labels: list[str]):
        self.engines = engines
        self.runs = runs
        self.experiments = experiments
        self.labels = labels

    def steps(self, *, until: int | None = None, mini_batches: bool = False) -> Iterator[StepEvent | EpochEvent]:
        done = 0
        try:
            for engine in self.engines:
                yield from engine.steps(until=until, mini_batches=mini_batches)
                done += 1
        finally:
            for engine in self.engines[done + 1:]:
                for r in engine.active:
                    if r.status == "idle":
                        r.status, r.message = "stopped", "Stopped before it started."

    def run(self, until: int | None = None) -> list[TrainResult]:
        for _event in self.steps(until=until):
            pass
        return self.results()

    def results(self) -> list[TrainResult]:
        return [r.result() for r in self.runs]

    @property
    def status(self) -> str:
        """As :attr:`Engine.status`, over all the runs."""
        statuses = [r.status for r in self.runs]
        if any(e.status == "running" for e in self.engines):
            return "running"
        if all(s == "idle" for s in statuses):
            return "idle"
        if any(s == "stopped" for s in statuses) and not any(s in ("finished", "paused") for s in statuses):
            return "stopped"
        if any(s in ("paused", "idle") for s in statuses):
            return "paused"
        if all(s in ("failed", "diverged") for s in statuses):
            return "failed"
        return "finished"

    def __len__(self) -> int:
        return len(self.runs)

    def __repr__(self) -> str:
        return f"<Plan {len(self.runs)} runs in {len(self.engines)} engine(s), {self.status}>"


def build_plan(experiments: Sequence[Experiment], registry: Registry, labels: Sequence[str] | None = None, *,
               stacked: bool = True, dataset: Dataset | None = None) -> Plan:
    """A :class:`Plan` of ``experiments`` (labels default to the optimizer names), not yet run.

    Experiments with the same :func:`stack_key` share an engine (``stacked=False`` gives every run
    its own). ``dataset``: the data of every run (default: each experiment's data description,
    loaded once per distinct description). Raises ``ExperimentError``/``DataError`` with a one-line message on bad input, or
    :class:`OptimizerFailure` when a plugin's factory raises."""
    experiments = list(experiments)
    if not experiments:
        raise ExperimentError(translate("build", "nothing to train: no experiment given"))
    labels = [exp.optimizer.name for exp in experiments] if labels is None else list(labels)
    if len(labels) != len(experiments):
        raise ValueError(f"{len(experiments)} experiments need {len(experiments)} labels, got {len(labels)}")
    datasets: dict[str, Dataset] = {}
    parts = []
    for exp in experiments:
        exp.validate()
        if dataset is None:
            key = _data_key(exp)
            if key not in datasets:
                datasets[key] = load_dataset(exp.data)
            data = datasets[key]
        else:
            data = dataset
        optimizer, schedule, per = _optimizer_and_schedule(exp, registry)
        network, rng = build_network(exp, data)
        parts.append((data, network, rng, optimizer, schedule, per))
    groups: dict[str, list[int]] = {}
    for i, exp in enumerate(experiments):
        groups.setdefault(stack_key(exp) if stacked else str(i), []).append(i)
    engines: list[Engine] = []
    runs: list = [None] * len(experiments)
    for indices in groups.values():
        first = parts[indices[0]][1]
        if not all(same_architecture(first, parts[i][1]) for i in indices):
            together = [[i] for i in indices]      # e.g. batch-normalised networks: one after the other
        else:
            together = [indices]
        for members in together:
            lead = members[0]
            exp = experiments[lead]
            try:
                engine = Engine([parts[i][1] for i in members], parts[lead][0], [parts[i][3] for i in members],
                                [experiments[i].optimizer.learning_rate for i in members],
                                schedules=[parts[i][4] for i in members], schedule_pers=[parts[i][5] for i in members],
                                labels=[labels[i] for i in members], mini_batch_size=exp.training.mini_batch_size,
                                epochs=exp.training.epochs, shuffler=make_shuffler(exp, parts[lead][2]))
            except ValueError as exc:
                raise ExperimentError(str(exc)) from None
            engines.append(engine)
            for i, run in zip(members, engine.runs):
                runs[i] = run
    return Plan(engines, runs, experiments, labels)

