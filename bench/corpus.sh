#!/usr/bin/env bash
# Vendors the pinned corpus of real-world async crates (../shared/corpus: 29 direct
# dependencies, 489 packages, about 14 800 .rs files, 224 MB) into bench/corpus/vendor,
# which git ignores. Needs network access to crates.io; takes a few minutes the first time.
#
#   bash bench/corpus.sh            # vendor (skipped when already done)
#   bash bench/corpus.sh --force    # vendor again
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
manifest="${FUTURELENS_CORPUS_MANIFEST:-$here/../../shared/corpus}"
dest="$here/corpus"
if [ ! -f "$manifest/Cargo.toml" ]; then
    echo "error: no corpus manifest at $manifest (set FUTURELENS_CORPUS_MANIFEST)" >&2
    exit 1
fi
if [ -d "$dest/vendor" ] && [ "${1:-}" != "--force" ]; then
    echo "corpus already vendored in $dest/vendor ($(find "$dest/vendor" -name '*.rs' | wc -l) .rs files)"
    exit 0
fi
rm -rf "$dest"
mkdir -p "$dest/manifest"
cp -r "$manifest/." "$dest/manifest/"
chmod -R u+w "$dest/manifest"
(cd "$dest/manifest" && cargo vendor --locked --versioned-dirs "$dest/vendor" >/dev/null)
echo "vendored $(find "$dest/vendor" -name '*.rs' | wc -l) .rs files into $dest/vendor"
