#!/bin/sh
# One-shot setup of Temporal for Quarry, run by the `temporal-setup` service (temporalio/admin-tools)
# on every `docker compose up`. Idempotent: it creates the namespace and registers the search
# attributes only when they are missing, so a rerun changes nothing.
#
# Environment (set in docker-compose.yml):
#   TEMPORAL_ADDRESS     host:port of the Temporal frontend
#   TEMPORAL_NAMESPACE   the namespace Quarry uses
#   TEMPORAL_RETENTION   how long closed workflows are kept (used only when creating the namespace)
#   SEARCH_ATTRIBUTES    whitespace-separated Name=Type pairs (Keyword, Text, ...)
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS must be set}"
: "${TEMPORAL_NAMESPACE:?TEMPORAL_NAMESPACE must be set}"
: "${SEARCH_ATTRIBUTES:?SEARCH_ATTRIBUTES must be set}"
RETENTION="${TEMPORAL_RETENTION:-30d}"
ATTEMPTS="${SETUP_ATTEMPTS:-60}"
DELAY="${SETUP_DELAY_SECONDS:-2}"

say() { echo "temporal-setup: $*"; }

# Runs "$@" until it succeeds, at most $ATTEMPTS times.
retry() {
  what="$1"
  shift
  n=1
  until "$@" >/dev/null 2>&1; do
    if [ "$n" -ge "$ATTEMPTS" ]; then
      say "gave up: $what"
      "$@" || true # show the last error
      exit 1
    fi
    n=$((n + 1))
    sleep "$DELAY"
  done
}

cluster_serving() {
  temporal operator cluster health --address "$TEMPORAL_ADDRESS" | grep -q SERVING
}

namespace_exists() {
  temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE"
}

list_attributes() {
  temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE"
}

# Names are matched as whole words in the list's table output.
has_attribute() {
  list_attributes 2>/dev/null | grep -qw -- "$1"
}

# Succeeds when the attribute is there, whether this call or an earlier timed-out one added it.
ensure_attribute() {
  has_attribute "$1" || temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" \
    --namespace "$TEMPORAL_NAMESPACE" --name "$1" --type "$2"
}

for pair in $SEARCH_ATTRIBUTES; do
  case "$pair" in
    ?*=?*) ;;
    *)
      say "bad SEARCH_ATTRIBUTES entry '$pair' (expected Name=Type)"
      exit 1
      ;;
  esac
done

say "waiting for Temporal at $TEMPORAL_ADDRESS"
retry "Temporal did not report SERVING" cluster_serving

if namespace_exists >/dev/null 2>&1; then
  say "namespace $TEMPORAL_NAMESPACE exists"
else
  say "creating namespace $TEMPORAL_NAMESPACE (retention $RETENTION)"
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" \
    --namespace "$TEMPORAL_NAMESPACE" --retention "$RETENTION" \
    --description "Quarry research agents"
fi

# A new namespace reaches every frontend cache after a few seconds.
retry "namespace $TEMPORAL_NAMESPACE did not become usable" list_attributes

for pair in $SEARCH_ATTRIBUTES; do
  name="${pair%%=*}"
  type="${pair#*=}"
  if has_attribute "$name"; then
    say "search attribute $name exists"
  else
    say "registering search attribute $name ($type)"
    retry "could not register $name" ensure_attribute "$name" "$type"
  fi
done

for pair in $SEARCH_ATTRIBUTES; do
  retry "search attribute ${pair%%=*} is not listed" has_attribute "${pair%%=*}"
done
say "ready: namespace $TEMPORAL_NAMESPACE with $(echo "$SEARCH_ATTRIBUTES" | wc -w | tr -d ' ') search attributes"
