"""OptStudio: see how neural networks are optimized.

The public plugin marker is :data:`hookimpl`; the plugin API is documented in
:mod:`optstudio.plugins.hookspecs` and :mod:`optstudio.plugins.types`. ``import optstudio``
loads neither pluggy nor Qt: ``hookimpl`` is imported on first use.
"""

__version__ = "0.1.0"

__all__ = ["hookimpl", "__version__"]


def __getattr__(name: str):
    if name == "hookimpl":
        from optstudio.plugins.hookspecs import hookimpl
        return hookimpl
    raise AttributeError(f"module 'optstudio' has no attribute {name!r}")
