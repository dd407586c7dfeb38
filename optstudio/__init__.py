"""OptStudio: see how neural networks are optimized.

The public plugin marker is :data:`hookimpl`; the plugin API is documented in
:mod:`optstudio.plugins.hookspecs` and :mod:`optstudio.plugins.types`.
"""

from optstudio.plugins.hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = ["hookimpl", "__version__"]
