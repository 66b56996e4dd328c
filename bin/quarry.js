#!/usr/bin/env node
'use strict';
// The compiled CLI lives in dist/ (built by `npm install` through the prepare script).
const path = require('node:path');
const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
try {
  require.resolve(entry);
} catch {
  console.error('quarry: the CLI is not built yet. Run `npm install` (or `npm run build`) first.');
  process.exit(1);
}
require(entry);
