#!/usr/bin/env bash
# Regenerates the committed shell completions in completions/ from the current CLI.
# A test (committed_completions_are_up_to_date) fails when they are stale.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --locked --quiet --bin kmsg
kmsg=target/debug/kmsg
"$kmsg" completions bash > completions/kmsg.bash
"$kmsg" completions zsh > completions/_kmsg
"$kmsg" completions fish > completions/kmsg.fish
"$kmsg" completions powershell > completions/_kmsg.ps1
"$kmsg" completions elvish > completions/kmsg.elv
echo "completions/ updated"
