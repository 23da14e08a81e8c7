"""Shared by the transparency scripts: print digests of results and of every RNG state."""
import hashlib
import pickle
import random
import sys

import numpy as np


def digest(obj) -> str:
    if isinstance(obj, np.ndarray):
        data = np.ascontiguousarray(obj).tobytes()
    else:
        data = pickle.dumps(obj, protocol=4)
    return hashlib.sha256(data).hexdigest()[:16]


def print_rng_states() -> None:
    print("numpy-rng", digest(np.random.get_state()[1]), np.random.get_state()[2])
    print("python-rng", digest(random.getstate()))
    torch = sys.modules.get("torch")  # only when the script used (and seeded) torch
    if torch is None:
        return
    print("torch-rng", digest(torch.random.get_rng_state().numpy()))
