"""A local OpenSearch cluster of several nodes, from the same jars as the tests.

Each node is its own JVM started by ``search/engine/run-engine`` (one node per
process, as on separate machines), with its own HTTP and transport ports and
data folder. The nodes find each other through ``discovery.seed_hosts`` (the
transport ports of all of them) and elect the first cluster manager among
the names listed in ``cluster.initial_cluster_manager_nodes``: the launcher's
single-node default (``discovery.type=single-node``, replicas 0) is
overridden through ``-Dengine.setting.*`` node settings.

Used by ``tests/search/test_cluster.py`` and ``scripts/scaleout.py``; also
runs by itself (``python -m tests.cluster --nodes 3``) until Ctrl-C.

Every JVM is started in its own process group and killed on ``stop()``
(also when the caller fails): none outlives the run. Standard library only.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "search" / "engine" / "run-engine"


@dataclass
class Node:
    name: str
    http_port: int
    transport_port: int
    home: Path
    process: subprocess.Popen | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


@dataclass
class Cluster:
    """``size`` nodes, each holding data (and eligible as cluster manager)."""

    size: int = 3
    heap: str = "320m"
    name: str = "portal-cluster"
    workdir: Path | None = None
    nodes: list[Node] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._own_workdir = self.workdir is None
        if self.workdir is None:
            self.workdir = Path(tempfile.mkdtemp(prefix="portal-cluster-"))
        for i in range(1, self.size + 1):
            self.nodes.append(
                Node(
                    name=f"{self.name}-{i}",
                    http_port=free_port(),
                    transport_port=free_port(),
                    home=self.workdir / f"node-{i}",
                )
            )

    # --- the hosts ---------------------------------------------------------

    @property
    def url(self) -> str:
        """Every node's address, comma-separated (the form ``OPENSEARCH_URL`` takes)."""
        return ",".join(node.url for node in self.nodes)

    def live(self) -> list[Node]:
        return [node for node in self.nodes if node.alive]

    # --- starting and stopping --------------------------------------------

    def _settings(self, node: Node) -> dict[str, str]:
        return {
            "node.name": node.name,
            "discovery.type": "zen",  # several nodes, not the single-node default
            "discovery.seed_hosts": ",".join(
                f"127.0.0.1:{n.transport_port}" for n in self.nodes
            ),
            "cluster.initial_cluster_manager_nodes": ",".join(
                n.name for n in self.nodes
            ),
            "cluster.default_number_of_replicas": "1",
            # Find a dead node fast (the defaults suit real networks).
            "cluster.fault_detection.follower_check.interval": "1s",
            "cluster.fault_detection.leader_check.interval": "1s",
        }

    def start_node(self, node: Node) -> None:
        node.home.mkdir(parents=True, exist_ok=True)
        options = " ".join(
            f"-Dengine.setting.{key}={value}"
            for key, value in self._settings(node).items()
        )
        # The launcher gives up unless the cluster is green/yellow this soon.
        options += " -Dengine.readyTimeout=600"
        env = {
            **os.environ,
            "OPENSEARCH_PORT": str(node.http_port),
            "OPENSEARCH_TRANSPORT_PORT": str(node.transport_port),
            "OPENSEARCH_DATA": str(node.home),
            "OPENSEARCH_CLUSTER": self.name,
            "OPENSEARCH_HEAP": self.heap,
            "OPENSEARCH_JAVA_OPTS": (
                os.environ.get("OPENSEARCH_JAVA_OPTS", "") + " " + options
            ).strip(),
        }
        node.log = self.workdir / f"{node.name}.log"
        with open(node.log, "ab") as log:
            node.process = subprocess.Popen(
                [str(ENGINE)],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as one
            )

    def launch(self) -> None:
        """Start every node's JVM without waiting (see ``wait_ready``)."""
        self._launched = time.monotonic()
        try:
            for node in self.nodes:
                self.start_node(node)
        except BaseException:
            self.stop()
            raise

    def start(self, timeout: float = 300.0) -> float:
        """Start every node and wait until the cluster has them all; seconds taken."""
        self.launch()
        return self.wait_ready(timeout)

    def wait_ready(self, timeout: float = 300.0) -> float:
        """Until all nodes form a green cluster; seconds since ``launch``."""
        try:
            self.wait_for(
                lambda: (
                    self.health(timeout=2).get("number_of_nodes") == self.size
                    and self.health(timeout=2).get("status") == "green"
                ),
                f"{self.size} nodes to form a green cluster",
                timeout,
            )
        except BaseException:
            self.stop()
            raise
        return time.monotonic() - self._launched

    def kill(self, node: Node) -> None:
        """SIGKILL the node's JVM: no clean shutdown, as when a machine dies."""
        if node.process is not None and node.process.poll() is None:
            os.killpg(node.process.pid, signal.SIGKILL)
            node.process.wait(timeout=30)

    def stop(self) -> None:
        """Stop every node (TERM, then KILL after 20 s) and remove the work folder."""
        for node in self.nodes:
            if node.alive:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(node.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for node in self.nodes:
            if node.process is None:
                continue
            with contextlib.suppress(subprocess.TimeoutExpired):
                node.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            # whatever is left of its group, the JVM included
            with contextlib.suppress(ProcessLookupError):
                os.killpg(node.process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                node.process.wait(timeout=10)
        if self._own_workdir and not os.environ.get("PORTAL_KEEP_CLUSTER"):
            import shutil

            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> Cluster:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- asking it ----------------------------------------------------------

    def request(self, path: str, timeout: float = 5.0) -> dict:
        """GET ``path`` from the first live node that answers."""
        last: Exception | None = None
        for node in self.live():
            try:
                with urllib.request.urlopen(  # noqa: S310 - local nodes
                    node.url + path, timeout=timeout
                ) as response:
                    return json.loads(response.read())
            except urllib.error.HTTPError as error:
                body = error.read()
                try:
                    return json.loads(body)
                except ValueError:
                    last = error
            except OSError as error:
                last = error
        raise ConnectionError(f"no node answered {path}: {last}")

    def health(self, timeout: float = 5.0) -> dict:
        try:
            return self.request("/_cluster/health", timeout=timeout)
        except ConnectionError:
            return {}

    def wait_for(self, predicate, what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            for node in self.nodes:
                code = None if node.process is None else node.process.poll()
                if code is not None and code not in (0, -signal.SIGKILL):
                    raise RuntimeError(
                        f"node {node.name} exited ({node.process.returncode}) "
                        f"while waiting for {what}; its log:\n{self.tail(node)}"
                    )
            if predicate():
                return
            if time.monotonic() > deadline:
                logs = "\n".join(f"--- {n.name}\n{self.tail(n)}" for n in self.nodes)
                raise TimeoutError(
                    f"timed out after {timeout:.0f} s waiting for {what}\n{logs}"
                )
            time.sleep(0.25)

    def tail(self, node: Node, chars: int = 3000) -> str:
        if node.log is None or not node.log.exists():
            return "(no log)"
        return node.log.read_text(errors="replace")[-chars:]

    def node_of_primary(self, index: str) -> Node:
        """The node holding the primary of shard 0 of ``index``."""
        shards = self.request(f"/_cat/shards/{index}?format=json&h=prirep,state,node")
        names = [s["node"] for s in shards if s["prirep"] == "p"]
        return next(node for node in self.nodes if node.name in names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--heap", default="320m")
    args = parser.parse_args(argv)
    cluster = Cluster(size=args.nodes, heap=args.heap)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        seconds = cluster.start()
        print(f"OPENSEARCH_URL={cluster.url}  ({seconds:.1f} s)", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
