"""OptStudio: see how neural networks are optimized.

The Python API for notebooks and scripts (:mod:`optstudio.api`)::

    import optstudio as ops
    run = ops.train(ops.notebook_preset(), optimizer="adam", epochs=2000)
    run.history.arrays()["cost"]

The public plugin marker is :data:`hookimpl`; the plugin API is documented in
:mod:`optstudio.plugins.hookspecs` and :mod:`optstudio.plugins.types`. ``import optstudio``
loads neither pluggy nor Qt: the names below are imported on first use.
"""

__version__ = "0.1.0"

#: the stable public names (tests/test_api.py pins them)
__all__ = ["Experiment", "ExperimentError", "DataError", "notebook_preset", "dataset_from_arrays", "train",
           "iter_epochs", "compare", "Run", "hookimpl", "__version__"]

_API = {"Experiment", "ExperimentError", "DataError", "notebook_preset", "dataset_from_arrays", "train",
        "iter_epochs", "compare", "Run"}


def __getattr__(name: str):
    if name == "hookimpl":
        from optstudio.plugins.hookspecs import hookimpl
        return hookimpl
    if name in _API:
        from optstudio import api
        return getattr(api, name)
    raise AttributeError(f"module 'optstudio' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
