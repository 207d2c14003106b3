"""The Ray path (`clearpost audit --ray`) on a local Ray started by the test (2 CPUs): Ray Data
reads the exports, a pool of actors checks them, and the findings are the local path's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clearpost.audit.runner import Settings, run_local
from clearpost.audit.sources import find_accounts
from tests.audit_helpers import finding_set, org_folder

ray = pytest.importorskip("ray", reason="the Ray path needs the cluster extra: pip install -e '.[dev,cluster]' (make install does)")

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning", "ignore::ResourceWarning",
                                        "ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    yield
    ray.shutdown()


def test_ray_path_gives_the_local_findings(tmp_path: Path, local_ray: None) -> None:
    from clearpost.audit.ray_runner import run_ray

    accounts = find_accounts([str(org_folder(tmp_path))])
    settings = Settings("lshtm", None, "official")
    local = run_local(accounts, settings, workers=1)
    remote = run_ray(accounts, settings, actors=2)
    assert finding_set(remote) == finding_set(local)
    assert len(finding_set(local)) >= 8
    assert [(r.name, r.platform, dict(r.read), r.total_flagged, len(r.problems)) for r in remote] == \
           [(r.name, r.platform, dict(r.read), r.total_flagged, len(r.problems)) for r in local]
    assert [r.summary() for r in remote] == [r.summary() for r in local]
