"""The service definitions in deploy/, each checked by its own tool where the machine has it:
systemd-analyze verify for the units, nginx -t for the proxy, and the compose file and Containerfile
read as their tools read them (docker compose and podman are not installed here: the compose file is
parsed and its references followed; the image is not built)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from core.settings import Settings
from tests.replicas import nginx_binary, nginx_config

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
DUBAN = Path(sys.prefix) / "bin" / "duban"


def installed_units(tmp_path: Path) -> list[Path]:
    """The units as installed, with ExecStart pointing at this environment's duban (verify checks it exists)."""
    units = []
    for name, as_name in (("duban@.service", "duban@8081.service"), ("duban-migrate.service", "duban-migrate.service")):
        text = (DEPLOY / name).read_text(encoding="utf-8").replace("/opt/duban/bin/duban", str(DUBAN))
        (tmp_path / as_name).write_text(text, encoding="utf-8")
        units.append(tmp_path / as_name)
    return units


def verify(units: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *map(str, units)], capture_output=True, text=True, timeout=60
    )


def test_the_systemd_units_verify_clean(tmp_path: Path) -> None:
    units = installed_units(tmp_path)
    done = verify(units)
    ours = [line for line in done.stderr.splitlines() if "duban" in line]
    assert done.returncode == 0 and ours == [], done.stderr
    service = units[0].read_text(encoding="utf-8")
    assert f"ExecStart={DUBAN} run" in service and "Environment=DUBAN_WEB_PORT=%i" in service
    assert f"ExecStart={DUBAN} migrate" in units[1].read_text(encoding="utf-8")
    # The check is real: a misspelt key and a missing program are reported.
    units[0].write_text(
        service.replace("Restart=", "Restartt=").replace(str(DUBAN), "/nowhere/duban"), encoding="utf-8"
    )
    broken = verify(units[:1])
    assert broken.returncode != 0 and "Restartt" in broken.stderr and "/nowhere/duban" in broken.stderr


def test_the_settings_example_names_only_real_settings() -> None:
    named = re.findall(r"^#?(DUBAN_[A-Z_]+)=", (DEPLOY / "duban.env.example").read_text(encoding="utf-8"), re.M)
    fields = {f"DUBAN_{name.upper()}" for name in Settings.model_fields}
    assert named and set(named) <= fields, set(named) - fields


def test_the_nginx_site_passes_nginx_t(tmp_path: Path) -> None:
    config = nginx_config(tmp_path, [8081, 8082], 28443, 28080)
    done = subprocess.run(
        [nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True
    )
    assert done.returncode == 0 and "test is successful" in done.stderr, done.stderr
    (tmp_path / "duban.conf").write_text(
        (tmp_path / "duban.conf").read_text(encoding="utf-8").replace("proxy_pass", "proxy_passs"), encoding="utf-8"
    )
    broken = subprocess.run(
        [nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True
    )
    assert broken.returncode != 0 and "proxy_passs" in broken.stderr


def test_the_compose_file_builds_duban_and_migrates_before_it_runs() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) == {"postgres", "migrate", "duban"}
    build = services["migrate"]["build"]
    assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == (DEPLOY / "Containerfile").resolve()
    assert services["migrate"]["command"] == ["duban", "migrate"] and services["duban"]["command"] == ["duban", "run"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["duban"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["duban"]["image"] == services["migrate"]["image"]
    for name in ("migrate", "duban"):
        url = services[name]["environment"]["DUBAN_DATABASE_URL"]
        assert url.startswith("postgresql+psycopg://") and "@postgres:5432/" in url
        assert (DEPLOY / (services[name]["env_file"] + ".example")).is_file()  # the office copies the example
    fields = {f"DUBAN_{n.upper()}" for n in Settings.model_fields}
    named = {k for s in services.values() for k in s.get("environment", {}) if k.startswith("DUBAN_")}
    assert named <= fields


def test_the_containerfile_copies_what_exists_and_runs_the_wheel() -> None:
    lines = [x.strip() for x in (DEPLOY / "Containerfile").read_text(encoding="utf-8").splitlines()]
    steps = [x for x in lines if x and not x.startswith("#") and x.split()[0].isupper()]
    assert [s.split()[0] for s in steps if s.startswith("FROM")] == ["FROM", "FROM"]
    assert any("pip wheel" in s for s in steps) and any("pip install" in s and ".whl" in s for s in steps)
    assert 'CMD ["duban", "run"]' in steps and any(s.startswith("USER duban") for s in steps)
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".venv" in ignored and "data" in ignored  # a developer's environment and database stay out
