"""Principal component analysis for showing data with more than two features (no Qt).

The window projects the training set onto its first two principal components so that data
like ``digits`` (64 features) can still be drawn as a scatter plot.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["PCA", "fit_pca"]


@dataclass(frozen=True)
class PCA:
    """A fitted 2-D projection: ``transform(X)`` maps points (n, m) to (2, m)."""

    mean: np.ndarray          # (n, 1)
    components: np.ndarray    # (2, n), orthonormal rows (a zero row if n < 2)
    explained: np.ndarray     # (2,) fraction of the variance along each component

    def transform(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        if X.shape[1] == 0:
            return np.zeros((2, 0))
        return self.components @ (X - self.mean)


def fit_pca(X: np.ndarray) -> PCA:
    """Fit on points in the column convention ``X`` (n_features, m) with numpy's SVD.

    Signs are fixed so that the largest loading of each component is positive (the picture
    does not flip when the data is regenerated).
    """
    X = np.asarray(X, dtype=np.float64)
    n, m = X.shape
    mean = X.mean(axis=1, keepdims=True) if m else np.zeros((n, 1))
    components = np.zeros((2, n))
    explained = np.zeros(2)
    if m >= 1 and n >= 1:
        Xc = X - mean
        U, S, _ = np.linalg.svd(Xc, full_matrices=False)   # Xc = U·S·Vᵀ; columns of U = directions
        k = min(2, U.shape[1])
        comps = U[:, :k].T.copy()
        for i in range(k):
            j = int(np.argmax(np.abs(comps[i])))
            if comps[i, j] < 0:
                comps[i] = -comps[i]
        components[:k] = comps
        var = S ** 2
        total = float(var.sum())
        if total > 0:
            explained[:k] = var[:k] / total
    return PCA(mean=mean, components=components, explained=explained)
