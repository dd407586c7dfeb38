"""Numbers for people: short, readable, round-trippable (no Qt)."""

from __future__ import annotations

import math

__all__ = ["format_number", "parse_number", "format_duration", "format_count"]


def format_number(value: float, digits: int = 10) -> str:
    """``0.0007`` → ``"0.0007"``, ``1e-08`` → ``"1e-8"``, ``0.9`` → ``"0.9"``, ``2.0`` → ``"2"``.

    Plain notation for 1e-4 ≤ |v| < 1e6, scientific (without padded exponent) otherwise.
    ``parse_number(format_number(v))`` gives ``v`` back to ``digits`` significant digits.
    """
    if value is None:
        return ""
    value = float(value)
    if value == 0:
        return "0"
    if not math.isfinite(value):
        return str(value)
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else ""
        text = f"{mantissa}e{sign}{int(exponent.lstrip('+-'))}"
    return text


def parse_number(text: str) -> float:
    """Accept ``0.0007``, ``7e-4``, ``7E-4``, ``7·10^-4`` and a decimal comma; ValueError otherwise."""
    s = str(text).strip().replace(" ", "").replace("−", "-")
    if not s:
        raise ValueError("empty")
    s = s.replace(",", ".")
    for times in ("·10^", "*10^", "x10^", "×10^"):
        s = s.replace(times, "e")
    value = float(s)
    if not math.isfinite(value):
        raise ValueError("not finite")
    return value


def format_duration(seconds: float) -> str:
    """``75`` → ``"1:15"``, ``3725`` → ``"1:02:05"``."""
    if not math.isfinite(seconds) or seconds < 0:
        return "–"
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def format_count(n: float) -> str:
    """``12345`` → ``"12,345"``; ``1234.5`` → ``"1,234"``."""
    return f"{int(round(n)):,}"
