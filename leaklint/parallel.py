"""``--jobs N``: check files in worker processes, a chunk of neighbouring files at a time.

Each worker builds its own analysis context from the settings and the list of files of the
run (plain, picklable data), so it needs nothing else from the parent. The parent hands
out chunks of consecutive files (neighbours share imported helpers, which a worker parses
once) and a new chunk whenever a worker finishes one; a worker sends each file's findings
as soon as it has them. A worker that dies (libcst's native parser can take the process
down with a segmentation fault) costs only the file it was checking: that file gets an
LL002 finding, the rest of its chunk goes back in the queue and a new worker takes over.
The findings are sorted by the caller, so the output does not depend on the schedule.
"""
from __future__ import annotations

import collections
import multiprocessing
import os
import signal
import sys
import warnings
from multiprocessing.connection import wait

MAX_CHUNK = 16
_READY = "ready"


class WorkerStartError(RuntimeError):
    """A worker could not build its analysis context (the caller checks in-process instead)."""


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


def chunk_size(files: int, jobs: int) -> int:
    # About eight chunks a worker: small enough to balance the load at the end of the
    # run, large enough for neighbouring files to share their imported helpers.
    return max(1, min(MAX_CHUNK, files // (jobs * 8) or 1))


def check_in_workers(indices, files, settings, jobs: int, prefilter: bool, crashed, plan=None):
    """Yield ``(index, findings)`` for each index of ``files``, checked by ``jobs`` processes.

    ``crashed(index, message)`` makes the finding for a file whose worker died; ``plan`` is
    the runner's forecast of which trees each check reads (see Project.schedule).
    """
    size = chunk_size(len(indices), jobs)
    chunks = [indices[i:i + size] for i in range(0, len(indices), size)]
    # The largest chunks first: the run ends on small ones, so that no worker is left
    # alone with a long chunk while the others idle (a 13,000-line pandas module takes
    # a second).
    weights = {index: _file_size(files[index].path) for index in indices}
    chunks.sort(key=lambda chunk: -sum(weights[index] for index in chunk))
    queue = collections.deque(chunks)
    context = _context()
    workers: list[_Worker] = []
    try:
        for _ in range(min(jobs, len(queue))):
            workers.append(_Worker(context, files, settings, prefilter, plan))
        for worker in workers:
            worker.give(queue)
        while any(worker.busy for worker in workers):
            ready = wait([worker.connection for worker in workers if worker.busy])
            for worker in [w for w in workers if w.busy and w.connection in ready]:
                try:
                    message = worker.connection.recv()
                except (EOFError, OSError):
                    message = None
                if message is None:  # the worker died
                    index, code = worker.died(queue)
                    if index is None:
                        raise WorkerStartError(f"a worker process could not start (exit status {code})")
                    yield index, crashed(index, _death_message(code))
                    workers[workers.index(worker)] = replacement = _Worker(context, files, settings, prefilter, plan)
                    replacement.give(queue)
                elif message == _READY:
                    worker.started = True
                else:
                    worker.pending.popleft()
                    yield message
                    if not worker.pending:
                        worker.give(queue)
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
    def __init__(self, context, files, settings, prefilter: bool, plan) -> None:
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

    def give(self, queue: collections.deque) -> None:
        if queue:
            chunk = queue.popleft()
            self.pending.extend(chunk)
            self.connection.send(list(chunk))
        else:
            self.stop()

    def died(self, queue: collections.deque):
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
            queue.appendleft(list(self.pending))
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
