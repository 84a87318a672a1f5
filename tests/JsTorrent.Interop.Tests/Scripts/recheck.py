"""Usage: recheck.py TORRENT SAVE_PATH TIMEOUT_SECONDS

Adds TORRENT to an isolated libtorrent session (loopback only; no DHT, LSD,
UPnP or NAT-PMP) with its data expected under SAVE_PATH, lets libtorrent
hash-check every piece against the data on disk, and prints JSON:
{"state", "progress", "num_pieces", "have": [indexes of pieces that passed],
"missing": [indexes that failed], "errors": [...]}. Exits non-zero if the
check does not finish within TIMEOUT_SECONDS.
"""

import sys
import time

import libtorrent as lt

import ltjson

if len(sys.argv) != 4:
    ltjson.fail(__doc__)

torrent, save_path, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
ti = ltjson.load(torrent)

settings = {
    "listen_interfaces": "127.0.0.1:0",
    "outgoing_interfaces": "127.0.0.1",
    "enable_dht": False,
    "enable_lsd": False,
    "enable_upnp": False,
    "enable_natpmp": False,
    "alert_mask": lt.alert.category_t.status_notification
    | lt.alert.category_t.error_notification
    | lt.alert.category_t.storage_notification,
}
session = lt.session(settings)

params = lt.add_torrent_params()
params.ti = ti
params.save_path = save_path
# Not auto-managed, so the session's queue cannot hold the check back; no
# seed_mode, so libtorrent must read and hash every piece.
params.flags &= ~lt.torrent_flags.auto_managed
params.flags &= ~lt.torrent_flags.paused
params.flags &= ~lt.torrent_flags.seed_mode
handle = session.add_torrent(params)

errors = []
checked = False
deadline = time.monotonic() + timeout
while not checked:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        status = handle.status()
        ltjson.fail("libtorrent did not finish checking within %.0f s (state %s, progress %.3f, errors %s)."
                    % (timeout, status.state, status.progress, errors))
    session.wait_for_alert(int(min(remaining, 0.5) * 1000) + 1)
    for alert in session.pop_alerts():
        if isinstance(alert, lt.torrent_checked_alert):
            checked = True
        elif isinstance(alert, (lt.file_error_alert, lt.torrent_error_alert, lt.hash_failed_alert)):
            errors.append(alert.message())

status = handle.status()
pieces = list(status.pieces)
ltjson.emit({
    "state": str(status.state),
    "progress": status.progress,
    "num_pieces": ti.num_pieces(),
    "have": [i for i, have in enumerate(pieces) if have],
    "missing": [i for i, have in enumerate(pieces) if not have],
    "errors": errors,
})
