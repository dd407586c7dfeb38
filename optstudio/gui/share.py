"""Share an experiment as one line of text: Edit ▸ Copy experiment as text / Paste experiment.

The line is ``optstudio1:`` followed by the experiment's compact JSON (the same data as a saved
file), compressed with zlib and written in URL-safe base64 without padding, e.g.
``optstudio1:eNqrVkrOz8tLLUpVslIqS8wpTVWqBQBGXgbt``. Why not the JSON itself: chat apps and
slide editors change text as it is typed or pasted — straight quotes become “curly” ones, ``--``
an en dash, ``*…*`` and ``_…_`` formatting, long lines are broken, a trailing dot gets attached.
The base64 alphabet (letters, digits, ``-`` and ``_``) has nothing for them to change, and the
line is about a third of the JSON's length. Reading is forgiving of what chats do add: spaces and
line breaks inside the line, text around it (the first ``optstudio1:`` is used), zero-width
characters, a capital first letter, ``--`` turned into a dash (– or —). A whole experiment file (JSON) pasted as it is is read too.

Reading never trusts the text: the decompressed size is bounded (:data:`MAX_FILE_BYTES`), the JSON
goes through the same parser and checks as a file (:func:`loads_settings`,
:meth:`Experiment.from_dict`), and every problem is one line (:class:`ExperimentError`).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib

from PySide6.QtGui import QGuiApplication

from optstudio.core.experiment import MAX_FILE_BYTES, Experiment, ExperimentError, loads_settings
from optstudio.gui.i18n import translate

__all__ = ["PREFIX", "experiment_to_text", "experiment_from_text", "copy_experiment", "paste_experiment"]

#: what every shared line starts with (the digit is the text format's version)
PREFIX = "optstudio1:"
_WHERE = "the pasted text"
_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_TOKEN = re.compile(r"optstudio1:([A-Za-z0-9_\-]*)", re.IGNORECASE)
# word processors and slide editors turn "--" into an en or em dash: each dash is "--" again
_DASHES = str.maketrans({"\u2013": "--", "\u2014": "--"})


def _cleaned(text: str) -> str:
    return _INVISIBLE.sub("", text).translate(_DASHES)


def experiment_to_text(exp: Experiment) -> str:
    """One line: :data:`PREFIX` + base64url(zlib(compact JSON of ``exp.to_dict()``))."""
    data = json.dumps(exp.to_dict(), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return PREFIX + base64.urlsafe_b64encode(zlib.compress(data, 9)).decode("ascii").rstrip("=")


def _json_of_line(text: str) -> str:
    match = _TOKEN.search(_cleaned(text))
    payload = match.group(1) if match else ""
    if not payload:
        raise ExperimentError(translate("Share", "the pasted text has no experiment after '{prefix}' (was the line "
                                                 "cut?)").format(prefix=PREFIX))
    try:
        packed = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise ExperimentError(translate("Share", "the pasted text unpacks to more than {size} MiB; an "
                                                     "experiment is a few kilobytes")
                                  .format(size=MAX_FILE_BYTES // (1024 * 1024)))
        if not inflater.eof:
            raise ExperimentError(translate("Share", "the pasted text is cut short: copy the whole line again"))
        return raw.decode("utf-8")
    except (binascii.Error, zlib.error, ValueError) as exc:
        if isinstance(exc, ExperimentError):
            raise
        raise ExperimentError(translate("Share", "the pasted text is not a whole OptStudio line (it was changed or "
                                                 "cut): copy it again")) from None


def experiment_from_text(text: str) -> Experiment:
    """The experiment of a shared line (or of a pasted JSON experiment file). ExperimentError with
    one line otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise ExperimentError(translate("Share", "the clipboard holds no text: copy an experiment first (Edit ▸ "
                                                 "Copy experiment as text)"))
    if PREFIX in _cleaned(text).lower():
        source = _json_of_line(text)
    elif text.lstrip().startswith("{"):
        source = text
    else:
        raise ExperimentError(translate("Share", "the pasted text is not an OptStudio experiment (a shared one "
                                                 "starts with '{prefix}')").format(prefix=PREFIX))
    return Experiment.from_dict(loads_settings(source, where=_WHERE), where=_WHERE)


def copy_experiment(window) -> str:
    """Put the window's experiment on the clipboard as one line; returns the line."""
    text = experiment_to_text(window.experiment())
    QGuiApplication.clipboard().setText(text)
    window.statusBar().showMessage(translate("Share", "Copied the experiment as one line of text ({count} "
                                                      "characters): paste it into a chat or a slide, and into "
                                                      "OptStudio with Edit ▸ Paste experiment")
                                   .format(count=f"{len(text):,}"), 8000)
    return text


def paste_experiment(window, text: str | None = None) -> bool:
    """Read an experiment from ``text`` (default: the clipboard) into the window. A problem is a
    one-line message and nothing changes."""
    if text is None:
        text = QGuiApplication.clipboard().text()
    try:
        exp = experiment_from_text(text)
        if not window.load_experiment(exp, ask=True):
            return False
    except ValueError as exc:           # ExperimentError, DataError: one line each
        window.show_message(translate("Share", "Cannot paste the experiment"), str(exc))
        return False
    window.path = None
    window.update_title()
    window.show_lab_parts(exp, switch=True)
    window.statusBar().showMessage(translate("Share", "Pasted the experiment"), 5000)
    return True
