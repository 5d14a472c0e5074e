#!/usr/bin/env bash
# The Microsoft 365 Agents Toolkit's own check of the Teams app manifest that npm run package fills
# from manifest/ (schema and the Toolkit's validation rules; works offline). The CLI is big (~450 MB,
# about a minute to install), so it goes to a temporary folder, not into package.json. Its keytar
# dependency cannot build without network access and the CLI does not need it: --ignore-scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
ATK_VERSION=1.1.17
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
npm install --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error "@microsoft/m365agentstoolkit-cli@$ATK_VERSION"
MicrosoftAppId=00000000-0000-0000-0000-0000000000a1 BOT_DOMAIN=bot.example.com node dist/scripts/package.js
out=$("$dir/node_modules/.bin/atk" validate --manifest-file "$PWD/build/appPackage/manifest.json" --telemetry false -i false 2>&1)
echo "$out"
grep -q 'All passed' <<<"$out"
