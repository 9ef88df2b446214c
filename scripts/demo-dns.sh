#!/usr/bin/env bash
# Plays the customer's DNS host for the demo: serves one TXT record on 127.0.0.1:5353 with dnsmasq.
# Usage: scripts/demo-dns.sh _gatehouse-challenge.acme.test gatehouse-domain-verification=...
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 RECORD_NAME RECORD_VALUE" >&2; exit 2; }
command -v dnsmasq >/dev/null || [ -x /usr/sbin/dnsmasq ] || { echo "install dnsmasq: sudo apt-get install dnsmasq-base" >&2; exit 1; }
echo "Serving TXT $1 = $2 on 127.0.0.1:5353 (Ctrl-C stops)"
exec /usr/sbin/dnsmasq --keep-in-foreground --log-facility=- --port=5353 --listen-address=127.0.0.1 \
  --bind-interfaces --no-resolv --no-hosts --conf-file=/dev/null --pid-file= --user="$(id -un)" \
  --txt-record="$1,$2"
