"""Core numerics of OptStudio: numpy/scikit-learn only, no Qt."""
