'use strict';
// A worker thread that runs functions of the project's TypeScript sources on request, compiled on
// the fly with the same swc settings as Jest. Tests of hostile input run there so that a function
// gone quadratic blocks this thread, not the test's: Jest's timeout can then fail the test.
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const swcrc = JSON.parse(readFileSync(join(__dirname, '..', '..', '.swcrc'), 'utf8'));
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcrc, filename });
  module._compile(code, filename);
};

parentPort.on('message', ({ id, modulePath, exportName, args }) => {
  Promise.resolve()
    .then(() => require(modulePath)[exportName](...args))
    .then(
      (value) => parentPort.postMessage({ id, ok: true, value }),
      (err) =>
        parentPort.postMessage({
          id,
          ok: false,
          name: err instanceof Error ? err.name : 'Error',
          message: err instanceof Error ? err.message : String(err),
        }),
    );
});
