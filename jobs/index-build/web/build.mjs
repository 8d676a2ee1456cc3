// Bundles src/map.js (with OpenLayers, proj4 and their CSS) into content-hashed files in the folder given as the
// first argument, with the licences of every bundled package, and lists the files in assets.txt there.
import * as esbuild from 'esbuild';
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createHash} from 'node:crypto';
import path from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUTPUT_DIR');
  process.exit(2);
}
rmSync(out, {recursive: true, force: true});
mkdirSync(out, {recursive: true});

const result = await esbuild.build({
  entryPoints: ['src/map.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  outdir: out,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});

// the licences of the packages whose code is in the bundle
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) {
    packages.add(m[1]);
  }
}
let licences = 'Third-party code bundled into map.js, with its licences.\n';
for (const name of [...packages].sort()) {
  const dir = path.join('node_modules', name);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  licences += `\n==== ${name} ${pkg.version} (${pkg.license || 'see below'}) ====\n`;
  licences += file ? readFileSync(path.join(dir, file), 'utf8') : '(no licence file in the package)\n';
}
const hash = createHash('sha256').update(licences).digest('hex').slice(0, 8).toUpperCase();
writeFileSync(path.join(out, `licenses-${hash}.txt`), licences);

const files = readdirSync(out).filter((f) => f !== 'assets.txt').sort();
if (!files.some((f) => f.endsWith('.js')) || !existsSync(path.join(out, files[0]))) {
  console.error('build.mjs: esbuild wrote no script');
  process.exit(1);
}
writeFileSync(path.join(out, 'assets.txt'), files.join('\n') + '\n');
