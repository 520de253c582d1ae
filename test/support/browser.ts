/**
 * Which Chromium the browser specs, the benches and the screenshot script drive. In this
 * order: `CHROMIUM_PATH`, a system Chromium or Chrome, then the Chromium that the optional
 * dependency `@sparticuz/chromium` ships inside its npm package, so that `npm install` and
 * `npm test` need nothing installed by hand on a fresh Linux machine.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

export interface BrowserExecutable {

  /** The Chromium binary playwright-core launches. */
  executablePath: string;

  /** Environment the binary needs beside the inherited one (fonts of the bundled build). */
  env: Record<string, string>;

  /** Where it came from, for messages. */
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}

/** Thrown when no browser can be found or unpacked; the message says what to do. */
export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
}

const ROOT_DIR = path.resolve(import.meta.dirname, '../..');

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome'
];

const BUNDLED_PACKAGE = '@sparticuz/chromium';
const HOW_TO_FIX = `run \`npm install\` (it brings ${ BUNDLED_PACKAGE }), install Chromium, or set CHROMIUM_PATH`;

/** The WebSocket endpoint of a Chromium shared by all spec files (test/support/global-setup.ts). */
export const BROWSER_ENDPOINT_ENV = 'CATALYST_BROWSER_ENDPOINT';

/** How the specs, benches and screenshot script start it. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

let found: Promise<BrowserExecutable> | null = null;

/**
 * Finds (and on first use unpacks) the browser; the answer is kept for the process.
 */
export function findBrowser(): Promise<BrowserExecutable> {
  found ||= locateBrowser(process.env);
  return found;
}

/**
 * The search itself, uncached: `CHROMIUM_PATH` in `env`, the system's, the bundled one.
 */
export async function locateBrowser(env: NodeJS.ProcessEnv): Promise<BrowserExecutable> {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) {
      throw new BrowserNotFoundError(`CHROMIUM_PATH is ${ configured }, which does not exist: ${ HOW_TO_FIX }`);
    }
    return { executablePath: configured, env: {}, source: 'CHROMIUM_PATH' };
  }

  const system = SYSTEM_CANDIDATES.find(candidate => existsSync(candidate));
  if (system) {
    return { executablePath: system, env: {}, source: 'system' };
  }

  return findBundledBrowser();
}

// ---------------------------------------------------------------------------
// @sparticuz/chromium

const LOCK_STALE_MS = 120_000;

/**
 * The Chromium inside `@sparticuz/chromium`, unpacked on first use. The package unpacks its
 * brotli archives into `os.tmpdir()`; a child process with TMPDIR set to a folder of ours
 * keeps the unpacked build per package version, away from other programs' /tmp/chromium,
 * and a lock lets parallel spec processes unpack it once.
 */
export async function findBundledBrowser(): Promise<BrowserExecutable> {
  const version = bundledVersion();
  if (!version) {
    throw new BrowserNotFoundError(`no Chromium found (CHROMIUM_PATH unset, none of ${ SYSTEM_CANDIDATES.join(', ') }, ${ BUNDLED_PACKAGE } not installed): ${ HOW_TO_FIX }`);
  }

  const folder = path.join(ROOT_DIR, 'node_modules/.cache/catalyst-chromium', version);
  const ready = path.join(folder, 'ready');
  const lock = `${ folder }.lock`;

  if (!existsSync(ready)) {
    mkdirSync(path.dirname(folder), { recursive: true });
    await acquire(lock);
    try {
      if (!existsSync(ready)) {
        rmSync(folder, { recursive: true, force: true });
        mkdirSync(folder, { recursive: true });
        const binary = await unpackInto(folder);
        writeFontConfig(folder);
        writeFileSync(ready, binary);
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }

  const executablePath = readFileSync(ready, 'utf8');
  return {
    executablePath,
    env: { FONTCONFIG_PATH: path.join(folder, 'fontconfig') },
    source: BUNDLED_PACKAGE
  };
}

/**
 * The package's own fonts.conf names /tmp/fonts; ours names the fonts it unpacked here
 * (Open Sans) and the system's, so text renders on a machine without any font package.
 */
function writeFontConfig(folder: string): void {
  const config = path.join(folder, 'fontconfig');
  mkdirSync(config, { recursive: true });
  writeFileSync(path.join(config, 'fonts.conf'), [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${ path.join(folder, 'fonts/fonts') }</dir>`,
    '  <dir>/usr/share/fonts</dir>',
    `  <cachedir>${ path.join(folder, 'fontconfig/cache') }</cachedir>`,
    '</fontconfig>',
    ''
  ].join('\n'));
}

function bundledVersion(): string | null {
  try {
    const require = createRequire(path.join(ROOT_DIR, 'package.json'));
    const manifest = path.join(path.dirname(require.resolve(BUNDLED_PACKAGE)), '../../package.json');
    return JSON.parse(readFileSync(manifest, 'utf8')).version;
  } catch {
    return null;
  }
}

async function unpackInto(folder: string): Promise<string> {
  const script = `import(${ JSON.stringify(BUNDLED_PACKAGE) }).then(m => m.default.executablePath()).then(p => process.stdout.write(p))`;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [ '--input-type=module', '-e', script ], {
      cwd: ROOT_DIR,
      env: { ...process.env, TMPDIR: folder }
    });
    return stdout.trim();
  } catch (error) {
    throw new BrowserNotFoundError(`could not unpack ${ BUNDLED_PACKAGE } into ${ folder }: ${ (error as Error).message.split('\n')[0] }; ${ HOW_TO_FIX }`);
  }
}

async function acquire(lock: string): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch {
      const age = existsSync(lock) ? Date.now() - statSync(lock).mtimeMs : 0;
      if (age > LOCK_STALE_MS) {
        rmSync(lock, { recursive: true, force: true });
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }
}
