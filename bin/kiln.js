#!/usr/bin/env node
// Runs the compiled CLI with plain node; `npm ci` builds dist/ in `prepare`.
import '../dist/cli/bin.js';
