#!/usr/bin/env bash
# Installs what the end-to-end suite needs, once. Idempotent: when everything is there it
# only checks and returns (well under a second). Everything but the Debian packages goes
# under .e2e/ in the project (ignored by git), never into the project's own dependencies.
#
#   Debian:      chromium; fonts-wqy-microhei and fonts-noto-cjk (CJK glyphs; Noto Sans Mono
#                CJK draws CJK exactly twice as wide as Latin, so tables align on screen);
#                neovim (0.7); libkrb5-dev and ripgrep (code-server's install)
#                libreoffice-writer, libreoffice-calc and poppler-utils (the PDF-text test:
#                every amount whole in the printed page)
#   .e2e/code-server/   code-server 4.100.3 (VS Code 1.100.3; the newest that runs on Node 20)
#   .e2e/langpack/      a stub zh-cn language pack (.vsix) so the extension's
#                       package.nls.zh-cn.json applies under --locale zh-cn
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
E2E="$ROOT/.e2e"
CODE_SERVER_VERSION=4.100.3
mkdir -p "$E2E"
t0=$(date +%s)
log() { echo "[e2e setup] $*"; }

# --- Debian packages -------------------------------------------------------------------
APT_PKGS=(chromium fonts-wqy-microhei fonts-noto-cjk neovim libkrb5-dev ripgrep libreoffice-writer libreoffice-calc poppler-utils)
missing=()
for p in "${APT_PKGS[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- code-server, in a folder of its own -----------------------------------------------
CS_DIR="$E2E/code-server"
CS_BIN="$CS_DIR/node_modules/code-server/out/node/entry.js"
CS_STAMP="$CS_DIR/.installed-$CODE_SERVER_VERSION"
if [ ! -f "$CS_STAMP" ] || [ ! -f "$CS_BIN" ]; then
  log "installing code-server $CODE_SERVER_VERSION into .e2e/code-server (about a minute)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  echo '{ "name": "e2e-code-server", "private": true }' > "$CS_DIR/package.json"
  # Its ripgrep post-install step would download this archive; hand it Debian's rg instead.
  RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  RG_TGZ="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -s "$RG_TGZ" ]; then
    mkdir -p "$RG_CACHE"
    tar -czf "$RG_TGZ" -C "$(dirname "$(command -v rg)")" rg
  fi
  # unsafe_perm: lifecycle scripts run as root; yes: node-pty's postinstall runs `npx node-gyp`
  # and the machine's npm config says yes=false.
  ( cd "$CS_DIR" &&
    npm_config_unsafe_perm=true npm_config_yes=true \
      npm install --no-audit --no-fund --no-save --loglevel=error \
        "code-server@$CODE_SERVER_VERSION" )
  touch "$CS_STAMP"
fi

# --- stub zh-cn language pack ----------------------------------------------------------
# VS Code only switches to a display language that an installed extension contributes under
# `localizations`. The stub contributes zh-cn with an empty translation file: VS Code's own
# strings stay English, but vscode.env.language becomes 'zh-cn' and the extension's
# package.nls.zh-cn.json and l10n bundle apply.
LP_DIR="$E2E/langpack"
LP_VSIX="$LP_DIR/notice-e2e.zh-cn-stub-1.0.0.vsix"
if [ ! -s "$LP_VSIX" ]; then
  log "building the stub zh-cn language pack"
  rm -rf "$LP_DIR"; mkdir -p "$LP_DIR/src/extension/translations"
  cat > "$LP_DIR/src/extension/package.json" <<'JSON'
{
  "name": "zh-cn-stub",
  "displayName": "zh-cn stub language pack (e2e tests only)",
  "publisher": "notice-e2e",
  "version": "1.0.0",
  "license": "MIT",
  "engines": { "vscode": "^1.90.0" },
  "categories": ["Language Packs"],
  "contributes": {
    "localizations": [
      {
        "languageId": "zh-cn",
        "languageName": "Chinese (Simplified)",
        "localizedLanguageName": "中文(简体)",
        "translations": [{ "id": "vscode", "path": "./translations/main.i18n.json" }]
      }
    ]
  }
}
JSON
  echo '{ "version": "1.0.0", "contents": {} }' > "$LP_DIR/src/extension/translations/main.i18n.json"
  cat > "$LP_DIR/src/extension.vsixmanifest" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011" xmlns:d="http://schemas.microsoft.com/developer/vsx-schema-design/2011">
  <Metadata>
    <Identity Language="en-US" Id="zh-cn-stub" Version="1.0.0" Publisher="notice-e2e" />
    <DisplayName>zh-cn stub language pack</DisplayName>
    <Description xml:space="preserve">e2e tests only</Description>
    <Categories>Language Packs</Categories>
    <Properties>
      <Property Id="Microsoft.VisualStudio.Code.Engine" Value="^1.90.0" />
      <Property Id="Microsoft.VisualStudio.Code.LocalizedLanguages" Value="zh-cn" />
    </Properties>
  </Metadata>
  <Installation><InstallationTarget Id="Microsoft.VisualStudio.Code"/></Installation>
  <Dependencies/>
  <Assets>
    <Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true" />
  </Assets>
</PackageManifest>
XML
  cat > "$LP_DIR/src/[Content_Types].xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension=".json" ContentType="application/json"/><Default Extension=".vsixmanifest" ContentType="text/xml"/></Types>
XML
  ( cd "$LP_DIR/src" && zip -q -r -X "$LP_VSIX" '[Content_Types].xml' extension.vsixmanifest extension )
fi

log "ready ($(( $(date +%s) - t0 )) s): chromium $(chromium --version 2>/dev/null | awk '{print $2}'), $(nvim --version | head -1), code-server $(node -p "require('$CS_DIR/node_modules/code-server/package.json').version")"
