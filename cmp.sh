#!/bin/bash
# usage: cmp.sh range|page secs rounds variantA variantB ...
kind=$1; secs=$2; rounds=$3; shift 3
if [ $kind = range ]; then p=/s/audio/01-ep-0123abcd.mp3; r=1; else p=/s/ep/index.html; r=0; fi
spec="["; sep=""
for v in "$@"; do spec="$spec$sep{\"name\":\"$v\",\"args\":[\"/tmp/perf/$v/serve/serve-main.js\",\"/tmp/perf/site\",\"0\"]}"; sep=","; done
spec="$spec]"
node /tmp/perf/load.mjs $secs $rounds $p $r "$spec"
