#!/bin/sh
# Create a local git repository holding the module in module-src/, tag it v1.0.0,
# and write main.tf calling it through a git:: source.
#
# Usage: ./setup.sh [REPOSITORY_DIR]   (default: ./module-repo beside this script)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=${1:-"$here/module-repo"}
case "$repo" in /*) ;; *) repo="$(pwd)/$repo" ;; esac

rm -rf "$repo"
mkdir -p "$repo"
cp -R "$here/module-src/." "$repo/"
git -C "$repo" init --quiet
git -C "$repo" add .
git -C "$repo" -c user.name=example -c user.email=example@example.invalid \
    commit --quiet -m "greeting module"
git -C "$repo" tag v1.0.0

sed "s|@REPO@|$repo|g" "$here/main.tf.template" > "$here/main.tf"
echo "module repository: $repo (tag v1.0.0)"
echo "wrote $here/main.tf; now run: hclrun init && hclrun validate"
