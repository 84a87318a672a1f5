"""Usage: lt_peer.py --save DIR (--torrent FILE | --magnet URI) [options]

Runs one libtorrent peer on 127.0.0.1 (TCP only; no DHT, LSD, UPnP, NAT-PMP or
uTP) until it is told to stop, for the interop tests and the benchmark.

Options:
  --torrent FILE      the .torrent to add
  --magnet URI        a magnet link to add instead
  --save DIR          where the content is (seed) or goes (leech)
  --peer HOST:PORT    a peer to connect to (repeatable)
  --seed-mode         trust the data under DIR without checking it first
  --timeout SECONDS   hard limit on the process's life (default 120)
  --exit-when-done    exit once the download has finished (a leecher's run)

Prints one JSON object per line on stdout:
  {"event": "listening", "port": N}            once, as soon as it listens
  {"event": "finished", "seconds": S, ...}     when the torrent is complete;
      seconds counts from the add, plus total_download, total_upload,
      cpu_seconds and max_rss_kib of this process
  {"event": "error", "message": "..."}         a torrent or file error
  {"event": "exit", "reason": "...", ...}      last line: "stdin closed",
      "done" or "timeout", with the same counters
It exits when stdin closes (the test's way of stopping it), when done with
--exit-when-done, or at --timeout (exit status 3).
"""

import argparse
import json
import os
import resource
import select
import sys
import time

import libtorrent as lt


def emit(document):
    sys.stdout.write(json.dumps(document, ensure_ascii=True) + "\n")
    sys.stdout.flush()


def usage_counters(handle):
    usage = resource.getrusage(resource.RUSAGE_SELF)
    status = handle.status()
    return {
        "total_download": status.total_payload_download,
        "total_upload": status.total_payload_upload,
        "progress": status.progress,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "max_rss_kib": usage.ru_maxrss,
    }


def parse_arguments():
    parser = argparse.ArgumentParser(usage=__doc__)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--torrent")
    source.add_argument("--magnet")
    parser.add_argument("--save", required=True)
    parser.add_argument("--peer", action="append", default=[])
    parser.add_argument("--seed-mode", action="store_true")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--exit-when-done", action="store_true")
    return parser.parse_args()


def make_session():
    settings = {
        "listen_interfaces": "127.0.0.1:0",
        "outgoing_interfaces": "127.0.0.1",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "enable_incoming_utp": False,
        "enable_outgoing_utp": False,
        # Every peer in a loopback test shares 127.0.0.1.
        "allow_multiple_connections_per_ip": True,
        # Loopback peers would otherwise be exempt from nothing and limited by
        # libtorrent's defaults for small swarms; let the test see full speed.
        "connections_limit": 200,
        "announce_to_all_trackers": True,
        "announce_to_all_tiers": True,
        "alert_mask": lt.alert.category_t.status_notification
        | lt.alert.category_t.error_notification
        | lt.alert.category_t.storage_notification,
    }
    return lt.session(settings)


def add(session, arguments):
    if arguments.torrent:
        params = lt.add_torrent_params()
        params.ti = lt.torrent_info(arguments.torrent)
    else:
        params = lt.parse_magnet_uri(arguments.magnet)
    params.save_path = arguments.save
    params.flags &= ~lt.torrent_flags.auto_managed
    params.flags &= ~lt.torrent_flags.paused
    if arguments.seed_mode:
        params.flags |= lt.torrent_flags.seed_mode
    handle = session.add_torrent(params)
    for peer in arguments.peer:
        host, _, port = peer.rpartition(":")
        handle.connect_peer((host.strip("[]"), int(port)))
    return handle


def main():
    arguments = parse_arguments()
    session = make_session()
    started = time.monotonic()
    deadline = started + arguments.timeout
    handle = add(session, arguments)

    port = session.listen_port()
    emit({"event": "listening", "port": port})

    finished = False
    while True:
        now = time.monotonic()
        if now >= deadline:
            emit(dict(event="exit", reason="timeout", **usage_counters(handle)))
            sys.exit(3)
        readable, _, _ = select.select([sys.stdin], [], [], 0)
        if readable and not os.read(sys.stdin.fileno(), 4096):
            emit(dict(event="exit", reason="stdin closed", **usage_counters(handle)))
            return
        session.wait_for_alert(100)
        for alert in session.pop_alerts():
            if isinstance(alert, lt.torrent_finished_alert) and not finished:
                finished = True
                emit(dict(event="finished", seconds=time.monotonic() - started, **usage_counters(handle)))
            elif isinstance(alert, (lt.file_error_alert, lt.torrent_error_alert)):
                emit({"event": "error", "message": alert.message()})
        if finished and arguments.exit_when_done:
            emit(dict(event="exit", reason="done", **usage_counters(handle)))
            return


if __name__ == "__main__":
    main()
