#!/usr/bin/env node
// Starts s3rver (a real S3-compatible server) on 127.0.0.1 for the S3 blob store tests.
//   node start.js --port <port> --directory <folder> [--exit-with-stdin]
// Prints one line "s3rver listening on 127.0.0.1:<port>" when ready; stops on SIGTERM/SIGINT, and with
// --exit-with-stdin also when its stdin closes (the tests pipe it, so it never outlives the test process that
// started it, even one that was killed). Credentials are s3rver's fixed S3RVER / S3RVER.
'use strict';

const S3rver = require('s3rver');

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) {
    console.error(`usage: node start.js --port <port> --directory <folder> (missing --${name})`);
    process.exit(2);
  }
  return process.argv[i + 1];
}

const port = Number(arg('port'));
const directory = arg('directory');
const server = new S3rver({ address: '127.0.0.1', port, directory, silent: true, vhostBuckets: false });

server.run().then(
  ({ address, port: bound }) => {
    console.log(`s3rver listening on ${address}:${bound}`);
  },
  (err) => {
    console.error(`s3rver failed to start: ${err.message}`);
    process.exit(1);
  },
);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (process.argv.includes('--exit-with-stdin')) {
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}
