"""Where seeds are checked: here (`Serial`), in worker processes
(`Processes`), or on a Dask cluster (`Dask`).  Each takes a batch of jobs
with `submit`, which returns what waits for their results, in order, and is
closed with `close`.  The runner decides what is checked; the engine, chosen
once from the options (`engine_for`), decides where."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable

from checks.options import Running, UsageError
from checks.run.check import Checked, Job, SeedChecker

# Below this many seeds to check, starting processes costs more than it saves.
PARALLEL_FROM = 200
# What a spare process checks to get ready: a seed that takes every family of
# rules through its imports and patterns.
_SAMPLE = Job(
    "000_0000000000000000.txt",
    b"---\nid: 000_0000000000000000\ndate: '2024-01-01'\ntitle: Ferries\n"
    b"source:\n  name: Anholm Courier\n"
    b"sha256: 0000000000000000000000000000000000000000000000000000000000000000\n---\n"
    b'"The ferry runs again," the harbour master told the Anholm Courier on '
    b"Friday. Some 40 people were reportedly waiting. Lena (not her real name) "
    b"drives the bus.\n",
    "sample",
    None,
    True,
    True,
)

Waiting = Callable[[], list[Checked]]


class Serial:
    """Every seed checked in this process, as it is submitted; the only
    engine a run that fixes uses."""

    def __init__(self, checker: SeedChecker):
        self.checker = checker

    def submit(self, jobs: list[Job]) -> Waiting:
        done = self.checker.check_all(jobs)
        return lambda: done

    def close(self) -> None:
        pass


# The checker of a worker process, made once when the process starts.
_WORKER: SeedChecker | None = None


def _start_worker(config, codes: list[str], today, ready: bool = False) -> None:
    global _WORKER
    # Checking seeds leaves no reference cycles (tests/test_scale.py), and
    # the collector's passes over each batch's short-lived analyses cost a
    # tenth of a worker's time: it stays off, as in the main process during a
    # run.
    gc.disable()
    _WORKER = SeedChecker.of_codes(config, codes, today)
    if ready:
        _WORKER.check(_SAMPLE)


def _work(batch: list[Job]) -> list[Checked]:
    assert _WORKER is not None
    return _WORKER.check_all(batch)


class Processes:
    """Batches of PARALLEL_FROM seeds or more checked in `jobs` worker
    processes; fewer in a spare process made ready while this one read the
    seeds (a warm run's few changed ones), or here."""

    def __init__(self, checker: SeedChecker, jobs: int, spare: bool = False):
        self.checker = checker
        self.jobs = jobs
        self._pool = None
        self._spare = None
        if spare:
            self._start_spare()

    def _start_spare(self) -> None:
        """Start a process that gets ready to check (imports, patterns) while
        this one reads the seeds: in a warm run, the few seeds that changed
        are checked there, without waiting for that."""
        self._spare = self._processes(1, ready=True)
        self._spare.submit(int)  # the process starts now

    def _processes(self, jobs: int, ready: bool = False):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context(
            "fork" if hasattr(os, "fork") else "spawn"
        )
        return ProcessPoolExecutor(
            jobs,
            mp_context=context,
            initializer=_start_worker,
            initargs=(
                self.checker.config,
                self.checker.codes,
                self.checker.linter.context.today,
                ready,
            ),
        )

    def submit(self, jobs: list[Job]) -> Waiting:
        if len(jobs) >= PARALLEL_FROM:
            return self._in_parallel(jobs)
        if self._spare is not None and jobs:
            return self._spare.submit(_work, jobs).result
        done = self.checker.check_all(jobs)
        return lambda: done

    def _in_parallel(self, jobs: list[Job]) -> Waiting:
        head = []
        if self._pool is None:
            # The first seed is checked here: processes forked after it start
            # with every module imported and every pattern compiled, once.
            head, jobs = [self.checker.check(jobs[0])], jobs[1:]
            self._pool = self._processes(self.jobs)
        size = max(1, min(256, len(jobs) // (self.jobs * 4) or 1))
        futures = [
            self._pool.submit(_work, jobs[i : i + size])
            for i in range(0, len(jobs), size)
        ]
        return lambda: head + [result for f in futures for result in f.result()]

    def close(self) -> None:
        for pool in (self._pool, self._spare):
            if pool is not None:
                pool.shutdown()
        self._pool = self._spare = None


# The checkers of a Dask worker, one per configuration, rules and date.
_REMOTE: dict = {}


def _work_remote(batch: list[Job], config, codes: list[str], today) -> list[Checked]:
    key = (repr(config), tuple(codes), today)
    checker = _REMOTE.get(key)
    if checker is None:
        checker = _REMOTE[key] = SeedChecker.of_codes(config, codes, today)
    return checker.check_all(batch)


class Dask:
    """Batches of seeds checked on the workers of a Dask distributed cluster;
    their results come back here for the corpus-wide rules."""

    def __init__(self, checker: SeedChecker, scheduler: str):
        try:
            from distributed import Client
        except ImportError:
            raise UsageError(
                "--engine dask needs dask.distributed: pip install 'seed-checks[dask]'"
            ) from None
        self.checker = checker
        self.scheduler = scheduler
        self._client_type = Client

    def submit(self, jobs: list[Job]) -> Waiting:
        if not jobs:
            return list
        size = max(1, min(256, len(jobs) // 64 or 1))
        batches = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        try:
            with self._client_type(self.scheduler, timeout="30s") as client:
                futures = client.map(
                    _work_remote,
                    batches,
                    config=self.checker.config,
                    codes=self.checker.codes,
                    today=self.checker.linter.context.today,
                    pure=False,
                )
                done = [result for batch in client.gather(futures) for result in batch]
        except OSError as error:
            raise UsageError(f"--scheduler {self.scheduler}: {error}") from None
        return lambda: done

    def close(self) -> None:
        pass


def engine_for(
    checker: SeedChecker, running: Running, *, fix: bool, warm: bool, seeds: int
):
    """The engine `running` asks for.  Fixes are made here, one seed at a
    time.  A warm run (a cache is kept) of many seeds starts a spare process
    at once, for the few that changed."""
    if fix:
        return Serial(checker)
    if running.engine == "dask":
        return Dask(checker, running.scheduler or "")
    if running.jobs > 1:
        spare = warm and seeds >= PARALLEL_FROM
        return Processes(checker, running.jobs, spare=spare)
    return Serial(checker)
