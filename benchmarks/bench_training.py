"""Training speed: OptStudio's engine against the notebook's own loop and scikit-learn.

Runs in one process, on the notebook workload (moons 300, layers [2, 5, 2, 1] relu-relu-sigmoid,
Adam, mini-batch 64, α = 0.0007, 10000 epochs):

1. OptStudio's engine (notebook preset: same data, initial weights and mini-batches);
2. a plain dict-of-arrays loop written the way the notebook writes it (opt_utils' forward and
   backward propagation, ``random_mini_batches``, ``update_parameters_with_adam``);
3. scikit-learn's ``MLPClassifier`` (solver adam, same layer sizes, batch 64, tol=0, alpha=0,
   fixed epochs).

It prints each time and the ratios, and the accuracy of each. Then a larger case: digits (64
features, 10 classes), layers [64, 64, 64, 10], softmax, Adam, time per epoch.

Usage: python benchmarks/bench_training.py [--epochs 10000] [--quick]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from optstudio.core.build import build_engine  # noqa: E402
from optstudio.core.experiment import Experiment, notebook_preset  # noqa: E402
from optstudio.core.datasets import DataSpec, load_dataset  # noqa: E402
from optstudio.plugins.manager import PluginManager  # noqa: E402


# ---------------------------------------------------------------------- the notebook's code
def nb_initialize_parameters(layer_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def nb_relu(x):
    return np.maximum(0, x)


def nb_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def nb_forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    z1 = np.dot(W1, X) + b1
    a1 = nb_relu(z1)
    z2 = np.dot(W2, a1) + b2
    a2 = nb_relu(z2)
    z3 = np.dot(W3, a2) + b3
    a3 = nb_sigmoid(z3)
    cache = (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3)
    return a3, cache


def nb_compute_cost(a3, Y):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1. / m * np.sum(logprobs)


def nb_backward_propagation(X, Y, cache):
    m = X.shape[1]
    (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3) = cache
    dz3 = 1. / m * (a3 - Y)
    dW3 = np.dot(dz3, a2.T)
    db3 = np.sum(dz3, axis=1, keepdims=True)
    da2 = np.dot(W3.T, dz3)
    dz2 = np.multiply(da2, np.int64(a2 > 0))
    dW2 = np.dot(dz2, a1.T)
    db2 = np.sum(dz2, axis=1, keepdims=True)
    da1 = np.dot(W2.T, dz2)
    dz1 = np.multiply(da1, np.int64(a1 > 0))
    dW1 = np.dot(dz1, X.T)
    db1 = np.sum(dz1, axis=1, keepdims=True)
    return {"dz3": dz3, "dW3": dW3, "db3": db3, "da2": da2, "dz2": dz2, "dW2": dW2, "db2": db2,
            "da1": da1, "dz1": dz1, "dW1": dW1, "db1": db1}


def nb_random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        k = num_complete_minibatches
        mini_batches.append((shuffled_X[:, k * mini_batch_size:], shuffled_Y[:, k * mini_batch_size:]))
    return mini_batches


def nb_initialize_adam(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(L):
        v["dW" + str(l + 1)] = np.zeros(parameters["W" + str(l + 1)].shape)
        v["db" + str(l + 1)] = np.zeros(parameters["b" + str(l + 1)].shape)
        s["dW" + str(l + 1)] = np.zeros(parameters["W" + str(l + 1)].shape)
        s["db" + str(l + 1)] = np.zeros(parameters["b" + str(l + 1)].shape)
    return v, s


def nb_update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                                   epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(L):
        for p in ("W", "b"):
            key = "d" + p + str(l + 1)
            v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
            v_corrected[key] = v[key] / (1 - beta1 ** t)
            s[key] = beta2 * s[key] + (1 - beta2) * (grads[key] ** 2)
            s_corrected[key] = s[key] / (1 - beta2 ** t)
            parameters[p + str(l + 1)] = parameters[p + str(l + 1)] - learning_rate * v_corrected[key] / (
                np.sqrt(s_corrected[key]) + epsilon)
    return parameters, v, s


def nb_predict(X, y, parameters):
    a3, _ = nb_forward_propagation(X, parameters)
    return float(np.mean((a3[0] > 0.5) == y[0]))


def notebook_model(X, Y, layers_dims, learning_rate=0.0007, mini_batch_size=64, num_epochs=10000):
    t = 0
    seed = 10
    parameters = nb_initialize_parameters(layers_dims)
    v, s = nb_initialize_adam(parameters)
    for i in range(num_epochs):
        seed = seed + 1
        for minibatch_X, minibatch_Y in nb_random_mini_batches(X, Y, mini_batch_size, seed):
            a3, caches = nb_forward_propagation(minibatch_X, parameters)
            nb_compute_cost(a3, minibatch_Y)
            grads = nb_backward_propagation(minibatch_X, minibatch_Y, caches)
            t = t + 1
            parameters, v, s = nb_update_parameters_with_adam(parameters, grads, v, s, t, learning_rate)
    return parameters


# ---------------------------------------------------------------------- runs
def time_optstudio(epochs: int, manager) -> tuple[float, float]:
    exp = notebook_preset()
    exp.optimizer.name = "adam"
    exp.training.epochs = epochs
    engine = build_engine(exp, manager)
    start = time.perf_counter()
    result, = engine.run()
    return time.perf_counter() - start, result.train_accuracy


def time_notebook(epochs: int) -> tuple[float, float]:
    data = load_dataset(notebook_preset().data)
    X, Y = data.X_train, data.y_train.reshape(1, -1).astype(float)
    start = time.perf_counter()
    params = notebook_model(X, Y, [2, 5, 2, 1], num_epochs=epochs)
    seconds = time.perf_counter() - start
    return seconds, nb_predict(X, Y, params)


def time_sklearn(epochs: int) -> tuple[float, float]:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    data = load_dataset(notebook_preset().data)
    X, y = data.X_train.T, data.y_train
    clf = MLPClassifier(hidden_layer_sizes=(5, 2), activation="relu", solver="adam", learning_rate_init=0.0007,
                        batch_size=64, max_iter=epochs, tol=0, alpha=0, n_iter_no_change=epochs + 1,
                        random_state=3, shuffle=True)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)
    return time.perf_counter() - start, float(clf.score(X, y))


def time_digits(epochs: int, manager) -> float:
    exp = Experiment()
    exp.data = DataSpec(name="digits", test_fraction=0.2, data_seed=0)
    exp.network.hidden = [64, 64]
    exp.network.activations = ["relu", "relu"]
    exp.network.loss = "softmax"
    exp.optimizer.name = "adam"
    exp.optimizer.learning_rate = 0.001
    exp.training.epochs = epochs
    exp.training.mini_batch_size = 64
    engine = build_engine(exp, manager)
    start = time.perf_counter()
    r, = engine.run()
    seconds = time.perf_counter() - start
    print(f"digits [64, 64, 64, 10] softmax, Adam, batch 64: {epochs} epochs in {seconds:.2f} s "
          f"= {1000 * seconds / epochs:.2f} ms/epoch; train accuracy {r.train_accuracy:.4f}, "
          f"test accuracy {r.test_accuracy:.4f}")
    return seconds


def main(argv=None) -> int:
    from optstudio.core.blas import limit_blas_threads
    limit_blas_threads()  # as the CLI and the window do; the same for every contender
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=10000)
    ap.add_argument("--digits-epochs", type=int, default=50)
    ap.add_argument("--quick", action="store_true", help="1000 epochs instead of 10000")
    args = ap.parse_args(argv)
    epochs = 1000 if args.quick else args.epochs
    manager = PluginManager(load_entry_points=False, plugin_dirs=[])
    print(f"Notebook workload: moons 300, [2, 5, 2, 1], Adam, batch 64, α = 0.0007, {epochs} epochs")
    t_ours, acc_ours = time_optstudio(epochs, manager)
    t_nb, acc_nb = time_notebook(epochs)
    t_sk, acc_sk = time_sklearn(epochs)
    print(f"  OptStudio engine         {t_ours:7.2f} s   train accuracy {acc_ours:.6f}")
    print(f"  notebook-style loop      {t_nb:7.2f} s   train accuracy {acc_nb:.6f}")
    print(f"  sklearn MLPClassifier    {t_sk:7.2f} s   train accuracy {acc_sk:.6f}")
    print(f"  speed-up vs notebook loop: {t_nb / t_ours:.1f}x   (target ≥ 4x)")
    print(f"  speed-up vs MLPClassifier: {t_sk / t_ours:.1f}x   (target ≥ 10x)")
    print(f"  same accuracy as the notebook loop: {'yes' if abs(acc_ours - acc_nb) < 1e-12 else 'NO'}")
    time_digits(args.digits_epochs, manager)
    return 0


if __name__ == "__main__":
    sys.exit(main())
