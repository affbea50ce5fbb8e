#!/bin/sh
# SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
# SPDX-License-Identifier: Apache-2.0
# Renders the committed PNG icon sizes from the SVG. The PNGs are committed so that building needs no
# SVG renderer; run this once after changing the SVG (needs rsvg-convert: apt-get install librsvg2-bin).
set -eu
cd "$(dirname "$0")"
APP_ID=io.github.smtpauthconsole.SmtpAuthConsole
for size in 16 24 32 48 64 128 256; do
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert --width "$size" --height "$size" --format png \
    --output "hicolor/${size}x${size}/apps/$APP_ID.png" "$APP_ID.svg"
done
