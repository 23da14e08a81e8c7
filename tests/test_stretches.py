"""How --jobs hands out files: each worker along its own stretch, the idle ones from the far end of another."""
from leaklint.parallel import MAX_CHUNK, Stretches


def drain(stretches: Stretches, order: list[int]) -> dict[int, list[list[int]]]:
    """Chunks taken by each worker, the workers asking in the given order until all is done."""
    taken: dict[int, list[list[int]]] = {worker: [] for worker in set(order)}
    while stretches:
        for worker in order:
            chunk = stretches.take(worker)
            if chunk:
                taken[worker].append(chunk)
    return taken


def test_every_file_once_and_each_worker_along_a_stretch_of_neighbours():
    indices = list(range(400))
    weights = {index: 100 + (index * 37) % 900 for index in indices}
    taken = drain(Stretches(indices, weights, jobs=2), [0, 1])
    files = [index for chunks in taken.values() for chunk in chunks for index in chunk]
    assert sorted(files) == indices
    # Each worker walks a stretch of neighbours from its start; the one done first goes on
    # from the far end of the other's stretch: two runs of consecutive files at most.
    for chunks in taken.values():
        files = sorted(index for chunk in chunks for index in chunk)
        runs = 1 + sum(1 for a, b in zip(files, files[1:]) if b != a + 1)
        assert runs <= 2
    assert taken[0][0][0] == 0
    start = taken[1][0][0]  # the second stretch starts where half of the work is done
    share = sum(weights[index] for index in range(start)) / sum(weights.values())
    assert 0.45 < share < 0.55
    assert all(len(chunk) <= MAX_CHUNK for chunks in taken.values() for chunk in chunks)


def test_an_idle_worker_takes_from_the_far_end_of_the_stretch_with_most_left():
    indices = list(range(64))
    weights = {index: 10 for index in indices}
    stretches = Stretches(indices, weights, jobs=2)
    assert stretches.take(0)[0] == 0  # worker 0 starts at the beginning; it is slow
    own = []
    while True:
        chunk = stretches.take(1)
        if chunk[0] < 32:
            break
        own.extend(chunk)
    assert own == list(range(32, 64))  # worker 1: its own stretch first, in order
    assert chunk[-1] == 31  # then the last files of worker 0's stretch


def test_a_large_file_is_a_chunk_of_its_own_and_chunks_stay_small():
    indices = list(range(100))
    weights = {index: 1 for index in indices}
    weights[50] = 1000
    taken = drain(Stretches(indices, weights, jobs=2), [0, 1])
    chunks = [chunk for worker_chunks in taken.values() for chunk in worker_chunks]
    assert [50] in chunks
    assert max(sum(weights[i] for i in chunk) for chunk in chunks if chunk != [50]) <= (1099 / 64) + 1


def test_files_a_dead_worker_did_not_check_go_first_to_its_successor():
    indices = list(range(40))
    weights = {index: 1 for index in indices}
    stretches = Stretches(indices, weights, jobs=2)
    chunk = stretches.take(0)
    stretches.give_back(0, chunk[1:])
    assert stretches.take(0) == chunk[1:]
