"""leaklint: find evaluation-protocol leakage in machine-learning code."""

__version__ = "0.1.0"
