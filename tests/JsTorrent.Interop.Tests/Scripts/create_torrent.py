"""Usage: create_torrent.py CONTENT OUTPUT PIECE_LENGTH MODE

Creates a v1 torrent of CONTENT (a file or folder) with libtorrent and writes
it to OUTPUT. MODE is 'plain' (v1 only, files in the order libtorrent lists
them, no padding), 'padded' (v1 only, libtorrent's canonical file order with
BEP 47 pad files aligning every file to a piece boundary) or 'hybrid' (a
hybrid v1/v2 torrent, BEP 52, which is always padded). Prints libtorrent's reading of the
written file (see ltjson.describe) as JSON.
"""

import os
import sys

import libtorrent as lt

import ltjson

if len(sys.argv) != 5:
    ltjson.fail(__doc__)

content, output, piece_length, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if mode == "plain":
    flags = lt.create_torrent.v1_only
elif mode == "padded":
    # In libtorrent 2.0 a v1-only torrent gets pad files only with canonical_files
    # (optimize_alignment is a no-op there).
    flags = lt.create_torrent.v1_only | lt.create_torrent.canonical_files
elif mode == "hybrid":
    flags = 0
else:
    ltjson.fail("MODE must be 'plain', 'padded' or 'hybrid', not '%s'." % mode)

content = os.path.abspath(content)
fs = lt.file_storage()
lt.add_files(fs, content)
if fs.num_files() == 0:
    ltjson.fail("libtorrent found no files in '%s'." % content)

t = lt.create_torrent(fs, piece_length, flags=flags)
t.set_creator("libtorrent " + lt.__version__)
# set_piece_hashes resolves file paths (which start with the torrent name) against the parent.
lt.set_piece_hashes(t, os.path.dirname(content))
with open(output, "wb") as f:
    f.write(lt.bencode(t.generate()))

ltjson.emit(ltjson.describe(ltjson.load(output)))
