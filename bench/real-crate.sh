#!/usr/bin/env bash
# `cargo futurelens` on a published async crate no one here wrote: fetches its source from
# crates.io into a temporary directory (through cargo, so no other network access), builds the
# tool, and prints how many of the futures rustc lays out were paired with their source.
#
#   bash bench/real-crate.sh [CRATE VERSION]     (default: mini-redis 0.4.1, Tokio's example server)
set -euo pipefail
cd "$(dirname "$0")/.."
crate="${1:-mini-redis}"
version="${2:-0.4.1}"

cargo build --release -q -p cargo-futurelens
tool="$PWD/target/release/cargo-futurelens"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A throwaway package depending on the crate makes cargo download and unpack its source.
mkdir -p "$work/fetch/src"
printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n%s = "=%s"\n\n[workspace]\n' \
    "$crate" "$version" > "$work/fetch/Cargo.toml"
touch "$work/fetch/src/lib.rs"
(cd "$work/fetch" && cargo fetch -q)
src="$(find "${CARGO_HOME:-$HOME/.cargo}/registry/src" -maxdepth 2 -type d -name "$crate-$version" | head -1)"
[ -n "$src" ] || { echo "error: $crate $version was not unpacked" >&2; exit 1; }
cp -r "$src" "$work/$crate"
cd "$work/$crate"
# A published crate is not part of any workspace of ours.
grep -q '^\[workspace\]' Cargo.toml || printf '\n[workspace]\n' >> Cargo.toml

echo "== $crate $version: cargo futurelens --all-targets (first build: the whole dependency tree)" >&2
"$tool" futurelens --all-targets -q --format json -o "$work/report.json" 2>"$work/stderr.txt" || true
grep -E '^[a-z_-]+ \((lib|bin|example|test)' "$work/stderr.txt" || cat "$work/stderr.txt"
python3 - "$work/report.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
local = sum(t["rustc_futures"] or 0 for t in doc["targets"])
paired = sum(t["paired"] or 0 for t in doc["targets"])
deps = sum(t["dependency_futures"] or 0 for t in doc["targets"])
files = sum(len(t["files"]) for t in doc["targets"])
sized = sum(1 for f in doc["futures"] if f["size_source"] == "rustc")
print(f"targets {len(doc['targets'])}, files {files}: rustc laid out {local} of the crate's futures, "
      f"{paired} paired with their source ({100 * paired / max(local, 1):.1f}%), {deps} of dependencies; "
      f"{sized} futures listed with rustc's sizes")
for t in doc["targets"]:
    for name in t["unpaired"]:
        print(f"  not paired ({t['package']} {t['kind']} {t['name']}): {name}")
top = doc["futures"][:3]
for f in top:
    print(f"  {f['name']} {f['size']} B  {f['why'][:140]}")
PY
