"""Shared helpers of the interop scripts: libtorrent's view of a torrent as JSON.

Every script prints exactly one JSON document on stdout and exits 0, or
writes the reason to stderr and exits non-zero. ASCII-only JSON is printed
(non-ASCII escaped), so the output does not depend on the console encoding.
"""

import json
import os
import sys

import libtorrent as lt


def fail(message):
    sys.stderr.write(message + "\n")
    sys.exit(2)


def describe(ti):
    """libtorrent's reading of a torrent_info, as plain data."""
    fs = ti.files()
    files = []
    for i in range(fs.num_files()):
        path = fs.file_path(i)
        files.append({
            "path": path.split(os.sep),
            "size": fs.file_size(i),
            "offset": fs.file_offset(i),
            "pad": bool(fs.file_flags(i) & lt.file_storage.flag_pad_file),
        })

    trackers = [{"url": t.url, "tier": t.tier} for t in ti.trackers()]
    web_seeds = []
    for seed in ti.web_seeds():
        # The bindings return dicts; older ones returned objects.
        web_seeds.append(seed["url"] if isinstance(seed, dict) else seed.url)

    hashes = ti.info_hashes()
    if not hashes.has_v1():
        fail("libtorrent read a v2-only torrent; there is no v1 info-hash to compare.")

    return {
        # Not ti.info_hash(): for a hybrid torrent that is the truncated v2 hash.
        "info_hash": str(hashes.v1),
        "has_v2": hashes.has_v2(),
        "info_hash_v2": str(hashes.v2) if hashes.has_v2() else None,
        "name": ti.name(),
        "piece_length": ti.piece_length(),
        "num_pieces": ti.num_pieces(),
        "total_size": ti.total_size(),
        "private": ti.priv(),
        "comment": ti.comment(),
        "creator": ti.creator(),
        "files": files,
        "trackers": trackers,
        "web_seeds": web_seeds,
        "piece_hashes": [ti.hash_for_piece(i).hex() for i in range(ti.num_pieces())],
    }


def load(torrent_path):
    try:
        return lt.torrent_info(torrent_path)
    except RuntimeError as e:
        fail("libtorrent refused '%s': %s" % (torrent_path, e))


def emit(document):
    sys.stdout.write(json.dumps(document, ensure_ascii=True))
    sys.stdout.write("\n")
    sys.stdout.flush()
