"""``mljobs serve``: Datasette over the database, with the project's metadata (facets, table
descriptions and the ``browse`` query: ads without their long description text)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import click

#: The project's Datasette metadata, written for a database named ``mljobs``.
METADATA = Path(__file__).resolve().parents[1] / "datasette" / "metadata.json"


def datasette_metadata(db_path: str | Path, metadata: Path = METADATA) -> dict[str, Any]:
    """The metadata of ``metadata`` (a Datasette metadata JSON file whose ``databases`` holds
    one entry, ``mljobs``) with that entry named after the file stem of ``db_path``, as
    Datasette names the database it serves. Raises ``FileNotFoundError`` when the file is
    absent."""
    data = json.loads(metadata.read_text(encoding="utf-8"))
    databases = data.get("databases", {})
    if "mljobs" in databases:
        databases[Path(db_path).stem] = databases.pop("mljobs")
    return data


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "-p", "--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port."
)
@click.option(
    "--immutable",
    is_flag=True,
    help="Open the database as an immutable snapshot (faster counts; only while no crawl or "
    "import writes to it). Default: read-only.",
)
@click.option("-o", "--open", "open_browser", is_flag=True, help="Open it in a web browser.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, immutable: bool, open_browser: bool) -> None:
    """Browse the database in Datasette (needs the web extra: pip install 'mljobs[web]').

    The database is opened read-only: serving never writes to it. Its ``browse`` query lists
    the ads without their description text, with filters on title, city, role and seniority.

    Example: mljobs serve --port 8001, then open http://127.0.0.1:8001/mljobs/browse
    """
    try:
        from datasette.cli import serve as datasette_serve
    except ImportError:
        raise click.ClickException(
            "mljobs serve needs Datasette, which is not installed: pip install 'mljobs[web]'"
        ) from None
    path = Path(ctx.obj["db"])
    if not path.is_file():
        raise click.ClickException(f"no database at {path} (run mljobs import or crawl first)")
    try:
        metadata = datasette_metadata(path)
    except FileNotFoundError as exc:
        raise click.ClickException(f"Datasette metadata not found: {exc.filename}") from exc
    files, immutables = ((), (str(path),)) if immutable else ((str(path),), ())
    mode = "an immutable snapshot" if immutable else "read-only"
    click.echo(
        f"serving {path} ({mode}); browse: http://{host}:{port}/{path.stem}/browse", err=True
    )
    ctx.invoke(
        datasette_serve,
        files=files,
        immutable=immutables,
        host=host,
        port=port,
        metadata=io.StringIO(json.dumps(metadata)),
        open_browser=open_browser,
    )
