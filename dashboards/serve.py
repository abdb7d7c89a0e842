"""Start the dashboards on localhost: `make dashboards` (or .venv-dashboards/bin/python dashboards/serve.py).

Checks first, each failure one line on stderr and exit code 2: a serving database exists and opens (run
`make demo` first), and the port is free. Then runs Streamlit headless, offline (no usage statistics, no
file watcher), bound to 127.0.0.1 unless --address says otherwise, until interrupted."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent


def check(database: Path, address: str, port: int) -> str | None:
    """Why the dashboards cannot start, or None."""
    if not database.exists():
        return f"no serving database at {database}: run `make demo` (build and publish) first"
    try:
        with duckdb.connect(str(database), read_only=True) as connection:
            connection.execute("select count(*) from publish_manifest").fetchall()
    except duckdb.Error as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        return f"{database} is not a readable serving database: {first_line}"
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((address, port))
        except OSError as error:
            return (
                f"port {port} on {address} is busy ({error.strerror}): stop what uses it or choose another "
                "(make dashboards DASHBOARDS_PORT=8502)"
            )
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=Path("serving/serving.duckdb"))
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default="127.0.0.1")
    args = parser.parse_args(argv)
    database = args.database.resolve()
    problem = check(database, args.address, args.port)
    if problem:
        print(f"dashboards: {problem}", file=sys.stderr)
        return 2
    print(f"dashboards: http://localhost:{args.port}/ over {database} (Ctrl-C stops)", flush=True)
    os.environ["SERVING_DATABASE"] = str(database)
    streamlit = Path(sys.executable).parent / "streamlit"
    os.execv(
        streamlit,
        [
            str(streamlit),
            "run",
            str(HERE / "app.py"),
            "--server.headless=true",
            f"--server.port={args.port}",
            f"--server.address={args.address}",
            "--server.fileWatcherType=none",
            "--browser.gatherUsageStats=false",
            "--client.toolbarMode=minimal",
            "--theme.base=light",
        ],
    )


if __name__ == "__main__":
    sys.exit(main())
