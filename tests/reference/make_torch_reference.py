"""Generate ``torch_optimizers.json``: reference trajectories of torch.optim optimizers.

This script needs PyTorch, which is NOT a dependency of OptStudio, and it is NOT run by the
tests: the tests only read the JSON it writes. To regenerate the file::

    python -m venv --system-site-packages /tmp/torchenv
    /tmp/torchenv/bin/pip install torch==2.13.0
    /tmp/torchenv/bin/python tests/reference/make_torch_reference.py          # adds new cases
    /tmp/torchenv/bin/python tests/reference/make_torch_reference.py --all    # recomputes all

By default only the cases of ``CASES`` that the file does not hold yet are computed; the cases
already there are kept as they are, byte for byte (torch's CPU kernels can differ in the last
bit from one processor to another, so a rerun elsewhere would otherwise rewrite old values).
A case computed with another torch version than the file's records its own ``torch_version``.

Each case runs one torch optimizer in float64 (default dtype float64 too) for ``STEPS`` steps
on a fixed parameter vector, feeding it a fixed sequence of gradients (drawn once from ``np.random.default_rng(0)`` with
magnitudes that change from step to step, so that AMSGrad's maximum and Adamax's decaying
maximum both matter). The JSON stores the initial vector, the gradients, and the parameters
after every step, together with the OptStudio optimizer name and hyperparameters that must
reproduce them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import torch

STEPS = 5
SIZE = 8
OUT = Path(__file__).with_name("torch_optimizers.json")

# (case id, OptStudio optimizer, OptStudio hyperparameters, learning rate, torch class, torch kwargs)
CASES = [
    ("gd", "gd", {}, 0.05, "SGD", {}),
    ("momentum-sum", "momentum", {"beta": 0.9, "form": "sum"}, 0.05, "SGD", {"momentum": 0.9}),
    ("nesterov", "nesterov", {"beta": 0.9}, 0.05, "SGD", {"momentum": 0.9, "nesterov": True}),
    ("nesterov-wd", "nesterov", {"beta": 0.8, "weight_decay": 0.05}, 0.05, "SGD",
     {"momentum": 0.8, "nesterov": True, "weight_decay": 0.05}),
    # the lecture's look-ahead form keeps the look-ahead point in the parameters: torch's numbers
    ("nesterov-lookahead", "nesterov", {"beta": 0.9, "form": "lookahead"}, 0.05, "SGD",
     {"momentum": 0.9, "nesterov": True}),
    ("nesterov-lookahead-wd", "nesterov", {"beta": 0.8, "form": "lookahead", "weight_decay": 0.05}, 0.05, "SGD",
     {"momentum": 0.8, "nesterov": True, "weight_decay": 0.05}),
    ("rmsprop", "rmsprop", {"beta": 0.9, "epsilon": 1e-8}, 0.01, "RMSprop", {"alpha": 0.9, "eps": 1e-8}),
    ("rmsprop-wd", "rmsprop", {"beta": 0.99, "epsilon": 1e-6, "weight_decay": 0.1}, 0.01, "RMSprop",
     {"alpha": 0.99, "eps": 1e-6, "weight_decay": 0.1}),
    ("rmsprop-centered", "rmsprop", {"beta": 0.9, "centered": True}, 0.01, "RMSprop",
     {"alpha": 0.9, "centered": True}),
    ("rmsprop-momentum", "rmsprop", {"beta": 0.99, "momentum": 0.9}, 0.01, "RMSprop",
     {"alpha": 0.99, "momentum": 0.9}),
    ("rmsprop-centered-momentum-wd", "rmsprop", {"beta": 0.8, "epsilon": 1e-4, "centered": True, "momentum": 0.5,
                                                 "weight_decay": 0.1}, 0.02, "RMSprop",
     {"alpha": 0.8, "eps": 1e-4, "centered": True, "momentum": 0.5, "weight_decay": 0.1}),
    ("adam", "adam", {"epsilon_inside_root": False}, 0.01, "Adam", {}),
    ("adam-wd", "adam", {"beta1": 0.8, "beta2": 0.99, "epsilon": 1e-3, "epsilon_inside_root": False,
                         "weight_decay": 0.1}, 0.01, "Adam",
     {"betas": (0.8, 0.99), "eps": 1e-3, "weight_decay": 0.1}),
    ("adagrad", "adagrad", {}, 0.1, "Adagrad", {}),
    ("adagrad-init-wd", "adagrad", {"initial_accumulator_value": 0.1, "weight_decay": 0.05,
                                    "epsilon": 1e-6}, 0.1, "Adagrad",
     {"initial_accumulator_value": 0.1, "weight_decay": 0.05, "eps": 1e-6}),
    ("adagrad-lr-decay", "adagrad", {"lr_decay": 0.1}, 0.1, "Adagrad", {"lr_decay": 0.1}),
    ("adagrad-lr-decay-init", "adagrad", {"lr_decay": 0.5, "initial_accumulator_value": 0.3, "epsilon": 1e-6},
     0.1, "Adagrad", {"lr_decay": 0.5, "initial_accumulator_value": 0.3, "eps": 1e-6}),
    ("adamw", "adamw", {}, 0.01, "AdamW", {}),
    ("adamw-strong", "adamw", {"weight_decay": 0.5, "beta1": 0.85, "epsilon": 1e-4}, 0.02, "AdamW",
     {"weight_decay": 0.5, "betas": (0.85, 0.999), "eps": 1e-4}),
    ("adamw-no-decay", "adamw", {"weight_decay": 0.0}, 0.01, "AdamW", {"weight_decay": 0.0}),
    ("adamax", "adamax", {}, 0.01, "Adamax", {}),
    ("adamax-wd", "adamax", {"beta2": 0.9, "epsilon": 1e-3, "weight_decay": 0.1}, 0.02, "Adamax",
     {"betas": (0.9, 0.9), "eps": 1e-3, "weight_decay": 0.1}),
    ("nadam", "nadam", {}, 0.01, "NAdam", {}),
    ("nadam-wd", "nadam", {"momentum_decay": 0.1, "weight_decay": 0.1, "epsilon": 1e-3}, 0.02, "NAdam",
     {"momentum_decay": 0.1, "weight_decay": 0.1, "eps": 1e-3}),
    # torch's one λ with decoupled_weight_decay=True is OptStudio's decoupled_weight_decay λ
    ("nadam-decoupled", "nadam", {"decoupled_weight_decay": 0.1}, 0.01, "NAdam",
     {"weight_decay": 0.1, "decoupled_weight_decay": True}),
    ("nadam-decoupled-strong", "nadam", {"decoupled_weight_decay": 0.5, "momentum_decay": 0.1, "epsilon": 1e-3},
     0.02, "NAdam", {"weight_decay": 0.5, "decoupled_weight_decay": True, "momentum_decay": 0.1, "eps": 1e-3}),
    ("amsgrad", "amsgrad", {}, 0.01, "Adam", {"amsgrad": True}),
    ("amsgrad-wd", "amsgrad", {"beta2": 0.9, "weight_decay": 0.1}, 0.01, "Adam",
     {"amsgrad": True, "betas": (0.9, 0.9), "weight_decay": 0.1}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="recompute every case, not only the new ones")
    args = parser.parse_args()
    existing = {} if args.all or not OUT.exists() else json.loads(OUT.read_text(encoding="utf-8"))
    kept = {case["id"]: case for case in existing.get("cases", [])}

    # float64 everywhere, including the optimizers' scalar state (torch keeps e.g. NAdam's
    # running product μ_1⋯μ_t in the default dtype, which would be float32 otherwise).
    torch.set_default_dtype(torch.float64)
    rng = np.random.default_rng(0)
    initial = rng.normal(size=SIZE)
    scales = [1.0, 3.0, 0.05, 0.5, 0.001]  # large then small gradients: AMSGrad's max matters
    grads = [rng.normal(size=SIZE) * scale for scale in scales[:STEPS]]

    if existing and (existing["initial"] != initial.tolist() or existing["grads"] != [g.tolist() for g in grads]):
        raise SystemExit(f"{OUT} was made from other inputs: rerun with --all")
    version = existing.get("torch_version", torch.__version__)

    cases = []
    computed = 0
    for case_id, name, hyper, lr, torch_name, torch_kwargs in CASES:
        if case_id in kept:
            cases.append(kept[case_id])
            continue
        computed += 1
        param = torch.tensor(initial, dtype=torch.float64, requires_grad=True)
        optimizer = getattr(torch.optim, torch_name)([param], lr=lr, **torch_kwargs)
        steps = []
        for grad in grads:
            param.grad = torch.tensor(grad, dtype=torch.float64)
            optimizer.step()
            steps.append(param.detach().numpy().tolist())
        kwargs_text = ", ".join(f"{k}={v!r}" for k, v in torch_kwargs.items())
        case = {
            "id": case_id,
            "optimizer": name,
            "hyperparameters": hyper,
            "learning_rate": lr,
            "torch": f"torch.optim.{torch_name}(lr={lr!r}{', ' if kwargs_text else ''}{kwargs_text})",
            "steps": steps,
        }
        if torch.__version__ != version:
            case["torch_version"] = torch.__version__
        cases.append(case)
    dropped = sorted(set(kept) - {case["id"] for case in cases})
    if dropped:
        print(f"dropping cases no longer in CASES: {', '.join(dropped)}")

    data = {
        "generator": "tests/reference/make_torch_reference.py",
        "torch_version": version,
        "dtype": "float64",
        "initial": initial.tolist(),
        "grads": [g.tolist() for g in grads],
        "cases": cases,
    }
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {OUT} ({computed} computed, {len(cases) - computed} kept)")


if __name__ == "__main__":
    main()
