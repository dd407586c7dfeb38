"""One declaration per rule: the training settings' checks and wording come from core.settings."""

import pytest

from optstudio.core.experiment import Experiment, ExperimentError
from optstudio.core.settings import (EPOCHS, LEARNING_RATE, MINI_BATCH_SIZE, SEED, TRAINING_SETTINGS,
                                     check_setting, field_check)


def test_the_rules():
    assert check_setting(LEARNING_RATE, "7e-4") == 0.0007
    assert check_setting(EPOCHS, "12") == 12 and check_setting(MINI_BATCH_SIZE, 1) == 1
    assert check_setting(SEED, 0) == 0
    for spec, bad, words in [(LEARNING_RATE, 0, "must be > 0"), (LEARNING_RATE, -1e-3, "must be > 0"),
                             (LEARNING_RATE, "nan", "finite"), (EPOCHS, 0, "at least 1"),
                             (MINI_BATCH_SIZE, 0, "at least 1"), (SEED, -1, "at least 0"),
                             (EPOCHS, 2.5, "whole number")]:
        with pytest.raises(ValueError, match=words):
            check_setting(spec, bad)
    with pytest.raises(ValueError, match="^--epochs must be a whole number, got '64'$"):
        check_setting(EPOCHS, "64", "--epochs", strict=True)
    assert set(TRAINING_SETTINGS) == {"learning_rate", "epochs", "mini_batch_size", "seed"}


def test_files_engine_cli_and_fields_word_a_rule_the_same_way(capsys):
    from optstudio.cli import main
    from optstudio.core.engine import check_plan

    with pytest.raises(ExperimentError, match="^learning rate α must be > 0, got 0$"):
        Experiment.from_dict({"optstudio": 1, "optimizer": {"learning_rate": 0}})
    with pytest.raises(ValueError, match="^learning rate α must be > 0, got 0$"):
        check_plan([0.0], 64, 10)
    assert field_check(LEARNING_RATE)(0.0) == "learning rate α must be > 0, got 0"
    assert main(["run", "--lr", "0", "--epochs", "1"]) == 2
    assert capsys.readouterr().err.strip().endswith("--lr must be > 0, got 0")
    with pytest.raises(ExperimentError, match="^epochs must be at least 1, got 0$"):
        Experiment.from_dict({"optstudio": 1, "training": {"epochs": 0}})
    assert main(["run", "--epochs", "0"]) == 2
    assert capsys.readouterr().err.strip().endswith("--epochs must be at least 1, got 0")
    assert main(["run", "--batch-size", "0", "--epochs", "1"]) == 2
    assert capsys.readouterr().err.strip().endswith("--batch-size must be at least 1, got 0")
