#!/usr/bin/env bash
# Clarion against Hugo on the same synthetic site, alternating run by run,
# output on tmpfs (or WORK=DIR): benches/hugo/compare.sh [INSPECTIONS] [RUNS]
# Needs: hugo (Debian's package), python3 with PyYAML, and a release build.
set -euo pipefail
n=${1:-10000}
runs=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=${WORK:-/dev/shm/clarion-vs-hugo}  # WORK=DIR to compare on another disk
mkdir -p "$work"
[ -f "$work/src-$n/site.yaml" ] || (cd "$top" && cargo run --release --quiet --example gen -- --inspections "$n" --out "$work/src-$n")
python3 "$here/to_hugo.py" "$work/src-$n" "$work/hugo-$n"
(cd "$top" && cargo build --release --quiet --bin clarion)
echo "hugo $(hugo version | cut -d' ' -f2), $(nproc) cores, $n inspections"
for k in $(seq "$runs"); do
  rm -rf "$work/out-clarion" "$work/out-hugo"
  t0=$(date +%s.%N); "$top/target/release/clarion" --quiet build --root "$work/src-$n" --output "$work/out-clarion" >/dev/null 2>&1; t1=$(date +%s.%N)
  hugo --quiet --source "$work/hugo-$n" --destination "$work/out-hugo" >/dev/null 2>&1; t2=$(date +%s.%N)
  c=$(python3 -c "print(f'{$t1 - $t0:.2f}')"); h=$(python3 -c "print(f'{$t2 - $t1:.2f}')")
  pc=$(find "$work/out-clarion" -name '*.html' | wc -l)
  ph=$(find "$work/out-hugo" -name '*.html' | wc -l)
  echo "run $k: clarion ${c}s ($pc pages), hugo ${h}s ($ph pages), ratio $(python3 -c "print(f'{$h/$c:.2f}')")x"
done
