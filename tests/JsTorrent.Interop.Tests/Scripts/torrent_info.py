"""Usage: torrent_info.py TORRENT

Prints libtorrent's reading of TORRENT (see ltjson.describe) as JSON.
"""

import sys

import ltjson

if len(sys.argv) != 2:
    ltjson.fail(__doc__)

ltjson.emit(ltjson.describe(ltjson.load(sys.argv[1])))
