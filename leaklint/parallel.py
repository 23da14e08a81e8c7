"""``--jobs N``: check files in worker processes, each worker along its own stretch of files.

Each worker builds its own analysis context from the settings and the list of files of the
run (plain, picklable data), so it needs nothing else from the parent. Neighbouring files
import the same helpers, and a worker parses each imported module once for all the files
it checks; so the files, in order, are cut into as many stretches of about equal size as
there are workers, and each worker walks its own stretch a chunk at a time. A worker that
is done takes chunks from the far end of the stretch with the most left (where its owner
would come last). Handing out chunks in any other order (the largest first, or round
robin) has every worker parse most of the project's modules: a fifth more work in total
over the sources of scikit-learn and pandas. A worker sends each file's findings as soon
as it has them. A worker that dies (libcst's native parser can take the process down with
a segmentation fault) costs only the file it was checking: that file gets an LL002
finding, the rest of its chunk goes back to its stretch and a new worker takes over. The
findings are sorted by the caller, so the output does not depend on the schedule.
"""
from __future__ import annotations

import collections
import multiprocessing
import os
import signal
import sys
import warnings
from multiprocessing.connection import wait

MAX_CHUNK = 16  # files
# A chunk holds at most this share of a worker's work: the run ends when the last chunk
# does, so no worker is left alone with a long one while the others idle.
CHUNK_SHARE = 1 / 32
_READY = "ready"


class WorkerStartError(RuntimeError):
    """A worker could not build its analysis context (the caller checks in-process instead)."""


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


class Stretches:
    """The files of a run, in order, in chunks, split into one stretch per worker.

    ``take(worker)`` gives the next chunk of the worker's own stretch, or when that is
    done the last chunk of the stretch with the most work left; sizes are file sizes.
    """

    def __init__(self, indices: list[int], weights: dict[int, int], jobs: int) -> None:
        total = sum(weights[index] for index in indices) or 1
        chunks = _chunks(indices, weights, max_weight=total * CHUNK_SHARE / jobs)
        self._weights = weights
        self._stretches: list[collections.deque] = [collections.deque() for _ in range(jobs)]
        done = 0
        for chunk in chunks:  # a chunk goes to the stretch its middle falls in
            middle = done + self._weight(chunk) / 2
            self._stretches[min(int(middle * jobs / total), jobs - 1)].append(chunk)
            done += self._weight(chunk)

    def __bool__(self) -> bool:
        return any(self._stretches)

    def take(self, worker: int) -> list[int] | None:
        own = self._stretches[worker]
        if own:
            return own.popleft()
        richest = max(self._stretches, key=lambda stretch: sum(map(self._weight, stretch)))
        return richest.pop() if richest else None

    def give_back(self, worker: int, chunk: list[int]) -> None:
        """Files a worker did not get to (it died): first in line for its successor."""
        self._stretches[worker].appendleft(chunk)

    def _weight(self, chunk: list[int]) -> int:
        return sum(self._weights[index] for index in chunk)


def _chunks(indices: list[int], weights: dict[int, int], max_weight: float) -> list[list[int]]:
    """Consecutive files, at most MAX_CHUNK of them and (but for a single large file)
    at most ``max_weight`` in size, to a chunk."""
    chunks: list[list[int]] = []
    current: list[int] = []
    weight = 0
    for index in indices:
        if current and (len(current) >= MAX_CHUNK or weight + weights[index] > max_weight):
            chunks.append(current)
            current, weight = [], 0
        current.append(index)
        weight += weights[index]
    if current:
        chunks.append(current)
    return chunks


def check_in_workers(indices, files, settings, jobs: int, prefilter: bool, crashed, plan=None):
    """Yield ``(index, findings)`` for each index of ``files``, checked by ``jobs`` processes.

    ``crashed(index, message)`` makes the finding for a file whose worker died; ``plan`` is
    the runner's forecast of which trees each check reads (see Project.schedule).
    """
    jobs = min(jobs, len(indices))
    weights = {index: _file_size(files[index].path) for index in indices}
    stretches = Stretches(indices, weights, jobs)
    context = _context()
    workers: list[_Worker] = []
    try:
        for number in range(jobs):
            workers.append(_Worker(number, context, files, settings, prefilter, plan))
        for worker in workers:
            worker.give(stretches)
        while any(worker.busy for worker in workers):
            ready = wait([worker.connection for worker in workers if worker.busy])
            for worker in [w for w in workers if w.busy and w.connection in ready]:
                try:
                    message = worker.connection.recv()
                except (EOFError, OSError):
                    message = None
                if message is None:  # the worker died
                    index, code = worker.died(stretches)
                    if index is None:
                        raise WorkerStartError(f"a worker process could not start (exit status {code})")
                    yield index, crashed(index, _death_message(code))
                    replacement = _Worker(worker.number, context, files, settings, prefilter, plan)
                    workers[workers.index(worker)] = replacement
                    replacement.give(stretches)
                elif message == _READY:
                    worker.started = True
                else:
                    worker.pending.popleft()
                    yield message
                    if not worker.pending:
                        worker.give(stretches)
    finally:
        for worker in workers:
            worker.stop()


def _file_size(path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _context():
    # fork starts a worker in milliseconds with everything already imported; elsewhere
    # (macOS, Windows, where fork is unsafe or missing) the platform default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _death_message(code) -> str:
    if isinstance(code, int) and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the process checking this file was killed by {name} (a crash in the parser or the analysis)"
    return f"the process checking this file ended unexpectedly (exit status {code})"


class _Worker:
    def __init__(self, number: int, context, files, settings, prefilter: bool, plan) -> None:
        self.number = number  # its stretch of files
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, files, settings, prefilter, plan),
                                       daemon=True)
        self.process.start()
        child.close()
        self.pending: collections.deque = collections.deque()
        self.started = False

    @property
    def busy(self) -> bool:
        return bool(self.pending) or not self.started

    def give(self, stretches: Stretches) -> None:
        chunk = stretches.take(self.number)
        if chunk:
            self.pending.extend(chunk)
            self.connection.send(list(chunk))
        else:
            self.stop()

    def died(self, stretches: Stretches):
        """(index of the file being checked, exit code); puts the rest of its chunk back."""
        self.process.join(5)
        code = self.process.exitcode
        self.connection.close()
        if not self.started or not self.pending:
            self.pending.clear()
            self.started = True
            return None, code
        index = self.pending.popleft()
        if self.pending:
            stretches.give_back(self.number, list(self.pending))
            self.pending.clear()
        self.started = True
        return index, code

    def stop(self) -> None:
        self.pending.clear()
        self.started = True
        if self.process.is_alive():
            try:
                self.connection.send(None)
            except (OSError, ValueError):
                pass
            self.process.join(1)
            if self.process.is_alive():
                self.process.terminate()
                self.process.join(1)
        try:
            self.connection.close()
        except OSError:
            pass


def _worker_main(connection, files, settings, prefilter: bool, plan) -> None:
    from leaklint.runner import FrozenTrees, analysis_context, check_one, fewer_collections, make_prefilter

    # Ctrl-C reaches the whole process group: the parent stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    context = analysis_context(settings, files)
    if plan is not None:
        context.project.schedule(*plan)
    skip = make_prefilter(context) if prefilter else None
    connection.send(_READY)
    trees = FrozenTrees()  # the worker ends with the run: nothing to release
    with fewer_collections():
        while True:
            try:
                chunk = connection.recv()
            except (EOFError, OSError):
                return
            if chunk is None:
                return
            for index in chunk:
                connection.send((index, check_one(files[index], settings, context, skip, trees)))
