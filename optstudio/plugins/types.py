"""The plugin API's typed records and base classes (they live in :mod:`optstudio.core.optim`,
the protocol the core declares; plugin authors import them from here or from there)."""

from optstudio.core.optim import (DescriptorError, Optimizer, OptimizerInfo, ParamSpec, Schedule,
                                  ScheduleInfo, docstring_block, validate_params)

__all__ = ["ParamSpec", "OptimizerInfo", "ScheduleInfo", "Optimizer", "Schedule", "DescriptorError",
           "validate_params", "docstring_block"]
