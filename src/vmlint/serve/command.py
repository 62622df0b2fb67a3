"""``vmlint serve [FOLDER]``: start the drafting page on this machine.

It binds 127.0.0.1 on a free port unless told otherwise and prints the address. Bound
to any other address it says so loudly and serves read-only unless ``--allow-write``.
Without a FOLDER it writes nothing at all.
"""

from __future__ import annotations

import argparse
import ipaddress
import secrets
import socket
import sys
from pathlib import Path

from ..config import Config, load_file

LOOPBACK_NAMES = {"localhost"}


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def writes_allowed(host: str, folder: str | None, allow_write: bool) -> bool:
    """Writes need a folder, and, off loopback, ``--allow-write``."""
    return folder is not None and (allow_write or is_loopback(host))


def _bracket(name: str) -> str:
    return f"[{name.strip('[]')}]" if ":" in name else name


def allowed_hosts(host: str, port: int, extra: list[str] | tuple[str, ...] = ()) -> set[str]:
    """The Host header values that name this server: its address, loopback names when it listens there,
    this machine's names and addresses when it listens on every interface, and any name given."""
    names = {_bracket(host), *(_bracket(n) for n in extra)}
    wildcard = host.strip("[]") in ("0.0.0.0", "::")
    if is_loopback(host) or wildcard:
        names |= {"127.0.0.1", "localhost", "[::1]"}
    if wildcard:
        try:
            hostname = socket.gethostname()
            _, aliases, addresses = socket.gethostbyname_ex(hostname)
            names |= {hostname, socket.getfqdn(), *aliases, *addresses}
        except OSError:
            pass
    out = {f"{n.lower()}:{port}" for n in names if n}
    return out | ({n.lower() for n in names if n} if port == 80 else set())  # a browser leaves out the default port


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vmlint serve", description="A drafting page: paste or open a draft, see its findings "
                                "marked as you type, apply fixes, hear it read aloud.")
    p.add_argument("folder", nargs="?", metavar="FOLDER", help="list the drafts in this folder and save edits back to them")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=0, help="port to listen on (default 0: a free one)")
    p.add_argument("--allow-write", action="store_true", help="save files even when listening on an address other than loopback")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="another name this server may be reached by (a Host header to accept); repeatable")
    p.add_argument("--config", metavar="FILE", help="use this vmlint.toml or pyproject.toml instead of searching for one")
    return p


def build(folder: str | None, *, host: str, port: int, allow_write: bool = False, config: Config | None = None,
          allow_hosts: list[str] | tuple[str, ...] = ()):
    """The guarded app for a server on ``host:port``, its token, and whether it writes."""
    from ..runner import Options
    from .app import create_app
    from .guard import Guard

    token = secrets.token_urlsafe(32)
    writable = writes_allowed(host, folder, allow_write)
    options = Options(config=config)
    app = create_app(folder, writable=writable, token=token, options=options)
    from ..runner import STDIN, config_for

    cfg = config_for(str(Path(folder) / "x") if folder else STDIN, options)
    max_body = 2 * cfg.max_file_bytes + 64 * 1024  # the text, JSON-escaped, and the other fields
    return Guard(app, hosts=allowed_hosts(host, port, allow_hosts), token=token, max_body=max_body), writable


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        import uvicorn
    except ImportError:
        print("vmlint: error: vmlint serve needs the serve extra: pip install 'vmlint[serve]'", file=sys.stderr)
        return 2
    if args.folder is not None and not Path(args.folder).is_dir():
        print(f"vmlint: error: {args.folder}: not a folder", file=sys.stderr)
        return 2
    try:
        config = (load_file(Path(args.config)) or Config()) if args.config else None
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host.strip("[]"), args.port))
        sock.listen(128)  # connections made once the link is printed wait for the server instead of failing
    except OSError as exc:
        print(f"vmlint: error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bad config file
        print(f"vmlint: error: {exc}", file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    app, writable = build(args.folder, host=args.host, port=port, allow_write=args.allow_write, config=config,
                          allow_hosts=args.allow_host)
    shown = args.host if ":" not in args.host else f"[{args.host.strip('[]')}]"
    if not is_loopback(args.host):
        print(f"WARNING: vmlint serve is listening on {args.host}, not only this machine: anyone who can reach it can "
              "read the drafts" + (" and SAVE CHANGES TO THEM (--allow-write)." if writable else "; it is read-only "
                                   "(add --allow-write to save files)."), file=sys.stderr)
    where = f"the drafts in {args.folder}" + ("" if writable else " (read-only)") if args.folder else "no folder: nothing is saved"
    print(f"vmlint serve: http://{shown}:{port}/  ({where}; Ctrl+C stops it)", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    return 0
