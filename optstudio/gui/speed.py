"""How fast a run trains, for the status bar: steps and epochs per second, time left (no Qt).

The figures are measured on the wall clock over the last :attr:`SpeedEstimate.WINDOW` seconds of
training, pauses left out: a pause ends a stretch, and a new stretch shows the previous figures
until it is :attr:`SpeedEstimate.MIN_SPAN` seconds long, so the figures do not jump after a
resume. The average over the whole run (every stretch, wall time while training) is what the
training speed control lets the student see, whatever the engine's own speed.
"""

from __future__ import annotations

import math
from collections import deque

__all__ = ["SpeedEstimate"]


class SpeedEstimate:
    """Feed it ``update(time, steps, epoch, running)`` for every snapshot."""

    WINDOW = 2.0
    MIN_SPAN = 0.5

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._samples: deque = deque()
        self.steps_per_second = math.nan
        self.epochs_per_second = math.nan
        self._total_time = 0.0
        self._total_steps = 0

    def update(self, now: float, steps: int, epoch: int, running: bool) -> None:
        samples = self._samples
        if samples:
            t, s, _e = samples[-1]
            if now > t and steps >= s:
                self._total_time += now - t
                self._total_steps += steps - s
        if not running:
            samples.clear()               # a pause (or the end): the next stretch starts afresh
            return
        samples.append((now, steps, epoch))
        while len(samples) > 2 and now - samples[1][0] >= self.WINDOW:
            samples.popleft()
        t0, s0, e0 = samples[0]
        span = now - t0
        if span >= self.MIN_SPAN:
            self.steps_per_second = (steps - s0) / span
            self.epochs_per_second = (epoch - e0) / span

    @property
    def average_steps_per_second(self) -> float:
        """Over every stretch of training so far (pauses left out)."""
        return self._total_steps / self._total_time if self._total_time > 0 else math.nan

    def seconds_left(self, epoch: int, target: int, steps: int | None = None,
                     steps_per_epoch: int | None = None) -> float:
        """Time to the planned epoch at the current speed (nan when unknown). With the steps done
        and the steps per epoch it counts the steps left (smooth: an epoch is not one jump)."""
        if target <= epoch:
            return math.nan
        if steps is not None and steps_per_epoch:
            rate = self.steps_per_second
            left = (target - epoch) * steps_per_epoch - steps % steps_per_epoch
        else:
            rate = self.epochs_per_second
            left = target - epoch
        if not (math.isfinite(rate) and rate > 0):
            return math.nan
        return max(left, 0) / rate
